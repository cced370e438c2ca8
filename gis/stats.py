"""Spatial statistics as small estimators (esda style): the work happens in
``__init__``, results are short attributes.

* :class:`EBRate` — rates with an exposure denominator, Empirical-Bayes smoothed
  (esda.smoothing), and a minimum-count rule before anything is ranked.
* :class:`GlobalMoran` — global Moran's I with permutation inference.
* :class:`LocalMoran` — Local Moran's I with conditional permutation inference
  (esda), an explicit alternative hypothesis and a per-test multiple-testing
  correction, classified HH/LL/HL/LH/ns.
* :class:`HotSpots` — Getis-Ord Gi* (self included), normal inference,
  per-test correction and ArcGIS-style confidence bins (±3 = 99 %, ±2 = 95 %,
  ±1 = 90 %).

Inputs are validated first: NaN, infinite or constant values raise
:class:`StatisticsError` instead of producing silent nonsense.
"""

from __future__ import annotations

import warnings

import esda
import numpy as np
import scipy.sparse as sp
from libpysal.weights import W
from scipy import stats

from gis.counts import count_pvalues
from gis.crand import permuted_lags
from gis.errors import InvalidParameter
from gis.i18n import bilingual

CORRECTIONS = ("fdr_bh", "bonferroni", "none")
ALTERNATIVES = ("directed", "two-sided", "greater", "less")
#: esda's Moran_Local ``q`` (geoda_quads=False): 1 HH, 2 LH, 3 LL, 4 HL.
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
#: (bin, adjusted p below which a hot/cold spot reaches it): ArcGIS Gi_Bin levels.
CONFIDENCE_BINS = ((3, 0.01), (2, 0.05), (1, 0.10))


class StatisticsError(InvalidParameter):
    """The input cannot give a meaningful statistic."""

    code = "statistics_input"


def check_values(y: np.ndarray, what: str) -> np.ndarray:
    """``y`` as float array, refusing NaN, infinities and zero variance."""
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or len(y) < 3:
        raise StatisticsError(bilingual("{what}: need at least 3 values", what=what))
    if not np.isfinite(y).all():
        raise StatisticsError(
            bilingual(
                "{what}: {n} values are missing or infinite",
                what=what,
                n=int((~np.isfinite(y)).sum()),
            )
        )
    if np.ptp(y) == 0:
        raise StatisticsError(
            bilingual(
                "{what}: all values are equal, there is no pattern to test", what=what
            )
        )
    return y


def adjust_pvalues(p: np.ndarray, method: str = "fdr_bh") -> np.ndarray:
    """Per-test adjusted p-values.

    ``fdr_bh``: Benjamini–Hochberg step-up (q-values: test i is a discovery at
    level α exactly when its adjusted value is ≤ α); ``bonferroni``: ``p·m``
    capped at 1; ``none``: unchanged.
    """
    p = np.asarray(p, dtype=float)
    if method == "none":
        return p.copy()
    m = p.size
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    if method != "fdr_bh":
        raise StatisticsError(
            bilingual(
                "Unknown correction {method}; use one of {known}",
                method=method,
                known=", ".join(CORRECTIONS),
            )
        )
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(monotone, 1.0)
    return adjusted


def pseudo_p(
    observed: np.ndarray, simulated: np.ndarray, alternative: str
) -> np.ndarray:
    """Permutation p-values of ``observed`` (n) against ``simulated`` (perm × n).

    ``directed`` is GeoDa's and esda's conditional-permutation pseudo p-value:
    the share of permutations at least as extreme *in the direction of the
    observed value*; ``two-sided`` doubles it (capped at 1); ``greater`` and
    ``less`` are the one-sided tests.
    """
    if alternative not in ALTERNATIVES:
        raise StatisticsError(
            bilingual(
                "Unknown alternative {alternative}; use one of {known}",
                alternative=alternative,
                known=", ".join(ALTERNATIVES),
            )
        )
    permutations = simulated.shape[0]
    above = (simulated >= observed).sum(axis=0)
    below = (simulated <= observed).sum(axis=0)
    if alternative == "greater":
        return (above + 1.0) / (permutations + 1.0)
    if alternative == "less":
        return (below + 1.0) / (permutations + 1.0)
    directed = (np.minimum(above, below) + 1.0) / (permutations + 1.0)
    return directed if alternative == "directed" else np.minimum(2 * directed, 1.0)


