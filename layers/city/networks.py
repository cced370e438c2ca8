"""The networks run: the city's networks as residents meet them, angkot coverage
(:mod:`layers.city.angkot`) and street lighting (:mod:`layers.city.lighting`).

One run (``city_runs`` row of kind ``networks``) reads SIGAP's roads
(:func:`layers.city.roadnet.read_network`) and cuts every road into pieces of
at most :data:`PIECE_M` metres (:func:`gis.netcoverage.line_pieces`); a piece
belongs to the kelurahan holding its midpoint. On those pieces it computes the
angkot coverage per kelurahan, the complaints along each route, the lit main
road pieces and the lighting per kelurahan, over the complaints of the last
:data:`WINDOW_DAYS` days, every row stamped with the run's id.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from gis.netcoverage import line_pieces
from gis.runs import Timings, versions
from gis.snap import holding_or_nearest
from layers.city import angkot, lighting
from layers.city.roadnet import TO_METRIC, read_network
from layers.status import OPEN

PIECE_M = 25.0
WINDOW_DAYS = 365
LIBRARIES = ("numpy", "scipy", "shapely", "pandas")


def _kelurahan(conn: sa.Connection) -> pd.DataFrame:
    rows = conn.execute(
        sa.text(
            "SELECT k.kode, k.nama, i.population, ST_AsBinary(k.geom)"
            " FROM kelurahan k LEFT JOIN latest_kelurahan_indicators i"
            " ON i.kelurahan_kode = k.kode ORDER BY k.kode"
        )
    ).all()
    frame = pd.DataFrame(rows, columns=["kode", "nama", "population", "wkb"])
    lonlat = shapely.from_wkb(frame.pop("wkb").to_numpy())
    frame["geom"] = shapely.transform(
        lonlat, lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1]))
    )
    return frame


def _complaints(
    conn: sa.Connection, start: datetime, end: datetime, category: str | None = None
) -> pd.DataFrame:
    only = " AND category_code = :category" if category else ""
    rows = conn.execute(
        sa.text(
            "SELECT category_code, status, kelurahan_kode, ST_X(geom), ST_Y(geom)"
            " FROM complaints WHERE reported_at >= :start AND reported_at < :end"
            f"{only} ORDER BY id"
        ),
        {"start": start, "end": end, "category": category},
    ).all()
    frame = pd.DataFrame(
        rows, columns=["category", "status", "kelurahan", "lon", "lat"]
    )
    frame["open"] = frame["status"].isin([s.value for s in OPEN])
    return frame


def run_networks(conn: sa.Connection, now: datetime, days: int = WINDOW_DAYS) -> int:
    """Compute angkot coverage and street lighting as of ``now``; the run's id."""
    timings = Timings()
    start = now - timedelta(days=days)
    parameters = {
        "walk_m": angkot.WALK_M,
        "piece_m": PIECE_M,
        "stop_snap_m": angkot.STOP_SNAP_M,
        "route_buffer_m": angkot.ROUTE_BUFFER_M,
        "lit_within_m": lighting.LIT_WITHIN_M,
        "lit_classes": list(lighting.LIT_CLASSES),
        "population": "spread evenly along each kelurahan's road length",
    }
    run_id = conn.execute(
        sa.text(
            "INSERT INTO city_runs (kind, started_at, window_start, window_end,"
            " parameters, versions) VALUES ('networks', :started, :start, :end,"
            " CAST(:parameters AS jsonb), CAST(:versions AS jsonb)) RETURNING id"
        ),
        {
            "started": now,
            "start": start,
            "end": now,
            "parameters": json.dumps(parameters),
            "versions": json.dumps(versions(conn, LIBRARIES)),
        },
    ).scalar_one()
    with timings.step("read"):
        net = read_network(conn)
        lines = net.roads["geom"].to_numpy()
        kelurahan = _kelurahan(conn)
        pieces = line_pieces(lines, PIECE_M).rename(columns={"line": "road"})
        pieces["length"] = pieces["end"] - pieces["start"]
        where = holding_or_nearest(
            pieces[["x", "y"]].to_numpy(), kelurahan["geom"].to_numpy()
        )
        pieces["kode"] = kelurahan["kode"].to_numpy()[where]
        stops = angkot.read_stops(conn)
    with timings.step("angkot_coverage"):
        covered, placed = angkot.coverage(net, lines, pieces, stops)
        pieces["covered"] = covered
        rows = angkot.store_coverage(conn, run_id, pieces, kelurahan, stops)
    with timings.step("route_complaints"):
        route_rows = angkot.store_route_complaints(
            conn, run_id, _complaints(conn, start, now)
        )
    with timings.step("lighting"):
        lit = lighting.store_lit_pieces(conn, run_id, net, lines, pieces)
        lit["lit_m"] = np.where(lit["lit"], lit["length"], 0.0)
        reports = _complaints(conn, start, now, lighting.PJU_CATEGORY)
        lighting.store_lighting(conn, run_id, lit, kelurahan, reports)
    population = sum(r["population"] or 0 for r in rows)
    covered_people = sum(r["residents_covered"] or 0 for r in rows)
    main_m = float(lit["length"].sum())
    summary = {
        **placed,
        "population": population,
        "residents_covered": covered_people,
        "coverage_share": covered_people / population if population else None,
        "road_m": float(pieces["length"].sum()),
        "covered_m": float(pieces["covered"].sum()),
        "routes": route_rows,
        "lit_road_m": main_m,
        "lit_m": float(lit["lit_m"].sum()),
        "lit_share": float(lit["lit_m"].sum()) / main_m if main_m else None,
        "pju_reports": len(reports),
    }
    conn.execute(
        sa.text(
            "UPDATE city_runs SET status = 'done', finished_at = :finished,"
            " summary = CAST(:summary AS jsonb), timings = CAST(:timings AS jsonb)"
            " WHERE id = :id"
        ),
        {
            "finished": now,
            "summary": json.dumps(summary),
            "timings": json.dumps(timings),
            "id": run_id,
        },
    )
    return run_id
