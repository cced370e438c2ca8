"""Analysis runs: what was asked, with which seed and library versions, how long
each step took, and which result rows belong to it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata

import sqlalchemy as sa

from gis.runs import Timings, versions

LIBRARIES = (
    "numpy",
    "scipy",
    "esda",
    "libpysal",
    "shapely",
    "geopandas",
    "rasterio",
    "pyproj",
)


@dataclass
class Run:
    """A run in progress: its id, parameters and the clock of each step."""

    id: int
    window_start: datetime
    window_end: datetime
    categories: list[str]
    seed: int
    parameters: dict
    timings: Timings = field(default_factory=Timings)
    messages: list[str] = field(default_factory=list)

    def step(self, name: str):
        """Time a step; its seconds are stored with the run."""
        return self.timings.step(name)


def start_run(
    conn: sa.Connection,
    *,
    window_start: datetime,
    window_end: datetime,
    categories: list[str],
    seed: int,
    parameters: dict,
    now: datetime,
) -> Run:
    """Record a new run (status ``running``) started at ``now``."""
    run_id = conn.execute(
        sa.text(
            "INSERT INTO analysis_runs (started_at, window_start, window_end,"
            " categories, seed, parameters, versions) VALUES (:now, :start, :end,"
            " :categories, :seed, CAST(:parameters AS jsonb),"
            " CAST(:versions AS jsonb)) RETURNING id"
        ),
        {
            "now": now,
            "start": window_start,
            "end": window_end,
            "categories": categories,
            "seed": seed,
            "parameters": json.dumps(parameters),
            "versions": json.dumps(
                {**versions(conn, LIBRARIES), "sigap": metadata.version("sigap")}
            ),
        },
    ).scalar_one()
    return Run(run_id, window_start, window_end, categories, seed, parameters)


def finish_run(
    conn: sa.Connection, run: Run, now: datetime, status: str = "done"
) -> None:
    """Mark the run finished at ``now`` with its timings and messages."""
    conn.execute(
        sa.text(
            "UPDATE analysis_runs SET status = :status, finished_at = :now,"
            " timings = CAST(:timings AS jsonb), messages = CAST(:messages AS jsonb)"
            " WHERE id = :id"
        ),
        {
            "status": status,
            "now": now,
            "timings": json.dumps(run.timings),
            "messages": json.dumps(run.messages, ensure_ascii=False),
            "id": run.id,
        },
    )


def latest_run_id(conn: sa.Connection) -> int | None:
    """The newest finished run."""
    return conn.execute(
        sa.text("SELECT max(id) FROM analysis_runs WHERE status = 'done'")
    ).scalar()
