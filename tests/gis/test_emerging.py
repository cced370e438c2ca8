"""Emerging hot spots: space-time Gi*, Mann-Kendall and the 17 published classes."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose
from scipy import stats

from gis.emerging import (
    PATTERNS,
    EmergingHotSpots,
    classify,
    mann_kendall,
    space_time_gi,
)
from gis.stats import gi_star

T = 10


def _row(hot: str, cold: str = "") -> tuple[np.ndarray, np.ndarray]:
    """'..HH' style strings: H = significant hot bin, C = significant cold bin."""
    return (np.array([c == "H" for c in hot]), np.array([c == "C" for c in hot]))


@pytest.mark.parametrize(
    "bins,tau,p,expected",
    [
        (".........H", 0.0, 0.9, "new hot spot"),
        (".......HHH", 0.3, 0.01, "consecutive hot spot"),
        ("HHHHHHHHHH", 0.5, 0.001, "intensifying hot spot"),
        ("HHHHHHHHHH", 0.1, 0.60, "persistent hot spot"),
        ("HHHHHHHHHH", -0.5, 0.001, "diminishing hot spot"),
        ("..H..H...H", 0.1, 0.50, "sporadic hot spot"),
        ("C....H...H", 0.1, 0.50, "oscillating hot spot"),
        ("HHHHHHHHH.", -0.2, 0.20, "historical hot spot"),
        (".........C", 0.0, 0.90, "new cold spot"),
        (".......CCC", -0.3, 0.01, "consecutive cold spot"),
        ("CCCCCCCCCC", -0.5, 0.001, "intensifying cold spot"),
        ("CCCCCCCCCC", 0.0, 0.90, "persistent cold spot"),
        ("CCCCCCCCCC", 0.5, 0.001, "diminishing cold spot"),
        ("..C..C...C", 0.0, 0.50, "sporadic cold spot"),
        ("H....C...C", 0.0, 0.50, "oscillating cold spot"),
        ("CCCCCCCCC.", 0.2, 0.20, "historical cold spot"),
        ("..H.......", 0.0, 0.90, "no pattern"),
    ],
)
def test_each_published_rule(bins, tau, p, expected):
    hot = np.array([[c == "H" for c in bins]])
    cold = np.array([[c == "C" for c in bins]])
    assert classify(hot, cold, np.array([tau]), np.array([p]))[0] == expected


def test_there_are_seventeen_patterns():
    assert len(PATTERNS) == 17


def test_consecutive_needs_a_run_of_two_and_no_earlier_hot_bin():
    hot = np.array([[c == "H" for c in "H......HHH"]])
    assert (
        classify(hot, ~hot & False, np.zeros(1), np.ones(1))[0] == "sporadic hot spot"
    )


def test_mann_kendall_matches_scipy_kendall_tau_against_time():
    series = np.random.default_rng(3).normal(size=(5, 30)).cumsum(axis=1)
    tau, z, p = mann_kendall(series)
    pairs = 30 * 29 / 2
    sd = np.sqrt(30 * 29 * 65 / 18)
    for row, t, zv, pv in zip(series, tau, z, p):
        expected = stats.kendalltau(np.arange(30), row).statistic
        assert t == pytest.approx(expected, abs=1e-12)
        s = expected * pairs  # Mann-Kendall S, with the continuity correction:
        assert zv == pytest.approx((s - np.sign(s)) / sd, abs=1e-9)
        assert pv == pytest.approx(2 * stats.norm.sf(abs(zv)), abs=1e-12)


def test_space_time_gi_equals_gi_star_on_the_space_time_weights():
    rng = np.random.default_rng(5)
    n, bins = 12, 6
    spatial = sp.random(n, n, density=0.3, random_state=1, format="csr")
    spatial = ((spatial + spatial.T) > 0).astype(float)
    spatial.setdiag(0)
    cube = rng.poisson(3, (bins, n)).astype(float)
    temporal = np.tril(np.triu(np.ones((bins, bins)), -1))  # this and the bin before
    full = sp.kron(temporal, (spatial + sp.identity(n)).sign())
    expected = gi_star(cube.ravel(), full).reshape(bins, n)
    assert_allclose(space_time_gi(cube, spatial, time_step=1), expected, atol=1e-9)


def test_an_outbreak_in_the_last_weeks_is_a_consecutive_hot_spot():
    rng = np.random.default_rng(8)
    n, bins = 60, 20
    xy = np.column_stack([np.arange(n) % 10, np.arange(n) // 10]).astype(float)
    distance = np.linalg.norm(xy[:, None] - xy[None], axis=2)
    spatial = sp.csr_matrix((distance > 0) & (distance <= 1.5), dtype=float)
    cube = rng.poisson(2, (bins, n)).astype(float)
    cube[-4:, [0, 1, 10, 11]] += 25
    result = EmergingHotSpots(cube, spatial)
    assert set(result.patterns[[0, 1, 10, 11]]) == {"consecutive hot spot"}
    assert (result.patterns[[45, 55, 59]] == "no pattern").all()
