"""``sigap serve`` as a server: open streams, unread bodies, a lost database and a
second instance do not take it down."""

from __future__ import annotations

import http.client
import socket
import time
from contextlib import ExitStack
from urllib.parse import urlsplit

import requests
import sqlalchemy as sa

from gis.config import database_name
from gis.db import get_engine
from tests.api.conftest import serving

CITY_MAP = (
    "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=kelurahan,complaints"
    "&STYLES=&CRS=EPSG:3857&BBOX=13748500,-1152500,13770500,-1128500"
    "&WIDTH=256&HEIGHT=256&FORMAT=image/png"
)


def _address(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    return parts.hostname, parts.port


def _open_stream(base: str) -> socket.socket:
    """An event stream held open like a wall screen's, read up to its greeting."""
    connection = socket.create_connection(_address(base), timeout=10)
    connection.sendall(b"GET /api/events HTTP/1.1\r\nHost: sigap\r\n\r\n")
    greeting = b""
    while b": connected" not in greeting:
        greeting += connection.recv(4096)
    assert greeting.startswith(b"HTTP/1.1 200")
    return connection


def _drop_connections(settings) -> int:
    """What a database restart does to the server's connections."""
    with get_engine(settings).connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": database_name(settings.database_url)},
        ).scalar_one()


def test_a_hundred_open_event_streams_leave_health_and_maps_answering(
    demo_server,
):
    with ExitStack() as streams:
        for _ in range(100):  # three times the server's request threads
            streams.callback(_open_stream(demo_server).close)
        started = time.perf_counter()
        health = requests.get(demo_server + "/health", timeout=5)
        picture = requests.get(demo_server + CITY_MAP + "&x=streams", timeout=10)
        assert health.status_code == 200 and picture.status_code == 200
        assert picture.headers["Content-Type"] == "image/png"
        assert time.perf_counter() - started < 10  # answered, not queued for ever


def test_a_body_left_unread_before_a_refusal_does_not_break_the_connection(server):
    connection = http.client.HTTPConnection(*_address(server), timeout=10)
    form = b"username=x&password=" + b"y" * 150_000
    for path in ("/api/staff/queue", "/login", "/open311/v2/requests.json"):
        connection.request(
            "POST",
            path,
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        refused = connection.getresponse()
        refused.read()
        assert 400 <= refused.status < 500, path
        connection.request("GET", "/health")
        after = connection.getresponse()
        assert (after.status, after.read()) == (200, b'{"status":"ok"}\n'), path


def test_the_server_does_not_announce_its_software(server):
    assert "Server" not in requests.get(server + "/health", timeout=5).headers


def test_each_server_has_its_own_control_socket(committed):
    run = committed.var_dir / "run"
    with serving(committed) as first:
        with serving(committed) as second:
            ports = [_address(base)[1] for base in (first, second)]
            sockets = {p.name for p in run.glob("gunicorn-*.ctl")}
            assert {f"gunicorn-{port}.ctl" for port in ports} <= sockets
        time.sleep(0.5)  # the second one has stopped
        assert (run / f"gunicorn-{ports[0]}.ctl").exists()
        assert not (run / f"gunicorn-{ports[1]}.ctl").exists()
        assert requests.get(first + "/health", timeout=5).status_code == 200


def test_maps_and_live_streams_recover_when_the_database_drops_its_connections(
    demo_city, demo_server
):
    for i in range(8):  # fill the renderers' connection pools
        assert requests.get(f"{demo_server}{CITY_MAP}&x=warm{i}", timeout=20).ok
    stream = _open_stream(demo_server)
    try:
        assert _drop_connections(demo_city) > 0
        answers = [
            requests.get(f"{demo_server}{CITY_MAP}&x=after{i}", timeout=20)
            for i in range(8)
        ]
        assert [a.status_code for a in answers] == [200] * 8
        # the stream's listener reconnects and delivers what happens next
        from layers.complaints import create_complaint
        from tests.api.conftest import SPOT
        from tests.conftest import NOW

        with get_engine(demo_city).begin() as conn:
            ticket = create_complaint(
                conn,
                category_code="fasilitas_umum",
                lon=SPOT[0] - 0.003,
                lat=SPOT[1],
                reported_at=NOW,
            ).ticket
            conn.execute(sa.text("SELECT pg_notify('sigap_changes', '{}')"))
        seen, deadline = b"", time.monotonic() + 30
        while ticket.encode() not in seen and time.monotonic() < deadline:
            seen += stream.recv(65536)
        assert ticket.encode() in seen
    finally:
        stream.close()


def test_the_server_logs_each_request_once_with_its_id(server, committed):
    answer = requests.get(
        server + "/api/feeds/nope", headers={"X-Request-Id": "e2e-404"}, timeout=5
    )
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"
    assert answer.headers["X-Request-Id"] == "e2e-404"
    log = committed.var_dir / f"server-{_address(server)[1]}.log"
    deadline = time.monotonic() + 5
    while "request_id=e2e-404" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line for line in log.read_text().splitlines() if "nope" in line]
    assert len(lines) == 1, lines  # ours, and no second access log line
    assert "INFO sigap.request method=GET path=/api/feeds/nope status=404" in lines[0]
    assert lines[0].endswith("request_id=e2e-404")
