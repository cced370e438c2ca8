"""Analysis runs: what was asked, with which seed and library versions, how long
each step took, and which result rows belong to it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata

import sqlalchemy as sa

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


def versions(conn: sa.Connection) -> dict[str, str]:
    """Versions of the libraries and the database that shape the numbers."""
    found = {name: metadata.version(name) for name in LIBRARIES}
    found["postgis"] = conn.execute(sa.text("SELECT postgis_lib_version()")).scalar()
    found["sigap"] = metadata.version("sigap")
    return found


@dataclass
class Run:
    """A run in progress: its id, parameters and the clock of each step."""

    id: int
    window_start: datetime
    window_end: datetime
    categories: list[str]
    seed: int
    parameters: dict
    timings: dict[str, float] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a step; its seconds are stored with the run."""
        started = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - started, 3)


def start_run(
    conn: sa.Connection,
    *,
    window_start: datetime,
    window_end: datetime,
    categories: list[str],
    seed: int,
    parameters: dict,
) -> Run:
    """Record a new run (status ``running``)."""
    run_id = conn.execute(
        sa.text(
            "INSERT INTO analysis_runs (window_start, window_end, categories, seed,"
            " parameters, versions) VALUES (:start, :end, :categories, :seed,"
            " CAST(:parameters AS jsonb), CAST(:versions AS jsonb)) RETURNING id"
        ),
        {
            "start": window_start,
            "end": window_end,
            "categories": categories,
            "seed": seed,
            "parameters": json.dumps(parameters),
            "versions": json.dumps(versions(conn)),
        },
    ).scalar_one()
    return Run(run_id, window_start, window_end, categories, seed, parameters)


def finish_run(conn: sa.Connection, run: Run, status: str = "done") -> None:
    """Mark the run finished with its timings and messages."""
    conn.execute(
        sa.text(
            "UPDATE analysis_runs SET status = :status, finished_at = now(),"
            " timings = CAST(:timings AS jsonb), messages = CAST(:messages AS jsonb)"
            " WHERE id = :id"
        ),
        {
            "status": status,
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
