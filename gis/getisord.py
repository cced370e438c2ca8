"""Getis-Ord Gi* hot and cold spots (esda.getisord): z-scores with the unit
itself included, normal, count or permutation inference, per-test correction
and ArcGIS-style confidence bins (±3 = 99 %, ±2 = 95 %, ±1 = 90 %)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from libpysal.weights import W

from gis.counts import count_pvalues
from gis.crand import permuted_lags
from gis.stats import adjust_within, check_values, family, normal_p, pseudo_p

#: (bin, adjusted p below which a hot/cold spot reaches it): ArcGIS Gi_Bin levels.
CONFIDENCE_BINS = ((3, 0.01), (2, 0.05), (1, 0.10))


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
        self.tested = family(tested, len(y))
        self.p_adjusted = adjust_within(self.p, self.tested, correction)
        self.bins = confidence_bins(self.z, np.nan_to_num(self.p_adjusted, nan=1.0))
