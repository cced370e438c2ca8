"""Moran's I (esda.moran): global, with permutation inference, and local, with
conditional permutation inference, an explicit alternative hypothesis and a
per-test multiple-testing correction, classified HH/LL/HL/LH/ns."""

from __future__ import annotations

import warnings

import esda
import numpy as np
from libpysal.weights import W

from gis.crand import permuted_lags
from gis.i18n import bilingual
from gis.stats import (
    StatisticsError,
    adjust_within,
    check_values,
    family,
    pseudo_p,
)

#: esda's Moran_Local ``q`` (geoda_quads=False): 1 HH, 2 LH, 3 LL, 4 HL.
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}


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
        self.tested = family(tested, len(y))
        self.p_adjusted = adjust_within(self.p_sim, self.tested, correction)
        self.significant = self.tested & (
            np.nan_to_num(self.p_adjusted, nan=1) <= alpha
        )
        quadrant = np.array([QUADRANTS[v] for v in self.q])
        self.labels = np.where(self.significant, quadrant, "ns")
