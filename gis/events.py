"""Change events through PostgreSQL LISTEN/NOTIFY.

Writers call :func:`notify` inside their transaction (PostgreSQL delivers the event
only if it commits); listeners iterate :func:`listen` on their own connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import sqlalchemy as sa

from gis.db import libpq_url

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
