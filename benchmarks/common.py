"""What every benchmark needs: its own migrated database next to SIGAP's, and a
SIGAP server (gunicorn) to measure over HTTP."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    """Return once ``url`` answers; fail if ``process`` exits or time runs out."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server for {url} exited") from None
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def sigap_server(settings: Settings, workers: int = 2) -> Iterator[str]:
    """``sigap serve`` (gunicorn) on a free port over ``settings``' database (and
    its pinned clock, if it has one)."""
    port = free_port()
    env = {
        **CLEAN_ENV,
        "SIGAP_DATABASE_URL": settings.database_url,
        "SIGAP_VAR_DIR": str(settings.var_dir),
    }
    if settings.clock is not None:
        env["SIGAP_NOW"] = settings.clock.isoformat()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


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
