"""SIGAP's road network as the blackspot run sees it: segments between nodes, in
metres, the junctions where three or more segment ends meet (nodes within
:data:`JUNCTION_MERGE_M` are one junction), and the accidents placed on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from pyproj import Transformer
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from gis.db import METRIC_SRID

TO_METRIC = Transformer.from_crs(4326, METRIC_SRID, always_xy=True)
TO_LONLAT = Transformer.from_crs(METRIC_SRID, 4326, always_xy=True)


def metric_points(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Longitudes and latitudes as metric ``(x, y)`` rows."""
    x, y = TO_METRIC.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.column_stack([x, y]) if len(lon) else np.zeros((0, 2))


#: junction nodes closer than this are one junction (a wide crossing, a
#: staggered T digitised as two nodes)
JUNCTION_MERGE_M = 15.0


@dataclass
class Network:
    """Road segments with their end nodes (metric) and the junctions.

    ``junction[node]`` is the junction a node belongs to (-1 for none);
    ``junction_ids`` (the smallest node number of each), ``junction_xy`` and
    ``junction_legs`` describe the junctions.
    """

    roads: pd.DataFrame
    node_xy: np.ndarray
    junction: np.ndarray
    junction_ids: np.ndarray
    junction_xy: np.ndarray
    junction_legs: np.ndarray


def read_network(conn: sa.Connection) -> Network:
    """SIGAP's roads as segments between nodes, with their junctions (metric)."""
    rows = conn.execute(
        sa.text(
            "SELECT id, name, road_class, length_m, ST_AsBinary(geom)"
            " FROM roads ORDER BY id"
        )
    ).all()
    # plain tuples: pandas probes every Row object's attributes, slowly
    roads = pd.DataFrame(
        list(map(tuple, rows)), columns=["id", "name", "road_class", "length_m", "wkb"]
    )
    # metric geometry in Python (one vectorised transform, not one per row in SQL)
    roads["lonlat"] = shapely.from_wkb(roads.pop("wkb").to_numpy())
    roads["geom"] = shapely.transform(
        roads["lonlat"].to_numpy(),
        lambda xy: np.column_stack(TO_METRIC.transform(xy[:, 0], xy[:, 1])),
    )
    lines = roads["geom"].to_numpy()
    # ends closer than half a metre are one node (digitised meeting points)
    ends = np.vstack(
        [shapely.get_coordinates(shapely.get_point(lines, i)) for i in (0, -1)]
    )
    keys = np.round(ends / 0.5).astype(np.int64)
    unique, node = np.unique(keys, axis=0, return_inverse=True)
    node = node.ravel()
    roads["node_from"], roads["node_to"] = node[: len(roads)], node[len(roads) :]
    degree = np.bincount(node, minlength=len(unique))
    node_xy = np.zeros((len(unique), 2))
    node_xy[node] = ends
    return Network(roads, node_xy, *_junctions_of(roads, node_xy, degree))


def _junctions_of(
    roads: pd.DataFrame, node_xy: np.ndarray, degree: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes where three or more segment ends meet, merged within 15 m."""
    candidates = np.flatnonzero(degree >= 3)
    junction = np.full(len(node_xy), -1)
    if len(candidates) == 0:
        empty = np.zeros(0, dtype=int)
        return junction, empty, np.zeros((0, 2)), empty
    pairs = cKDTree(node_xy[candidates]).query_pairs(
        JUNCTION_MERGE_M, output_type="ndarray"
    )
    graph = sparse.coo_matrix(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])),
        shape=(len(candidates), len(candidates)),
    )
    _, group = csgraph.connected_components(graph, directed=False)
    junction[candidates] = group
    count = group.max() + 1
    ids = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(ids, group, candidates)
    members = np.bincount(group, minlength=count)
    xy = np.column_stack(
        [np.bincount(group, weights=node_xy[candidates, i]) / members for i in (0, 1)]
    )
    j_from = junction[roads["node_from"].to_numpy()]
    j_to = junction[roads["node_to"].to_numpy()]
    legs = np.bincount(j_from[j_from >= 0], minlength=count) + np.bincount(
        j_to[j_to >= 0], minlength=count
    )
    inner = (j_from >= 0) & (j_from == j_to)  # a link inside a merged junction
    legs -= 2 * np.bincount(j_from[inner], minlength=count)
    order = np.argsort(ids)  # junctions in node order, stable across runs
    rank = np.empty(count, dtype=int)
    rank[order] = np.arange(count)
    junction[candidates] = rank[group]
    return junction, ids[order], xy[order], legs[order]


def read_accidents(
    conn: sa.Connection, start: datetime, end: datetime, roads: pd.DataFrame
) -> pd.DataFrame:
    """Accidents of [start, end) in metres, with their offset along their road."""
    rows = conn.execute(
        sa.text(
            "SELECT id, died, serious_injuries, minor_injuries, pdo::int,"
            " kelurahan_kode, road_id, ST_X(geom), ST_Y(geom) FROM accidents"
            " WHERE occurred_at >= :start AND occurred_at < :end ORDER BY id"
        ),
        {"start": start, "end": end},
    ).all()
    frame = pd.DataFrame(
        list(map(tuple, rows)),
        columns=[
            "id",
            "died",
            "serious",
            "minor",
            "pdo",
            "kelurahan",
            "road_id",
            "lon",
            "lat",
        ],
    )
    frame["x"], frame["y"] = TO_METRIC.transform(
        frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)
    )
    index_of = pd.Series(np.arange(len(roads)), index=roads["id"])
    edge = frame["road_id"].map(index_of)
    placed = edge.notna().to_numpy()
    offset = np.full(len(frame), np.nan)
    offset[placed] = shapely.line_locate_point(
        roads["geom"].to_numpy()[edge[placed].astype(int)],
        shapely.points(frame.loc[placed, ["x", "y"]].to_numpy()),
    )
    frame["offset_m"] = offset
    return frame


def assign(
    net: Network, accidents: pd.DataFrame, junction_radius_m: float
) -> tuple[np.ndarray, np.ndarray]:
    """(junction index or -1, segment index or -1) of each accident."""
    at_junction = np.full(len(accidents), -1)
    if len(net.junction_ids) and len(accidents):
        tree = cKDTree(net.junction_xy)
        distance, nearest = tree.query(accidents[["x", "y"]].to_numpy())
        close = distance <= junction_radius_m
        at_junction[close] = nearest[close]
    index_of = pd.Series(np.arange(len(net.roads)), index=net.roads["id"])
    road = accidents["road_id"].map(index_of).fillna(-1).to_numpy(int)
    on_segment = np.where(at_junction >= 0, -1, road)
    return at_junction, on_segment


def to_lonlat(points: np.ndarray) -> np.ndarray:
    """Metric points to EPSG:4326."""
    if len(points) == 0:
        return points
    xy = shapely.get_coordinates(points)
    lon, lat = TO_LONLAT.transform(xy[:, 0], xy[:, 1])
    return shapely.points(np.column_stack([lon, lat]))
