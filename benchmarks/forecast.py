"""Weekly forecast benchmark (issue 20): the count model against seasonal naive.

    .venv/bin/python benchmarks/forecast.py [--complaints 20000] [--first 13]

Generates the demo city (a year ending 2026-10-31) in its own database
(``<SIGAP database>_bench_forecast``), reads its weekly counts per kelurahan ×
category exactly as ``sigap ai forecast`` does, and backtests one week ahead:
every week from ``--first`` on is forecast by a model fitted to the weeks
before it only, and by the seasonal-naive forecast (the series' count in the
latest week of the same season, rainy or dry). Prints MAE and mean Poisson
deviance of both side by side with their ratio (below 1: the model is better),
then the time of one ``sigap ai forecast`` run on the whole year.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import bench_settings  # noqa: E402

from gis import forecast as model  # noqa: E402
from gis.db import get_engine  # noqa: E402
from gis.timeutil import WITA  # noqa: E402
from layers.ai import forecast as weekly  # noqa: E402
from layers.demo import generate_demo  # noqa: E402

END = date(2026, 10, 31)
NOW = datetime(2026, 11, 1, 8, 0, tzinfo=WITA)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--first", type=int, default=13, help="first week forecast")
    args = parser.parse_args()
    settings = bench_settings("bench_forecast")
    engine = get_engine(settings)
    with engine.begin() as conn:
        generate_demo(conn, settings, complaints=args.complaints, end_date=END)
        current = weekly.week_of(NOW)
        starts, series, counts = weekly.weekly_counts(
            conn, current - timedelta(weeks=52), current
        )
        features = model.week_features(starts, weekly.holidays(conn))
        groups = [c for _, c in series]
        started = time.perf_counter()
        result = model.backtest(counts, features, groups, args.first)
        backtest_s = time.perf_counter() - started
        started = time.perf_counter()
        run = weekly.run_forecast(conn, now=NOW)
        run_s = time.perf_counter() - started
    print(
        f"backtest: {result['weeks']} weeks one week ahead"
        f" ({starts[args.first]:%Y-%m-%d} – {starts[-1]:%Y-%m-%d}),"
        f" {result['series']:,} kelurahan × category series,"
        f" {args.complaints:,} demo complaints"
    )
    print(f"{'':24}{'count model':>14}{'seasonal naive':>16}{'ratio':>8}")
    for label, key in (("MAE (reports/week)", "mae"), ("Poisson deviance", "deviance")):
        print(
            f"{label:24}{result[f'model_{key}']:>14.4f}"
            f"{result[f'naive_{key}']:>16.4f}{result[f'{key}_ratio']:>8.3f}"
        )
    print(
        f"backtest time: {backtest_s:.1f} s"
        f" ({backtest_s / result['weeks']:.2f} s a fit)"
    )
    print(f"sigap ai forecast on the year: {run_s:.2f} s (steps {run.timings})")
    engine.dispose()
    if result["mae_ratio"] >= 1 or result["deviance_ratio"] >= 1:
        sys.exit("the count model does not beat seasonal naive")


if __name__ == "__main__":
    main()
