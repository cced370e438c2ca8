"""What every spatial statistic in SIGAP shares: input checks and inference.

The estimators themselves are small classes in esda's style (the work happens in
``__init__``, results are short attributes), one module per family as in esda:

* :mod:`gis.smoothing` — :class:`~gis.smoothing.EBRate`, Empirical-Bayes rates.
* :mod:`gis.moran` — global and local Moran's I.
* :mod:`gis.getisord` — Getis-Ord Gi* hot and cold spots.

Here: :func:`check_values` (NaN, infinite or constant values raise
:class:`StatisticsError` instead of producing silent nonsense), permutation and
normal p-values, and the per-test multiple-testing corrections.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from gis.errors import InvalidParameter, require_choice
from gis.i18n import bilingual

CORRECTIONS = ("fdr_bh", "bonferroni", "none")
ALTERNATIVES = ("directed", "two-sided", "greater", "less")


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


def family(tested: np.ndarray | None, n: int) -> np.ndarray:
    """The units in the multiple-testing family (all when ``tested`` is None)."""
    return np.ones(n, dtype=bool) if tested is None else np.asarray(tested, bool)


def adjust_within(p: np.ndarray, tested: np.ndarray, method: str) -> np.ndarray:
    """:func:`adjust_pvalues` over the ``tested`` units only; NaN elsewhere, so
    units left out of the family neither count in ``m`` nor get a verdict."""
    adjusted = np.full(len(p), np.nan)
    adjusted[tested] = adjust_pvalues(p[tested], method)
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
    require_choice(alternative, ALTERNATIVES, name="alternative", error=StatisticsError)
    permutations = simulated.shape[0]
    above = (simulated >= observed).sum(axis=0)
    below = (simulated <= observed).sum(axis=0)
    if alternative == "greater":
        return (above + 1.0) / (permutations + 1.0)
    if alternative == "less":
        return (below + 1.0) / (permutations + 1.0)
    directed = (np.minimum(above, below) + 1.0) / (permutations + 1.0)
    return directed if alternative == "directed" else np.minimum(2 * directed, 1.0)


def normal_p(z: np.ndarray, alternative: str) -> np.ndarray:
    """p-values of standard-normal ``z`` for ``alternative``."""
    if alternative == "greater":
        return stats.norm.sf(z)
    if alternative == "less":
        return stats.norm.cdf(z)
    if alternative == "directed":
        return stats.norm.sf(np.abs(z))
    return 2 * stats.norm.sf(np.abs(z))
