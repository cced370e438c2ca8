"""The city's networks as residents meet them: angkot coverage and street lighting.

One run (``city_runs`` row of kind ``networks``) computes, over SIGAP's roads
(:func:`layers.city.roadnet.read_network`):

* **Angkot coverage.** Every road is cut into pieces of at most
  :data:`PIECE_M` metres; a piece belongs to the kelurahan holding its midpoint.
  A stop is placed on its nearest road (within :data:`STOP_SNAP_M`, the walk to
  the road counted). A stretch of road is covered when the walk to it *along the
  roads* from any stop is at most :data:`WALK_M` (one multi-source Dijkstra,
  :func:`gis.netcoverage.walking_coverage`). Residents of a kelurahan (newest
  indicators) are spread evenly along its road length, so its covered share is
  covered road metres / road metres and its residents covered that share of its
  population. Routes per kelurahan are the lines crossing it; complaints along a
  route those within :data:`ROUTE_BUFFER_M` of its line in the window.
* **Street lighting.** Arterial and collector road pieces are lit when a working
  pole (``menyala``) stands within :data:`LIT_WITHIN_M` of the piece's midpoint;
  per kelurahan the lit share of those road metres, the poles by status and the
  dead-lamp reports (category :data:`PJU_CATEGORY`) of the window beside them.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from shapely import ops

from gis.copy import copy_rows
from gis.netcoverage import walking_coverage
from gis.runs import Timings, versions
from layers.city.roadnet import TO_LONLAT, TO_METRIC, read_network
from layers.status import OPEN

WALK_M = 400.0
PIECE_M = 25.0
STOP_SNAP_M = 100.0
ROUTE_BUFFER_M = 30.0
LIT_WITHIN_M = 40.0
LIT_CLASSES = ("arteri", "kolektor")
PJU_CATEGORY = "lampu_jalan_mati"
WINDOW_DAYS = 365
LIBRARIES = ("numpy", "scipy", "shapely", "pandas")


def _metric_points(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    x, y = TO_METRIC.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.column_stack([x, y]) if len(lon) else np.zeros((0, 2))


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


def place_points(kelurahan: pd.DataFrame, xy: np.ndarray) -> np.ndarray:
    """Index of the kelurahan of each metric point: the lowest-coded one holding it
    (the platform's edge rule), else the nearest (hairline gaps, the shore)."""
    out = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0 or kelurahan.empty:
        return out
    points = shapely.points(xy)
    tree = shapely.STRtree(kelurahan["geom"].to_numpy())
    point, area = tree.query(points, predicate="intersects")
    if len(point):
        first = pd.Series(area).groupby(point).min()
        out[first.index.to_numpy()] = first.to_numpy()
    missing = np.flatnonzero(out < 0)
    if len(missing):
        found, nearest = tree.query_nearest(points[missing], all_matches=False)
        out[missing[found]] = nearest
    return out


def road_pieces(lines: np.ndarray, piece_m: float = PIECE_M) -> pd.DataFrame:
    """Each line cut into equal pieces of at most ``piece_m``: road index, piece
    number, start and end (m from the line's start) and the midpoint."""
    length = shapely.length(lines)
    # a hair over a whole number of pieces (projection round trips) is not one more
    count = np.maximum(np.ceil(length / piece_m - 1e-6).astype(int), 1)
    road = np.repeat(np.arange(len(lines)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    piece = np.arange(len(road)) - first
    size = length[road] / count[road]
    start, end = piece * size, (piece + 1) * size
    mid = shapely.line_interpolate_point(lines[road], (start + end) / 2)
    xy = shapely.get_coordinates(mid) if len(road) else np.zeros((0, 2))
    return pd.DataFrame(
        {
            "road": road,
            "piece": piece,
            "start": start,
            "end": end,
            "x": xy[:, 0],
            "y": xy[:, 1],
        }
    )


def _stops(conn: sa.Connection) -> pd.DataFrame:
    rows = conn.execute(
        sa.text(
            "SELECT id, route_codes, ST_X(geom), ST_Y(geom) FROM transit_stops"
            " ORDER BY id"
        )
    ).all()
    return pd.DataFrame(rows, columns=["id", "routes", "lon", "lat"])


def _coverage(
    net, lines: np.ndarray, pieces: pd.DataFrame, stops: pd.DataFrame
) -> tuple[np.ndarray, dict]:
    """Covered metres of every piece, and what the stops' placing found."""
    xy = _metric_points(stops["lon"].to_numpy(), stops["lat"].to_numpy())
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


def _route_complaints(
    conn: sa.Connection, run_id: int, complaints: pd.DataFrame
) -> int:
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
        _metric_points(complaints["lon"].to_numpy(), complaints["lat"].to_numpy())
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


def _lit_pieces(
    conn: sa.Connection,
    run_id: int,
    net,
    lines: np.ndarray,
    pieces: pd.DataFrame,
) -> pd.DataFrame:
    """Arterial/collector pieces with their nearest working pole; stored."""
    classes = net.roads["road_class"].to_numpy()
    main = pieces[np.isin(classes[pieces["road"].to_numpy()], LIT_CLASSES)].copy()
    poles = conn.execute(
        sa.text(
            "SELECT ST_X(geom), ST_Y(geom) FROM streetlights WHERE status = 'menyala'"
        )
    ).all()
    mid = main[["x", "y"]].to_numpy()
    if poles and len(main):
        from scipy.spatial import cKDTree

        pole_xy = _metric_points(*np.array(poles, dtype=float).T)
        distance, _ = cKDTree(pole_xy).query(mid)
    else:
        distance = np.full(len(main), np.inf)
    main["nearest"] = distance
    main["lit"] = distance <= LIT_WITHIN_M
    main["length"] = main["end"] - main["start"]
    geoms = np.array(
        [
            ops.substring(lines[r], s, e)
            for r, s, e in zip(main["road"], main["start"], main["end"])
        ],
        dtype=object,
    )
    roads = net.roads
    copy_rows(
        conn,
        "lit_road_pieces",
        {
            "run_id": np.full(len(main), run_id),
            "road_id": roads["id"].to_numpy()[main["road"].to_numpy()],
            "piece": main["piece"].to_numpy(),
            "road_name": roads["name"].to_numpy()[main["road"].to_numpy()].tolist(),
            "road_class": classes[main["road"].to_numpy()].tolist(),
            "kelurahan_kode": main["kode"].tolist(),
            "length_m": main["length"].to_numpy(),
            "lit": main["lit"].to_numpy(),
            "nearest_working_m": np.where(np.isfinite(distance), distance, np.nan),
        },
        geometry=shapely.transform(
            geoms,
            lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1])),
        ),
    )
    return main


