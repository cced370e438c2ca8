"""Change events through PostgreSQL LISTEN/NOTIFY.

Writers call :func:`notify` inside their transaction (PostgreSQL delivers the event
only if it commits); listeners iterate :func:`listen` on their own connection.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator

import psycopg
import sqlalchemy as sa

from gis.db import libpq_url

log = logging.getLogger(__name__)

CHANNEL = "sigap_changes"


def notify(conn: sa.Connection, payload: dict, channel: str = CHANNEL) -> None:
    """Queue ``payload`` (JSON, < 8000 bytes) for listeners of ``channel``."""
    conn.execute(
        sa.text("SELECT pg_notify(:channel, :payload)"),
        {"channel": channel, "payload": json.dumps(payload, default=str)},
    )


def listen(
    database_url: str,
    channel: str = CHANNEL,
    timeout: float = 15.0,
    ready: bool = False,
) -> Iterator[dict | None]:
    """Yield each event on ``channel``; ``None`` after ``timeout`` s of silence
    (so a caller can send keep-alives or stop) and, with ``ready``, once as soon as
    the listener is registered (so a caller can catch up on what it may have
    missed before)."""
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(f"LISTEN {channel}")
        if ready:
            yield None
        while True:
            received = False
            for message in conn.notifies(timeout=timeout):
                received = True
                yield json.loads(message.payload)
            if not received:
                yield None


class Broadcaster:
    """One LISTEN connection per process, shared by every live stream in it.

    A background thread listens on ``channel``; on every notification (and every
    ``timeout`` seconds, in case one was missed) it asks ``fetch(last_id)`` for the
    events after the newest it has, keeps the latest ``keep`` of them and calls
    every ``on_change`` callback. Streams read :meth:`after` instead of each
    holding a database connection, so a thousand open dashboards cost one
    connection. When the database goes away the thread reconnects, with backoff,
    and catches up on what happened meanwhile.

    Parameters
    ----------
    database_url : str
        The database to listen on.
    fetch : callable
        ``fetch(last_id) -> list[dict]``: events with ``"id"`` greater than
        ``last_id``, oldest first, at most ``batch`` of them.
    newest : callable
        ``newest() -> int``: the newest event id now (where a fresh stream starts).
    """

    def __init__(
        self,
        database_url: str,
        fetch: Callable[[int], list[dict]],
        newest: Callable[[], int],
        *,
        channel: str = CHANNEL,
        keep: int = 2000,
        batch: int = 500,
        timeout: float = 15.0,
    ) -> None:
        self._url, self._fetch, self._newest = database_url, fetch, newest
        self._channel, self._batch, self._timeout = channel, batch, timeout
        self._events: deque[dict] = deque(maxlen=keep)
        self._lock = threading.Lock()
        self._last: int | None = None
        self._listeners: list[Callable[[], None]] = []
        self._thread: threading.Thread | None = None
        self.healthy = threading.Event()

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (from the listener thread) whenever events arrive."""
        self._listeners.append(callback)

    def start(self) -> None:
        """Start listening (once; later calls do nothing)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(
                target=self._run, name="sigap-broadcaster", daemon=True
            )
            self._thread.start()

    @property
    def last_id(self) -> int | None:
        """The newest event id seen (None until the first read)."""
        return self._last

    def after(self, last_id: int) -> list[dict] | None:
        """The kept events after ``last_id``, oldest first; None when the buffer
        no longer reaches back that far (the caller reads the database)."""
        with self._lock:
            if self._last is None:
                return None
            if last_id >= self._last:
                return []
            if not self._events or self._events[0]["id"] > last_id + 1:
                return None
            return [e for e in self._events if e["id"] > last_id]

    def _run(self) -> None:
        delay = 0.5
        while True:
            try:
                for _ in listen(
                    self._url, self._channel, timeout=self._timeout, ready=True
                ):
                    self._catch_up()
                    self.healthy.set()
                    delay = 0.5
            except (psycopg.Error, sa.exc.SQLAlchemyError):
                log.warning("event listener lost the database; retrying", exc_info=True)
            self.healthy.clear()
            time.sleep(delay)
            delay = min(delay * 2, 10.0)

    def _catch_up(self) -> None:
        if self._last is None:
            self._last = self._newest()
        while True:
            batch = self._fetch(self._last)
            if not batch:
                return
            with self._lock:
                self._events.extend(batch)
                self._last = batch[-1]["id"]
            for callback in self._listeners:
                callback()
            if len(batch) < self._batch:
                return