class EBRate:
    """Rates per unit of exposure, with Empirical-Bayes smoothing.

    Parameters
    ----------
    counts : array
        Events per area.
    exposure : array
        Denominator per area (km², road-km, poles, ...); must be positive.
    min_count : int
        Areas with fewer events are not ranked (nor classified downstream).

    Attributes
    ----------
    rate : array
        Raw rate ``counts / exposure``.
    city_rate : float
        ``Σ counts / Σ exposure``, the prior mean.
    prior_variance_estimate : float
        Marshall's method-of-moments estimate of the prior variance,
        ``Σ e_i (r_i − b)² / Σ e_i − b / ē``; negative when the rates vary less
        than Poisson noise alone would make them.
    prior_variance : float
        The estimate floored at zero (GeoDa's rule): a negative variance cannot
        be, and using it would give shrinkage weights below zero, i.e. smoothed
        rates on the far side of the city rate, anti-correlated with the raw ones.
    shrinkage : array
        Weight of each area's own rate, ``a / (a + b / e_i)``, in [0, 1].
    smoothed : array
        ``b + shrinkage · (rate − b)``: always between the raw rate and the city
        rate; all equal to the city rate when the prior variance is zero.
    ranked : array of bool
        ``counts >= min_count``.
    rank : array
        1 = highest smoothed rate among the ranked areas; 0 for the others.

    Notes
    -----
    Marshall, R. J. (1991). Mapping disease and mortality rates using empirical
    Bayes estimators. *Applied Statistics* 40(2), 283–294. Where the estimate is
    positive the result equals ``esda.smoothing.Empirical_Bayes``.
    """

    def __init__(
        self, counts: np.ndarray, exposure: np.ndarray, min_count: int = 5
    ) -> None:
        counts = np.asarray(counts, dtype=float)
        exposure = np.asarray(exposure, dtype=float)
        if (exposure <= 0).any() or not np.isfinite(exposure).all():
            raise StatisticsError(
                bilingual(
                    "Exposure must be positive for every area ({n} are not)",
                    n=int((~(exposure > 0)).sum()),
                )
            )
        self.counts, self.exposure, self.min_count = counts, exposure, min_count
        self.rate = counts / exposure
        self.city_rate = float(counts.sum() / exposure.sum())
        spread = float(
            (exposure * (self.rate - self.city_rate) ** 2).sum() / exposure.sum()
        )
        self.prior_variance_estimate = spread - self.city_rate / exposure.mean()
        self.prior_variance = max(self.prior_variance_estimate, 0.0)
        if self.prior_variance > 0:
            self.shrinkage = self.prior_variance / (
                self.prior_variance + self.city_rate / exposure
            )
        else:
            self.shrinkage = np.zeros_like(counts)
        self.smoothed = self.city_rate + self.shrinkage * (self.rate - self.city_rate)
        self.ranked = counts >= min_count
        order = np.argsort(
            -np.where(self.ranked, self.smoothed, -np.inf), kind="stable"
        )
        self.rank = np.zeros(len(counts), dtype=int)
        n_ranked = int(self.ranked.sum())
        self.rank[order[:n_ranked]] = np.arange(1, n_ranked + 1)


class GlobalMoran:
    """Global Moran's I (row-standardised weights) with permutation inference.

    Permutations are drawn from ``numpy.random.default_rng(seed)``, never from
    global state.

    Attributes
    ----------
    I, EI, z_norm, p_norm : float
        Statistic, expectation and normal-approximation inference (esda).
    p_sim : float
        ``(#{|I_perm - EI| >= |I - EI|} + 1) / (permutations + 1)``.
    """

    def __init__(
        self, y: np.ndarray, w: W, permutations: int = 999, seed: int = 0
    ) -> None:
        y = check_values(y, "Moran's I")
        moran = esda.Moran(y, w, transformation="r", permutations=0)
        self.I, self.EI = float(moran.I), float(moran.EI)
        self.z_norm, self.p_norm = float(moran.z_norm), float(moran.p_norm)
        if not permutations:
            self.p_sim = float("nan")
            return
        matrix = w.sparse  # row-standardised by esda above
        z = y - y.mean()
        rng = np.random.default_rng(seed)
        shuffled = rng.permuted(np.tile(z, (permutations, 1)), axis=1)
        scale = len(y) / matrix.sum()
        simulated = (
            scale * np.einsum("ij,ij->i", shuffled, (matrix @ shuffled.T).T) / (z @ z)
        )
        extreme = np.abs(simulated - self.EI) >= abs(self.I - self.EI)
        self.p_sim = float((extreme.sum() + 1) / (permutations + 1))


