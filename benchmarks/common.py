"""What every benchmark needs: its own migrated database next to SIGAP's, and a
SIGAP server (gunicorn) to measure over HTTP."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

#: the environment before anything imports Mapnik, which points PROJ/GDAL at its
#: own data: servers and comparison software started from a benchmark get this one
CLEAN_ENV = dict(os.environ)

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from gis.config import Settings, database_name, with_database  # noqa: E402
from gis.db import drop_database, ensure_database, get_engine  # noqa: E402
from layers import schema  # noqa: E402
from tests.server import free_port, serving, wait_for  # noqa: E402, F401


def bench_settings(suffix: str, fresh: bool = True) -> Settings:
    """Settings of database ``<sigap db>_<suffix>``, migrated with reference data;
    dropped first when ``fresh``. Generated files go to a temporary folder."""
    base = Settings.from_env()
    url = with_database(
        base.database_url, f"{database_name(base.database_url)}_{suffix}"
    )
    if fresh:
        drop_database(url)
    ensure_database(url)
    settings = Settings(
        database_url=url, var_dir=Path(tempfile.mkdtemp(prefix="sigap-bench-"))
    )
    with get_engine(settings).begin() as conn:
        schema.upgrade(conn)
        schema.load_reference(conn, settings)
    return settings


@contextmanager
def sigap_server(settings: Settings, workers: int = 2) -> Iterator[str]:
    """``sigap serve`` (gunicorn) on a free port over ``settings``' database (and
    its pinned clock, if it has one)."""
    env = {
        **CLEAN_ENV,
        "SIGAP_DATABASE_URL": settings.database_url,
        "SIGAP_VAR_DIR": str(settings.var_dir),
    }
    if settings.clock is not None:
        env["SIGAP_NOW"] = settings.clock.isoformat()
    with serving(env, workers=workers) as base:
        yield base


def demo_city(settings: Settings, complaints: int, end_date: date) -> None:
    """Make ``settings``' database the demo city with exactly ``complaints``
    synthetic complaints ending on ``end_date`` (seed 3): generated once, kept
    between runs."""
    from layers.demo import generate_demo  # the generator's imports, only if needed

    with get_engine(settings).begin() as conn:
        have = conn.execute(
            sa.text("SELECT count(*) FROM complaints WHERE synthetic")
        ).scalar()
        if have != complaints:
            print(f"generating {complaints:,} demo complaints (once)…", flush=True)
            print(
                generate_demo(
                    conn,
                    settings,
                    complaints=complaints,
                    seed=3,
                    end_date=end_date,
                    replace=True,
                ),
                flush=True,
            )


def median_ms(function: Callable[[], object], repeat: int) -> float:
    """The median time of ``repeat`` calls of ``function``, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
