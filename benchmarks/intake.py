"""Open311 intake end to end over HTTP: POST with and without a 3 MB photo, and the
sustained rate without photos, against ``sigap serve`` (gunicorn) on this machine.

    python benchmarks/intake.py [--complaints 20000] [--seconds 10] [--clients 16]

Targets (issue #4): with a 3 MB photo median ≤ 150 ms; without ≤ 20 ms; sustained
≥ 200 reports/s without photos on 2 cores.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import threading
import time
import urllib.parse
import uuid

from common import bench_settings, sigap_server

from api.app import REQUEST_THREADS  # noqa: E402
from gis.db import get_engine  # noqa: E402
from layers.accounts import create_api_key  # noqa: E402
from layers.demo import generate_demo  # noqa: E402
from tests.images import phone_jpeg  # noqa: E402

CATEGORIES = (
    "jalan_berlubang",
    "lampu_jalan_mati",
    "kebersihan",
    "drainase",
    "fasilitas_umum",
    "ketertiban_umum",
)


def _points(settings, n: int) -> list[tuple[float, float]]:
    with get_engine(settings).connect() as conn:
        return [
            tuple(p)
            for p in conn.exec_driver_sql(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT (ST_Dump(ST_GeneratePoints("
                f"ST_Buffer(geom::geography, -30)::geometry, {n}, 7))).geom AS g"
                " FROM kota) p"
            ).all()
        ]


def _form(key: str, point: tuple[float, float], rng: random.Random) -> dict:
    return {
        "api_key": key,
        "service_code": rng.choice(CATEGORIES),
        "long": f"{point[0]:.7f}",
        "lat": f"{point[1]:.7f}",
        "description": "Laporan uji beban",
        "phone": "081200000000",
    }


def _multipart(fields: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
        f"{v}\r\n".encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="media";'
        ' filename="IMG_0001.JPG"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _post(conn: http.client.HTTPConnection, body: bytes, kind: str) -> float:
    start = time.perf_counter()
    conn.request(
        "POST", "/open311/v2/requests.json", body=body, headers={"Content-Type": kind}
    )
    response = conn.getresponse()
    payload = response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise RuntimeError(f"{response.status}: {payload[:300]!r}")
    return elapsed


def _report(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    print(
        f"{label:<34} n={len(ms):>5}  median {statistics.median(ms):7.1f} ms"
        f"  p95 {ms[int(len(ms) * 0.95) - 1]:7.1f} ms"
    )


def _sustained(
    port: int, bodies: list[bytes], seconds: float, clients: int
) -> tuple[int, int]:
    done, failed = [0] * clients, [0] * clients
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = index
        while time.perf_counter() < stop:
            try:
                _post(
                    conn, bodies[i % len(bodies)], "application/x-www-form-urlencoded"
                )
                done[index] += 1
            except (RuntimeError, OSError, http.client.HTTPException):
                failed[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            i += clients
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done), sum(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    settings = bench_settings("bench_intake")
    with get_engine(settings).begin() as conn:
        generate_demo(conn, settings, complaints=args.complaints, seed=2026)
        key = create_api_key(conn, "benchmark")
    points = _points(settings, 20_000)
    rng = random.Random(1)
    with sigap_server(settings, args.workers) as base:
        port = int(base.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        print(
            f"demo city with {args.complaints:,} complaints; sigap serve,"
            f" {args.workers} processes × {REQUEST_THREADS} request threads;"
            f" {os.cpu_count()} cores"
        )
        forms = [urllib.parse.urlencode(_form(key, p, rng)).encode() for p in points]
        for body in forms[:20]:  # warm-up: connections, caches
            _post(conn, body, "application/x-www-form-urlencoded")
        _report(
            "POST without photo",
            [
                _post(conn, body, "application/x-www-form-urlencoded")
                for body in forms[20:520]
            ],
        )
        photo = phone_jpeg(3.0)
        print(f"photo: {len(photo) / 1e6:.2f} MB JPEG, 4000×3000")
        # making the photo took longer than the server keeps an idle connection
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        photo_posts = []
        for point in points[600:640]:
            body, kind = _multipart(_form(key, point, rng), photo)
            photo_posts.append(_post(conn, body, kind))
        _report("POST with 3 MB photo", photo_posts)
        conn.close()
        done, failed = _sustained(port, forms[1000:], args.seconds, args.clients)
        print(
            f"sustained without photos ({args.clients} clients,"
            f" {args.seconds:.0f} s): {done / args.seconds:7.1f} reports/s,"
            f" {failed} failed"
        )


if __name__ == "__main__":
    main()
