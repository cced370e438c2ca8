"""Emerging hot spot analysis on a space-time cube.

The cube holds counts per location (rows of the spatial weights) and time bin.
Each bin of each location gets a space-time Getis-Ord Gi* z-score whose
neighbourhood is its spatial neighbours (itself included) in the same bin and the
``time_step`` bins before it; z-scores use the mean and spread of the whole cube,
p-values are two-sided and corrected for multiple testing over all bins (FDR by
default). The Mann-Kendall test measures the trend of each location's z-scores.
Locations are then classified with the published rules of ArcGIS's Emerging Hot
Spot Analysis into 17 patterns (eight hot, eight cold mirrors, no pattern).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy import stats

from gis.stats import adjust_pvalues, check_values

HOT_PATTERNS = (
    "new",
    "consecutive",
    "intensifying",
    "persistent",
    "diminishing",
    "sporadic",
    "oscillating",
    "historical",
)
PATTERNS = (
    tuple(f"{p} hot spot" for p in HOT_PATTERNS)
    + tuple(f"{p} cold spot" for p in HOT_PATTERNS)
    + ("no pattern",)
)
PERSISTENT_SHARE = 0.9


def space_time_gi(
    cube: np.ndarray, spatial: sp.spmatrix, time_step: int = 1
) -> np.ndarray:
    """Gi* z-scores (bins × locations) of ``cube`` (bins × locations).

    ``spatial`` is binary; self-neighbourhood is added.
    """
    bins, n = cube.shape
    ws = sp.csr_matrix(spatial, dtype=float)
    ws.data[:] = 1.0
    ws = (ws + sp.identity(n, format="csr")).sign()
    wt = sp.csr_matrix(np.tril(np.triu(np.ones((bins, bins)), -time_step)))
    x = np.asarray(cube, dtype=float)
    total = x.size
    mean = x.mean()
    s = np.sqrt((x * x).mean() - mean * mean)
    lagged = np.asarray(wt @ (ws @ x.T).T)  # Σ of neighbours in space and time
    weight = np.outer(
        np.asarray(wt.sum(axis=1)).ravel(), np.asarray(ws.sum(axis=1)).ravel()
    )
    return (lagged - mean * weight) / (
        s * np.sqrt((total * weight - weight**2) / (total - 1))
    )


def mann_kendall(series: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mann-Kendall trend test per row of ``series`` (rows × time).

    Returns (tau, z, two-sided p); the variance uses the no-ties formula, which
    suits continuous z-scores.
    """
    series = np.asarray(series, dtype=float)
    n = series.shape[1]
    i, j = np.triu_indices(n, k=1)
    s = np.sign(series[:, j] - series[:, i]).sum(axis=1)
    variance = n * (n - 1) * (2 * n + 5) / 18.0
    z = np.where(
        s > 0,
        (s - 1) / np.sqrt(variance),
        np.where(s < 0, (s + 1) / np.sqrt(variance), 0.0),
    )
    return s / (n * (n - 1) / 2), z, 2 * stats.norm.sf(np.abs(z))


def _trailing_run(flags: np.ndarray) -> np.ndarray:
    reversed_flags = flags[:, ::-1]
    broken = ~reversed_flags
    first_break = np.where(broken.any(axis=1), broken.argmax(axis=1), flags.shape[1])
    return first_break


def classify(
    hot: np.ndarray,
    cold: np.ndarray,
    tau: np.ndarray,
    trend_p: np.ndarray,
    alpha: float = 0.05,
) -> np.ndarray:
    """Pattern of each location from its significant hot/cold bins (loc × time)."""
    hot_side = _classify_side(hot, cold, tau, trend_p, alpha)
    cold_side = _classify_side(cold, hot, -tau, trend_p, alpha)
    out = np.full(hot.shape[0], "no pattern", dtype=object)
    has_cold = cold_side != ""
    out[has_cold] = np.char.add(cold_side[has_cold].astype(str), " cold spot")
    has_hot = hot_side != ""
    out[has_hot] = np.char.add(hot_side[has_hot].astype(str), " hot spot")
    return out


def _classify_side(
    hit: np.ndarray,
    opposite: np.ndarray,
    tau: np.ndarray,
    trend_p: np.ndarray,
    alpha: float,
) -> np.ndarray:
    bins = hit.shape[1]
    count = hit.sum(axis=1)
    share = count / bins
    final = hit[:, -1]
    run = _trailing_run(hit)
    before_run = (hit & (np.arange(bins)[None, :] < (bins - run)[:, None])).any(axis=1)
    trending = trend_p < alpha
    rules = [
        ("new", final & (count == 1)),
        ("consecutive", final & (run >= 2) & ~before_run & (share < PERSISTENT_SHARE)),
        ("intensifying", final & (share >= PERSISTENT_SHARE) & trending & (tau > 0)),
        ("persistent", final & (share >= PERSISTENT_SHARE) & ~trending),
        ("diminishing", final & (share >= PERSISTENT_SHARE) & trending & (tau < 0)),
        ("sporadic", final & (share < PERSISTENT_SHARE) & ~opposite.any(axis=1)),
        ("oscillating", final & (share < PERSISTENT_SHARE) & opposite.any(axis=1)),
        ("historical", ~final & (share >= PERSISTENT_SHARE)),
    ]
    out = np.full(len(hit), "", dtype=object)
    for name, rule in reversed(rules):  # the first matching rule wins
        out[rule] = name
    return out


class EmergingHotSpots:
    """Emerging hot spot analysis of a space-time cube.

    Parameters
    ----------
    cube : array (bins × locations)
        Counts per time bin and location.
    spatial : sparse matrix
        Binary spatial neighbours of the locations.
    time_step : int
        Bins before the current one that count as temporal neighbours.
    alpha : float
        Significance level for bins (after ``correction``) and for the trend.
    correction : str
        Multiple-testing correction over all bins (``fdr_bh`` by default).

    Attributes
    ----------
    z, p_adjusted : arrays (bins × locations)
    tau, trend_z, trend_p : arrays (locations)
    patterns : array of str (locations)
    """

    def __init__(
        self,
        cube: np.ndarray,
        spatial: sp.spmatrix,
        *,
        time_step: int = 1,
        alpha: float = 0.05,
        correction: str = "fdr_bh",
    ) -> None:
        check_values(np.asarray(cube, dtype=float).ravel(), "Emerging hot spots")
        self.z = space_time_gi(cube, spatial, time_step)
        p = 2 * stats.norm.sf(np.abs(self.z))
        self.p_adjusted = adjust_pvalues(p.ravel(), correction).reshape(p.shape)
        significant = self.p_adjusted <= alpha
        self.hot = (significant & (self.z > 0)).T
        self.cold = (significant & (self.z < 0)).T
        self.tau, self.trend_z, self.trend_p = mann_kendall(self.z.T)
        self.patterns = classify(self.hot, self.cold, self.tau, self.trend_p, alpha)
