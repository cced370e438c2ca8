"""Walking coverage along a network: which stretches of which edges lie within a
walking distance of any source (a stop, a bin) placed on the edges.

The network is undirected edges ``(u, v, length)`` between numbered nodes. A
source sits on an edge at ``offset`` metres from its ``u`` end, ``access``
metres off the line (the walk from the stop to the road). Every edge holding a
source is cut there, so sources become nodes; one multi-source Dijkstra (a
super-source joined to each source by its access distance, cut off at the
walking limit) gives the walk to every node, and a stretch of an edge is covered
when the walk to it from either end is within the limit::

    covered from u: [0, min(L, R − d(u))]     covered from v: [L − min(L, R − d(v)), L]

Parallel edges keep the shortest; explicit zero lengths are raised to a
micrometre (a sparse graph drops a zero as "no edge"). :func:`line_pieces` cuts
lines into the equal pieces :meth:`Coverage.overlap` measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse import csgraph

_TINY = 1e-6


@dataclass(frozen=True)
class Coverage:
    """Covered stretches (``edge``, ``start``, ``end`` in metres from ``u``,
    merged and sorted) and the walk to every original node (inf beyond reach)."""

    intervals: pd.DataFrame
    node_distance: np.ndarray

    def covered_length(self, edges: int) -> np.ndarray:
        """Covered metres of every edge ``0 … edges − 1``."""
        out = np.zeros(edges)
        lengths = (self.intervals["end"] - self.intervals["start"]).to_numpy()
        np.add.at(out, self.intervals["edge"].to_numpy(int), lengths)
        return out

    def overlap(
        self, edge: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> np.ndarray:
        """Covered metres of each piece ``[start, end]`` of ``edge``."""
        pieces = pd.DataFrame(
            {"piece": np.arange(len(edge)), "edge": edge, "s": start, "e": end}
        )
        both = pieces.merge(self.intervals, on="edge")
        inside = np.clip(
            np.minimum(both["e"], both["end"]) - np.maximum(both["s"], both["start"]),
            0,
            None,
        )
        out = np.zeros(len(edge))
        np.add.at(out, both["piece"].to_numpy(int), inside.to_numpy())
        return out


def line_pieces(lines: np.ndarray, piece_m: float) -> pd.DataFrame:
    """Each line cut into equal pieces of at most ``piece_m``: line index, piece
    number, start and end (m from the line's start) and the midpoint ``x``, ``y``."""
    length = shapely.length(lines)
    # a hair over a whole number of pieces (projection round trips) is not one more
    count = np.maximum(np.ceil(length / piece_m - 1e-6).astype(int), 1)
    line = np.repeat(np.arange(len(lines)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    piece = np.arange(len(line)) - first
    size = length[line] / count[line]
    start, end = piece * size, (piece + 1) * size
    mid = shapely.line_interpolate_point(lines[line], (start + end) / 2)
    xy = shapely.get_coordinates(mid) if len(line) else np.zeros((0, 2))
    return pd.DataFrame(
        {
            "line": line,
            "piece": piece,
            "start": start,
            "end": end,
            "x": xy[:, 0],
            "y": xy[:, 1],
        }
    )


def walking_coverage(
    u: np.ndarray,
    v: np.ndarray,
    length: np.ndarray,
    source_edge: np.ndarray,
    source_offset: np.ndarray,
    limit: float,
    source_access: np.ndarray | None = None,
    nodes: int | None = None,
) -> Coverage:
    """Stretches of the edges within ``limit`` metres' walk of any source."""
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    length = np.asarray(length, dtype=float)
    source_edge = np.asarray(source_edge, dtype=np.int64)
    offset = np.clip(np.asarray(source_offset, dtype=float), 0, length[source_edge])
    access = (
        np.zeros(len(source_edge))
        if source_access is None
        else np.asarray(source_access, dtype=float)
    )
    n = int(
        nodes if nodes is not None else max(u.max(initial=-1), v.max(initial=-1)) + 1
    )
    # sub-edges: each edge cut at its sources, sources numbered after the nodes
    source_node = n + np.arange(len(source_edge))
    cuts = pd.DataFrame(
        {
            "edge": np.concatenate([np.arange(len(u)), np.arange(len(u)), source_edge]),
            "at": np.concatenate([np.zeros(len(u)), length, offset]),
            "node": np.concatenate([u, v, source_node]),
        }
    ).sort_values(["edge", "at"], kind="stable")
    edge_of = cuts["edge"].to_numpy()
    at = cuts["at"].to_numpy()
    node = cuts["node"].to_numpy()
    same = edge_of[1:] == edge_of[:-1]
    sub = pd.DataFrame(
        {
            "edge": edge_of[:-1][same],
            "a": at[:-1][same],
            "b": at[1:][same],
            "na": node[:-1][same],
            "nb": node[1:][same],
        }
    )
    total = n + len(source_edge) + 1
    root = total - 1
    weight = np.maximum(sub["b"].to_numpy() - sub["a"].to_numpy(), _TINY)
    links = pd.DataFrame(
        {
            "i": np.concatenate(
                [sub["na"], sub["nb"], np.full(len(source_node), root)]
            ),
            "j": np.concatenate([sub["nb"], sub["na"], source_node]),
            "w": np.concatenate([weight, weight, access + _TINY]),
        }
    )
    links = links.groupby(["i", "j"], as_index=False)["w"].min()
    graph = sparse.csr_matrix(
        (links["w"].to_numpy(), (links["i"].to_numpy(), links["j"].to_numpy())),
        shape=(total, total),
    )
    distance = csgraph.dijkstra(graph, directed=True, indices=root, limit=limit + _TINY)
    # the tiny access weights are not part of the walk
    distance = np.where(np.isfinite(distance), np.maximum(distance - _TINY, 0), np.inf)
    span = (sub["b"] - sub["a"]).to_numpy()
    reach_a = np.clip(limit - distance[sub["na"].to_numpy()], 0, None)
    reach_b = np.clip(limit - distance[sub["nb"].to_numpy()], 0, None)
    reach_a = np.where(np.isfinite(reach_a), np.minimum(reach_a, span), 0)
    reach_b = np.where(np.isfinite(reach_b), np.minimum(reach_b, span), 0)
    raw = pd.DataFrame(
        {
            "edge": np.concatenate([sub["edge"], sub["edge"]]),
            "start": np.concatenate([sub["a"], sub["b"] - reach_b]),
            "end": np.concatenate([sub["a"] + reach_a, sub["b"]]),
        }
    )
    raw = raw[raw["end"] - raw["start"] > 1e-9]
    return Coverage(_merge(raw), distance[:n])


def _merge(raw: pd.DataFrame) -> pd.DataFrame:
    """Union of the intervals of each edge, sorted."""
    if raw.empty:
        return pd.DataFrame({"edge": [], "start": [], "end": []}).astype(
            {"edge": np.int64}
        )
    raw = raw.sort_values(["edge", "start"], kind="stable")
    edge = raw["edge"].to_numpy()
    start = raw["start"].to_numpy()
    end = raw["end"].to_numpy()
    # running maximum of the ends within each edge
    reach = pd.Series(end).groupby(edge).cummax().to_numpy()
    previous = np.concatenate([[-np.inf], reach[:-1]])
    new = np.concatenate([[True], edge[1:] != edge[:-1]]) | (start > previous + 1e-9)
    group = np.cumsum(new)
    merged = pd.DataFrame({"edge": edge, "start": start, "end": end, "g": group})
    merged = merged.groupby("g").agg(
        edge=("edge", "first"), start=("start", "min"), end=("end", "max")
    )
    return merged.reset_index(drop=True)
