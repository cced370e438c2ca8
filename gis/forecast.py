"""Weekly count forecasts with a season-aware count model, and their intervals.

Counts are a weeks × series array (a series is, say, one place × one category);
series are pooled in *groups* (one category across places) that share the
season: log μ[t, s] = log level[s] + x[t] · β[group(s)], where x holds the
week's calendar terms (share of its days in the rainy season, number of
holidays on working days). β is a Poisson GLM (statsmodels) fitted with the
levels as offset; the levels are the fixed effects' closed form
(Σ y / Σ exp(x·β), shrunk towards the group's for series that saw little), and
the two are alternated to the joint maximum likelihood. Over-dispersion is then
measured per group (moment estimate of the negative-binomial α) and the group
refitted as a negative-binomial GLM, so the intervals are as wide as the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import statsmodels.api as sm
from scipy import stats

#: what the model's calendar terms are called, in column order
TERMS = ("rainy", "holidays")
#: Kupang's rainy season, by month (November–April)
RAINY_MONTHS = (11, 12, 1, 2, 3, 4)
SHRINK_WEEKS = 2.0  # weight of the group's level for a quiet series
ALTERNATIONS = 4


def week_features(
    starts: Sequence[date],
    holidays: Iterable[date],
    rainy_months: Sequence[int] = RAINY_MONTHS,
) -> np.ndarray:
    """Calendar terms (weeks × :data:`TERMS`) of the weeks starting on ``starts``:
    the share of the week's days in ``rainy_months`` and the number of holidays
    falling Monday–Friday (a holiday on a weekend changes no working week)."""
    off = set(holidays)
    rows = []
    for start in starts:
        days = [start + timedelta(days=i) for i in range(7)]
        rows.append(
            (
                sum(d.month in rainy_months for d in days) / 7.0,
                sum(d in off and d.weekday() < 5 for d in days),
            )
        )
    return np.asarray(rows, dtype=float).reshape(len(rows), len(TERMS))


@dataclass
class WeeklyModel:
    """A fitted model: per-series levels, per-group coefficients and dispersion."""

    groups: np.ndarray  #: group label of each series
    levels: np.ndarray  #: expected count per series in a week with all terms 0
    coefficients: dict = field(default_factory=dict)  #: group → β (TERMS order)
    alpha: dict = field(default_factory=dict)  #: group → negative-binomial α

    def mean(self, features: np.ndarray) -> np.ndarray:
        """Expected counts (weeks × series) for weeks with ``features``."""
        x = np.atleast_2d(np.asarray(features, dtype=float))
        beta = np.stack([self.coefficients[g] for g in self.groups], axis=1)
        return self.levels[None, :] * np.exp(x @ beta)

    def series_alpha(self) -> np.ndarray:
        """α of each series (its group's)."""
        return np.array([self.alpha[g] for g in self.groups], dtype=float)


def _fit_group(y: np.ndarray, x: np.ndarray, alpha: float) -> np.ndarray:
    """β of one group (y: weeks × series, x: weeks × terms) given α, with the
    series levels as fixed effects alternated to convergence."""
    weeks, n = y.shape
    beta = np.zeros(x.shape[1])
    totals = y.sum(axis=0)
    family = (
        sm.families.Poisson()
        if alpha <= 0
        else sm.families.NegativeBinomial(alpha=alpha)
    )
    levels = np.full(n, max(totals.mean(), 1e-9) / weeks)
    varying = np.ptp(x, axis=0) > 0  # a term constant over the window says nothing
    if not varying.any() or totals.sum() == 0:
        return beta, _levels(totals, np.full(weeks, 1.0))
    for _ in range(ALTERNATIONS):
        multiplier = np.exp(x @ beta)
        levels = _levels(totals, multiplier)
        keep = levels > 0
        design = np.column_stack([np.ones(weeks), x[:, varying]])
        rows = np.repeat(design, keep.sum(), axis=0)
        endog = y[:, keep].ravel()
        offset = np.log(np.tile(levels[keep], weeks))
        fitted = sm.GLM(endog, rows, family=family, offset=offset).fit()
        beta = np.zeros(x.shape[1])
        beta[varying] = fitted.params[1:]
        # the intercept is absorbed by the levels on the next pass
    return beta, _levels(totals, np.exp(x @ beta))


def _levels(totals: np.ndarray, multiplier: np.ndarray) -> np.ndarray:
    exposure = multiplier.sum()
    group = totals.sum() / (exposure * len(totals))
    return (totals + SHRINK_WEEKS * group) / (exposure + SHRINK_WEEKS)


def _alpha(y: np.ndarray, mu: np.ndarray, parameters: int) -> float:
    """Moment estimate of the negative-binomial α (0: no over-dispersion)."""
    mu = np.maximum(mu, 1e-9)
    df = max(y.size - parameters, 1)
    return max(float((((y - mu) ** 2 - y) / mu**2).sum() / df), 0.0)


def fit(counts: np.ndarray, features: np.ndarray, groups: Sequence) -> WeeklyModel:
    """Fit the model to ``counts`` (weeks × series) with ``features`` (weeks ×
    terms, :func:`week_features`); ``groups`` names each series' group."""
    y = np.asarray(counts, dtype=float)
    x = np.asarray(features, dtype=float)
    labels = np.asarray(groups)
    levels = np.zeros(y.shape[1])
    model = WeeklyModel(groups=labels, levels=levels)
    for g in dict.fromkeys(labels.tolist()):
        cols = labels == g
        beta, lv = _fit_group(y[:, cols], x, 0.0)
        mu = lv[None, :] * np.exp(x @ beta)[:, None]
        alpha = _alpha(y[:, cols], mu, cols.sum() + x.shape[1])
        if alpha > 0.01:
            beta, lv = _fit_group(y[:, cols], x, alpha)
        model.coefficients[g] = beta
        model.alpha[g] = round(alpha, 6) if alpha > 0.01 else 0.0
        levels[cols] = lv
    return model


def interval(
    mean: np.ndarray, alpha: np.ndarray, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Central ``level`` interval (lower, upper, whole counts) of counts with
    ``mean`` and negative-binomial ``alpha`` (0: Poisson)."""
    mu = np.maximum(np.asarray(mean, dtype=float), 1e-12)
    a = np.broadcast_to(np.asarray(alpha, dtype=float), mu.shape)
    tail = (1.0 - level) / 2.0
    lower = np.empty_like(mu)
    upper = np.empty_like(mu)
    poisson = a <= 0
    lower[poisson] = stats.poisson.ppf(tail, mu[poisson])
    upper[poisson] = stats.poisson.ppf(1 - tail, mu[poisson])
    nb = ~poisson
    size = 1.0 / a[nb]
    p = size / (size + mu[nb])
    lower[nb] = stats.nbinom.ppf(tail, size, p)
    upper[nb] = stats.nbinom.ppf(1 - tail, size, p)
    return lower, upper


def seasonal_naive(
    counts: np.ndarray, features: np.ndarray, target: np.ndarray
) -> np.ndarray:
    """The seasonal-naive forecast (targets × series): each series' count in the
    latest week of the same season (rainy or dry) as the target week, or the
    latest week when the window holds none of that season."""
    rainy = np.asarray(features)[:, 0] >= 0.5
    out = []
    for row in np.atleast_2d(target):
        same = np.flatnonzero(rainy == (row[0] >= 0.5))
        week = same[-1] if same.size else len(counts) - 1
        out.append(np.asarray(counts, dtype=float)[week])
    return np.asarray(out)


def poisson_deviance(y: np.ndarray, mu: np.ndarray) -> float:
    """Mean Poisson deviance of forecasts ``mu`` for counts ``y``."""
    y = np.asarray(y, dtype=float)
    mu = np.maximum(np.asarray(mu, dtype=float), 1e-3)  # a naive 0 for a count
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(y / mu), 0.0)
    return float((2 * (term - (y - mu))).mean())


def backtest(
    counts: np.ndarray,
    features: np.ndarray,
    groups: Sequence,
    first: int,
) -> dict:
    """One-week-ahead forecasts of every week from ``first`` on, each from a
    model fitted to the weeks before it; the same for the seasonal-naive
    forecast. Returns MAE and mean Poisson deviance of both and their ratios."""
    y = np.asarray(counts, dtype=float)
    model_mu, naive_mu, seen = [], [], []
    for week in range(first, len(y)):
        model = fit(y[:week], features[:week], groups)
        model_mu.append(model.mean(features[week : week + 1])[0])
        naive_mu.append(seasonal_naive(y[:week], features[:week], features[week])[0])
        seen.append(y[week])
    seen, model_mu, naive_mu = map(np.asarray, (seen, model_mu, naive_mu))
    result = {
        "weeks": len(seen),
        "series": y.shape[1],
        "model_mae": float(np.abs(seen - model_mu).mean()),
        "naive_mae": float(np.abs(seen - naive_mu).mean()),
        "model_deviance": poisson_deviance(seen, model_mu),
        "naive_deviance": poisson_deviance(seen, naive_mu),
    }
    result["mae_ratio"] = result["model_mae"] / result["naive_mae"]
    result["deviance_ratio"] = result["model_deviance"] / result["naive_deviance"]
    return result
