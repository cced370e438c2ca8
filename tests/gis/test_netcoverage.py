"""Walking coverage along a network, on a hand-made network with hand-computed
walks.

    0 ──100── 1 ──300── 2
              │         │
             500       200
              │         │
              └──── 3 ──┘

A stop stands on edge 0–1, 40 m from node 0 and 10 m off the road. Walks: stop →
0 is 10 + 40 = 50 m, stop → 1 is 10 + 60 = 70 m, → 2 is 70 + 300 = 370 m, → 3 is
570 m either way round (beyond the 400 m limit).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from gis.netcoverage import line_pieces, walking_coverage

U = np.array([0, 1, 1, 2])
V = np.array([1, 2, 3, 3])
LENGTH = np.array([100.0, 300.0, 500.0, 200.0])


def test_node_walks_follow_the_roads_and_stop_at_the_limit():
    cover = walking_coverage(U, V, LENGTH, [0], [40.0], 400.0, source_access=[10.0])
    assert cover.node_distance[:3] == pytest.approx([50.0, 70.0, 370.0])
    assert math.isinf(cover.node_distance[3])


def test_covered_stretches_of_each_edge():
    cover = walking_coverage(U, V, LENGTH, [0], [40.0], 400.0, source_access=[10.0])
    # edge 0–1 and 1–2 whole; 1–3 the 330 m reachable from node 1 (400 − 70);
    # 2–3 the 30 m reachable from node 2 (400 − 370)
    assert cover.covered_length(4) == pytest.approx([100.0, 300.0, 330.0, 30.0])
    rows = cover.intervals.round(6).to_dict("records")
    assert rows == [
        {"edge": 0, "start": 0.0, "end": 100.0},
        {"edge": 1, "start": 0.0, "end": 300.0},
        {"edge": 2, "start": 0.0, "end": 330.0},
        {"edge": 3, "start": 0.0, "end": 30.0},
    ]


def test_pieces_of_an_edge_get_their_covered_share():
    cover = walking_coverage(U, V, LENGTH, [0], [40.0], 400.0, source_access=[10.0])
    # edge 1–3 cut into 0–250, 250–500: 250 m and 80 m covered
    overlap = cover.overlap(
        np.array([2, 2]), np.array([0.0, 250.0]), np.array([250.0, 500.0])
    )
    assert overlap == pytest.approx([250.0, 80.0])


def test_a_longer_parallel_road_neither_shortens_nor_lengthens_the_walk():
    u, v = np.append(U, 1), np.append(V, 2)
    length = np.append(LENGTH, 1000.0)
    cover = walking_coverage(u, v, length, [0], [40.0], 400.0, source_access=[10.0])
    assert cover.node_distance[2] == pytest.approx(370.0)
    # the 1 000 m road: 330 m from node 1 and 30 m from node 2
    assert cover.covered_length(5)[4] == pytest.approx(360.0)


def test_two_stops_on_one_long_road_cover_their_union_once():
    # a single 2 000 m road, stops at 300 m and 900 m on it, walk 400 m:
    # [0, 700] ∪ [500, 1300] = [0, 1300]
    cover = walking_coverage([0], [1], [2000.0], [0, 0], [300.0, 900.0], 400.0)
    assert cover.intervals.round(6).to_dict("records") == [
        {"edge": 0, "start": 0.0, "end": 1300.0}
    ]
    assert cover.node_distance == pytest.approx([300.0, np.inf])


def test_no_stops_covers_nothing():
    cover = walking_coverage(U, V, LENGTH, [], [], 400.0)
    assert cover.covered_length(4).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert np.isinf(cover.node_distance).all()


def test_lines_are_cut_into_equal_pieces_of_at_most_the_piece_length():
    lines = np.array(
        [
            shapely.LineString([(0, 0), (60, 0)]),  # 60 m: three pieces of 20
            shapely.LineString([(0, 0), (0, 10)]),  # shorter than a piece: one
            shapely.LineString([(0, 0), (50 + 1e-7, 0)]),  # a hair over two: two
        ],
        dtype=object,
    )
    pieces = line_pieces(lines, 25.0)
    assert pieces["line"].tolist() == [0, 0, 0, 1, 2, 2]
    assert pieces["piece"].tolist() == [0, 1, 2, 0, 0, 1]
    assert pieces["start"].round(6).tolist() == [0, 20, 40, 0, 0, 25]
    assert pieces["end"].round(6).tolist() == [20, 40, 60, 10, 25, 50]
    assert pieces["x"].round(6).tolist() == [10, 30, 50, 0, 12.5, 37.5]
    assert pieces["y"].round(6).tolist() == [0, 0, 0, 5, 0, 0]
    assert line_pieces(np.array([], dtype=object), 25.0).empty
