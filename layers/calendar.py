"""The working-day calendar in the database: holidays and cumulative workday index,
which ``sigap_due_at`` uses to give every complaint its SLA deadline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import sqlalchemy as sa

from gis.copy import copy_rows
from gis.db import Base
from gis.workdays import calendar, read_holidays

FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2035, 12, 31)

HOLIDAYS = sa.Table(
    "holidays",
    Base.metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    #: ``national`` or ``cuti_bersama`` (collective leave, set each year)
    sa.Column("kind", sa.Text, nullable=False, server_default="national"),
    #: ``reference`` (holidays.csv) or ``admin`` (added or changed in the console)
    sa.Column("source", sa.Text, nullable=False, server_default="reference"),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)
WORKDAYS = sa.Table(
    "workdays",
    Base.metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("is_workday", sa.Boolean, nullable=False),
    sa.Column("workday_index", sa.Integer, nullable=False),
    sa.Index("ix_workdays_index", "workday_index", "is_workday"),
)


def load_calendar(conn: sa.Connection, holidays_csv: Path) -> int:
    """Replace the shipped holidays with ``holidays_csv`` (an admin's additions,
    changes and removals stay) and rebuild the calendar.

    Returns the number of complaints whose deadline moved.
    """
    holidays = read_holidays(holidays_csv)
    conn.execute(sa.text("DELETE FROM holidays WHERE source = 'reference'"))
    if holidays:
        conn.execute(
            sa.text(
                "INSERT INTO holidays (day, name, kind) VALUES (:day, :name,"
                " CASE WHEN :name ILIKE 'cuti bersama%' THEN 'cuti_bersama'"
                " ELSE 'national' END) ON CONFLICT (day) DO NOTHING"
            ),
            [{"day": d, "name": n} for d, n in sorted(holidays.items())],
        )
    return rebuild_calendar(conn)


def rebuild_calendar(conn: sa.Connection) -> int:
    """Recount the working days from the active holidays and move the deadlines
    that change; returns how many complaints' deadlines moved."""
    holidays = set(
        conn.execute(sa.text("SELECT day FROM holidays WHERE active")).scalars()
    )
    conn.execute(sa.text("DELETE FROM workdays"))
    rows = calendar(FIRST_DAY, LAST_DAY, holidays)
    copy_rows(
        conn,
        "workdays",
        {
            "day": pa.array([r[0] for r in rows], type=pa.date32()),
            "is_workday": np.array([r[1] for r in rows]),
            "workday_index": np.array([r[2] for r in rows]),
        },
    )
    return conn.execute(
        sa.text(
            "UPDATE complaints c SET due_at = d.due FROM (SELECT id,"
            " sigap_due_at(reported_at, k.sla_days) AS due FROM complaints x"
            " JOIN categories k ON k.code = x.category_code) d"
            " WHERE d.id = c.id AND c.due_at IS DISTINCT FROM d.due"
        )
    ).rowcount


def deadlines(
    conn: sa.Connection, reported: np.ndarray, sla_days: np.ndarray
) -> np.ndarray:
    """``sigap_due_at`` for many reports at once (epoch seconds in and out).

    Reads the database's own calendar, so bulk writers get the very deadline the
    trigger would have set; NaN outside the calendar.
    """
    rows = conn.execute(
        sa.text(
            "SELECT day - DATE '1970-01-01', is_workday, workday_index FROM workdays"
            " ORDER BY day"
        )
    ).all()
    if not rows:
        return np.full(len(reported), np.nan)
    days = np.array([r[0] for r in rows])
    working = np.array([r[1] for r in rows])
    index = np.array([r[2] for r in rows])
    wita = 8 * 3600
    local_day = np.floor((np.asarray(reported, dtype=float) + wita) / 86400)
    position = (local_day - days[0]).astype(int)
    inside = (position >= 0) & (position < len(days))
    target = np.where(inside, index[np.clip(position, 0, len(days) - 1)], -1) + sla_days
    workday_days, workday_index = days[working], index[working]
    hit = np.searchsorted(workday_index, target)
    found = inside & (hit < len(workday_index))
    due_day = workday_days[np.clip(hit, 0, len(workday_days) - 1)]
    return np.where(found, (due_day + 1) * 86400.0 - wita, np.nan)
