"""Angkot coverage: the residents within a walk of a stop, and the complaints
along each route. Part of the networks run (:mod:`layers.city.networks`), which
cuts the roads into pieces and places them in kelurahan.

A stop is placed on its nearest road (within :data:`STOP_SNAP_M`, the walk to
the road counted). A stretch of road is covered when the walk to it *along the
roads* from any stop is at most :data:`WALK_M` (one multi-source Dijkstra,
:func:`gis.netcoverage.walking_coverage`). Residents of a kelurahan (newest
indicators) are spread evenly along its road length, so its covered share is
covered road metres / road metres and its residents covered that share of its
population. Routes per kelurahan are the lines crossing it; complaints along a
route those within :data:`ROUTE_BUFFER_M` of its line in the window.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from gis.netcoverage import walking_coverage
from gis.snap import holding_or_nearest
from layers.city.roadnet import TO_METRIC, Network, metric_points

WALK_M = 400.0
STOP_SNAP_M = 100.0
ROUTE_BUFFER_M = 30.0


def read_stops(conn: sa.Connection) -> pd.DataFrame:
    """Every angkot stop: id, the routes serving it, longitude and latitude."""
    rows = conn.execute(
        sa.text(
            "SELECT id, route_codes, ST_X(geom), ST_Y(geom) FROM transit_stops"
            " ORDER BY id"
        )
    ).all()
    return pd.DataFrame(rows, columns=["id", "routes", "lon", "lat"])


def coverage(
    net: Network, lines: np.ndarray, pieces: pd.DataFrame, stops: pd.DataFrame
) -> tuple[np.ndarray, dict]:
    """Covered metres of every piece, and what the stops' placing found."""
    xy = metric_points(stops["lon"].to_numpy(), stops["lat"].to_numpy())
    tree = shapely.STRtree(lines)
    points = shapely.points(xy)
    (stop, edge), access = tree.query_nearest(
        points, max_distance=STOP_SNAP_M, return_distance=True, all_matches=False
    )
    offset = shapely.line_locate_point(lines[edge], points[stop])
    cover = walking_coverage(
        net.roads["node_from"].to_numpy(),
        net.roads["node_to"].to_numpy(),
        shapely.length(lines),
        edge,
        offset,
        WALK_M,
        source_access=access,
        nodes=len(net.node_xy),
    )
    covered = cover.overlap(
        pieces["road"].to_numpy(), pieces["start"].to_numpy(), pieces["end"].to_numpy()
    )
    return covered, {"stops": len(stops), "stops_placed": int(len(stop))}


def _routes_per_kelurahan(conn: sa.Connection) -> dict[str, list[str]]:
    return dict(
        conn.execute(
            sa.text(
                "SELECT k.kode, array_agg(DISTINCT r.code ORDER BY r.code)"
                " FROM kelurahan k JOIN transit_routes r"
                " ON ST_Intersects(k.geom, r.geom)"
                " GROUP BY k.kode"
            )
        ).all()
    )


def store_coverage(
    conn: sa.Connection,
    run_id: int,
    pieces: pd.DataFrame,
    kelurahan: pd.DataFrame,
    stops: pd.DataFrame,
) -> list[dict]:
    """The run's ``angkot_coverage`` rows, one per kelurahan, from the pieces'
    ``length`` and ``covered`` metres; stored and returned."""
    stop_where = holding_or_nearest(
        metric_points(stops["lon"].to_numpy(), stops["lat"].to_numpy()),
        kelurahan["geom"].to_numpy(),
    )
    stop_count = pd.Series(kelurahan["kode"].to_numpy()[stop_where]).value_counts()
    routes = _routes_per_kelurahan(conn)
    per = pieces.groupby("kode")[["length", "covered"]].sum()
    rows = []
    for kode, population in zip(kelurahan["kode"], kelurahan["population"]):
        road_m = float(per["length"].get(kode, 0.0))
        covered_m = float(per["covered"].get(kode, 0.0))
        share = covered_m / road_m if road_m else None
        known = population is not None and not (
            isinstance(population, float) and math.isnan(population)
        )
        rows.append(
            {
                "run_id": run_id,
                "kelurahan_kode": kode,
                "population": int(population) if known else None,
                "road_m": road_m,
                "covered_m": covered_m,
                "share": share,
                "residents_covered": (
                    round(population * share) if known and share is not None else None
                ),
                "stops": int(stop_count.get(kode, 0)),
                "routes": routes.get(kode, []),
            }
        )
    conn.execute(
        sa.text(
            "INSERT INTO angkot_coverage (run_id, kelurahan_kode, population,"
            " road_m, covered_m, residents_covered, share, stops, routes) VALUES"
            " (:run_id, :kelurahan_kode, :population, :road_m, :covered_m,"
            " :residents_covered, :share, :stops, :routes)"
        ),
        rows,
    )
    return rows


def store_route_complaints(
    conn: sa.Connection, run_id: int, complaints: pd.DataFrame
) -> int:
    """The run's ``angkot_route_complaints``: per route the window's complaints
    within :data:`ROUTE_BUFFER_M` of its line; the number of routes."""
    routes = conn.execute(
        sa.text(
            "SELECT code, name, ST_AsBinary(geom) FROM transit_routes ORDER BY code"
        )
    ).all()
    if not routes:
        return 0
    lines = shapely.transform(
        shapely.from_wkb(np.array([r[2] for r in routes], dtype=object)),
        lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1])),
    )
    points = shapely.points(
        metric_points(complaints["lon"].to_numpy(), complaints["lat"].to_numpy())
    )
    route, point = (
        shapely.STRtree(points).query(
            lines, predicate="dwithin", distance=ROUTE_BUFFER_M
        )
        if len(points)
        else (np.zeros(0, int), np.zeros(0, int))
    )
    length = shapely.length(lines)
    values = []
    for i, (code, name, _) in enumerate(routes):
        near = complaints.iloc[point[route == i]]
        top = (
            near["category"]
            .value_counts()
            .sort_index()
            .sort_values(ascending=False, kind="stable")
        )
        values.append(
            {
                "run_id": run_id,
                "route_code": code,
                "name": name,
                "length_m": float(length[i]),
                "complaints": len(near),
                "open_complaints": int(near["open"].sum()),
                "per_km": len(near) / (length[i] / 1000) if length[i] else 0.0,
                "top_categories": list(top.index[:3]),
            }
        )
    conn.execute(
        sa.text(
            "INSERT INTO angkot_route_complaints (run_id, route_code, name, length_m,"
            " complaints, open_complaints, per_km, top_categories) VALUES (:run_id,"
            " :route_code, :name, :length_m, :complaints, :open_complaints, :per_km,"
            " :top_categories)"
        ),
        values,
    )
    return len(values)
