"""Bulk loading with COPY: every column type arrives as it left, NULLs included,
in binary when every column has a binary encoding and as CSV otherwise."""

from __future__ import annotations

import datetime as dt

import numpy as np
import psycopg
import pyarrow as pa
import pytest
import shapely
import sqlalchemy as sa

from gis.copy import copy_rows, reserve_ids

COLUMNS = (
    "small smallint, whole integer, big bigint, ratio real, precise double"
    " precision, flag boolean, label text, at timestamptz, day date, tags text[],"
    " raw bytea, geom geometry(POINT, 4326)"
)
ROWS = {
    "small": [1, None, -3],
    "whole": np.array([10, 20, 30]),  # numpy int64 into integer
    "big": [2**40, 5, None],
    "ratio": [0.5, None, 1.25],
    "precise": np.array([123.6034567891, -10.1712345678, 0.0]),
    "flag": [True, False, None],
    "label": ["Jl. El Tari", None, 'kutip "ganda", koma'],
    "at": pa.array(
        [
            dt.datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=dt.UTC),
            None,
            dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        ],
        type=pa.timestamp("us", tz="UTC"),
    ),
    "day": pa.array([dt.date(2026, 11, 29), None, dt.date(2035, 12, 31)]),
    "tags": pa.array([["A1", "B2"], None, ['x"y', "z,w"]], type=pa.list_(pa.string())),
    "raw": [b"\x00\x01", None, b"sigap"],
}
POINTS = shapely.points([(123.6, -10.17), (123.55, -10.2), (123.65, -10.15)])
EXPECTED = [
    (
        1,
        10,
        2**40,
        0.5,
        123.6034567891,
        True,
        "Jl. El Tari",
        dt.datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=dt.UTC),
        dt.date(2026, 11, 29),
        ["A1", "B2"],
        b"\x00\x01",
        "POINT(123.6 -10.17)",
    ),
    (
        None,
        20,
        5,
        None,
        -10.1712345678,
        False,
        None,
        None,
        None,
        None,
        None,
        "POINT(123.55 -10.2)",
    ),
    (
        -3,
        30,
        None,
        1.25,
        0.0,
        None,
        'kutip "ganda", koma',
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        dt.date(2035, 12, 31),
        ['x"y', "z,w"],
        b"sigap",
        "POINT(123.65 -10.15)",
    ),
]
SELECT = (
    "SELECT small, whole, big, ratio, precise, flag, label, at, day, tags,"
    " raw, ST_AsText(geom) FROM copied ORDER BY whole"
)


def _rows(conn: sa.Connection) -> list[tuple]:
    return [
        tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
        for row in conn.execute(sa.text(SELECT)).all()
    ]


def test_every_type_round_trips_through_binary_copy(conn):
    conn.execute(sa.text(f"CREATE TEMP TABLE copied ({COLUMNS})"))
    assert copy_rows(conn, "copied", ROWS, POINTS) == 3
    assert _rows(conn) == EXPECTED


def test_a_column_without_binary_encoding_sends_everything_as_csv(conn):
    conn.execute(sa.text(f"CREATE TEMP TABLE copied ({COLUMNS}, extra jsonb)"))
    rows = {**ROWS, "extra": ['{"a": 1}', None, "[]"]}
    assert copy_rows(conn, "copied", rows, POINTS) == 3
    assert _rows(conn) == EXPECTED
    assert conn.execute(
        sa.text("SELECT extra FROM copied ORDER BY whole")
    ).scalars().all() == [{"a": 1}, None, []]


def test_values_that_do_not_fit_their_column_fail_the_copy(conn):
    conn.execute(sa.text("CREATE TEMP TABLE copied (whole integer)"))
    with pytest.raises(psycopg.errors.DataError, match="integer"):
        copy_rows(conn, "copied", {"whole": ["12", "dua belas"]})


def test_reserved_ids_are_consecutive_and_never_handed_out_again(conn):
    first = reserve_ids(conn, "roads", 5)
    assert first.tolist() == list(range(first[0], first[0] + 5))
    assert reserve_ids(conn, "roads", 2)[0] == first[-1] + 1
    assert reserve_ids(conn, "roads", 0).size == 0
