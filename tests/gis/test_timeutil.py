"""Reading times: dates are WITA days, intervals are inclusive, extremes are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gis.timeutil import WITA, parse_interval


def test_a_date_is_the_whole_wita_day_and_a_month_the_whole_month():
    start, end = parse_interval("2026-11-02")
    assert start == datetime(2026, 11, 2, tzinfo=WITA)
    assert end == datetime(2026, 11, 3, tzinfo=WITA) - timedelta(microseconds=1)
    start, end = parse_interval("2026-02")
    assert (start.day, end.month, end.day) == (1, 2, 28)


def test_open_ends_and_periods():
    start, end = parse_interval("2026-10-01/..")
    assert start == datetime(2026, 10, 1, tzinfo=WITA) and end is None
    assert parse_interval("../2026-10-01T00:00:00Z") == (
        None,
        datetime(2026, 10, 1, tzinfo=UTC),
    )
    assert parse_interval("2026-10-01/2026-10-31/P1D")[1].day == 31


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31",
        "9999-12",
        "0001-01-01",
        "0001-01-01T00:00:00+08:00",
        "../9999-12-31",
        "0001-01/..",
        "2026-11-02/2026-11-01",
        "kemarin",
        "../..",
    ],
)
def test_extremes_and_nonsense_are_a_value_error_never_an_overflow(text):
    with pytest.raises(ValueError):
        parse_interval(text)
