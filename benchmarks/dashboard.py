"""Command room benchmarks (issue 18).

    .venv/bin/python benchmarks/dashboard.py [--complaints 1000000] [--demo-url URL]
        [--skip-summary] [--skip-render]

1. ``GET /api/dashboard/summary`` over HTTP (gunicorn) on its own database of
   1 000 000 demo complaints (``<SIGAP database>_bench_dash``, kept between runs so
   the million rows and their analysis are made once): the median of 21 requests
   after one warm-up (target <= 50 ms), side by side with the smallest query any
   backlog needs — PostgreSQL counting the open tickets, alone — as a ratio.
   Then the backlog with yesterday's figures on one connection, this code's
   way beside the old one (a look-up per ticket moved in the last day, kept in
   this file only): the tiles must be identical, and the ratio is printed.
2. The dashboard's first render in Chromium (1440x900) on the demo city (SIGAP's
   own database, or ``--demo-url``): navigation start until every panel has its
   data (``window.dashboardLoaded``, Performance API), the median of 5 cold loads
   (target <= 1.5 s), beside the browser's own ``load`` event of the same page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from common import (  # noqa: E402
    bench_settings,
    demo_city,
    median_ms,
    sigap_server,
)

from gis.config import Settings  # noqa: E402
from gis.db import get_engine  # noqa: E402
from gis.timeutil import WITA  # noqa: E402
from layers.analysis.pipeline import run_analysis  # noqa: E402
from layers.backlog import BACKLOG  # noqa: E402
from layers.status import (  # noqa: E402
    CLOSED,
    OPEN,
    State,
    group_of,
    is_open,
    sql_group,
    sql_in,
)
from layers.summary import backlog, windows  # noqa: E402

END = date(2026, 10, 31)
AT = datetime(2026, 11, 1, 7, 0, tzinfo=WITA)  # the morning after the data


#: the glance as it was before issue 18's speed work, kept here (and only here)
#: to measure against: yesterday's backlog corrected by looking every ticket
#: moved in the last day up in ``complaints``, one by one
OLD_GLANCE_SQL = f"""
SELECT
 (SELECT max(id) FROM analysis_runs WHERE status = 'done') AS run,
 (SELECT coalesce(json_agg(json_build_array(status, n, overdue, overdue_then,
    existed_then, oldest, oldest_overdue)), '[]') FROM (
  SELECT status, count(*) AS n,
   count(*) FILTER (WHERE due_at < :now) AS overdue,
   count(*) FILTER (WHERE due_at < :yesterday AND reported_at <= :yesterday)
     AS overdue_then,
   count(*) FILTER (WHERE reported_at <= :yesterday) AS existed_then,
   extract(epoch FROM :now - min(reported_at)) / 86400 AS oldest,
   extract(epoch FROM :now - min(reported_at) FILTER (WHERE due_at < :now)) / 86400
     AS oldest_overdue
  FROM complaints WHERE status IN {sql_in(OPEN)} AND reported_at <= :now
  GROUP BY status) b) AS open,
 (SELECT coalesce(json_agg(json_build_array(then_status, now_status, existed,
    overdue_then, n)), '[]') FROM (
  SELECT m.then_status, c.status AS now_status, c.reported_at <= :yesterday AS existed,
   coalesce(c.due_at < :yesterday, false) AS overdue_then, count(*) AS n
  FROM (SELECT DISTINCT ON (e.complaint_id) e.complaint_id, e.from_status AS then_status
   FROM complaint_events e
   WHERE e.at > :yesterday AND e.at <= :now AND e.to_status IS NOT NULL
    AND e.to_status IS DISTINCT FROM e.from_status
   ORDER BY e.complaint_id, e.at, e.id) m
  -- one look-up per moved ticket (OFFSET 0 keeps the planner from scanning
  -- the whole table to hash it)
  CROSS JOIN LATERAL (SELECT status, reported_at, due_at FROM complaints
   WHERE id = m.complaint_id OFFSET 0) c GROUP BY 1, 2, 3, 4) m) AS moved,
 (SELECT json_build_array(count(*) FILTER (WHERE reported_at >= :today), count(*))
  FROM complaints WHERE reported_at >= :week AND reported_at <= :now) AS new,
 (SELECT coalesce(json_agg(json_build_array(g, today, week)), '[]') FROM (
  SELECT {sql_group("status")} AS g,
   count(*) FILTER (WHERE resolved_at >= :today) AS today, count(*) AS week
  FROM complaints WHERE status IN {sql_in(CLOSED)}
   AND resolved_at >= :week AND resolved_at <= :now GROUP BY 1) x) AS closed
