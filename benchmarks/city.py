"""City benchmarks (issue 19): blackspots at 50 000 accidents, the indicator
import, the "Kota" panel, and an accident import placed by road + km.

    .venv/bin/python benchmarks/city.py [--accidents 50000]

Uses its own database (``<SIGAP database>_bench_city``, made afresh): the demo
city with 2 000 complaints, then ``--accidents`` synthetic accidents (two
planted blackspots among them). Prints the blackspot run (the first call apart:
it includes importing statsmodels), the import of 51 kelurahan × 10 periods of
indicators, the panel (median of repeated calls) and the import of 10 000
police records without coordinates.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from common import bench_settings  # noqa: E402

from gis.db import get_engine  # noqa: E402
from gis.importer import import_file  # noqa: E402
from gis.timeutil import WITA  # noqa: E402
from layers import get_layer  # noqa: E402
from layers.city.blackspots import Parameters, run_blackspots  # noqa: E402
from layers.city.demo import PLANTED, generate_accidents  # noqa: E402
from layers.city.indicators import import_indicators  # noqa: E402
from layers.city.networks import run_networks  # noqa: E402
from layers.city.panel import (  # noqa: E402
    COUNTED,
    _accidents,
    _fetch,
    accident_windows,
    city_panel,
)
from layers.demo import generate_demo  # noqa: E402

END = date(2026, 10, 31)
NOW = datetime(2026, 11, 1, 8, 0, tzinfo=WITA)
START = datetime(2025, 11, 1, 0, 0, tzinfo=WITA)


def _seconds(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _blackspots(conn: sa.Connection) -> None:
    first = _seconds(lambda: run_blackspots(conn, Parameters(START, NOW), now=NOW))
    times = [
        _seconds(lambda: run_blackspots(conn, Parameters(START, NOW), now=NOW))
        for _ in range(3)
    ]
    run_id, timings, summary = conn.execute(
        sa.text("SELECT id, timings, summary FROM city_runs ORDER BY id DESC LIMIT 1")
    ).one()
    top = conn.execute(
        sa.text(
            "SELECT road_name, accidents FROM blackspot_segments WHERE run_id = :r"
            " AND eb_rank = 1 UNION ALL SELECT array_to_string(road_names, ' / '),"
            " accidents FROM blackspot_junctions WHERE run_id = :r AND eb_rank = 1"
        ),
        {"r": run_id},
    ).all()
    print(
        f"blackspot run over {summary['accidents']:,} accidents:"
        f" {statistics.median(times):.2f} s (median of 3; first call {first:.2f} s"
        f" with the statsmodels import) vs target 5 s: ratio"
        f" {statistics.median(times) / 5:.2f}; steps {timings}"
    )
    print(
        f"  {summary['blackspot_segments']} segments, {summary['blackspot_junctions']}"
        f" junctions flagged, {summary['clusters']} clusters; EB rank 1: {top}"
    )


def _indicators(conn: sa.Connection) -> None:
    codes = conn.execute(sa.text("SELECT kode FROM kelurahan ORDER BY kode")).scalars()
    codes = list(codes)
    rng = np.random.default_rng(1)
    rows = [
        {
            "kode_kelurahan": code,
            "tahun": str(2015 + year),
            "jumlah_penduduk": int(rng.integers(2000, 20000)),
            "jumlah_kk": int(rng.integers(500, 5000)),
            "penduduk_miskin": int(rng.integers(100, 1500)),
            "kpm_pkh": int(rng.integers(10, 300)),
        }
        for year in range(10)
        for code in codes
    ]
    path = Path(tempfile.mkdtemp()) / "indikator.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    seconds = _seconds(lambda: import_indicators(conn, path))
    print(
        f"indicator import, {len(codes)} kelurahan × 10 periods: {seconds:.2f} s"
        f" vs target 1 s: ratio {seconds:.2f}"
    )


def _networks(conn: sa.Connection) -> None:
    times = [_seconds(lambda: run_networks(conn, NOW)) for _ in range(3)]
    timings = conn.execute(
        sa.text("SELECT timings FROM city_runs ORDER BY id DESC LIMIT 1")
    ).scalar()
    print(
        f"networks run (angkot walking coverage + lit roads):"
        f" {statistics.median(times):.2f} s (median of 3); steps {timings}"
    )


def _raw_accidents(
    conn: sa.Connection, windows: dict[str, tuple[datetime, datetime]]
) -> dict:
    """The old way: the panel's accident windows summed from a year of accident
    rows, grouped by the pattern of windows each row falls in."""
    flags, values = [], {}
    for i, (start, end) in enumerate(windows.values()):
        flags.append(f"(occurred_at >= :s{i} AND occurred_at < :e{i}) AS w{i}")
        values |= {f"s{i}": start, f"e{i}": end}
    values["first"] = min(start for start, _ in windows.values())
    values["last"] = max(end for _, end in windows.values())
    groups = conn.execute(
        sa.text(
            f"SELECT {', '.join(flags)}, count(*), sum(died), sum(serious_injuries),"
            " sum(minor_injuries), count(*) FILTER (WHERE pdo) FROM accidents"
            " WHERE occurred_at >= :first AND occurred_at < :last"
            f" GROUP BY {', '.join(f'w{i}' for i in range(len(windows)))}"
        ),
        values,
    ).all()
    size = len(windows)
    return {
        name: {
            column: int(sum(g[size + k] for g in groups if g[i]))
            for k, column in enumerate(COUNTED)
        }
        for i, name in enumerate(windows)
    }


def _panel(conn: sa.Connection) -> None:
    windows = accident_windows(NOW)
    old_counts = _raw_accidents(conn, windows)
    new_counts = _accidents(conn, windows, NOW)
    assert old_counts == new_counts, (old_counts, new_counts)
    city_panel(conn, NOW)
    old, new, old_part, new_part = [], [], [], []
    for _ in range(15):
        raw = _seconds(lambda: _raw_accidents(conn, windows)) * 1000
        rest = _seconds(lambda: _fetch(conn)) * 1000
        old_part.append(raw)
        old.append(raw + rest)
        new_part.append(_seconds(lambda: _accidents(conn, windows, NOW)) * 1000)
        new.append(_seconds(lambda: city_panel(conn, NOW)) * 1000)
    old_ms, new_ms = statistics.median(old), statistics.median(new)
    raw_ms, days_ms = statistics.median(old_part), statistics.median(new_part)
    print(
        f"city panel accident windows: old (accident rows) {raw_ms:.1f} ms,"
        f" new (accident_days) {days_ms:.1f} ms: ratio {days_ms / raw_ms:.3f}"
        f" (same counts: {new_counts['last_12_months']['accidents']:,} in 12 months)"
    )
    print(
        f"city panel: old way {old_ms:.1f} ms, new {new_ms:.1f} ms (medians of 15):"
        f" ratio {new_ms / old_ms:.2f}; vs target 50 ms: ratio {new_ms / 50:.2f}"
    )


def _placed_import(conn: sa.Connection, n: int = 10_000) -> None:
    roads = conn.execute(
        sa.text(
            "SELECT name, sum(length_m) FROM roads WHERE road_class = 'arteri'"
            " GROUP BY name ORDER BY name"
        )
    ).all()
    rng = np.random.default_rng(2)
    pick = rng.integers(0, len(roads), n)
    frame = pd.DataFrame(
        {
            "no_laka": [f"LP/BENCH/{i}" for i in range(n)],
            "tanggal_kejadian": "2026-10-15",
            "jam_kejadian": "19:30",
            "jumlah_luka_ringan": 1,
            "nama_jalan": [roads[p][0] for p in pick],
            # well inside the longest stretch of each road
            "km": [f"{rng.uniform(0, roads[p][1] / 2000):.2f}" for p in pick],
        }
    )
    path = Path(tempfile.mkdtemp()) / "laka.csv"
    frame.to_csv(path, index=False)
    report = import_file(conn, get_layer("accidents"), path, now=NOW)
    print(
        f"accident import placed by road + km: {report.rows_written:,} of {n:,}"
        f" rows in {report.seconds:.1f} s ({report.step_seconds})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accidents", type=int, default=50_000)
    args = parser.parse_args()
    settings = bench_settings("bench_city")
    engine = get_engine(settings)
    with engine.begin() as conn:
        generate_demo(conn, settings, complaints=2000, seed=3, end_date=END)
        conn.execute(sa.text("DELETE FROM accidents"))
        generate_accidents(
            conn, 3, datetime(2026, 11, 1, tzinfo=WITA), args.accidents - 2 * PLANTED
        )
        conn.execute(sa.text("ANALYZE accidents"))
    with engine.begin() as conn:
        _blackspots(conn)
        _indicators(conn)
        _networks(conn)
        _panel(conn)
        _placed_import(conn)


if __name__ == "__main__":
    main()
