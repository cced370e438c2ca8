"""Analytics benchmarks (issue 3) on the demo city at 20 000 and 1 000 000 complaints.

    .venv/bin/python benchmarks/analytics.py [--large 1000000]

Uses its own database (``<SIGAP database>_bench``). Prints, per size, the time of
each step of ``sigap analyze`` (all 11 categories, 999 permutations): reading,
per-kelurahan statistics, hexagon Gi* with emerging hot spots over 52 weekly bins,
network snapping, density rasters at 25 m. Targets: per-kelurahan ≤ 5 s at 20 000
and ≤ 60 s with the database reads at 1 000 000; hexagons + emerging ≤ 60 s at
1 000 000; rasters ≤ 10 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import bench_settings  # noqa: E402

from gis.config import Settings  # noqa: E402
from gis.db import drop_database, get_engine  # noqa: E402
from layers.analysis.pipeline import run_analysis  # noqa: E402
from layers.demo import generate_demo, read_manifest  # noqa: E402


def measure(settings: Settings, complaints: int) -> None:
    engine = get_engine(settings)
    started = time.perf_counter()
    with engine.begin() as conn:
        generate_demo(
            conn,
            settings,
            complaints=complaints,
            seed=7,
            end_date=date(2026, 10, 31),
            replace=True,
        )
    print(
        f"[{complaints:,} complaints] demo generated in"
        f" {time.perf_counter() - started:.1f} s (setup, not a target)"
    )
    until = datetime.fromisoformat(read_manifest(settings)["as_of"])
    with engine.begin() as conn:
        started = time.perf_counter()
        run = run_analysis(conn, settings, until=until, seed=7)
        total = time.perf_counter() - started
    t = run.timings
    print(f"[{complaints:,}] read points + areas: {t['read']:.2f} s")
    print(
        f"[{complaints:,}] per-kelurahan stats, 11 categories, 999 permutations:"
        f" {t['kelurahan']:.2f} s (with reads {t['kelurahan'] + t['read']:.2f} s)"
    )
    print(
        f"[{complaints:,}] hexagon Gi* + emerging (52 weekly bins):"
        f" {t['hexagons and emerging']:.2f} s"
    )
    print(
        f"[{complaints:,}] network snapping, outages, corridors: {t['network']:.2f} s"
    )
    print(f"[{complaints:,}] density rasters (11 COGs, 25 m): {t['density']:.2f} s")
    print(f"[{complaints:,}] whole run: {total:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    settings = bench_settings("bench")
    for size in (20_000, args.large):
        measure(settings, size)
    get_engine(settings).dispose()
    drop_database(settings.database_url)


if __name__ == "__main__":
    main()