def _family(tested: np.ndarray | None, n: int) -> np.ndarray:
    return np.ones(n, dtype=bool) if tested is None else np.asarray(tested, bool)


def adjust_within(p: np.ndarray, tested: np.ndarray, method: str) -> np.ndarray:
    """:func:`adjust_pvalues` over the ``tested`` units only; NaN elsewhere, so
    units left out of the family neither count in ``m`` nor get a verdict."""
    adjusted = np.full(len(p), np.nan)
    adjusted[tested] = adjust_pvalues(p[tested], method)
    return adjusted


class LocalMoran:
    """Local Moran's I with conditional permutation inference.

    Parameters
    ----------
    y : array
    w : libpysal W
        Row-standardised here (``transformation='r'``).
    alternative : str
        One of :data:`ALTERNATIVES`; ``two-sided`` by default, as for Gi*.
    permutations, seed : int
        Conditional permutations (:func:`gis.crand.permuted_lags`) and their
        seed, never global state.
    correction : str
        ``fdr_bh`` (default), ``bonferroni`` or ``none``, applied per test.
    alpha : float
        Level at which adjusted p-values are called significant.
    tested : array of bool, optional
        Units that form the multiple-testing family and get a class (e.g. those
        with enough reports); the others still serve as neighbours.

    Attributes
    ----------
    Is : array
        Local statistics (equal to esda's ``Moran_Local.Is``).
    q : array
        Quadrant (1 HH, 2 LH, 3 LL, 4 HL; esda's default convention).
    sim : array (permutations × n)
        Local statistics under conditional permutation.
    p_sim : array
        Pseudo p-values for ``alternative``.
    p_adjusted : array
        After ``correction`` within the family (NaN outside it).
    labels : array of str
        ``HH``, ``LL``, ``HL``, ``LH`` where significant, else ``ns``.
    """

    def __init__(
        self,
        y: np.ndarray,
        w: W,
        *,
        alternative: str = "two-sided",
        permutations: int = 9999,
        seed: int = 0,
        correction: str = "fdr_bh",
        alpha: float = 0.05,
        tested: np.ndarray | None = None,
    ) -> None:
        y = check_values(y, "Local Moran")
        if w.islands:
            raise StatisticsError(
                bilingual(
                    "Local Moran: {n} areas have no neighbours; attach them first",
                    n=len(w.islands),
                )
            )
        with warnings.catch_warnings():
            # esda warns that its *default* alternative will change; its own
            # permutations are not used (permutations=0), ours are below.
            warnings.filterwarnings("ignore", message="The alternative hypothesis")
            local = esda.Moran_Local(y, w, transformation="r", permutations=0)
        self.Is = np.asarray(local.Is, dtype=float)
        self.q = np.asarray(local.q, dtype=int)
        z = y - y.mean()
        m2 = (z * z).sum() / (len(z) - 1)  # esda's second moment
        lags = permuted_lags(z, w.sparse, permutations, seed)  # w is row-standardised
        self.sim = lags * (z / m2)[None, :]
        self.alternative, self.correction, self.alpha = alternative, correction, alpha
        self.permutations = permutations
        self.p_sim = pseudo_p(self.Is, self.sim, alternative)
        self.tested = _family(tested, len(y))
        self.p_adjusted = adjust_within(self.p_sim, self.tested, correction)
        self.significant = self.tested & (
            np.nan_to_num(self.p_adjusted, nan=1) <= alpha
        )
        quadrant = np.array([QUADRANTS[v] for v in self.q])
        self.labels = np.where(self.significant, quadrant, "ns")