def _poles(conn: sa.Connection, kelurahan: pd.DataFrame) -> pd.DataFrame:
    rows = conn.execute(
        sa.text("SELECT status, ST_X(geom), ST_Y(geom) FROM streetlights")
    ).all()
    poles = pd.DataFrame(rows, columns=["status", "lon", "lat"])
    where = place_points(
        kelurahan, _metric_points(poles["lon"].to_numpy(), poles["lat"].to_numpy())
    )
    poles["kode"] = kelurahan["kode"].to_numpy()[where] if len(poles) else []
    return poles


def run_networks(conn: sa.Connection, now: datetime, days: int = WINDOW_DAYS) -> int:
    """Compute angkot coverage and street lighting as of ``now``; the run's id."""
    timings = Timings()
    start = now - timedelta(days=days)
    parameters = {
        "walk_m": WALK_M,
        "piece_m": PIECE_M,
        "stop_snap_m": STOP_SNAP_M,
        "route_buffer_m": ROUTE_BUFFER_M,
        "lit_within_m": LIT_WITHIN_M,
        "lit_classes": list(LIT_CLASSES),
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
        pieces = road_pieces(lines)
        pieces["length"] = pieces["end"] - pieces["start"]
        where = place_points(kelurahan, pieces[["x", "y"]].to_numpy())
        pieces["kode"] = kelurahan["kode"].to_numpy()[where]
        stops = _stops(conn)
    with timings.step("angkot_coverage"):
        covered, placed = _coverage(net, lines, pieces, stops)
        pieces["covered"] = covered
        stop_where = place_points(
            kelurahan, _metric_points(stops["lon"].to_numpy(), stops["lat"].to_numpy())
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
                        round(population * share)
                        if known and share is not None
                        else None
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
    with timings.step("route_complaints"):
        route_rows = _route_complaints(conn, run_id, _complaints(conn, start, now))
    with timings.step("lighting"):
        lit = _lit_pieces(conn, run_id, net, lines, pieces)
        lit["lit_m"] = np.where(lit["lit"], lit["length"], 0.0)
        per_lit = lit.groupby("kode")[["length", "lit_m"]].sum()
        poles = _poles(conn, kelurahan)
        status = pd.crosstab(poles["kode"], poles["status"]) if len(poles) else None
        reports = _complaints(conn, start, now, PJU_CATEGORY)
        report_count = reports.groupby("kelurahan").size()
        open_count = reports[reports["open"]].groupby("kelurahan").size()

        def pole_count(kode: str, value: str | None = None) -> int:
            if status is None or kode not in status.index:
                return 0
            if value is None:
                return int(status.loc[kode].sum())
            return int(status.loc[kode].get(value, 0))

        light_rows = []
        for kode in kelurahan["kode"]:
            road_m = float(per_lit["length"].get(kode, 0.0))
            lit_m = float(per_lit["lit_m"].get(kode, 0.0))
            light_rows.append(
                {
                    "run_id": run_id,
                    "kelurahan_kode": kode,
                    "road_m": road_m,
                    "lit_m": lit_m,
                    "lit_share": lit_m / road_m if road_m else None,
                    "poles": pole_count(kode),
                    "dead": pole_count(kode, "mati"),
                    "damaged": pole_count(kode, "rusak"),
                    "reports": int(report_count.get(kode, 0)),
                    "open_reports": int(open_count.get(kode, 0)),
                }
            )
        conn.execute(
            sa.text(
                "INSERT INTO street_lighting (run_id, kelurahan_kode, road_m, lit_m,"
                " lit_share, poles, dead, damaged, reports, open_reports) VALUES"
                " (:run_id, :kelurahan_kode, :road_m, :lit_m, :lit_share, :poles,"
                " :dead, :damaged, :reports, :open_reports)"
            ),
            light_rows,
        )
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
