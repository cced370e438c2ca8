"""Runs of a computation that stores results: their log table and their clock.

An analysis writes its results stamped with the id of the run that made them, so
a publisher can show the newest finished run while the next one is written. The
run's row says what was asked, which library versions shaped the numbers, how
long each step took and what it warned about.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSONB

TS = sa.DateTime(timezone=True)


def runs_table(name: str, meta: sa.MetaData, *columns: sa.Column) -> sa.Table:
    """A run log: id, start and finish, status, the window it read, ``columns``,
    its parameters, library versions, step timings and messages."""
    return sa.Table(
        name,
        meta,
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.Text, nullable=False, server_default="running"),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
        *columns,
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("versions", JSONB, nullable=False),
        sa.Column("timings", JSONB, nullable=False, server_default="{}"),
        sa.Column("messages", JSONB, nullable=False, server_default="[]"),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'failed')", name=f"{name}_status"
        ),
    )


def run_id_column(runs: str) -> sa.Column:
    """The ``run_id`` key of a result table: rows go when their run goes."""
    return sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey(f"{runs}.id", ondelete="CASCADE"),
        primary_key=True,
    )


def result_table(name: str, meta: sa.MetaData, runs: str, *columns) -> sa.Table:
    """A table of results stamped with the id of their run in ``runs``."""
    return sa.Table(name, meta, run_id_column(runs), *columns)


def result_geometry(kind: str) -> sa.Column:
    """The ``geom`` of a result row, in WGS 84 and always there; the migration
    that makes the table decides whether it needs a spatial index."""
    return sa.Column(
        "geom", Geometry(kind, srid=4326, nullable=False, spatial_index=False)
    )


def versions(conn: sa.Connection, libraries: Iterable[str]) -> dict[str, str]:
    """Versions of ``libraries`` and of PostGIS: what shaped the numbers."""
    found = {name: metadata.version(name) for name in libraries}
    found["postgis"] = conn.execute(sa.text("SELECT postgis_lib_version()")).scalar()
    return found


class Timings(dict):
    """Seconds per step of a run, rounded to the millisecond."""

    def __init__(self) -> None:
        super().__init__()
        self._mark = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the block as step ``name``."""
        started = time.perf_counter()
        yield
        self[name] = round(time.perf_counter() - started, 3)
        self._mark = time.perf_counter()

    def lap(self, name: str) -> None:
        """Record the time since the previous step (or since creation) as ``name``."""
        now = time.perf_counter()
        self[name] = round(now - self._mark, 3)
        self._mark = now
