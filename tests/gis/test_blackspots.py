"""Blackspot formulas on worked examples computed by hand."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from gis import blackspots as bs

RTOL = 1e-9


class TestAek:
    def test_pd_t_09_2004_b_weighs_victims_12_3_3_and_property_damage_1(self):
        weights = bs.WEIGHT_SETS["pd-t-09-2004-b"]
        # 1 died, 2 seriously and 3 slightly injured, 4 property-only accidents:
        # 12·1 + 3·2 + 3·3 + 1·4 = 12 + 6 + 9 + 4 = 31
        assert bs.aek(1, 2, 3, 4, weights) == 31.0
        assert "Pd T-09-2004-B" in weights.citation

    def test_the_10_5_1_1_set_and_a_custom_set(self):
        # 10·1 + 5·2 + 1·3 + 1·4 = 27
        assert bs.aek(1, 2, 3, 4, bs.parse_weights("10-5-1-1")) == 27.0
        custom = bs.parse_weights("20,4,2,1")
        # 20·1 + 4·2 + 2·3 + 1·4 = 38
        assert bs.aek(1, 2, 3, 4, custom) == 38.0
        assert custom.citation == "custom weights MD/LB/LR/PDO = 20/4/2/1"

    @pytest.mark.parametrize("text", ["12,3,3", "a,b,c,d", "12,3,-3,1", "unknown"])
    def test_a_malformed_weight_set_is_refused(self, text):
        with pytest.raises(ValueError):
            bs.parse_weights(text)


class TestControlLimits:
    def test_ucl_on_a_half_kilometre_segment(self):
        # λ = 2, m = 0.5: λ/m = 4, 0.829/m = 1.658, 1/(2m) = 1 → √6.658 = 2.580310
        # UCL = 2 + 2.576 · 2.580310 = 2 + 6.646879 = 8.646879
        assert_allclose(bs.ucl(2.0, 0.5), 8.646879, atol=5e-6)

    def test_ucl_at_a_junction_of_exposure_one(self):
        # λ = 3, m = 1: 3 + 0.829 + 0.5 = 4.329 → √ = 2.080625;
        # UCL = 3 + 2.576 · 2.080625 = 3 + 5.359690 = 8.359690
        assert_allclose(bs.ucl(3.0, np.array([1.0])), [8.359690], atol=5e-6)

    def test_a_shorter_segment_gets_a_wider_limit(self):
        limits = bs.ucl(2.0, np.array([0.1, 0.5, 2.0]))
        assert limits[0] > limits[1] > limits[2]

    def test_bka_is_the_mean_plus_three_root_mean(self):
        # C = 4: 4 + 3·2 = 10; C = 2.25: 2.25 + 3·1.5 = 6.75
        assert bs.bka(4.0) == 10.0
        assert bs.bka(2.25) == 6.75


class TestEmpiricalBayes:
    def test_the_hsm_weight_and_expected_frequency(self):
        # k = 0.5, N_pred = 2, N_obs = 6: w = 1/(1 + 0.5·2) = 0.5;
        # N_exp = 0.5·2 + 0.5·6 = 4 (excess over the SPF: 2)
        weight, expected = bs.eb_estimate(np.array([6.0]), np.array([2.0]), 0.5)
        assert_allclose(weight, [0.5], rtol=RTOL)
        assert_allclose(expected, [4.0], rtol=RTOL)
        # no overdispersion: the SPF alone (w = 1); k = 4: w = 1/9, N_exp = 50/9
        assert_allclose(bs.eb_estimate([6.0], [2.0], 0.0)[1], [2.0], rtol=RTOL)
        assert_allclose(bs.eb_estimate([6.0], [2.0], 4.0)[1], [50 / 9], rtol=RTOL)

    def test_a_constant_spf_predicts_the_mean_and_ranks_by_excess(self):
        counts = np.array([0, 0, 1, 1, 2, 8, 0, 2, 3, 3])
        eb = bs.EmpiricalBayes(counts, np.zeros((10, 0)))
        # the NB2 score equation with a constant alone gives μ = mean = 2
        assert_allclose(eb.predicted, np.full(10, 2.0), rtol=1e-6)
        assert eb.dispersion > 0  # variance 5.6 > mean 2: overdispersed
        weight = 1 / (1 + eb.dispersion * 2.0)
        assert_allclose(eb.expected, weight * 2 + (1 - weight) * counts, rtol=1e-9)
        assert eb.rank[5] == 1  # the site with 8
        # ties keep site order: the two sites with 3 are 2nd and 3rd
        assert (eb.rank[8], eb.rank[9]) == (2, 3)

    def test_the_spf_follows_a_covariate(self):
        rng = np.random.default_rng(4)
        length = rng.uniform(0.1, 2.0, 3000)
        mu = np.exp(0.5 + 1.0 * np.log(length))  # accidents ∝ length
        counts = rng.negative_binomial(1 / 0.8, 1 / (1 + 0.8 * mu))
        eb = bs.EmpiricalBayes(counts, np.log(length)[:, None])
        assert_allclose(eb.params, [0.5, 1.0], atol=0.12)
        assert eb.dispersion == pytest.approx(0.8, abs=0.2)


class TestNetworkClusters:
    # A T: node 0 —(100 m)— node 1 —(100 m)— node 2, and node 1 —(100 m)— node 3.
    # A on edge 0 at 90 m (10 m before node 1), B on edge 1 at 20 m, C on edge 1
    # at 95 m, D on edge 2 at 50 m. Along the roads: A–B 30, B–C 75, A–D 60,
    # B–D 70, A–C 105, C–D 125 m.
    FROM = np.array([0, 1, 1])
    TO = np.array([1, 2, 3])
    LENGTH = np.array([100.0, 100.0, 100.0])
    EDGE = np.array([0, 1, 1, 2])
    OFFSET = np.array([90.0, 20.0, 95.0, 50.0])

    def _labels(self, eps):
        return bs.network_clusters(
            self.FROM, self.TO, self.LENGTH, self.EDGE, self.OFFSET, eps
        ).tolist()

    def test_steps_within_the_distance_join_a_cluster(self):
        assert self._labels(40) == [0, 0, 1, 2]  # only A–B (30 m)
        assert self._labels(65) == [0, 0, 1, 0]  # A–D (60 m) joins D
        assert self._labels(80) == [0, 0, 0, 0]  # B–C (75 m) joins C

    def test_distance_is_measured_along_the_roads(self):
        # C and D are 125 m apart on the roads whatever their map distance:
        # with only C and D, a 120 m step does not join them
        labels = bs.network_clusters(
            self.FROM, self.TO, self.LENGTH, self.EDGE[2:], self.OFFSET[2:], 120
        )
        assert labels.tolist() == [0, 1]

    def test_co_located_accidents_are_one_cluster(self):
        labels = bs.network_clusters(
            self.FROM,
            self.TO,
            self.LENGTH,
            np.array([1, 1, 0]),
            np.array([40.0, 40.0, 0.0]),
            10,
        )
        assert labels.tolist() == [0, 0, 1]
