"""Emerging hot spots: space-time Gi*, Mann-Kendall and the 17 published classes."""

from __future__ import annotations

from datetime import UTC, datetime

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
    week_bins,
)
from gis.getisord import gi_star
from gis.timeutil import WITA
from gis.weights import distance_band

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


class TestWeekBins:
    START = datetime(2025, 11, 1, tzinfo=WITA)  # a Saturday
    END = datetime(2026, 11, 1, 8, tzinfo=WITA)  # a Sunday morning

    def test_bins_are_whole_monday_weeks_in_wita(self):
        t = [
            datetime(2025, 11, 1, 12, tzinfo=WITA),  # before the first Monday
            datetime(2025, 11, 3, tzinfo=WITA),  # first bin opens
            datetime(2025, 11, 9, 23, 59, tzinfo=WITA),  # first bin, last minute
            datetime(2025, 11, 9, 16, 30, tzinfo=UTC),  # Monday 00:30 WITA
            datetime(2026, 10, 26, tzinfo=WITA),  # the partial final week
            datetime(2026, 11, 1, 8, tzinfo=WITA),  # the window's end: outside
        ]
        index, exposure, starts = week_bins(
            np.array([m.timestamp() for m in t]), self.START, self.END
        )
        assert index.tolist() == [-1, 0, 0, 1, 51, -1]
        assert len(starts) == 52 and starts[0] == datetime(2025, 11, 3, tzinfo=WITA)
        assert {s.weekday() for s in starts} == {0}
        assert {(s.hour, s.minute) for s in starts} == {(0, 0)}
        assert (exposure[:-1] == 1).all()
        assert exposure[-1] == pytest.approx((6 + 8 / 24) / 7)

    def test_a_window_opening_on_monday_midnight_starts_there(self):
        start = datetime(2026, 10, 5, tzinfo=WITA)
        _, exposure, starts = week_bins(
            np.array([]), start, datetime(2026, 10, 19, tzinfo=WITA)
        )
        assert starts == [start, datetime(2026, 10, 12, tzinfo=WITA)]
        assert exposure.tolist() == [1.0, 1.0]

    def test_a_window_without_a_monday_has_no_bins(self):
        start = datetime(2026, 10, 27, tzinfo=WITA)  # Tuesday to Sunday
        index, exposure, starts = week_bins(
            np.array([start.timestamp()]), start, datetime(2026, 11, 1, tzinfo=WITA)
        )
        assert (index.tolist(), exposure.tolist(), starts) == ([-1], [], [])

    def test_a_partial_final_week_is_weighted_not_read_as_quiet(self):
        n, bins = 10, 12
        chain = sp.diags([np.ones(n - 1), np.ones(n - 1)], [-1, 1], format="csr")
        cube = np.full((bins, n), 7.0)
        cube[:, 0] = 14.0
        cube[-1] *= 3 / 7  # three days of the same weekly rate
        exposure = np.r_[np.ones(bins - 1), 3 / 7]
        weighted = EmergingHotSpots(cube, chain, exposure=exposure)
        assert_allclose(weighted.z[-1], weighted.z[-2], atol=1e-12)
        assert not weighted.cold[:, -1].any()
        unweighted = space_time_gi(cube, chain)
        assert (unweighted[-1] < unweighted[-2] - 1).all()  # the defect


class TestMannKendallTies:
    def test_tie_corrected_variance_by_hand(self):
        # S = 21 pairs − 4 tied pairs = 17; ties: one pair, one triple
        series = np.array([[1.0, 2, 2, 3, 3, 3, 4]])
        tau, z, p = mann_kendall(series)
        variance = (7 * 6 * 19 - (2 * 1 * 9 + 3 * 2 * 11)) / 18
        assert tau[0] == pytest.approx(17 / 21)
        assert z[0] == pytest.approx(16 / np.sqrt(variance), abs=1e-12)
        assert z[0] != pytest.approx(16 / np.sqrt(7 * 6 * 19 / 18))  # no-ties value
        assert p[0] == pytest.approx(2 * stats.norm.sf(z[0]), abs=1e-12)

    def test_a_constant_series_has_no_trend(self):
        tau, z, p = mann_kendall(np.array([[2.0] * 8]))
        assert (tau[0], z[0], p[0]) == (0.0, 0.0, 1.0)


@pytest.mark.parametrize(
    "bins,expected",
    [
        ("HHHHHHHHHC", "new cold spot"),  # 90 % hot, but cold now
        ("CCCCCCCCCH", "new hot spot"),
        ("HHHHHHHHH.", "historical hot spot"),
        ("CCCCCCCCC.", "historical cold spot"),
    ],
)
def test_the_final_bin_decides_hot_or_cold(bins, expected):
    hot = np.array([[c == "H" for c in bins]])
    cold = np.array([[c == "C" for c in bins]])
    assert classify(hot, cold, np.zeros(1), np.ones(1))[0] == expected


def _hexagon_lattice(side: int = 57) -> sp.csr_matrix:
    q, r = np.meshgrid(np.arange(side), np.arange(side))
    xy = np.column_stack([(q + r * 0.5).ravel() * 250, (r * 216.5).ravel()])
    return distance_band(xy, 760.0)  # ~34 neighbours, like the demo's band


def test_flat_sparse_counts_give_no_pattern_with_the_count_reference():
    # 3 249 hexagons × 53 weeks of Poisson(0.03): no time structure, no hot spot
    weights = _hexagon_lattice()
    rng = np.random.default_rng(2026)
    found = {"count": 0, "normal": 0}
    for _ in range(8):
        cube = rng.poisson(0.03, (53, weights.shape[0])).astype(float)
        for reference in found:
            result = EmergingHotSpots(cube, weights, reference=reference)
            found[reference] += int((result.patterns != "no pattern").any())
    assert found == {"count": 0, "normal": 4}
