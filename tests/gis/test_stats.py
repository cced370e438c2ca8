"""Statistics: hand-checkable numbers, equality with esda, honest corrections."""

from __future__ import annotations

import warnings

import esda
import libpysal
import numpy as np
import pytest
import scipy.sparse as sp
from esda.smoothing import Empirical_Bayes
from numpy.testing import assert_allclose

from gis.crand import permutations_for, smallest_p
from gis.getisord import HotSpots, confidence_bins, gi_star
from gis.moran import GlobalMoran, LocalMoran
from gis.smoothing import EBRate
from gis.stats import StatisticsError, adjust_pvalues, normal_p, pseudo_p

ATOL = 1e-9


class TestAdjustPvalues:
    P = np.array([0.010, 0.040, 0.030, 0.005, 0.200, 0.049])

    def test_benjamini_hochberg_matches_the_hand_computation(self):
        # sorted: .005 .010 .030 .040 .049 .200 ; p*m/rank with m = 6:
        # .030 .030 .060 .060 .0588 .200 ; then the running minimum from the top
        expected = [0.030, 0.0588, 0.0588, 0.030, 0.200, 0.0588]
        assert_allclose(adjust_pvalues(self.P, "fdr_bh"), expected, atol=1e-12)

    def test_each_test_gets_its_own_adjusted_value_not_one_bound(self):
        adjusted = adjust_pvalues(self.P, "fdr_bh")
        assert len(set(np.round(adjusted, 6))) == 3
        assert (adjusted <= 0.05).sum() == 2  # only .005 and .010 survive at 5 %
        bound = esda.fdr(self.P, 0.05)  # esda's single threshold, for contrast
        assert np.isscalar(bound)

    def test_bonferroni_multiplies_by_the_number_of_tests(self):
        assert_allclose(
            adjust_pvalues(self.P, "bonferroni"),
            [0.06, 0.24, 0.18, 0.03, 1.0, 0.294],
            atol=1e-12,
        )

    def test_unknown_method_is_refused(self):
        with pytest.raises(StatisticsError, match="holm"):
            adjust_pvalues(self.P, "holm")


class TestGiStar:
    def test_small_hand_checkable_example(self):
        # four units on a line, y = 1 2 3 10, neighbours are the adjacent units
        y = np.array([1.0, 2.0, 3.0, 10.0])
        chain = sp.csr_matrix(
            np.array(
                [[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]], dtype=float
            )
        )
        z = HotSpots(y, chain, correction="none").z
        # unit 4: neighbourhood {3, 4} sums to 13, W = 2, mean 4,
        # s = sqrt(mean(y²) - 16) = sqrt(12.5); z = (13 - 8) / (s·sqrt((4·2-4)/3))
        assert z[3] == pytest.approx(5 / (np.sqrt(12.5) * np.sqrt(4 / 3)), abs=ATOL)
        # unit 1: neighbourhood {1, 2} sums to 3
        assert z[0] == pytest.approx(-5 / (np.sqrt(12.5) * np.sqrt(4 / 3)), abs=ATOL)

    def test_permutation_p_values_are_two_sided_and_agree_with_esda(self):
        w = libpysal.weights.lat2W(7, 7, rook=False)
        y = np.random.default_rng(4).gamma(4, 2, 49)  # continuous: no ties
        y[[0, 1, 7, 8]] += 12  # a 2 × 2 block: unit 0's neighbours are all high
        ours = HotSpots(y, w, permutations=9999, seed=3)
        with warnings.catch_warnings():  # esda's notice about its default
            warnings.simplefilter("ignore", DeprecationWarning)
            theirs = esda.G_Local(
                y, w, transform="B", star=True, permutations=9999, seed=3, n_jobs=1
            )
        assert_allclose(ours.z, theirs.Zs, atol=ATOL)
        assert ours.alternative == "two-sided" and ours.permutations == 9999
        # two-sided: never below 2/(permutations + 1)
        assert 2 / 10_000 <= ours.p.min() < 0.01
        # esda's folded p doubled, other random draws: Monte Carlo error only
        assert_allclose(ours.p, np.minimum(2 * theirs.p_sim, 1), atol=0.04)

    def test_equals_esda_g_local_star_on_a_lattice(self):
        w = libpysal.weights.lat2W(8, 8, rook=False)
        y = np.random.default_rng(4).poisson(4, 64).astype(float)
        y[:6] += 9
        expected = esda.G_Local(y, w, transform="B", star=True, permutations=0).Zs
        assert_allclose(HotSpots(y, w).z, expected, atol=ATOL)
        assert_allclose(gi_star(y, w.sparse + sp.identity(64)), expected, atol=ATOL)

    def test_confidence_bins_follow_arcgis(self):
        z = np.array([3.0, 2.1, 1.7, 0.5, -2.2, -3.1])
        p = np.array([0.004, 0.03, 0.08, 0.6, 0.04, 0.009])
        assert confidence_bins(z, p).tolist() == [3, 2, 1, 0, -2, -3]


