"""Choosing the scale of a hot spot analysis from the data, as ArcGIS's
Optimized Hot Spot Analysis does.

Incremental spatial autocorrelation: global Moran's I (z-score) of the values is
computed for increasing distance bands, starting at the distance that gives every
feature at least one neighbour and growing by the average nearest-neighbour
distance. The first *peak* — a z-score higher than both its neighbours in the
sequence and significant (z > 1.96) — is the scale. Without a peak, the distance
is the average distance to the K nearest neighbours, K = 5 % of the features,
kept between 3 and 30.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from gis.weights import distance_band

STEPS = 10
PEAK_Z = 1.96


@dataclass(frozen=True)
class Scale:
    """The chosen distance band and how it was found."""

    distance: float
    method: str  # "peak" or "k-nearest fallback"
    distances: tuple[float, ...]
    z_scores: tuple[float, ...]


class Bands:
    """The candidate distance bands of a set of locations, built once and shared
    by every variable analysed on them."""

    def __init__(self, xy: np.ndarray, steps: int = STEPS) -> None:
        self.xy = xy
        self.tree = cKDTree(xy)
        nearest, _ = self.tree.query(xy, k=2)
        start = float(nearest[:, 1].max()) * 1.0001
        increment = float(nearest[:, 1].mean())
        self.distances = start + increment * np.arange(steps)
        self.matrices = [distance_band(xy, d) for d in self.distances]


def choose_distance(bands: Bands, values: np.ndarray) -> Scale:
    """Distance band for Gi* on ``values`` at the locations of ``bands``."""
    xy, tree, distances = bands.xy, bands.tree, bands.distances
    steps = len(distances)
    z = np.array([moran_z(values, matrix) for matrix in bands.matrices])
    for i in range(1, steps - 1):
        if z[i] > PEAK_Z and z[i] > z[i - 1] and z[i] >= z[i + 1]:
            return Scale(
                float(distances[i]), "peak", tuple(distances), tuple(z.tolist())
            )
    k = int(np.clip(round(0.05 * len(xy)), 3, 30))
    neighbour_distances, _ = tree.query(xy, k=k + 1)
    fallback = float(neighbour_distances[:, k].mean())
    return Scale(fallback, "k-nearest fallback", tuple(distances), tuple(z.tolist()))


def moran_z(y: np.ndarray, weights: sp.spmatrix) -> float:
    """z-score of global Moran's I under normality, row-standardised ``weights``.

    Cliff & Ord's moments, computed on the sparse matrix (esda.Moran's ``z_norm``
    without building a libpysal W, which is slow for wide distance bands).
    Units without neighbours keep an all-zero row.
    """
    w = sp.csr_matrix(weights, dtype=float)
    rows = np.asarray(w.sum(axis=1)).ravel()
    w = sp.diags(np.divide(1.0, rows, out=np.zeros_like(rows), where=rows > 0)) @ w
    n = len(y)
    z = np.asarray(y, dtype=float) - np.mean(y)
    s0 = w.sum()
    i = n / s0 * (z @ (w @ z)) / (z @ z)
    expected = -1.0 / (n - 1)
    both = w + w.T
    s1 = 0.5 * both.multiply(both).sum()
    s2 = float(
        (
            (np.asarray(w.sum(axis=1)).ravel() + np.asarray(w.sum(axis=0)).ravel()) ** 2
        ).sum()
    )
    variance = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0)
    return float((i - expected) / np.sqrt(variance - expected**2))
