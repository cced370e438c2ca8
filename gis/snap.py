"""Points snapped to the nearest of a set of geometries, in metres, or placed in
the area holding them.

A million reports against a few thousand road segments or poles: one GEOS
nearest-neighbour query over a packed R-tree answers all of them at once,
where a per-row nearest-neighbour join in SQL pays an index descent per
report. Lines are cut into their straight pieces first: a long winding road
has a box covering half a kelurahan, so every report there would be measured
against all its vertices; a piece's box is tight.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely


def _pieces(targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The straight two-point pieces of line ``targets`` and the target of each;
    other geometries are their own piece."""
    parts, owner = shapely.get_parts(targets, return_index=True)
    kinds = shapely.get_type_id(parts)
    if len(parts) == 0 or not (kinds == shapely.GeometryType.LINESTRING).all():
        return np.asarray(targets), np.arange(len(targets))
    coords, part = shapely.get_coordinates(parts, return_index=True)
    same = part[:-1] == part[1:]
    pieces = shapely.linestrings(np.stack([coords[:-1][same], coords[1:][same]], 1))
    return pieces, owner[part[:-1][same]]


def nearest_within(xy: np.ndarray, targets: np.ndarray, tolerance: float) -> np.ndarray:
    """Index into ``targets`` of each point's nearest geometry within
    ``tolerance`` (metric coordinates), or -1 where none is that close."""
    found = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0 or len(targets) == 0:
        return found
    pieces, owner = _pieces(np.asarray(targets))
    tree = shapely.STRtree(pieces)
    points, nearest = tree.query_nearest(
        shapely.points(np.asarray(xy, dtype=float)),
        max_distance=tolerance,
        all_matches=False,
    )
    found[points] = owner[nearest]
    return found


def holding_or_nearest(xy: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Index into ``areas`` of each metric point's area: the lowest-numbered one
    holding it (so a point on a shared edge goes one way), else the nearest
    (hairline gaps between areas, a shore); -1 only when there are no areas."""
    out = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0 or len(areas) == 0:
        return out
    points = shapely.points(xy)
    tree = shapely.STRtree(areas)
    point, area = tree.query(points, predicate="intersects")
    if len(point):
        first = pd.Series(area).groupby(point).min()
        out[first.index.to_numpy()] = first.to_numpy()
    missing = np.flatnonzero(out < 0)
    if len(missing):
        found, nearest = tree.query_nearest(points[missing], all_matches=False)
        out[missing[found]] = nearest
    return out
