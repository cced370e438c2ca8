"""Foundation benchmarks (issue 2): bulk import, single insert, demo seed.

    .venv/bin/python benchmarks/foundation.py [--rows 1000000]

Uses its own database (``<SIGAP database>_bench``), dropped and created anew, and
prints one line per figure. Targets: import >= 100 000 rows/s end to end, one
complaint insert (kelurahan + audit event, committed) median <= 5 ms, default demo
seed <= 60 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import bench_settings  # noqa: E402

from gis.config import Settings  # noqa: E402
from gis.db import drop_database, get_engine  # noqa: E402
from layers.complaints import create_complaint  # noqa: E402


def sigap(settings: Settings, *args: str) -> tuple[float, str]:
    """Run the real CLI in a subprocess; seconds it took and what it printed."""
    env = {
        **os.environ,
        "SIGAP_DATABASE_URL": settings.database_url,
        "SIGAP_VAR_DIR": str(settings.var_dir),
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return time.perf_counter() - started, done.stdout


def complaint_file(engine: sa.Engine, rows: int, path: Path) -> None:
    """A GeoPackage of ``rows`` complaint points inside the kelurahan."""
    with engine.connect() as conn:
        city = shapely.from_wkb(
            conn.execute(
                sa.text("SELECT ST_AsBinary(ST_Union(geom)) FROM kelurahan")
            ).scalar_one()
        )
    rng = np.random.default_rng(1)
    xmin, ymin, xmax, ymax = city.bounds
    shapely.prepare(city)
    xy = np.empty((0, 2))
    while len(xy) < rows:
        more = rng.uniform((xmin, ymin), (xmax, ymax), (rows, 2))
        xy = np.vstack([xy, more[shapely.contains_xy(city, more[:, 0], more[:, 1])]])
    xy = xy[:rows]
    categories = np.array(
        ["jalan_berlubang", "kebersihan", "lampu_jalan_mati", "drainase", "air_bersih"]
    )
    stamps = np.datetime64("2026-01-01T00:00") + rng.integers(
        0, 300 * 86400, rows
    ).astype("timedelta64[s]")
    frame = gpd.GeoDataFrame(
        {
            "kategori": categories[rng.integers(0, len(categories), rows)],
            "deskripsi": np.full(rows, "Laporan uji beban"),
            "tanggal": stamps,
        },
        geometry=shapely.points(xy),
        crs=4326,
    )
    frame.to_file(path, driver="GPKG", engine="pyogrio")


def single_inserts(engine: sa.Engine, repeat: int = 300) -> list[float]:
    rng = np.random.default_rng(2)
    times = []
    with engine.connect() as conn:
        for _ in range(repeat):
            lon, lat = rng.uniform(123.58, 123.62), rng.uniform(-10.175, -10.16)
            started = time.perf_counter()
            with conn.begin():
                create_complaint(
                    conn,
                    category_code="kebersihan",
                    lon=lon,
                    lat=lat,
                    description="uji",
                    actor="bench",
                )
            times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    settings = bench_settings("bench")
    work = settings.var_dir
    engine = get_engine(settings)

    seconds, _ = sigap(settings, "seed", "--demo")
    print(
        f"seed --demo (20 000 complaints, CLI end to end): {seconds:.1f} s"
        "  [target <= 60 s]"
    )

    times = single_inserts(engine)
    print(
        f"single complaint insert (+kelurahan, +audit event, committed):"
        f" median {statistics.median(times):.2f} ms,"
        f" p95 {np.percentile(times, 95):.2f} ms  [target median <= 5 ms]"
    )

    path = work / "complaints.gpkg"
    complaint_file(engine, args.rows, path)
    seconds, printed = sigap(settings, "import", "complaints", str(path))
    print(
        f"import {args.rows:,} complaints from GeoPackage (CLI end to end):"
        f" {seconds:.1f} s = {args.rows / seconds:,.0f} rows/s"
        "  [target >= 100 000 rows/s]"
    )
    print(f"  inside the import: {printed.splitlines()[1].strip()}")
    engine.dispose()
    drop_database(settings.database_url)


if __name__ == "__main__":
    main()
