"""Rates with an exposure denominator, Empirical-Bayes smoothed (esda.smoothing),
and a minimum-count rule before anything is ranked."""

from __future__ import annotations

import numpy as np

from gis.i18n import bilingual
from gis.stats import StatisticsError


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
