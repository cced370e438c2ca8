"""Time: the platform's one clock, and time zones (stored in UTC, shown in WITA,
Asia/Makassar, UTC+8)."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def wita_day_sql(moment: str) -> str:
    """SQL for the WITA calendar day of the ``timestamptz`` expression ``moment``."""
    return f"({moment} AT TIME ZONE '{WITA.key}')::date"


def to_wita(moment: datetime) -> datetime:
    """``moment`` (timezone-aware) expressed in WITA."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: SIGAP only handles timezone-aware times")
    return moment.astimezone(WITA)


def format_wita(moment: datetime | None) -> str:
    """``28-11-2026 09:15 WITA``; empty for None."""
    return "" if moment is None else to_wita(moment).strftime("%d-%m-%Y %H:%M WITA")


#: pins the clock (``2026-11-01T08:00+08:00``) for demos and tests
CLOCK_VARIABLE = "SIGAP_NOW"


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset (``2026-11-01T08:00+08:00``, ``…Z``);
    a time without an offset is WITA, a bare date is midnight WITA."""
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WITA)
    return moment.astimezone(UTC)


def now(pinned: datetime | None = None) -> datetime:
    """The platform's "now", timezone-aware UTC: every place that asks what time it
    is asks here, and SQL receives the answer as a parameter.

    ``pinned`` (the settings' clock, see :class:`gis.config.Settings`) wins;
    otherwise ``SIGAP_NOW`` when set; otherwise the real clock.
    """
    if pinned is not None:
        return pinned
    text = os.environ.get(CLOCK_VARIABLE, "").strip()
    return parse_instant(text) if text else datetime.now(UTC)


def running_clock(pinned: datetime | None = None):
    """A "now" for a long-running worker: :func:`now`, except that a pinned clock
    moves on with the seconds the process has been running (a demo pinned to one
    instant still sees its retry delays pass)."""
    if pinned is None and not os.environ.get(CLOCK_VARIABLE, "").strip():
        return now
    start, started = now(pinned), monotonic()
    return lambda: start + timedelta(seconds=monotonic() - started)


def wita_today(moment: datetime) -> date:
    """The WITA calendar day of ``moment`` (from 00:00 to 08:00 WITA the UTC date
    is still the day before)."""
    return to_wita(moment).date()


#: the times SIGAP reads from a request or a file: anything outside is refused
#: (so year 9999 or 0001 cannot overflow a later step)
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)


def in_supported_range(moment: datetime) -> datetime:
    """``moment`` itself; ``ValueError`` when it lies outside 1900–2999."""
    if not EARLIEST <= moment <= LATEST:
        raise ValueError(f"{moment.isoformat()} is outside 1900-2999")
    return moment


def _moment(text: str) -> tuple[datetime, datetime]:
    """A date is the whole day in WITA, a month the whole month; a datetime is an
    instant (UTC when it names no offset)."""
    try:
        start, end = _read_moment(text.strip())
    except OverflowError:
        raise ValueError(text) from None
    return in_supported_range(start), in_supported_range(end)


def _read_moment(text: str) -> tuple[datetime, datetime]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        start = datetime.combine(date.fromisoformat(text), time(), WITA)
        return start, start + timedelta(days=1) - timedelta(microseconds=1)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        start = datetime.combine(date.fromisoformat(text + "-01"), time(), WITA)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(microseconds=1)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, moment


def parse_interval(text: str) -> tuple[datetime | None, datetime | None]:
    """An ISO 8601 time or interval as (start, end), both inclusive.

    Accepts a date, a month, a datetime, ``start/end``, ``start/end/period`` (the
    period is a resolution, not a filter) and open ends ``../end``, ``start/..``.
    Raises ``ValueError`` for anything else or a start after the end.
    """
    parts = text.strip().split("/")
    if len(parts) == 1:
        return _moment(parts[0])
    if len(parts) not in (2, 3) or (len(parts) == 3 and not parts[2].startswith("P")):
        raise ValueError(text)
    start = None if parts[0] in ("..", "") else _moment(parts[0])[0]
    end = None if parts[1] in ("..", "") else _moment(parts[1])[1]
    if start is None and end is None:
        raise ValueError(text)
    if start is not None and end is not None and start > end:
        raise ValueError(text)
    return start, end
