"""Blackspot statistics (daerah rawan kecelakaan) on plain arrays; no database.

* :class:`WeightSet` and :func:`aek`: the accident-equivalent number
  AEK = w_MD·MD + w_LB·LB + w_LR·LR + w_K·PDO;
* :func:`ucl`: the upper control limit of a site's rate,
  UCL = λ + 2.576·√(λ/m + 0.829/m + 1/(2m));
* :func:`bka`: the BKA threshold C + 3√C (C the mean AEK);
* :class:`EmpiricalBayes`: the Highway Safety Manual's Empirical-Bayes estimate
  against a negative-binomial safety performance function;
* :func:`network_clusters`: single-linkage clusters of accidents along the road
  network (distances measured on the roads, not as the crow flies).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

#: z of the one-sided 99.5 % limit in the UCL test
UCL_Z = 2.576


@dataclass(frozen=True)
class WeightSet:
    """Weights of the accident-equivalent number and where they come from.

    ``died``, ``serious`` and ``minor`` weigh the numbers of victims (MD, LB, LR);
    ``pdo`` weighs each accident with property damage only.
    """

    name: str
    died: float
    serious: float
    minor: float
    pdo: float
    citation: str

    def as_dict(self) -> dict[str, object]:
        """The set as stored with a run."""
        return {
            "name": self.name,
            "MD": self.died,
            "LB": self.serious,
            "LR": self.minor,
            "PDO": self.pdo,
            "citation": self.citation,
        }


WEIGHT_SETS: dict[str, WeightSet] = {
    s.name: s
    for s in (
        WeightSet(
            "pd-t-09-2004-b",
            12,
            3,
            3,
            1,
            "Pd T-09-2004-B, Penanganan lokasi rawan kecelakaan lalu lintas"
            " (Departemen Permukiman dan Prasarana Wilayah, 2004): AEK = 12 MD"
            " + 3 LB + 3 LR + 1 K",
        ),
        WeightSet(
            "10-5-1-1",
            10,
            5,
            1,
            1,
            "weights 10/5/1/1 used by other Indonesian blackspot studies"
            " (MD 10, LB 5, LR 1, PDO 1)",
        ),
    )
}
DEFAULT_WEIGHTS = "pd-t-09-2004-b"


def parse_weights(text: str) -> WeightSet:
    """A named set, or ``MD,LB,LR,PDO`` numbers (cited as a custom set)."""
    if text in WEIGHT_SETS:
        return WEIGHT_SETS[text]
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or min(values) < 0:
        raise ValueError(text)
    return WeightSet(
        "custom", *values, f"custom weights MD/LB/LR/PDO = {'/'.join(parts)}"
    )


def aek(
    died: np.ndarray,
    serious: np.ndarray,
    minor: np.ndarray,
    pdo: np.ndarray,
    weights: WeightSet,
) -> np.ndarray:
    """Accident-equivalent number of each site (or accident)."""
    return (
        weights.died * np.asarray(died, float)
        + weights.serious * np.asarray(serious, float)
        + weights.minor * np.asarray(minor, float)
        + weights.pdo * np.asarray(pdo, float)
    )


def ucl(mean_rate: float, exposure: np.ndarray) -> np.ndarray:
    """Upper control limit of the rate at sites of exposure ``m``.

    UCL = λ + 2.576·√(λ/m + 0.829/m + 1/(2m)), with λ the mean rate of all sites
    and m a site's exposure (km of road for a segment, 1 for a junction).
    """
    m = np.asarray(exposure, float)
    return mean_rate + UCL_Z * np.sqrt(mean_rate / m + 0.829 / m + 1 / (2 * m))


def bka(mean_value: float) -> float:
    """The BKA threshold C + 3√C, C the mean AEK (or AEK rate) of the sites."""
    return mean_value + 3 * np.sqrt(mean_value)


def eb_estimate(
    observed: np.ndarray, predicted: np.ndarray, dispersion: float
) -> tuple[np.ndarray, np.ndarray]:
    """HSM Part C Empirical-Bayes: (weight, expected frequency).

    w = 1 / (1 + k·N_predicted) and N_expected = w·N_predicted + (1 − w)·N_observed,
    k the overdispersion of the negative-binomial SPF (Var = μ + k·μ²).
    """
    predicted = np.asarray(predicted, float)
    weight = 1 / (1 + dispersion * predicted)
    return weight, weight * predicted + (1 - weight) * np.asarray(observed, float)


class EmpiricalBayes:
    """A negative-binomial safety performance function and the EB ranking.

    Parameters
    ----------
    counts : array of int
        Accidents observed at each site over the period.
    design : 2-d array
        Covariates of each site (a constant is added), e.g. ln(length) and road
        class indicators.

    Attributes
    ----------
    params : array
        SPF coefficients (constant first).
    dispersion : float
        Overdispersion k of the NB2 model (0 when the counts show none).
    predicted, weight, expected, excess : array
        SPF prediction, EB weight, EB expected frequency, and expected minus
        predicted (the potential for safety improvement the ranking sorts by).
    rank : array of int
        1 for the site with the largest excess.

    Notes
    -----
    AASHTO, Highway Safety Manual (2010), Part B ch. 4 (network screening) and
    Part C appendix A (Empirical-Bayes method). Fitted with statsmodels'
    ``NegativeBinomial`` (maximum likelihood of the NB2 model).
    """

    def __init__(self, counts: np.ndarray, design: np.ndarray) -> None:
        y = np.asarray(counts, float)
        x = np.column_stack([np.ones(len(y)), np.asarray(design, float)])
        self.params, self.dispersion = self.__fit(y, x)
        self.predicted = np.exp(x @ self.params)
        self.weight, self.expected = eb_estimate(y, self.predicted, self.dispersion)
        self.excess = self.expected - self.predicted
        order = np.lexsort((np.arange(len(y)), -self.excess))
        self.rank = np.empty(len(y), dtype=int)
        self.rank[order] = np.arange(1, len(y) + 1)

    @staticmethod
    def __fit(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, float]:
        # the submodules only: statsmodels.api imports far more than this needs
        from statsmodels.discrete.discrete_model import NegativeBinomial
        from statsmodels.genmod import families
        from statsmodels.genmod.generalized_linear_model import GLM
        from statsmodels.tools.sm_exceptions import (
            ConvergenceWarning,
            HessianInversionWarning,
        )

        # columns without variation (e.g. a road class absent here) say nothing
        varying = np.r_[True, x[:, 1:].std(axis=0) > 0]
        params = np.zeros(x.shape[1])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", HessianInversionWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            poisson = GLM(y, x[:, varying], family=families.Poisson()).fit()
            coefficients, alpha = poisson.params, 0.0
            # Newton is fastest; on nearly all-zero counts it can diverge
            for method in ("newton", "lbfgs"):
                try:
                    fit = NegativeBinomial(y, x[:, varying]).fit(
                        start_params=np.r_[poisson.params, 0.5],
                        method=method,
                        disp=0,
                        maxiter=100,
                    )
                except np.linalg.LinAlgError:
                    continue
                if np.isfinite(fit.params).all():
                    coefficients, alpha = fit.params[:-1], float(fit.params[-1])
                    break
        if (
            not np.isfinite(alpha)
            or alpha < 1e-8
            or not np.isfinite(coefficients).all()
        ):
            coefficients, alpha = poisson.params, 0.0
        params[varying] = coefficients
        return params, alpha


def network_clusters(
    node_from: np.ndarray,
    node_to: np.ndarray,
    length: np.ndarray,
    accident_edge: np.ndarray,
    accident_offset: np.ndarray,
    eps: float,
) -> np.ndarray:
    """Single-linkage clusters of accidents at network distance ≤ ``eps``.

    The road network is the edges ``node_from → node_to`` of ``length`` metres;
    accident *i* lies on edge ``accident_edge[i]`` at ``accident_offset[i]`` metres
    from ``node_from``. Two accidents are in one cluster when a chain of accidents
    joins them with every step at most ``eps`` along the roads.

    Returns the cluster label of each accident (0, 1, …; in order of the first
    accident of each cluster).

    Notes
    -----
    Each edge is split at its accidents; a multi-source Dijkstra gives every
    network node its nearest accident and the distance to it (a network Voronoi
    partition). Two accidents whose eps/2 neighbourhoods touch are then nearest
    accidents at the two ends of one edge with d(u) + w + d(v) ≤ eps, so the
    clusters are the connected components of those pairs, found without
    computing all pairwise distances.
    """
    n_acc = len(accident_edge)
    if n_acc == 0:
        return np.zeros(0, dtype=int)
    n_nodes = int(max(node_from.max(), node_to.max())) + 1
    acc_node = n_nodes + np.arange(n_acc)
    # walk each edge from its start through its accidents (by offset) to its end
    order = np.lexsort((accident_offset, accident_edge))
    e, t = accident_edge[order], np.clip(accident_offset[order], 0, None)
    t = np.minimum(t, length[e])
    first = np.r_[True, e[1:] != e[:-1]]
    last = np.r_[e[1:] != e[:-1], True]
    prev_node = np.where(first, node_from[e], np.r_[0, acc_node[order][:-1]])
    prev_t = np.where(first, 0.0, np.r_[0.0, t[:-1]])
    src = [prev_node, acc_node[order][last]]
    dst = [acc_node[order], node_to[e[last]]]
    weight = [t - prev_t, length[e[last]] - t[last]]
    bare = np.setdiff1d(np.arange(len(length)), e)
    src.append(node_from[bare])
    dst.append(node_to[bare])
    weight.append(length[bare])
    src, dst = np.concatenate(src), np.concatenate(dst)
    # scipy drops zero weights: co-located accidents are a millimetre apart
    weight = np.maximum(np.concatenate(weight), 1e-3)
    size = n_nodes + n_acc
    graph = sparse.coo_matrix((weight, (src, dst)), shape=(size, size)).tocsr()
    distance, _, nearest = csgraph.dijkstra(
        graph,
        directed=False,
        indices=acc_node,
        min_only=True,
        return_predecessors=True,
        limit=eps / 2 + 1e-9,
    )
    reached = nearest >= 0
    link = (
        reached[src]
        & reached[dst]
        & (distance[src] + weight + distance[dst] <= eps + 1e-9)
        & (nearest[src] != nearest[dst])
    )
    a, b = nearest[src[link]] - n_nodes, nearest[dst[link]] - n_nodes
    pairs = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n_acc, n_acc)).tocsr()
    _, labels = csgraph.connected_components(pairs, directed=False)
    # relabel in order of first appearance, so labels do not depend on scipy
    _, first_index, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first_index))
    return rank[inverse]
