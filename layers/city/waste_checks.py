"""How well waste collection serves each kelurahan, and whether a TPS's rubbish
reports point at its schedule (``sigap city waste``).

*Coverage.* Residents within walking distance (``walk_m``, default 300 m,
measured in a straight line) of an active collection point, per kelurahan: the
kelurahan's population (newest indicator period) times the share of its road
length that lies within that distance — people live along roads, so road length
stands in for where they live. Rubbish reports (category ``kebersihan``) in the
window within the same distance of a point are counted beside them.

*Schedule.* Each rubbish report within ``near_m`` (100 m) of an active point is
given to its nearest point. Of a point's ``n`` reports, ``k`` fall on WITA
weekdays the point is not emptied; under "reports do not care about the
schedule" ``k`` is binomial with the share of the city's rubbish reports that
fall on those weekdays (the city's own weekly rhythm, not 1/7 a day). A point
with at least ``min_reports`` reports is a **schedule problem** when the
one-sided binomial test, corrected across the points tested (Benjamini–Hochberg,
q = 0.05), says the off days are over-represented — residents bring rubbish out
when no truck comes; otherwise with that many reports it has **many reports**
(overflow or dumping, not the timetable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import sqlalchemy as sa
from scipy.stats import binomtest

from gis.timeutil import WITA
from layers.city.waste import POINT_DAYS_SQL

RUBBISH = "kebersihan"
#: verdicts as stored; the published layer words them (``waste.POINTS_LAYER``)
SCHEDULE_PROBLEM = "schedule_problem"
MANY_REPORTS = "many_reports"
FEW_REPORTS = "few_reports"


@dataclass(frozen=True)
class WasteParameters:
    window_days: int = 90
    walk_m: float = 300.0
    near_m: float = 100.0
    min_reports: int = 8
    q: float = 0.05


def _window(now: datetime, days: int) -> tuple[datetime, datetime]:
    return now - timedelta(days=days), now


def weekday_shares(conn: sa.Connection, start: datetime, end: datetime) -> np.ndarray:
    """Share of the city's rubbish reports on each WITA weekday (index 0 = Senin)."""
    rows = conn.execute(
        sa.text(
            "SELECT extract(isodow FROM reported_at AT TIME ZONE :tz)::int, count(*)"
            " FROM complaints WHERE category_code = :category AND reported_at >= :start"
            " AND reported_at < :end GROUP BY 1"
        ),
        {"tz": WITA.key, "category": RUBBISH, "start": start, "end": end},
    ).all()
    counts = np.zeros(7)
    for day, n in rows:
        counts[day - 1] = n
    total = counts.sum()
    return counts / total if total else np.full(7, 1 / 7)


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """BH-adjusted q-values, in the order given."""
    n = len(p_values)
    if n == 0:
        return p_values
    order = np.argsort(p_values)
    ranked = p_values[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    out = np.empty(n)
    out[order] = adjusted
    return out


def schedule_checks(
    conn: sa.Connection, now: datetime, params: WasteParameters = WasteParameters()
) -> list[dict]:
    """One row per active point with rubbish reports near it: counts, expected
    off-day share, p-value and verdict."""
    start, end = _window(now, params.window_days)
    shares = weekday_shares(conn, start, end)
    rows = conn.execute(
        sa.text(
            "SELECT n.point_id, d.days, count(*) AS reports, count(*) FILTER (WHERE"
            " NOT extract(isodow FROM c.reported_at AT TIME ZONE :tz)::int"
            " = ANY(d.days)) AS off_day"
            " FROM complaints c CROSS JOIN LATERAL (SELECT p.id AS point_id FROM"
            " waste_points p WHERE p.status <> 'nonaktif' AND"
            " ST_DWithin(p.geom::geography, c.geom::geography, :near)"
            " ORDER BY p.geom <-> c.geom LIMIT 1) n"
            f" JOIN (SELECT p.id, {POINT_DAYS_SQL} AS days FROM waste_points p"
            " LEFT JOIN waste_routes r ON r.code = p.route_code) d ON d.id = n.point_id"
            " WHERE c.category_code = :category AND c.reported_at >= :start"
            " AND c.reported_at < :end AND d.days IS NOT NULL"
            " GROUP BY n.point_id, d.days ORDER BY n.point_id"
        ),
        {
            "tz": WITA.key,
            "near": params.near_m,
            "category": RUBBISH,
            "start": start,
            "end": end,
        },
    ).all()
    checks = []
    for point_id, days, reports, off_day in rows:
        expected = float(sum(shares[d - 1] for d in range(1, 8) if d not in days))
        p_value = None
        if reports >= params.min_reports:
            p_value = binomtest(off_day, reports, expected, "greater").pvalue
        checks.append(
            {
                "point_id": point_id,
                "reports": reports,
                "off_day_reports": off_day,
                "expected_off_share": expected,
                "p_value": p_value,
            }
        )
    tested = [c for c in checks if c["p_value"] is not None]
    q_values = benjamini_hochberg(np.array([c["p_value"] for c in tested]))
    for check, q in zip(tested, q_values, strict=True):
        check["verdict"] = SCHEDULE_PROBLEM if q < params.q else MANY_REPORTS
    for check in checks:
        check.setdefault("verdict", FEW_REPORTS)
        check["window_start"], check["window_end"] = start, end
    return checks


COVERAGE_SQL = """
WITH pop AS (
  SELECT DISTINCT ON (kelurahan_kode) kelurahan_kode, population
  FROM kelurahan_indicators ORDER BY kelurahan_kode, period DESC
), active AS (
  SELECT geom FROM waste_points WHERE status <> 'nonaktif'
), reach AS (
  SELECT ST_Union(ST_Buffer(geom::geography, :walk)::geometry) AS geom FROM active
), roads_in AS (
  SELECT k.kode, sum(ST_Length(ST_Intersection(r.geom, k.geom)::geography)) AS m,
    sum(ST_Length(ST_Intersection(ST_Intersection(r.geom, k.geom),
      coalesce((SELECT geom FROM reach), 'POLYGON EMPTY'::geometry))::geography))
      AS covered_m
  FROM kelurahan k JOIN roads r ON r.geom && k.geom AND ST_Intersects(r.geom, k.geom)
  GROUP BY k.kode
), points AS (
  SELECT kelurahan_kode AS kode, count(*) AS n, coalesce(sum(capacity_m3), 0) AS cap
  FROM waste_points WHERE status <> 'nonaktif' GROUP BY kelurahan_kode
), reports AS (
  SELECT c.kelurahan_kode AS kode, count(*) AS n,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM active a
      WHERE ST_DWithin(a.geom::geography, c.geom::geography, :walk))) AS covered
  FROM complaints c WHERE c.category_code = :category
    AND c.reported_at >= :start AND c.reported_at < :end
  GROUP BY c.kelurahan_kode
)
SELECT k.kode, coalesce(pt.n, 0) AS points, coalesce(pt.cap, 0) AS capacity,
  pop.population,
  CASE WHEN ri.m > 0 THEN ri.covered_m / ri.m END AS covered_share,
  coalesce(rp.n, 0) AS rubbish_reports, coalesce(rp.covered, 0) AS reports_covered
FROM kelurahan k LEFT JOIN pop ON pop.kelurahan_kode = k.kode
LEFT JOIN roads_in ri ON ri.kode = k.kode LEFT JOIN points pt ON pt.kode = k.kode
LEFT JOIN reports rp ON rp.kode = k.kode ORDER BY k.kode
"""


def coverage(
    conn: sa.Connection, now: datetime, params: WasteParameters = WasteParameters()
) -> list[dict]:
    """Per kelurahan: points, capacity, residents within walking distance and
    rubbish reports within it."""
    start, end = _window(now, params.window_days)
    rows = conn.execute(
        sa.text(COVERAGE_SQL),
        {"walk": params.walk_m, "category": RUBBISH, "start": start, "end": end},
    ).all()
    out = []
    for kode, points, capacity, population, share, reports, covered in rows:
        residents = (
            round(population * share)
            if population is not None and share is not None
            else None
        )
        out.append(
            {
                "kelurahan_kode": kode,
                "points": points,
                "capacity_m3": float(capacity),
                "population": population,
                "residents_covered": residents,
                "covered_share": share,
                "rubbish_reports": reports,
                "reports_covered": covered,
                "window_start": start,
                "window_end": end,
            }
        )
    return out


def analyse_waste(
    conn: sa.Connection, now: datetime, params: WasteParameters = WasteParameters()
) -> dict:
    """Replace the stored coverage and schedule checks with those as of ``now``."""
    checks = schedule_checks(conn, now, params)
    rows = coverage(conn, now, params)
    conn.execute(sa.text("DELETE FROM waste_schedule_checks"))
    conn.execute(sa.text("DELETE FROM waste_coverage"))
    if checks:
        conn.execute(
            sa.text(
                "INSERT INTO waste_schedule_checks (point_id, reports,"
                " off_day_reports, expected_off_share, p_value, verdict,"
                " window_start, window_end) VALUES (:point_id, :reports,"
                " :off_day_reports, :expected_off_share, :p_value, :verdict,"
                " :window_start, :window_end)"
            ),
            checks,
        )
    conn.execute(
        sa.text(
            "INSERT INTO waste_coverage (kelurahan_kode, points, capacity_m3,"
            " population, residents_covered, covered_share, rubbish_reports,"
            " reports_covered, window_start, window_end) VALUES (:kelurahan_kode,"
            " :points, :capacity_m3, :population, :residents_covered,"
            " :covered_share, :rubbish_reports, :reports_covered, :window_start,"
            " :window_end)"
        ),
        rows,
    )
    return {
        "points_checked": len(checks),
        "schedule_problems": sum(c["verdict"] == SCHEDULE_PROBLEM for c in checks),
        "kelurahan": len(rows),
    }