"""


def _old_backlog(conn: sa.Connection, now: datetime) -> dict[str, dict]:
    """The backlog tiles the old way (same shape as ``layers.summary.backlog``)."""
    row = conn.execute(sa.text(OLD_GLANCE_SQL), {"now": now, **windows(now)}).one()
    tiles = {
        name: {"count": 0, "yesterday": 0, "oldest_days": None} for name in BACKLOG
    }

    def buckets(state: str | None, overdue: bool) -> list[str]:
        if state is None or not is_open(state):
            return []
        found = [group_of(state).value]
        if state == State.KOORDINASI:
            found.append("coordination")
        return found + (["overdue"] if overdue else [])

    def older(name: str, days: float | None) -> None:
        if days is not None and (
            tiles[name]["oldest_days"] is None or days > tiles[name]["oldest_days"]
        ):
            tiles[name]["oldest_days"] = days

    for status, n, overdue, overdue_then, existed, oldest, oldest_overdue in row.open:
        for name in buckets(status, False):
            tiles[name]["count"] += n
            tiles[name]["yesterday"] += existed
            older(name, oldest)
        tiles["overdue"]["count"] += overdue
        tiles["overdue"]["yesterday"] += overdue_then
        older("overdue", oldest_overdue)
    for then_status, now_status, existed, overdue_then, n in row.moved:
        if existed:
            for name in buckets(now_status, overdue_then):
                tiles[name]["yesterday"] -= n
            for name in buckets(then_status, overdue_then):
                tiles[name]["yesterday"] += n
    for tile in tiles.values():
        tile["change"] = tile["count"] - tile["yesterday"]
    return tiles


def _prepare(settings: Settings, complaints: int) -> int:
    engine = get_engine(settings)
    demo_city(settings, complaints, END)
    with engine.begin() as conn:
        runs = conn.execute(sa.text("SELECT count(*) FROM analysis_runs")).scalar()
        if not runs:
            # the hot spots the summary names: the rubbish run is enough
            print("analysing rubbish reports for hot spots (once)…", flush=True)
            run_analysis(
                conn,
                settings,
                categories=["kebersihan"],
                since=AT - timedelta(days=120),
                until=AT,
                seed=3,
            )
        conn.execute(sa.text("ANALYZE complaints; ANALYZE complaint_events"))
    # what autovacuum does to a live database soon enough: mark the pages
    # all-visible, so index-only scans stay index-only from the first run
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM complaints, complaint_events"))
        return conn.execute(sa.text("SELECT count(*) FROM complaints")).scalar()


def summary_benchmark(complaints: int) -> None:
    settings = bench_settings("bench_dash", fresh=False).replace(clock=AT)
    total = _prepare(settings, complaints)
    with sigap_server(settings) as base:
        url = base + "/api/dashboard/summary"
        urllib.request.urlopen(url, timeout=60).read()  # warm-up
        served = median_ms(lambda: urllib.request.urlopen(url, timeout=60).read(), 21)
    with get_engine(settings).connect() as conn:
        open_sql = sa.text(
            f"SELECT count(*) FROM complaints WHERE status IN {sql_in(OPEN)}"
        )
        conn.execute(open_sql).scalar()
        bare = median_ms(lambda: conn.execute(open_sql).scalar(), 21)
        # the backlog with yesterday's, both ways, on the same connection
        tiles = {k: dict(t) for k, t in backlog(conn, AT).items()}
        for tile in tiles.values():
            tile.pop("filters")
        if tiles != _old_backlog(conn, AT):
            raise SystemExit(f"the backlog differs from the old way's: {tiles}")
        new_ms = median_ms(lambda: backlog(conn, AT), 21)
        old_ms = median_ms(lambda: _old_backlog(conn, AT), 21)
    print(
        f"GET /api/dashboard/summary over {total:,} complaints: median {served:.1f} ms"
        f"  [target <= 50 ms, ratio {served / 50:.2f}x]  |  PostgreSQL counting"
        f" open tickets alone:"
        f" {bare:.1f} ms  (ratio {served / bare:.1f}x)"
    )
    print(
        f"backlog now and yesterday (one round trip, identical tiles): median"
        f" {new_ms:.1f} ms  |  old way, a look-up per ticket moved in the last day:"
        f" {old_ms:.1f} ms  (ratio old/new {old_ms / new_ms:.1f}x)"
    )


def render_benchmark(demo_url: str | None) -> None:
    from tests.browser import DESKTOP, chromium

    def measure(base: str) -> None:
        loaded, onload = [], []
        with chromium(DESKTOP) as driver:
            for _ in range(6):
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                driver.get(base + "/dashboard")
                driver.execute_async_script(
                    "const done = arguments[0];"
                    " window.dashboardReady.then(() => done(1), () => done(0));"
                )
                loaded.append(driver.execute_script("return window.dashboardLoaded"))
                onload.append(
                    driver.execute_script(
                        "const n = performance.getEntriesByType('navigation')[0];"
                        " return n.loadEventEnd"
                    )
                )
        # the first load also warms the server's connections: not counted
        first, load = statistics.median(loaded[1:]), statistics.median(onload[1:])
        print(
            f"dashboard first render, every panel filled (Chromium 1440x900, demo):"
            f" median {first:.0f} ms  [target <= 1500 ms]  |  browser load event of"
            f" the same page: {load:.0f} ms  (ratio {first / load:.1f}x)"
        )

    if demo_url:
        measure(demo_url)
        return
    with sigap_server(Settings.from_env().replace(clock=AT)) as base:
        measure(base)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--demo-url", help="a running SIGAP serving the demo city")
    parser.add_argument("--skip-summary", action="store_true")
    parser.add_argument("--skip-render", action="store_true")
    parser.add_argument(
        "--prepare-only", action="store_true", help="make the database, time nothing"
    )
    args = parser.parse_args()
    if args.prepare_only:
        _prepare(
            bench_settings("bench_dash", fresh=False).replace(clock=AT),
            args.complaints,
        )
        return
    if not args.skip_summary:
        summary_benchmark(args.complaints)
    if not args.skip_render:
        render_benchmark(args.demo_url)


if __name__ == "__main__":
    main()
