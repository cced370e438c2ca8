"""Emerging hot spot analysis on a space-time cube.

The cube holds counts per location (rows of the spatial weights) and time bin
(:func:`week_bins`: whole WITA weeks starting on Monday; the partial week at the
window's end is kept with its share of a week as exposure). Each bin of each
location gets a space-time Getis-Ord Gi* z-score whose neighbourhood is its
spatial neighbours (itself included) in the same bin and the ``time_step`` bins
before it. Complaint counts per hexagon-week are sparse (most are 0 or 1), where
the normal approximation of Gi* finds patterns in pure noise; so p-values come
from a count reference instead (:func:`count_pvalues`): the neighbourhood's sum
against a negative binomial with the cube's mean and dispersion per cell-week
(Poisson when the cube is not overdispersed), two-sided, corrected for multiple
testing over all bins (FDR by default). The tie-corrected Mann-Kendall test
measures the trend of each location's z-scores. Locations are then classified
with the published rules of ArcGIS's Emerging Hot Spot Analysis into 17 patterns
(eight hot, eight cold mirrors, no pattern); the final bin decides the side.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp
from scipy import stats

from gis.counts import count_pvalues, space_time_weights
from gis.stats import adjust_pvalues, check_values
from gis.timeutil import WITA

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
REFERENCES = ("count", "normal")
WEEK = timedelta(days=7)


def week_bins(
    t: np.ndarray, start: datetime, end: datetime
) -> tuple[np.ndarray, np.ndarray, list[datetime]]:
    """Weekly bins of epoch seconds ``t`` in the window [start, end).

    Bins are WITA calendar weeks from Monday 00:00. The first bin is the first
    week that starts on or after ``start`` (days before it are left out: they
    do not make a whole week); the last bin is the week holding ``end``, kept
    with its exposure, the share of a week it covers, so a partial final week
    weighs as much as it saw instead of looking like a quiet one.

    Returns
    -------
    index : array of int
        Bin of each time, −1 for times before the first bin or outside the window.
    exposure : array of float
        Share of a week each bin covers (1 except perhaps the last).
    starts : list of datetime
        Start of each bin (WITA).
    """
    local = start.astimezone(WITA)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    first = midnight + timedelta(days=(7 - midnight.weekday()) % 7)
    if first < local:
        first += WEEK
    starts = []
    while first + len(starts) * WEEK < end:
        starts.append(first + len(starts) * WEEK)
    edges = np.array([b.timestamp() for b in starts] + [end.timestamp()])
    exposure = np.minimum(np.diff(edges) / WEEK.total_seconds(), 1.0)
    t = np.asarray(t, dtype=float)
    index = np.searchsorted(edges, t, side="right") - 1
    index[(t < edges[0]) | (t >= edges[-1])] = -1
    return index, exposure, starts


def space_time_gi(
    cube: np.ndarray, spatial: sp.spmatrix, time_step: int = 1
) -> np.ndarray:
    """Gi* z-scores (bins × locations) of ``cube`` (bins × locations).

    ``spatial`` is binary; self-neighbourhood is added.
    """
    bins, n = cube.shape
    ws, wt = space_time_weights(spatial, bins, time_step)
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

    Returns (tau, z, two-sided p). The variance of S is tie-corrected,
    ``[n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18`` over groups of ``t`` equal values
    (z-scores of sparse counts repeat); z has the continuity correction; tau is
    S over the number of pairs (Kendall's tau-a).
    """
    series = np.asarray(series, dtype=float)
    rows, n = series.shape
    i, j = np.triu_indices(n, k=1)
    s = np.sign(series[:, j] - series[:, i]).sum(axis=1)
    ordered = np.sort(series, axis=1)
    starts = np.ones((rows, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.flatnonzero(starts.ravel())  # each group of equal values
    t = np.diff(np.r_[first, rows * n]).astype(float)
    ties = np.bincount(first // n, weights=t * (t - 1) * (2 * t + 5), minlength=rows)
    variance = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    sd = np.sqrt(np.where(variance > 0, variance, np.inf))
    z = np.where(s > 0, (s - 1) / sd, np.where(s < 0, (s + 1) / sd, 0.0))
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
    """Pattern of each location from its significant hot/cold bins (loc × time).

    The final bin decides the side: a location that is a significant cold spot
    in the final bin gets a cold pattern (or none), never "historical hot
    spot", and the mirror for hot spots; "historical" is for locations
    significant on neither side in the final bin.
    """
    hot_side = _classify_side(hot, cold, tau, trend_p, alpha)
    cold_side = _classify_side(cold, hot, -tau, trend_p, alpha)
    out = np.full(hot.shape[0], "no pattern", dtype=object)
    has_cold = (cold_side != "") & ~hot[:, -1]
    out[has_cold] = np.char.add(cold_side[has_cold].astype(str), " cold spot")
    has_hot = (hot_side != "") & ~cold[:, -1]
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
    exposure : array (bins), optional
        Share of a whole week each bin covers (:func:`week_bins`); 1 by default.
    time_step : int
        Bins before the current one that count as temporal neighbours.
    alpha : float
        Significance level for bins (after ``correction``) and for the trend.
    correction : str
        Multiple-testing correction over all bins (``fdr_bh`` by default).
    reference : str
        ``count`` (default, :func:`count_pvalues`) or ``normal`` (the
        approximation ArcGIS uses, kept for comparison).

    Attributes
    ----------
    z : array (bins × locations)
        Space-time Gi* z-scores of the weekly rates (counts / exposure).
    p, p_adjusted : arrays (bins × locations)
    tau, trend_z, trend_p : arrays (locations)
    patterns : array of str (locations)
    """

    def __init__(
        self,
        cube: np.ndarray,
        spatial: sp.spmatrix,
        *,
        exposure: np.ndarray | None = None,
        time_step: int = 1,
        alpha: float = 0.05,
        correction: str = "fdr_bh",
        reference: str = "count",
    ) -> None:
        cube = np.asarray(cube, dtype=float)
        check_values(cube.ravel(), "Emerging hot spots")
        exposure = np.ones(len(cube)) if exposure is None else np.asarray(exposure)
        self.z = space_time_gi(cube / exposure[:, None], spatial, time_step)
        if reference == "normal":
            self.p = 2 * stats.norm.sf(np.abs(self.z))
            direction = np.sign(self.z)
        else:
            self.p, direction = count_pvalues(cube, spatial, exposure, time_step)
        self.p_adjusted = adjust_pvalues(self.p.ravel(), correction).reshape(
            self.p.shape
        )
        significant = self.p_adjusted <= alpha
        self.hot = (significant & (direction > 0)).T
        self.cold = (significant & (direction < 0)).T
        self.tau, self.trend_z, self.trend_p = mann_kendall(self.z.T)
        self.patterns = classify(self.hot, self.cold, self.tau, self.trend_p, alpha)
