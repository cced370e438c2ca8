"""Indonesian working days: Monday to Friday, minus national holidays and cuti
bersama (a configurable list, ``data/reference/holidays.csv``).

A deadline of *n* working days ends at midnight (WITA) after the n-th working day
following the day of the report; a report made on a weekend or holiday starts
counting on the next working day.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from gis.timeutil import WITA, wita_today


def read_holidays(path: Path) -> dict[date, str]:
    """Holidays from a ``date,name`` CSV."""
    with open(path, encoding="utf-8") as handle:
        return {
            date.fromisoformat(row["date"]): row["name"]
            for row in csv.DictReader(handle)
        }


def is_workday(day: date, holidays: Iterable[date]) -> bool:
    """Monday–Friday and not a holiday."""
    return day.weekday() < 5 and day not in set(holidays)


def add_working_days(day: date, n: int, holidays: Iterable[date]) -> date:
    """The n-th working day after ``day``."""
    closed = set(holidays)
    current, counted = day, 0
    while counted < n:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            counted += 1
    return current


def due_at(reported: datetime, sla_days: int, holidays: Iterable[date]) -> datetime:
    """Deadline of a report: midnight WITA after its ``sla_days``-th working day."""
    local_day = wita_today(reported)
    last = add_working_days(local_day, sla_days, holidays)
    return datetime.combine(last + timedelta(days=1), time(0), WITA)


def calendar(
    first: date, last: date, holidays: Iterable[date]
) -> list[tuple[date, bool, int]]:
    """(day, is working day, working days counted so far) for each day."""
    closed = set(holidays)
    rows, counted, day = [], 0, first
    while day <= last:
        working = day.weekday() < 5 and day not in closed
        counted += working
        rows.append((day, working, counted))
        day += timedelta(days=1)
    return rows
