"""Snapping reports to the nearest road or pole within a tolerance."""

from __future__ import annotations

import numpy as np
import shapely

from gis.snap import holding_or_nearest, nearest_within

#: an L-shaped road (its corner far from both ends), a straight one, a multi-part one
ROADS = np.array(
    [
        shapely.LineString([(0, 0), (100, 0), (100, 100)]),
        shapely.LineString([(0, 50), (40, 50)]),
        shapely.MultiLineString([[(200, 0), (210, 0)], [(300, 0), (310, 0)]]),
    ],
    dtype=object,
)


def test_each_point_goes_to_its_nearest_line_within_the_tolerance():
    xy = np.array(
        [
            [90, 10],  # 10 m from the L's corner leg, 40 m from the straight road
            [20, 45],  # 5 m from the straight road
            [305, 3],  # the second part of the multi-line
            [255, 0],  # 45 m from either part: beyond the tolerance
            [150, 150],  # nowhere near
        ]
    )
    assert nearest_within(xy, ROADS, 25.0).tolist() == [0, 1, 2, -1, -1]


def test_points_snap_to_points_too_and_nothing_snaps_to_nothing():
    poles = shapely.points([(0, 0), (10, 0)])
    assert nearest_within(np.array([[9, 1], [50, 0]]), poles, 5).tolist() == [1, -1]
    assert nearest_within(np.zeros((0, 2)), poles, 5).tolist() == []
    assert nearest_within(
        np.array([[1, 1]]), np.array([], dtype=object), 5
    ).tolist() == [-1]


def test_a_point_goes_to_the_lowest_area_holding_it_else_the_nearest():
    left = shapely.box(0, 0, 10, 10)
    right = shapely.box(10, 0, 20, 10)  # shares the edge x = 10 with left
    areas = np.array([right, left, shapely.box(30, 0, 40, 10)], dtype=object)
    xy = np.array(
        [
            [15, 5],  # inside right only
            [10, 5],  # on the shared edge: both hold it, the lower index wins
            [5, 5],  # inside left only
            [26, 5],  # in the gap: 4 m from the third, 6 m from right
            [21, 5],  # in the gap: 1 m from right
        ]
    )
    assert holding_or_nearest(xy, areas).tolist() == [0, 0, 1, 2, 0]


def test_without_points_or_areas_nothing_is_placed():
    box = np.array([shapely.box(0, 0, 1, 1)], dtype=object)
    assert holding_or_nearest(np.zeros((0, 2)), box).tolist() == []
    empty = np.array([], dtype=object)
    assert holding_or_nearest(np.array([[0.5, 0.5]]), empty).tolist() == [-1]
