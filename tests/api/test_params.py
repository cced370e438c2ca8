"""The one parameter reader: typed values, or the shared error naming the field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api import params
from gis.errors import InvalidParameter, InvalidPoint, MissingParameter


def _refused(call, *args, expected=InvalidParameter, **kwargs) -> InvalidParameter:
    with pytest.raises(expected) as caught:
        call(*args, **kwargs)
    return caught.value


def test_integers_are_whole_and_bounded():
    assert params.integer({"n": " 7 "}, "n", low=1, high=9) == 7
    assert params.integer({}, "n", low=1, high=9, default=3) == 3
    assert params.integer({"n": ""}, "n", low=1, high=9, default=3) == 3
    for bad in ("0", "10", "7.5", "tujuh", "٣", "1e2"):
        error = _refused(params.integer, {"n": bad}, "n", low=1, high=9)
        assert error.message == (
            "n harus bilangan bulat dari 1 sampai 9"
            " / n must be a whole number from 1 to 9"
        )
        assert error.locator == "n" and error.status == 400
    missing = _refused(
        params.integer, {}, "n", low=1, high=9, expected=MissingParameter
    )
    assert missing.ogc_code == "MissingParameterValue"


def test_a_caller_names_the_error_its_protocol_needs():
    error = _refused(
        params.integer,
        {"I": "99"},
        "I",
        low=0,
        high=63,
        error=InvalidPoint,
        expected=InvalidPoint,
    )
    assert (error.ogc_code, error.status) == ("InvalidPoint", 400)


def test_bboxes_are_four_finite_numbers_in_order():
    assert params.bbox({"bbox": "1,2,3,4"}, "bbox") == (1, 2, 3, 4)
    assert params.bbox({"bbox": "1,2,0,3,4,9"}, "bbox") == (1, 2, 3, 4)
    assert params.bbox({"bbox": "1,2,1,2"}, "bbox") == (1, 2, 1, 2)
    assert params.bbox({}, "bbox") is None
    for bad in ("1,2,3", "a,b,c,d", "1,2,nan,4", "1,2,inf,4"):
        assert _refused(params.bbox, {"bbox": bad}, "bbox").message.startswith(
            "bbox harus empat angka"
        )
    assert _refused(params.bbox, {"bbox": "3,2,1,4"}, "bbox").message.startswith(
        "bbox kosong"
    )
    _refused(params.bbox, {"bbox": "1,2,1,2"}, "bbox", strict=True)


def test_datetimes_need_a_timezone_and_a_sane_year():
    assert params.moment({"t": "2026-11-01T08:00:00Z"}, "t") == datetime(
        2026, 11, 1, 8, tzinfo=UTC
    )
    assert (
        "zona waktu" in _refused(params.moment, {"t": "2026-11-01T08:00"}, "t").message
    )
    assert "1900" in _refused(params.moment, {"t": "9999-01-01T00:00Z"}, "t").message
    assert "W3C" in _refused(params.moment, {"t": "kemarin"}, "t").message


def test_intervals_say_what_the_surface_accepts():
    start, end = params.interval({"d": "2026-11-01/.."}, "d", "tidak")
    assert start is not None and end is None
    assert _refused(params.interval, {"d": "x/y"}, "d", "pesan").message == "pesan"


def test_enums_booleans_and_lists():
    assert params.choice({"f": "html"}, "f", ("json", "html")) == "html"
    assert params.choice({}, "f", ("json", "html"), default="json") == "json"
    assert _refused(params.choice, {"f": "csv"}, "f", ("json", "html")).message == (
        "f harus salah satu dari json, html: 'csv' / f must be one of json, html: 'csv'"
    )
    assert params.boolean({"x": "TRUE"}, "x") is True
    assert params.boolean({"x": "0"}, "x") is False
    assert params.boolean({}, "x", default=True) is True
    _refused(params.boolean, {"x": "mungkin"}, "x")
    assert params.listed({"s": " a, ,b"}, "s") == ("a", "b")


def test_positive_numbers():
    assert params.positive_number({"SCALE": "25000"}, "SCALE") == 25000.0
    assert params.positive_number({}, "SCALE") is None
    for bad in ("0", "-1", "nan", "inf", "besar"):
        assert _refused(
            params.positive_number, {"SCALE": bad}, "SCALE"
        ).message.startswith("SCALE harus")


def test_a_wita_day_is_its_first_instant_in_kupang():
    day = params.wita_day({"sejak": "2026-11-01"}, "sejak")
    assert day == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert params.wita_day({}, "sejak") is None
    for bad in ("1/11/2026", "2026-13-01", "kemarin"):
        error = _refused(params.wita_day, {"sejak": bad}, "sejak")
        assert error.locator == "sejak" and "2026-11-01" in error.message
