"""The numbers of the command room's "Kota" panel, public (no personal data).

Accidents this WITA month and the last twelve months (MD/LB/LR), the month
before for comparison, the top blackspots of the newest blackspot run with their
road names, PJU poles dead and damaged, and the population and poverty
aggregates of the newest indicator period; of the newest networks run
(:mod:`layers.city.networks`) the residents within a walk of an angkot stop and
the lit share of arterial/collector roads, with the dead-lamp reports beside the
poles recorded dead and the dead-lamp corridors of the newest analysis run.
``now`` comes from the one clock. The accident counts are summed from the
per-WITA-day ``accident_days`` (today from the rows); the rest of the panel is
one statement, each part a JSON value: the command room asks for it on every
refresh, and round trips, not rows, were its cost.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from gis.timeutil import WITA, to_wita
from layers.city.waste_checks import SCHEDULE_PROBLEM

TOP_BLACKSPOTS = 5


def _month_start(day: date, back: int = 0) -> datetime:
    """Midnight WITA on the first of the month ``back`` months before ``day``'s."""
    month = day.year * 12 + day.month - 1 - back
    return datetime.combine(date(month // 12, month % 12 + 1, 1), time(0), WITA)


COUNTED = ("accidents", "died", "serious_injuries", "minor_injuries", "pdo")


def accident_windows(now: datetime) -> dict[str, tuple[datetime, datetime]]:
    """The panel's accident windows as of ``now``: each starts at midnight WITA
    and ends at a midnight WITA or at ``now``."""
    today = to_wita(now).date()
    this_month = _month_start(today)
    return {
        "this_month": (this_month, now),
        "last_month": (_month_start(today, 1), this_month),
        "last_12_months": (_month_start(today, 11), now),
    }


def _accidents(
    conn: sa.Connection, windows: dict[str, tuple[datetime, datetime]], now: datetime
) -> dict:
    """Counts in each named window: the whole WITA days before today from
    ``accident_days``, today up to ``now`` from the accident rows themselves
    (so a record dated after ``now`` counts no sooner than the old row scan did)."""
    today = to_wita(now).date()

    def day(moment: datetime) -> date:
        # a window ending at now takes in today's partial row
        if moment == now:
            return today + timedelta(days=1)
        local = to_wita(moment)
        if local.time() != time(0):
            raise ValueError(f"accident window bound not at midnight WITA: {moment}")
        return local.date()

    sums, values = [], {}
    for i, (start, end) in enumerate(windows.values()):
        values |= {f"s{i}": day(start), f"e{i}": day(end)}
        sums += [
            f"coalesce(sum({column}) FILTER (WHERE day >= :s{i} AND day < :e{i}), 0)"
            for column in COUNTED
        ]
    values |= {
        "first": min(values[f"s{i}"] for i in range(len(windows))),
        "today": today,
        "today_start": datetime.combine(today, time(0), WITA),
        "now": now,
    }
    row = conn.execute(
        sa.text(
            "WITH days AS (SELECT day, accidents, died, serious_injuries,"
            " minor_injuries, pdo FROM accident_days WHERE day >= :first"
            " AND day < :today UNION ALL SELECT CAST(:today AS date), count(*),"
            " sum(died), sum(serious_injuries), sum(minor_injuries),"
            " count(*) FILTER (WHERE pdo) FROM accidents"
            " WHERE occurred_at >= :today_start AND occurred_at < :now)"
            f" SELECT {', '.join(sums)} FROM days"
        ),
        values,
    ).one()
    size = len(COUNTED)
    return {
        name: {column: int(row[i * size + k]) for k, column in enumerate(COUNTED)}
        for i, name in enumerate(windows)
    }


TOP_KELURAHAN = 3

#: The newest finished blackspot and networks runs, named once for every part.
_RUNS = (
    "WITH blackspot_run AS (SELECT id, window_start, window_end, parameters ->"
    " 'weights' AS weights FROM city_runs WHERE kind = 'blackspots' AND status ="
    " 'done' ORDER BY id DESC LIMIT 1), networks_run AS (SELECT id, summary FROM"
    " city_runs WHERE kind = 'networks' AND status = 'done' ORDER BY id DESC LIMIT 1)"
)

#: Every part of the panel but the accident counts, each a JSON value, so the
#: whole panel is one round trip to the database.
_PARTS = {
    "blackspot_run": "SELECT row_to_json(r) FROM blackspot_run r",
    "sites": "SELECT * FROM (SELECT 'segment' AS kind, road_id AS site_id,"
    " ARRAY[road_name] AS road_names, accidents, died, aek, eb_excess, blackspot,"
    " ST_X(ST_LineInterpolatePoint(geom, 0.5)) AS lon,"
    " ST_Y(ST_LineInterpolatePoint(geom, 0.5)) AS lat FROM blackspot_segments"
    " WHERE run_id = (SELECT id FROM blackspot_run) AND blackspot UNION ALL"
    " SELECT 'junction', junction_id, road_names, accidents, died, aek, eb_excess,"
    " blackspot, ST_X(geom), ST_Y(geom) FROM blackspot_junctions"
    " WHERE run_id = (SELECT id FROM blackspot_run) AND blackspot) s"
    " ORDER BY eb_excess DESC, aek DESC, kind, site_id LIMIT :top_sites",
    "poles": "SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n"
    " FROM streetlights GROUP BY status) s",
    "indicators": "SELECT json_build_object('period', max(period), 'population',"
    " sum(population), 'households', sum(households), 'poor_people',"
    " sum(poor_people), 'dtsen_d1_4_families', sum(dtsen_d1_4_families),"
    " 'pkh_families', sum(pkh_families), 'bpnt_families', sum(bpnt_families),"
    " 'pbi_jk_people', sum(pbi_jk_people), 'p3ke_extreme_families',"
    " sum(p3ke_extreme_families), 'synthetic', coalesce(bool_or(synthetic), false),"
    " 'kelurahan', count(*)) FROM latest_kelurahan_indicators",
    "poorest": "SELECT i.kelurahan_kode AS kode, k.nama, i.population,"
    " i.poor_people, round(i.poor_people::numeric / nullif(i.population, 0), 4)"
    "::float AS poor_share FROM latest_kelurahan_indicators i JOIN kelurahan k"
    " ON k.kode = i.kelurahan_kode WHERE i.poor_people IS NOT NULL"
    " ORDER BY poor_share DESC NULLS LAST, i.kelurahan_kode LIMIT 5",
    "networks_run": "SELECT row_to_json(r) FROM networks_run r",
    "angkot_least": "SELECT c.kelurahan_kode AS kode, k.nama, c.population,"
    " c.residents_covered, round(c.share::numeric, 3)::float AS share, c.stops"
    " FROM angkot_coverage c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
    " WHERE c.run_id = (SELECT id FROM networks_run) AND c.population > 0"
    " ORDER BY c.share, c.population DESC, c.kelurahan_kode LIMIT :top",
    "angkot_routes": "SELECT route_code AS code, name, complaints,"
    " open_complaints, round(per_km::numeric, 1)::float AS per_km, top_categories"
    " FROM angkot_route_complaints WHERE run_id = (SELECT id FROM networks_run)"
    " ORDER BY per_km DESC, route_code LIMIT :top",
    "darkest": "SELECT l.kelurahan_kode AS kode, k.nama,"
    " round((l.road_m / 1000)::numeric, 2)::float AS road_km,"
    " round(l.lit_share::numeric, 3)::float AS lit_share, l.dead, l.reports"
    " FROM street_lighting l JOIN kelurahan k ON k.kode = l.kelurahan_kode"
    " WHERE l.run_id = (SELECT id FROM networks_run) AND l.road_m >= 200"
    " ORDER BY l.lit_share, l.road_m DESC, l.kelurahan_kode LIMIT :top",
    # where residents report dead lamps the register does not know of, or the
    # register holds dead poles nobody reports
    "report_gaps": "SELECT l.kelurahan_kode AS kode, k.nama, l.reports,"
    " l.open_reports, l.dead, l.damaged FROM street_lighting l JOIN kelurahan k"
    " ON k.kode = l.kelurahan_kode WHERE l.run_id = (SELECT id FROM networks_run)"
    " ORDER BY abs(l.reports - l.dead - l.damaged) DESC, l.kelurahan_kode"
    " LIMIT :top",
    "corridors": "SELECT c.corridor_id, c.reports, round(c.length_m::numeric)"
    "::float AS length_m, coalesce((SELECT array_agg(DISTINCT r.name ORDER BY"
    " r.name) FROM roads r WHERE r.id = ANY(c.road_ids) AND r.name IS NOT NULL),"
    " '{}') AS roads FROM latest_road_corridors c"
    " WHERE c.category_code = 'lampu_jalan_mati'"
    " ORDER BY c.reports DESC, c.corridor_id LIMIT :top",
    "repeated": "SELECT count(*) FROM latest_pole_outages WHERE repeated",
    "waste": "SELECT json_build_object('kelurahan', count(*), 'points',"
    " sum(points), 'population', sum(population), 'residents_covered',"
    " sum(residents_covered), 'rubbish_reports', sum(rubbish_reports),"
    " 'reports_covered', sum(reports_covered), 'as_of', max(window_end))"
    " FROM waste_coverage",
    "waste_least": "SELECT c.kelurahan_kode AS kode, k.nama, c.points,"
    " c.population, c.residents_covered, round(c.covered_share::numeric, 3)::float"
    " AS share FROM waste_coverage c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
    " WHERE c.population > 0 ORDER BY c.covered_share NULLS FIRST,"
    " c.population DESC, c.kelurahan_kode LIMIT :top",
    "waste_problems": "SELECT p.code, p.name, p.kelurahan_kode AS kode, k.nama,"
    " c.reports, c.off_day_reports, c.p_value FROM waste_schedule_checks c"
    " JOIN waste_points p ON p.id = c.point_id"
    " LEFT JOIN kelurahan k ON k.kode = p.kelurahan_kode"
    " WHERE c.verdict = :schedule_problem ORDER BY c.p_value, p.code LIMIT :top",
}
#: the parts that are lists of rows (the others are one value each)
_LISTS = {
    "sites",
    "poorest",
    "angkot_least",
    "angkot_routes",
    "darkest",
    "report_gaps",
    "corridors",
    "waste_least",
    "waste_problems",
}


def _fetch(conn: sa.Connection) -> dict:
    """Every part of :data:`_PARTS` in one statement (lists as lists of dicts)."""
    columns = [
        f"(SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q) AS {name}"
        if name in _LISTS
        else f"({sql}) AS {name}"
        for name, sql in _PARTS.items()
    ]
    row = conn.execute(
        sa.text(f"{_RUNS} SELECT {', '.join(columns)}"),
        {
            "top": TOP_KELURAHAN,
            "top_sites": TOP_BLACKSPOTS,
            "schedule_problem": SCHEDULE_PROBLEM,
        },
    ).one()
    return dict(row._mapping)


def _wita(stamp: str) -> str:
    return to_wita(datetime.fromisoformat(stamp)).isoformat()


def _blackspots(parts: dict) -> dict:
    run = parts["blackspot_run"]
    if run is None:
        return {"run_id": None, "sites": []}
    return {
        "run_id": run["id"],
        "window_start": _wita(run["window_start"]),
        "window_end": _wita(run["window_end"]),
        "weights": run["weights"],
        "sites": [
            {
                **s,
                "road_names": [n for n in s["road_names"] if n],
                "aek": round(s["aek"], 1),
                "eb_excess": round(s["eb_excess"], 2),
            }
            for s in parts["sites"]
        ],
    }


def _streetlights(parts: dict) -> dict:
    counts = parts["poles"] or {}
    return {
        "total": sum(counts.values()),
        "on": counts.get("menyala", 0),
        "dead": counts.get("mati", 0),
        "damaged": counts.get("rusak", 0),
    }


def _poverty(parts: dict) -> dict:
    out = dict(parts["indicators"])
    out["poor_share"] = (
        round(out["poor_people"] / out["population"], 4)
        if out["population"] and out["poor_people"] is not None
        else None
    )
    out["poorest"] = parts["poorest"]
    return out


def _angkot(parts: dict) -> dict:
    run = parts["networks_run"]
    if run is None:
        return {"run_id": None}
    summary = run["summary"]
    share = summary.get("coverage_share")
    return {
        "run_id": run["id"],
        "population": summary["population"],
        "residents_covered": summary["residents_covered"],
        "share": None if share is None else round(share, 3),
        "stops": summary["stops_placed"],
        "routes": summary["routes"],
        "least_covered": parts["angkot_least"],
        "routes_most_complaints": parts["angkot_routes"],
    }


def _lighting(parts: dict) -> dict:
    run = parts["networks_run"]
    if run is None:
        return {"run_id": None}
    summary = run["summary"]
    share = summary.get("lit_share")
    return {
        "run_id": run["id"],
        "road_km": round(summary["lit_road_m"] / 1000, 1),
        "lit_km": round(summary["lit_m"] / 1000, 1),
        "lit_share": None if share is None else round(share, 3),
        "reports": summary["pju_reports"],
        "darkest": parts["darkest"],
        "report_gaps": parts["report_gaps"],
        "dead_lamp_corridors": parts["corridors"],
        "repeated_pole_outages": int(parts["repeated"] or 0),
    }


def _waste(parts: dict) -> dict:
    """Walking-distance coverage of the waste points and the TPS whose rubbish
    reports fall on days without collection, from the newest waste analysis."""
    totals = parts["waste"]
    if not totals["kelurahan"]:
        return {"analysed": False}
    population, covered = totals["population"], totals["residents_covered"]
    reports, reports_covered = totals["rubbish_reports"], totals["reports_covered"]
    return {
        "analysed": True,
        "as_of": _wita(totals["as_of"]),
        "points": int(totals["points"] or 0),
        "population": int(population or 0),
        "residents_covered": None if covered is None else int(covered),
        "share": round(covered / population, 3)
        if population and covered is not None
        else None,
        "rubbish_reports": int(reports or 0),
        "reports_covered": int(reports_covered or 0),
        "reports_share": round(reports_covered / reports, 3) if reports else None,
        "least_covered": parts["waste_least"],
        "schedule_problems": parts["waste_problems"],
    }


def city_panel(conn: sa.Connection, now: datetime) -> dict:
    """Everything the "Kota" panel shows, as of ``now``."""
    accidents = _accidents(conn, accident_windows(now), now)
    parts = _fetch(conn)
    population = _poverty(parts)
    if population["population"]:
        per_1000 = 1000 / population["population"]
        accidents["last_12_months"]["per_1000_residents"] = round(
            accidents["last_12_months"]["accidents"] * per_1000, 3
        )
    return {
        "as_of": to_wita(now).isoformat(),
        "accidents": accidents,
        "blackspots": _blackspots(parts),
        "streetlights": {**_streetlights(parts), "lighting": _lighting(parts)},
        "angkot": _angkot(parts),
        "waste": _waste(parts),
        "population": population,
    }
