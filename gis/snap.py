"""Points snapped to the nearest of a set of geometries, in metres.

A million reports against a few thousand road segments or poles: one GEOS
nearest-neighbour query over a packed R-tree answers all of them at once,
where a per-row nearest-neighbour join in SQL pays an index descent per
report.
"""

from __future__ import annotations

import numpy as np
import shapely


def nearest_within(xy: np.ndarray, targets: np.ndarray, tolerance: float) -> np.ndarray:
    """Index into ``targets`` of each point's nearest geometry within
    ``tolerance`` (metric coordinates), or -1 where none is that close."""
    found = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0 or len(targets) == 0:
        return found
    tree = shapely.STRtree(targets)
    points, nearest = tree.query_nearest(
        shapely.points(np.asarray(xy, dtype=float)),
        max_distance=tolerance,
        all_matches=False,
    )
    found[points] = nearest
    return found