def gi_star(y: np.ndarray, weights: sp.spmatrix) -> np.ndarray:
    """Getis-Ord Gi* z-scores for binary ``weights`` that include each unit itself.

    Ord & Getis (1995), eq. (3): for each i,
    ``(Σ_j w_ij x_j − x̄ W_i) / (s · sqrt((n S1_i − W_i²) / (n − 1)))``
    with ``W_i = Σ_j w_ij``, ``S1_i = Σ_j w_ij²`` and x̄, s over all n values.
    """
    y = np.asarray(y, dtype=float)
    n = y.size
    weights = sp.csr_matrix(weights, dtype=float)
    mean = y.mean()
    s = np.sqrt((y * y).mean() - mean * mean)
    wi = np.asarray(weights.sum(axis=1)).ravel()
    s1 = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    numerator = weights @ y - mean * wi
    denominator = s * np.sqrt((n * s1 - wi * wi) / (n - 1))
    return numerator / denominator


def confidence_bins(z: np.ndarray, p_adjusted: np.ndarray) -> np.ndarray:
    """ArcGIS Gi_Bin: ±3/±2/±1 for hot/cold spots at 99/95/90 %, else 0."""
    bins = np.zeros(len(z), dtype=int)
    for level, limit in reversed(CONFIDENCE_BINS):
        bins[p_adjusted <= limit] = level
    return bins * np.sign(z).astype(int)


class HotSpots:
    """Getis-Ord Gi* hot and cold spots.

    Parameters
    ----------
    y : array
    weights : sparse matrix or libpysal W
        Binary neighbour structure; each unit is added as its own neighbour.
    correction : str
        ``fdr_bh`` (default), ``bonferroni`` or ``none``, per test.
    permutations, seed : int
        With ``permutations > 0``, p-values come from conditional permutation
        of the neighbourhood sums (for a few dozen areas).
    reference : str
        Without permutations: ``normal`` (the z-score's normal approximation)
        or ``count`` (:func:`gis.counts.count_pvalues`, for sparse count grids,
        two-sided).
    alternative : str
        ``two-sided`` (default), ``greater`` or ``less``.
    tested : array of bool, optional
        The multiple-testing family (see :class:`LocalMoran`).

    Attributes
    ----------
    z : array
        Gi* z-scores (equal to esda's ``G_Local(star=True).Zs``).
    p : array
        Unadjusted p-values (permutation or normal, as asked).
    p_norm : array
        Normal-approximation p-values for ``alternative``.
    p_adjusted : array
    bins : array of int
        :func:`confidence_bins` of the adjusted p-values (0 outside the family).
    """

    def __init__(
        self,
        y: np.ndarray,
        weights: sp.spmatrix | W,
        *,
        correction: str = "fdr_bh",
        permutations: int = 0,
        seed: int = 0,
        alternative: str = "two-sided",
        tested: np.ndarray | None = None,
        reference: str = "normal",
    ) -> None:
        y = check_values(y, "Getis-Ord Gi*")
        matrix = weights.sparse if isinstance(weights, W) else weights
        matrix = sp.csr_matrix(matrix, dtype=float)
        matrix.data[:] = 1.0
        matrix.setdiag(0)
        matrix.eliminate_zeros()
        self.z = gi_star(y, (matrix + sp.identity(matrix.shape[0], format="csr")))
        self.p_norm = normal_p(self.z, alternative)
        self.correction, self.alternative = correction, alternative
        self.permutations = permutations
        if permutations:
            observed = matrix @ y  # the neighbours' sum; unit i itself is fixed
            simulated = permuted_lags(y, matrix, permutations, seed)
            self.p = pseudo_p(observed, simulated, alternative)
        elif reference == "count":
            self.p = count_pvalues(y[None, :], matrix, time_step=0)[0][0]
        else:
            self.p = self.p_norm
        self.tested = _family(tested, len(y))
        self.p_adjusted = adjust_within(self.p, self.tested, correction)
        self.bins = confidence_bins(self.z, np.nan_to_num(self.p_adjusted, nan=1.0))


def normal_p(z: np.ndarray, alternative: str) -> np.ndarray:
    """p-values of standard-normal ``z`` for ``alternative``."""
    if alternative == "greater":
        return stats.norm.sf(z)
    if alternative == "less":
        return stats.norm.cdf(z)
    if alternative == "directed":
        return stats.norm.sf(np.abs(z))
    return 2 * stats.norm.sf(np.abs(z))
