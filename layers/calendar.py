"""The working-day calendar in the database: holidays and cumulative workday index,
which ``sigap_due_at`` uses to give every complaint its SLA deadline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from gis.copy import copy_rows
from gis.db import Base
from gis.workdays import calendar, read_holidays

FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2035, 12, 31)

HOLIDAYS = sa.Table(
    "holidays", Base.metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
)
WORKDAYS = sa.Table(
    "workdays", Base.metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("is_workday", sa.Boolean, nullable=False),
    sa.Column("workday_index", sa.Integer, nullable=False),
    sa.Index("ix_workdays_index", "workday_index", "is_workday"),
)


def load_calendar(conn: sa.Connection, holidays_csv: Path) -> int:
    """Replace holidays and the calendar; refresh due dates that changed.

    Returns the number of complaints whose deadline moved.
    """
    holidays = read_holidays(holidays_csv)
    conn.execute(sa.text("DELETE FROM holidays"))
    conn.execute(sa.text("DELETE FROM workdays"))
    if holidays:
        conn.execute(sa.text("INSERT INTO holidays VALUES (:day, :name)"),
                     [{"day": d, "name": n} for d, n in sorted(holidays.items())])
    rows = calendar(FIRST_DAY, LAST_DAY, holidays)
    copy_rows(conn, "workdays", {
        "day": np.array([r[0].isoformat() for r in rows], dtype=object),
        "is_workday": np.array([r[1] for r in rows]),
        "workday_index": np.array([r[2] for r in rows])})
    return conn.execute(sa.text(
        "UPDATE complaints c SET due_at = d.due FROM (SELECT id,"
        " sigap_due_at(reported_at, k.sla_days) AS due FROM complaints x"
        " JOIN categories k ON k.code = x.category_code) d"
        " WHERE d.id = c.id AND c.due_at IS DISTINCT FROM d.due")).rowcount
