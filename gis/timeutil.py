"""Time zones: stored in UTC, shown in WITA (Asia/Makassar, UTC+8)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def to_wita(moment: datetime) -> datetime:
    """``moment`` (timezone-aware) expressed in WITA."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: SIGAP only handles timezone-aware times")
    return moment.astimezone(WITA)


def format_wita(moment: datetime | None) -> str:
    """``28-11-2026 09:15 WITA``; empty for None."""
    return "" if moment is None else to_wita(moment).strftime("%d-%m-%Y %H:%M WITA")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)
