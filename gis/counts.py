"""A count reference for Getis-Ord sums on sparse count grids.

Gi* on hexagon (or hexagon-week) counts is usually judged against the normal
approximation of its z-score; with mean counts well below one per cell that
approximation has far too light an upper tail and finds hot spots in pure noise.
Here the neighbourhood's sum is judged against the distribution a sum of that
many independent cells would have under the null (:func:`count_pvalues`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy import stats


def space_time_weights(
    spatial: sp.spmatrix, bins: int, time_step: int
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Binary spatial weights with each location its own neighbour, and the
    temporal weights of each bin (itself and ``time_step`` bins before)."""
    n = spatial.shape[0]
    ws = sp.csr_matrix(spatial, dtype=float)
    ws.data[:] = 1.0
    ws = (ws + sp.identity(n, format="csr")).sign()
    wt = sp.csr_matrix(np.tril(np.triu(np.ones((bins, bins)), -time_step)))
    return ws, wt


def count_pvalues(
    cube: np.ndarray,
    spatial: sp.spmatrix,
    exposure: np.ndarray | None = None,
    time_step: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided p-values (bins × locations) of space-time neighbourhood sums.

    Under the null every cell-week draws its count from one distribution with
    the cube's mean ``m`` per whole week and variance ``v``: a gamma-Poisson
    (negative binomial) with size ``r = m² / (v − m)`` per week, whose sums over
    ``E`` cell-weeks are negative binomial with size ``r·E`` and mean ``m·E``
    (Poisson with mean ``m·E`` when ``v ≤ m``). Exact for sparse counts, where
    the normal approximation is not.

    Returns
    -------
    p : array
        ``min(1, 2·min(P(X ≥ S), P(X ≤ S)))``.
    direction : array
        +1 where the sum is above its expectation, −1 below, 0 at it.
    """
    x = np.asarray(cube, dtype=float)
    bins, n = x.shape
    exposure = np.ones(bins) if exposure is None else np.asarray(exposure, float)
    ws, wt = space_time_weights(spatial, bins, time_step)
    sums = np.asarray(wt @ (ws @ x.T).T)
    cell_weeks = np.outer(wt @ exposure, np.asarray(ws.sum(axis=1)).ravel())
    rates = x / exposure[:, None]
    mean = x.sum() / (n * exposure.sum())
    variance = float((exposure[:, None] * (rates - mean) ** 2).sum()) / (
        n * exposure.sum()
    )
    expected = mean * cell_weeks
    # few distinct (sum, cell-weeks) pairs: evaluate the tails once for each
    weeks, which = np.unique(cell_weeks.ravel(), return_inverse=True)
    keys, inverse = np.unique(
        sums.ravel().astype(np.int64) * len(weeks) + which.ravel(), return_inverse=True
    )
    k, e = keys // len(weeks), weeks[keys % len(weeks)] * mean
    if variance > mean > 0:
        size = mean * mean / (variance - mean) * weeks[keys % len(weeks)]
        prob = size / (size + e)
        upper = stats.nbinom.sf(k - 1, size, prob)
        lower = stats.nbinom.cdf(k, size, prob)
    else:
        upper = stats.poisson.sf(k - 1, e)
        lower = stats.poisson.cdf(k, e)
    p = np.minimum(1.0, 2 * np.minimum(upper, lower))[inverse.ravel()]
    return p.reshape(sums.shape), np.sign(np.round(sums - expected, 9))
