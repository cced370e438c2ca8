"""Live event streams against request capacity: ``/health`` and a map tile with no
stream open and with 500 open (idle wall screens), side by side, and how long one
new report takes to reach all 500 streams.

    python benchmarks/streams.py [--streams 500] [--requests 60]

Target (hardening issue): with 500 streams open, ``/health`` and a tile stay under
100 ms.
"""

from __future__ import annotations

import argparse
import resource
import selectors
import socket
import statistics
import time
from urllib.parse import urlsplit

import requests
import sqlalchemy as sa
from common import bench_settings, sigap_server

from gis.db import get_engine  # noqa: E402
from gis.timeutil import now  # noqa: E402
from layers.complaints import create_complaint  # noqa: E402
from layers.demo import generate_demo  # noqa: E402

TILE = (
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=kelurahan,complaints"
    "&STYLES=&CRS=EPSG:3857&WIDTH=256&HEIGHT=256&FORMAT=image/png&BBOX="
)


def _timings(base: str, requests_each: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"health": [], "tile": []}
    session = requests.Session()
    for i in range(requests_each):
        for name, path in (
            ("health", "/health"),
            # a new box each time: rendered, not answered from the cache
            (
                "tile",
                TILE + f"{13750000 + i * 200},-1150000,{13752000 + i * 200},-1148000",
            ),
        ):
            started = time.perf_counter()
            assert session.get(base + path, timeout=30).status_code == 200
            found[name].append((time.perf_counter() - started) * 1000)
    return found


def _open_streams(base: str, n: int) -> list[socket.socket]:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    streams = []
    for _ in range(n):
        s = socket.create_connection((host, port), timeout=30)
        s.sendall(b"GET /api/events HTTP/1.1\r\nHost: sigap\r\n\r\n")
        streams.append(s)
    for s in streams:
        greeting = b""
        while b": connected" not in greeting:
            greeting += s.recv(4096)
    return streams


def _fan_out(streams: list[socket.socket], ticket: bytes, posted: float) -> list:
    selector = selectors.DefaultSelector()
    for s in streams:
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ, bytearray())
    arrived, deadline = [], time.perf_counter() + 30
    while len(arrived) < len(streams) and time.perf_counter() < deadline:
        for key, _ in selector.select(timeout=1):
            key.data.extend(key.fileobj.recv(65536))
            if ticket in key.data:
                arrived.append((time.perf_counter() - posted) * 1000)
                selector.unregister(key.fileobj)
    return arrived


def _line(name: str, quiet: list[float], busy: list[float]) -> str:
    q, b = statistics.median(quiet), statistics.median(busy)
    p95 = sorted(busy)[int(0.95 * (len(busy) - 1))]
    return (
        f"{name:<8} median {q:6.1f} ms with no stream, {b:6.1f} ms with the streams"
        f" open (x{b / q:.2f}; p95 {p95:.1f} ms)  [target < 100 ms]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 4096), hard))
    settings = bench_settings("streams")
    with get_engine(settings).begin() as conn:
        generate_demo(conn, settings, complaints=5000, seed=2026)
    with sigap_server(settings) as base:
        _timings(base, 5)  # warm the renderers
        quiet = _timings(base, args.requests)
        streams = _open_streams(base, args.streams)
        try:
            busy = _timings(base, args.requests)
            with get_engine(settings).begin() as conn:
                ticket = create_complaint(
                    conn,
                    category_code="kebersihan",
                    lon=123.6,
                    lat=-10.17,
                    reported_at=now(),
                ).ticket
                conn.execute(sa.text("SELECT pg_notify('sigap_changes', '{}')"))
            posted = time.perf_counter()
            arrived = _fan_out(streams, ticket.encode(), posted)
        finally:
            for s in streams:
                s.close()
    print(f"{args.streams} open event streams, 2 server processes:")
    print(_line("/health", quiet["health"], busy["health"]))
    print(_line("tile", quiet["tile"], busy["tile"]))
    print(
        f"one new report reached {len(arrived)} of {args.streams} streams:"
        f" median {statistics.median(arrived):.0f} ms, last {max(arrived):.0f} ms"
    )


if __name__ == "__main__":
    main()
