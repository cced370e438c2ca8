"""Spatial weights from real, simplified boundaries.

Simplified boundary data has hairline gaps and slivers, so plain Queen contiguity
misses true neighbours. :func:`fuzzy_queen` treats polygons as neighbours when
they come within ``tolerance_m`` metres (libpysal's fuzzy contiguity on a metric
CRS). A unit that still has no neighbour is attached to its nearest unit, and the
attachment is reported, never silent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import scipy.sparse as sp
from libpysal.weights import W, fuzzy_contiguity

log = logging.getLogger(__name__)
DEFAULT_TOLERANCE_M = 25.0


@dataclass
class AreaWeights:
    """Weights of areas and how they were made.

    Attributes
    ----------
    w : libpysal W
        Binary, ids are the area ids.
    attached : dict
        Unit without neighbours → the nearest unit it was attached to.
    """

    w: W
    attached: dict[str, str]


def fuzzy_queen(
    areas: gpd.GeoDataFrame, id_column: str, tolerance_m: float = DEFAULT_TOLERANCE_M
) -> AreaWeights:
    """Queen-style neighbours that tolerate gaps up to ``tolerance_m`` metres.

    ``areas`` must be in a metric CRS.
    """
    if areas.crs is None or not areas.crs.is_projected:
        raise ValueError("fuzzy_queen needs areas in a metric (projected) CRS")
    areas = areas.reset_index(drop=True)
    ids = areas[id_column].astype(str).tolist()
    fuzzy = fuzzy_contiguity(
        areas, buffering=True, buffer=tolerance_m / 2, silence_warnings=True
    )
    position = dict(zip(fuzzy.id_order, range(len(ids))))
    neighbours = {
        ids[position[i]]: [ids[position[j]] for j in fuzzy.neighbors[i]]
        for i in fuzzy.id_order
    }
    islands = [i for i in ids if not neighbours[i]]
    attached = {}
    for island in islands:
        index = ids.index(island)
        distance = np.array(areas.geometry.distance(areas.geometry.iloc[index]))
        distance[index] = np.inf
        nearest = ids[int(np.argmin(distance))]
        neighbours[island].append(nearest)
        neighbours[nearest].append(island)
        attached[island] = nearest
        log.warning(
            "area %s has no neighbour within %.0f m: attached to %s",
            island,
            tolerance_m,
            nearest,
        )
    return AreaWeights(W(neighbours, id_order=ids, silence_warnings=True), attached)


def distance_band(xy: np.ndarray, threshold: float) -> sp.csr_matrix:
    """Binary weights: points within ``threshold`` (same units) of each other."""
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    pairs = tree.query_pairs(threshold, output_type="ndarray")
    n = len(xy)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
