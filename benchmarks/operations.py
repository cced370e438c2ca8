"""Operations benchmarks (issue 4) on 1 000 000 demo complaints.

    .venv/bin/python benchmarks/operations.py [--complaints 1000000]

Uses its own database (``<SIGAP database>_bench_ops``; kept between runs so the
million-row demo is generated once). Prints the median of repeated calls of the
red-flag query and the OPD scoreboard (target ≤ 300 ms each), and the single
complaint insert with kelurahan, due date and audit event.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from common import bench_settings, demo_city, median_ms  # noqa: E402

from gis.db import get_engine  # noqa: E402
from gis.timeutil import WITA, now  # noqa: E402
from layers.complaints import create_complaint  # noqa: E402
from layers.operations import red_flags, scoreboard  # noqa: E402

END = date(2026, 10, 31)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    args = parser.parse_args()
    settings = bench_settings("bench_ops", fresh=False)
    engine = get_engine(settings)
    demo_city(settings, args.complaints, END)
    at = datetime(2026, 11, 1, 8, 0, tzinfo=WITA)  # the day after the seeded data
    with engine.connect() as conn:
        total = conn.execute(sa.text("SELECT count(*) FROM complaints")).scalar()
        flags = median_ms(lambda: red_flags(conn, at), 7)
        board = median_ms(lambda: scoreboard(conn, at - timedelta(days=30), at), 7)
        year = median_ms(lambda: scoreboard(conn, at - timedelta(days=365), at), 3)
    print(
        f"red flags over {total:,} complaints: median {flags:.0f} ms"
        "  [target <= 300 ms]"
    )
    print(
        f"OPD scoreboard, last 30 days (+ previous 30) over {total:,}:"
        f" median {board:.0f} ms  [target <= 300 ms]"
    )
    print(f"OPD scoreboard, last 365 days (+ previous 365): median {year:.0f} ms")
    with engine.connect() as conn:

        def insert() -> None:
            with conn.begin():
                create_complaint(
                    conn,
                    category_code="kebersihan",
                    lon=123.6075,
                    lat=-10.1620,
                    description="uji",
                    reported_at=now(),
                )

        single = median_ms(insert, 200)
    print(
        f"single complaint insert (+kelurahan, due date, audit) on {total:,}:"
        f" median {single:.2f} ms  [target <= 5 ms]"
    )


if __name__ == "__main__":
    main()
