"""``/api/events``: Server-Sent Events of every complaint change, served by the
asyncio side of the server so that open streams cost a coroutine each, not a
request thread (a wall of idle dashboards must not starve ``/health``).

Event ids are audit-event ids, so ``Last-Event-ID`` (header or ``last_event_id``
argument) resumes exactly where a client dropped off. One :class:`Broadcaster`
per process listens to the database and fans out; a stream that has fallen
further behind than it keeps reads the database itself.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qs

from gis.config import Settings
from gis.db import get_engine
from gis.events import Broadcaster
from gis.i18n import bilingual
from layers.public_view import events_after, last_event_id

KEEP_ALIVE_SECONDS = 10.0
#: more open streams than this in one process get 503 (clients retry)
MAX_STREAMS = 5000
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


def _sse(data: dict) -> bytes:
    payload = json.dumps(data, default=str, ensure_ascii=False)
    return f"id: {data['id']}\nevent: complaint\ndata: {payload}\n\n".encode()


class EventStreams:
    """The ASGI endpoint; one per process, created by :func:`api.app.asgi_app`."""

    def __init__(self, settings: Settings) -> None:
        self.engine = get_engine(settings)
        self.broadcaster = Broadcaster(
            settings.database_url,
            self._read,
            self._newest,
            timeout=KEEP_ALIVE_SECONDS,
        )
        self.open = 0
        self._changed: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _read(self, last: int) -> list[dict]:
        with self.engine.connect() as conn:
            return events_after(conn, last)

    def _newest(self) -> int:
        with self.engine.connect() as conn:
            return last_event_id(conn)

    def _poke(self) -> None:
        """From the broadcaster's thread: wake every waiting stream."""
        self._loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def _begin(self) -> None:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            self._changed = asyncio.Event()
            self.broadcaster.on_change(self._poke)
            self.broadcaster.start()

    async def __call__(self, scope, receive, send) -> None:
        self._begin()
        start = self._resume_point(scope)
        if isinstance(start, bytes):
            await _refuse(send, 400, start)
            return
        if self.open >= MAX_STREAMS:
            message = bilingual("Too many live streams; try again shortly")
            await _refuse(send, 503, _error(503, message), [(b"retry-after", b"5")])
            return
        if start is None:
            start = self.broadcaster.last_id
            if start is None:
                start = await asyncio.to_thread(self._newest)
        self.open += 1
        try:
            await self._stream(start, receive, send)
        finally:
            self.open -= 1

    def _resume_point(self, scope) -> int | None | bytes:
        headers = dict(scope.get("headers", []))
        raw = headers.get(b"last-event-id", b"").decode("latin-1") or None
        if raw is None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            raw = (query.get("last_event_id") or [None])[0]
        if raw is None:
            return None
        raw = raw.strip()
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            return _error(400, bilingual("Last-Event-ID must be a number"))
        return int(raw)

    async def _stream(self, last: int, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        await send(
            {
                "type": "http.response.body",
                "body": b"retry: 2000\n: connected\n\n",
                "more_body": True,
            }
        )
        gone = asyncio.ensure_future(_disconnected(receive))
        try:
            while not gone.done():
                changed = self._changed
                batch = self.broadcaster.after(last)
                if batch is None:  # further behind than the broadcaster keeps
                    batch = await asyncio.to_thread(self._read, last)
                if batch:
                    last = batch[-1]["id"]
                    await send(
                        {
                            "type": "http.response.body",
                            "body": b"".join(map(_sse, batch)),
                            "more_body": True,
                        }
                    )
                    continue
                waiting = asyncio.ensure_future(changed.wait())
                done, _ = await asyncio.wait(
                    {gone, waiting},
                    timeout=KEEP_ALIVE_SECONDS,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                waiting.cancel()
                if not done:
                    await send(
                        {
                            "type": "http.response.body",
                            "body": b": keep-alive\n\n",
                            "more_body": True,
                        }
                    )
        finally:
            gone.cancel()


async def _disconnected(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def _error(status: int, message: str) -> bytes:
    return json.dumps(
        {"code": status, "description": message}, ensure_ascii=False
    ).encode()


async def _refuse(send, status: int, body: bytes, extra=()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=utf-8"), *extra],
        }
    )
    await send({"type": "http.response.body", "body": body})