class TestLocalMoran:
    def setup_method(self):
        self.w = libpysal.weights.lat2W(7, 7)
        rng = np.random.default_rng(9)
        self.y = rng.normal(10, 2, 49)
        self.y[[0, 1, 2, 7, 8, 9, 14, 15, 16]] += 8  # a 3 × 3 block of high values

    @pytest.mark.filterwarnings("ignore:The alternative hypothesis")  # esda's own
    def test_equals_esda_moran_local(self):
        ours = LocalMoran(self.y, self.w, permutations=9999, seed=5)
        self.w.transform = "r"
        theirs = esda.Moran_Local(self.y, self.w, permutations=9999, seed=5, n_jobs=1)
        assert_allclose(ours.Is, theirs.Is, atol=ATOL)
        assert (ours.q == theirs.q).all()
        # other random draws, same test: esda's folded p doubled is two-sided;
        # with 9 999 permutations the Monte Carlo sd of p ≈ 0.5 is 0.009
        assert_allclose(ours.p_sim, np.minimum(2 * theirs.p_sim, 1), atol=0.04)

    def test_two_sided_with_permutations_sized_to_reach_the_first_cutoff(self):
        ours = LocalMoran(self.y, self.w, seed=5)
        assert ours.alternative == "two-sided" and ours.permutations == 9999
        # the smallest two-sided p is 2/10 000, below 0.05/51 = 0.00098
        assert smallest_p(9999, "two-sided") == pytest.approx(2 / 10_000)
        assert 2 / 10_000 <= ours.p_sim.min() < 0.05 / 49
        assert smallest_p(999, "directed") == pytest.approx(0.001)
        assert permutations_for(51, 0.05, "two-sided") == 9999
        assert permutations_for(51, 0.05, "directed") == 9999
        assert permutations_for(500, 0.05, "two-sided") == 99_999
        assert permutations_for(5, 0.05, "two-sided") == 999

    def test_units_outside_the_family_get_no_verdict_and_do_not_count(self):
        full = LocalMoran(self.y, self.w, seed=5)
        hh = np.flatnonzero(full.labels == "HH")[:2]
        assert len(hh) == 2
        tested = np.ones(49, dtype=bool)
        tested[hh] = False  # e.g. fewer than min_count reports
        ours = LocalMoran(self.y, self.w, seed=5, tested=tested)
        assert np.isnan(ours.p_adjusted[hh]).all()
        assert (ours.labels[hh] == "ns").all()
        # m = 47, not 49
        assert_allclose(ours.p_adjusted[tested], adjust_pvalues(full.p_sim[tested]))

    def test_local_statistic_by_hand(self):
        ours = LocalMoran(self.y, self.w, alternative="directed", seed=1)
        z = self.y - self.y.mean()
        m2 = (z * z).sum() / (len(z) - 1)  # esda's second moment divides by n - 1
        w = self.w.sparse.toarray()
        w = w / w.sum(axis=1, keepdims=True)
        assert_allclose(ours.Is, z / m2 * (w @ z), atol=ATOL)

    def test_labels_come_from_the_quadrant_and_the_corrected_p(self):
        ours = LocalMoran(self.y, self.w, alternative="directed", seed=1)
        z = self.y - self.y.mean()
        lag = self.w.sparse @ z
        expected = np.select(
            [(z > 0) & (lag > 0), (z < 0) & (lag < 0), (z > 0) & (lag < 0)],
            ["HH", "LL", "HL"],
            "LH",
        )
        significant = ours.p_adjusted <= 0.05
        assert (ours.labels[significant] == expected[significant]).all()
        assert (ours.labels[~significant] == "ns").all()
        assert "HH" in set(ours.labels)

    def test_seed_makes_results_repeat(self):
        a = LocalMoran(self.y, self.w, alternative="two-sided", seed=3)
        b = LocalMoran(self.y, self.w, alternative="two-sided", seed=3)
        assert_allclose(a.p_sim, b.p_sim, atol=0)

    def test_alternatives(self):
        observed = np.array([5.0, -5.0, 0.0])
        simulated = np.tile(np.arange(-9.0, 10.0), (3, 1)).T  # 19 permutations
        assert_allclose(
            pseudo_p(observed, simulated, "greater"), [6 / 20, 16 / 20, 11 / 20]
        )
        assert_allclose(
            pseudo_p(observed, simulated, "directed"), [6 / 20, 6 / 20, 11 / 20]
        )
        assert_allclose(
            pseudo_p(observed, simulated, "two-sided"), [12 / 20, 12 / 20, 1.0]
        )
        with pytest.raises(StatisticsError, match="sideways"):
            pseudo_p(observed, simulated, "sideways")

    @pytest.mark.parametrize(
        "bad,message",
        [
            (np.r_[np.ones(48), np.nan], "missing or infinite"),
            (np.full(49, 3.0), "all values are equal"),
        ],
    )
    def test_nan_and_constant_inputs_are_refused(self, bad, message):
        with pytest.raises(StatisticsError, match=message):
            LocalMoran(bad, self.w, alternative="directed")
        with pytest.raises(StatisticsError, match=message):
            HotSpots(bad, self.w)


