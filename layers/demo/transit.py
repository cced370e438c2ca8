"""Synthetic angkot lines: shortest paths over the noded demo road network between
real terminals (arterials preferred), with stops every ~400 m shared by lines."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from shapely import ops

TERMINALS = (
    ("Terminal Kota (Kampung Solor)", 123.5815, -10.1598),
    ("Oebobo", 123.6011, -10.1689),
    ("Oesapa", 123.6569, -10.1454),
    ("Lasiana", 123.6730, -10.1413),
    ("Penfui (Bandara El Tari)", 123.6635, -10.1773),
    ("Sikumana", 123.6105, -10.2061),
    ("Pelabuhan Tenau", 123.5347, -10.1929),
    ("Kolhua", 123.6473, -10.2123),
    ("Namosain", 123.5546, -10.1760),
    ("Liliba", 123.6443, -10.1689),
    ("Bakunase", 123.5848, -10.1893),
    ("Naimata", 123.6393, -10.1845),
)
ROUTES = (
    ("L1", "Kota – Oebobo – Oesapa", (0, 1, 2)),
    ("L2", "Kota – Kuanino – Sikumana", (0, 10, 5)),
    ("L3", "Kota – Namosain – Tenau", (0, 8, 6)),
    ("L4", "Oebobo – Liliba – Penfui", (1, 9, 4)),
    ("L5", "Kota – Oesapa – Lasiana", (0, 2, 3)),
    ("L6", "Oebobo – Naimata – Kolhua", (1, 11, 7)),
    ("L7", "Bakunase – Oebobo – Oesapa", (10, 1, 2)),
    ("L8", "Sikumana – Naimata – Penfui", (5, 11, 4)),
    ("L9", "Tenau – Bakunase – Sikumana", (6, 10, 5)),
    ("L10", "Kota – Fatululi – Liliba", (0, 1, 9)),
)


def _graph(roads: gpd.GeoDataFrame) -> tuple[np.ndarray, object, np.ndarray]:
    """Nodes (xy), sparse adjacency weighted by length (arterials cheaper), and the
    road index of each directed edge."""
    starts = shapely.get_coordinates(shapely.get_point(roads.geometry.values, 0))
    ends = shapely.get_coordinates(shapely.get_point(roads.geometry.values, -1))
    keys = np.round(np.vstack([starts, ends]), 2)
    nodes, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    a, b = inverse[: len(roads)], inverse[len(roads) :]
    factor = roads["road_class"].map({"arteri": 0.6, "kolektor": 0.8}).fillna(1.0)
    weight = roads.geometry.length.to_numpy() * factor.to_numpy()
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    matrix = coo_matrix(
        (np.concatenate([weight, weight]), (rows, cols)), shape=(len(nodes), len(nodes))
    ).tocsr()
    edge_road = {}
    for i, (u, v) in enumerate(zip(a, b)):
        edge_road[(u, v)] = edge_road[(v, u)] = i
    return nodes, matrix, edge_road


def generate_routes(
    roads: gpd.GeoDataFrame, rng: np.random.Generator
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """About ten angkot lines along the roads, and stops every ~400 m."""
    nodes, matrix, edge_road = _graph(roads)
    places = gpd.GeoSeries(
        shapely.points([(x, y) for _, x, y in TERMINALS]), crs=4326
    ).to_crs(roads.crs)
    # terminals snap to the nearest node of the largest connected piece
    _, labels = connected_components(matrix, directed=False)
    main = np.bincount(labels).argmax()
    in_main = np.flatnonzero(labels == main)
    main_tree = shapely.STRtree(shapely.points(nodes[in_main]))
    anchor = in_main[main_tree.nearest(places.values)]
    rows = []
    for code, name, stops in ROUTES:
        path: list[int] = []
        for u, v in zip(stops[:-1], stops[1:]):
            _, pred = dijkstra(matrix, indices=anchor[u], return_predecessors=True)
            leg, node = [], anchor[v]
            while node != anchor[u] and node >= 0:
                leg.append(node)
                node = pred[node]
            leg.append(anchor[u])
            path.extend(leg[::-1] if not path else leg[::-1][1:])
        segments = [
            roads.geometry.iloc[edge_road[(p, q)]] for p, q in zip(path[:-1], path[1:])
        ]
        merged = ops.linemerge(shapely.MultiLineString(segments))
        parts = list(shapely.get_parts(merged))
        rows.append(
            {"code": code, "name": name, "geometry": shapely.MultiLineString(parts)}
        )
    routes = gpd.GeoDataFrame(rows, crs=roads.crs)
    return routes, _stops(routes, rng)


def _stops(routes: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    points, codes = [], []
    for code, geometry in zip(routes["code"], routes.geometry):
        for part in shapely.get_parts(geometry):
            distances = np.arange(rng.uniform(50, 200), part.length, 400.0)
            for p in shapely.line_interpolate_point(part, distances):
                points.append(p)
                codes.append(code)
    # stops of different lines closer than 60 m become one shared stop
    merged_points, merged_codes = [], []
    tree = shapely.STRtree(points)
    taken = np.zeros(len(points), dtype=bool)
    for i, p in enumerate(points):
        if taken[i]:
            continue
        near = tree.query(p, predicate="dwithin", distance=60.0)
        near = near[~taken[near]]
        taken[near] = True
        merged_points.append(p)
        merged_codes.append(sorted({codes[j] for j in near}))
    return gpd.GeoDataFrame(
        {
            "name": [f"Halte {i + 1:03d}" for i in range(len(merged_points))],
            "route_codes": merged_codes,
        },
        geometry=merged_points,
        crs=routes.crs,
    )
