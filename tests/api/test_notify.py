"""Messages to reporters: the outbox delivered to a real SMTP server (aiosmtpd) and
a real HTTP receiver, retried after failures, never twice, across restarts."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from gis.config import Settings
from gis.db import get_engine
from gis.delivery import SmtpServer
from layers.intake import Report, submit_report
from layers.outbox import Channels, Policy, deliver_next, run
from layers.status import State
from layers.workflow import Move, transition
from tests.conftest import NOW, own_database, sigap_env
from tests.kupang import OPERATOR
from tests.server import free_port

pytestmark = pytest.mark.clock

SECRET = "rahasia-uji"
PUBLIC = "https://sigap.kupangkota.go.id"


@pytest.fixture(scope="module")
def local(settings: Settings, tmp_path_factory) -> Settings:
    """A database of its own: the worker delivers everything due in it."""
    return own_database(settings, tmp_path_factory, "notify")


@pytest.fixture
def db(local: Settings) -> sa.Engine:
    db = get_engine(local)
    with db.begin() as conn:
        conn.execute(sa.text("DELETE FROM outbox"))
    return db


class Mailbox:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        self.messages.append(
            (
                envelope.rcpt_tos,
                message_from_bytes(envelope.content, policy=email_policy),
            )
        )
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


class Receiver:
    """A real HTTP endpoint: answers 500 to the first ``failures`` requests."""

    def __init__(self, failures: int = 0, delay_s: float = 0.0) -> None:
        self.failures, self.delay_s = failures, delay_s
        self.requests: list[tuple[int, object, bytes]] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(receiver.delay_s)
                with receiver.lock:
                    code = 500 if receiver.failures > 0 else 200
                    receiver.failures -= code == 500
                    receiver.requests.append((code, self.headers, body))
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def accepted(self) -> list[dict]:
        return [json.loads(body) for code, _, body in self.requests if code == 200]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver_factory() -> Iterator:
    made: list[Receiver] = []

    def make(**options) -> Receiver:
        made.append(Receiver(**options))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


_places = iter(
    (123.58 + 0.004 * (i % 10), -10.165 - 0.004 * (i // 10)) for i in range(1000)
)


def _verified_report(db: sa.Engine, **contact) -> str:
    """A committed report (its own spot, so none joins another) moved to verified;
    returns its ticket."""
    lon, lat = next(_places)
    with db.begin() as conn:
        sent = submit_report(
            conn,
            Report("kebersihan", lon, lat, description="Sampah menumpuk", **contact),
            NOW,
        )
        transition(conn, sent.complaint_id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    return sent.ticket


def _channels(smtp_port: int | None = None, webhook: str = "") -> Channels:
    return Channels(
        smtp=SmtpServer.from_url(
            f"smtp://127.0.0.1:{smtp_port}?from=aduan@kupangkota.go.id"
        )
        if smtp_port
        else None,
        webhook_url=webhook,
        webhook_secret=SECRET,
        public_url=PUBLIC,
        language="id",
    )


def _row(db: sa.Engine, ticket: str, channel: str) -> sa.Row:
    with db.connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT o.* FROM outbox o JOIN complaints c ON c.id = o.complaint_id"
                " WHERE c.ticket = :t AND o.channel = :ch"
            ),
            {"t": ticket, "ch": channel},
        ).one()


def test_email_reaches_a_real_smtp_server_once(db, mailbox):
    box, port = mailbox
    ticket = _verified_report(db, name="Maria", email="maria@example.org")
    channels = _channels(smtp_port=port)
    assert run(db, channels, lambda: NOW, once=True) == 1
    ((to, message),) = box.messages
    assert to == ["maria@example.org"]
    assert message["Subject"] == f"Aduan {ticket}: diverifikasi"
    assert message["From"] == "aduan@kupangkota.go.id"
    row = _row(db, ticket, "email")
    assert message["Message-ID"] == f"<sigap-outbox-{row.id}@kupangkota.go.id>"
    assert message.get_content().splitlines() == [
        f"Laporan Anda {ticket} sudah diverifikasi oleh command centre.",
        f"Selengkapnya: {PUBLIC}/aduan/{ticket}",
    ]
    assert (row.attempts, row.sent_at, row.last_error) == (1, NOW, None)
    # sent is sent: a second pass, or a later one, finds nothing to do
    assert run(db, channels, lambda: NOW + timedelta(days=1), once=True) == 0
    assert len(box.messages) == 1


def test_the_webhook_is_signed_and_retried_with_backoff_after_failures(
    db, receiver_factory
):
    receiver = receiver_factory(failures=2)
    ticket = _verified_report(db, phone="081234567890")
    channels = _channels(webhook=receiver.url)
    policy = Policy(retry_base_s=60)
    assert deliver_next(db, channels, NOW, policy) == "retry"
    # not due again before its delay has passed
    assert deliver_next(db, channels, NOW + timedelta(seconds=59), policy) is None
    assert deliver_next(db, channels, NOW + timedelta(seconds=60), policy) == "retry"
    row = _row(db, ticket, "webhook")
    assert (row.attempts, row.last_error) == (2, "webhook answered HTTP 500")
    # the second delay is twice the first
    assert row.next_attempt_at == NOW + timedelta(seconds=180)
    assert deliver_next(db, channels, NOW + timedelta(seconds=180), policy) == "sent"
    assert [code for code, _, _ in receiver.requests] == [500, 500, 200]
    _, headers, body = receiver.requests[-1]
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-SIGAP-Signature"] == f"sha256={expected}"
    assert headers["X-SIGAP-Delivery"] == f"sigap-outbox-{row.id}"
    payload = json.loads(body)
    assert payload["to"] == "081234567890" and payload["ticket"] == ticket
    assert payload["move"] == "verify"
    assert payload["url"] == f"{PUBLIC}/aduan/{ticket}"
    assert payload["text"].startswith(f"Laporan Anda {ticket} sudah diverifikasi")
    assert deliver_next(db, channels, NOW + timedelta(days=1), policy) is None


def test_a_message_is_given_up_after_its_last_attempt(db, receiver_factory):
    receiver = receiver_factory(failures=5)
    ticket = _verified_report(db, phone="081299990000")
    channels, policy = _channels(webhook=receiver.url), Policy(0.0, max_attempts=2)
    assert deliver_next(db, channels, NOW, policy) == "retry"
    assert deliver_next(db, channels, NOW, policy) == "failed"
    assert deliver_next(db, channels, NOW, policy) is None
    row = _row(db, ticket, "webhook")
    assert row.failed_at == NOW and row.sent_at is None and row.attempts == 2


def test_two_workers_at_once_never_take_the_same_message(db, receiver_factory):
    receiver = receiver_factory(delay_s=0.02)
    tickets = [_verified_report(db, phone=f"0813000000{i:02d}") for i in range(12)]
    channels = _channels(webhook=receiver.url)
    workers = [
        threading.Thread(
            target=run, args=(db, channels, lambda: NOW), kwargs={"once": True}
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    delivered = sorted(p["ticket"] for p in receiver.accepted())
    assert delivered == sorted(tickets)


def _daemon(local: Settings, url: str) -> subprocess.Popen:
    env = sigap_env(
        local,
        SIGAP_WEBHOOK_URL=url,
        SIGAP_WEBHOOK_SECRET=SECRET,
        SIGAP_PUBLIC_URL=PUBLIC,
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "notify",
            "--daemon",
            "--interval",
            "0.1",
            "--retry-base",
            "0.3",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_daemon_retries_and_sends_nothing_twice_across_a_restart(
    local, db, receiver_factory
):
    receiver = receiver_factory(failures=1)
    first = _verified_report(db, phone="081311112222")
    worker = _daemon(local, receiver.url)
    try:
        _wait_for(lambda: len(receiver.accepted()) == 1)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode()
    assert worker.returncode == 0, output
    assert "sent 1" in output
    # the pinned clock runs on inside the daemon: the retry came after its delay
    assert [code for code, _, _ in receiver.requests] == [500, 200]

    second = _verified_report(db, phone="081311112222")
    worker = _daemon(local, receiver.url)
    try:
        _wait_for(lambda: len(receiver.accepted()) == 2)
        time.sleep(1.0)  # ten more looks at the outbox
    finally:
        worker.terminate()
        worker.communicate(timeout=20)
    assert [p["ticket"] for p in receiver.accepted()] == [first, second]
    ids = [h["X-SIGAP-Delivery"] for code, h, _ in receiver.requests if code == 200]
    assert len(set(ids)) == 2