def test_global_moran_equals_esda_and_finds_the_gradient():
    w = libpysal.weights.lat2W(7, 7)
    y = np.arange(49.0) + np.random.default_rng(0).normal(0, 3, 49)
    ours = GlobalMoran(y, w, permutations=999, seed=2)
    theirs = esda.Moran(y, w, permutations=0)
    assert pytest.approx(theirs.I, abs=ATOL) == ours.I
    assert ours.z_norm == pytest.approx(theirs.z_norm, abs=ATOL)
    assert ours.p_sim == pytest.approx(0.001)
    assert GlobalMoran(y, w, permutations=999, seed=2).p_sim == ours.p_sim


def test_eb_rates_do_not_let_a_tiny_area_with_two_reports_top_the_list():
    counts = np.array([2, 300, 330, 50, 60])
    exposure = np.array([0.02, 10.0, 10.0, 5.0, 6.0])  # km²
    rates = EBRate(counts, exposure, min_count=5)
    assert rates.rate.argmax() == 0  # 100 per km² raw
    assert rates.smoothed[0] < rates.smoothed[2]  # pulled towards the city mean
    assert rates.rank.tolist() == [0, 2, 1, 3, 4]  # unranked below five reports
    with pytest.raises(StatisticsError, match="positive"):
        EBRate(counts, np.array([1.0, 0, 1, 1, 1]))


class TestEBRate:
    def test_equals_esda_where_the_prior_variance_is_positive(self):
        rng = np.random.default_rng(2)
        exposure = rng.uniform(0.5, 8, 51)
        counts = rng.poisson(exposure * rng.gamma(2, 2, 51))
        ours = EBRate(counts, exposure)
        assert ours.prior_variance_estimate > 0
        expected = Empirical_Bayes(counts, exposure).r.ravel()
        assert_allclose(ours.smoothed, expected, atol=ATOL)

    def test_a_negative_prior_variance_shrinks_every_area_to_the_city_rate(self):
        # less spread than Poisson: esda's weights go negative and invert rates
        counts = np.array([10, 11, 9, 10, 10, 12, 8, 10])
        exposure = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.2, 0.8, 1.0])
        inverted = Empirical_Bayes(counts, exposure).r.ravel()
        rate = counts / exposure
        assert np.corrcoef(inverted, rate)[0, 1] < 0  # the defect, measured
        ours = EBRate(counts, exposure)
        assert ours.prior_variance_estimate < 0 and ours.prior_variance == 0
        assert_allclose(ours.smoothed, np.full(8, 80 / 8.0), atol=ATOL)
        assert (ours.shrinkage == 0).all()

    @pytest.mark.parametrize("seed", range(300))
    def test_smoothed_rates_lie_between_the_raw_and_the_city_rate(self, seed):
        rng = np.random.default_rng(seed)
        exposure = rng.lognormal(0, 1, 51)  # km², road-km or poles
        counts = rng.poisson(exposure * rng.gamma(rng.uniform(0.3, 50), 1, 51))
        rates = EBRate(counts, exposure)
        low = np.minimum(rates.rate, rates.city_rate) - 1e-12
        high = np.maximum(rates.rate, rates.city_rate) + 1e-12
        assert ((rates.smoothed >= low) & (rates.smoothed <= high)).all()
        assert (rates.smoothed >= 0).all()


def test_normal_p_values_by_alternative():
    z = np.array([1.96, -1.96])
    assert_allclose(normal_p(z, "two-sided"), [0.05, 0.05], atol=1e-4)
    assert_allclose(normal_p(z, "greater"), [0.025, 0.975], atol=1e-4)
    assert_allclose(normal_p(z, "less"), [0.975, 0.025], atol=1e-4)
