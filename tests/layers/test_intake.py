"""Intake: coordinates checked, duplicates joined (and split again), owners routed."""

from __future__ import annotations

import math
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from gis.errors import Forbidden, InvalidParameter, NotFound, OutsideCity
from gis.photos import prepare_photo
from layers.accounts import create_api_key
from layers.categories import check_attributes, service_attributes
from layers.intake import (
    Report,
    check_location,
    parse_coordinate,
    split_supporter,
    submit_report,
    ticket_for_token,
)
from layers.report_media import report_point, submit_with_media
from layers.routing import owner_of
from tests.conftest import NOW, count
from tests.images import encode, picture
from tests.kupang import DPUPR, OEBOBO, OPERATOR

pytestmark = pytest.mark.clock


def _metres_east(point: tuple[float, float], metres: float) -> tuple[float, float]:
    lon, lat = point
    return lon + metres / (111_320 * math.cos(math.radians(lat))), lat


def _report(point=OEBOBO, category="jalan_berlubang", **extra) -> Report:
    return Report(category_code=category, lon=point[0], lat=point[1], **extra)


def test_a_repeat_within_the_radius_joins_the_open_ticket_as_a_supporter(conn):
    first = submit_report(conn, _report(name="Ani", phone="0812"), NOW)
    again = submit_report(conn, _report(_metres_east(OEBOBO, 20), name="Budi"), NOW)
    assert not first.joined_existing and again.joined_existing
    assert again.ticket == first.ticket and again.supporter_id is not None
    assert count(conn, "complaints", f"ticket = '{first.ticket}'") == 1
    assert (
        count(
            conn,
            "complaint_supporters",
            f"complaint_id = {first.complaint_id} AND name = 'Budi'",
        )
        == 1
    )
    # both reporters follow the same ticket with their own token
    assert ticket_for_token(conn, first.follow_token) == first.complaint_id
    assert ticket_for_token(conn, again.follow_token) == first.complaint_id


def test_farther_than_the_radius_another_category_or_a_closed_ticket_is_new(conn):
    first = submit_report(conn, _report(), NOW)
    # pothole radius is 30 m
    assert not submit_report(
        conn, _report(_metres_east(OEBOBO, 45)), NOW
    ).joined_existing
    assert not submit_report(conn, _report(category="kebersihan"), NOW).joined_existing
    conn.execute(
        sa.text(
            "UPDATE complaints SET status = 'selesai',"
            " resolved_at = :now WHERE id = :id"
        ),
        {"id": first.complaint_id, "now": NOW},
    )
    later = submit_report(conn, _report(), NOW)
    assert not later.joined_existing and later.ticket != first.ticket


def test_a_ticket_older_than_the_duplicate_window_is_not_joined(conn):
    first = submit_report(conn, _report(), NOW)
    conn.execute(
        sa.text(
            "UPDATE complaints SET reported_at = CAST(:now AS timestamptz)"
            " - interval '31 days' WHERE id = :id"
        ),
        {"id": first.complaint_id, "now": NOW},
    )
    assert not submit_report(conn, _report(), NOW).joined_existing


def test_an_operator_splits_a_supporter_into_its_own_ticket(conn):
    first = submit_report(conn, _report(description="lubang besar"), NOW)
    again = submit_report(
        conn, _report(description="lubang lain, beda jalan", phone="0813"), NOW
    )
    with pytest.raises(Forbidden):
        split_supporter(conn, again.supporter_id, DPUPR, now=NOW)
    new = split_supporter(conn, again.supporter_id, OPERATOR, "lokasi berbeda", now=NOW)
    assert new.ticket != first.ticket
    assert ticket_for_token(conn, again.follow_token) == new.id
    assert ticket_for_token(conn, first.follow_token) == first.complaint_id
    row = conn.execute(
        sa.text(
            "SELECT c.description, p.phone FROM complaints c JOIN complaint_contacts p"
            " ON p.complaint_id = c.id WHERE c.id = :id"
        ),
        {"id": new.id},
    ).one()
    assert tuple(row) == ("lubang lain, beda jalan", "0813")
    notes = (
        conn.execute(
            sa.text(
                "SELECT note FROM complaint_events WHERE action = 'split' AND complaint_id"
                " IN (:a, :b) ORDER BY complaint_id"
            ),
            {"a": first.complaint_id, "b": new.id},
        )
        .scalars()
        .all()
    )
    assert notes == [
        f"dipisah menjadi {new.ticket}: lokasi berbeda",
        f"dipisah dari {first.ticket}: lokasi berbeda",
    ]
    with pytest.raises(InvalidParameter, match="already split"):
        split_supporter(conn, again.supporter_id, OPERATOR, now=NOW)


def test_potholes_on_an_arterial_road_go_to_the_province(conn):
    west, east = _metres_east(OEBOBO, -200), _metres_east(OEBOBO, 200)
    conn.execute(
        sa.text(
            "INSERT INTO roads (name, road_class, geom) VALUES ('Jl. Uji Arteri',"
            " 'arteri', ST_SetSRID(ST_MakeLine(ST_MakePoint(:x1, :y),"
            " ST_MakePoint(:x2, :y)), 4326))"
        ),
        {"x1": west[0], "x2": east[0], "y": OEBOBO[1]},
    )
    on_road = (OEBOBO[0], OEBOBO[1] + 10 / 111_320)  # 10 m north of it
    off_road = (OEBOBO[0], OEBOBO[1] + 40 / 111_320)  # 40 m north
    assert owner_of(conn, "jalan_berlubang", *on_road) == "DPUPR_NTT"
    assert owner_of(conn, "jalan_berlubang", *off_road) == "DPUPR"
    assert owner_of(conn, "lampu_jalan_mati", *on_road) == "DISHUB"
    assert submit_report(conn, _report(on_road), NOW).opd_code == "DPUPR_NTT"


@pytest.mark.parametrize(
    ("lon", "lat", "message"),
    [
        (-10.17, 123.6, "tertukar"),
        (123.6, -95.0, "lat harus antara -90 dan 90"),
        (190.0, -10.17, "long harus antara -180 dan 180"),
    ],
)
def test_impossible_coordinates_are_refused_with_their_reason(lon, lat, message):
    with pytest.raises(InvalidParameter, match=message):
        check_location(lon, lat)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "sepuluh", ""])
def test_coordinates_must_be_finite_numbers(value):
    with pytest.raises(InvalidParameter, match="lat"):
        parse_coordinate(value, "lat")


def test_outside_the_city_and_unknown_categories_write_nothing(conn):
    before = count(conn, "complaints"), count(conn, "follow_tokens")
    with pytest.raises(OutsideCity, match="di luar Kota Kupang"):
        submit_report(conn, _report((123.75, -10.30)), NOW)  # Kabupaten Kupang
    with pytest.raises(NotFound, match="tidak dikenal"):
        submit_report(conn, _report(category="gempa_bumi"), NOW)
    with pytest.raises(InvalidParameter, match="4000"):
        submit_report(conn, _report(description="x" * 4001), NOW)
    assert (count(conn, "complaints"), count(conn, "follow_tokens")) == before


def test_service_attributes_are_validated_against_the_definition(conn):
    flood = service_attributes(conn, "banjir")
    assert [a.code for a in flood] == ["kedalaman"]
    assert check_attributes(flood, {"kedalaman": ["lutut"]}) == {"kedalaman": "lutut"}
    with pytest.raises(InvalidParameter, match="kedalaman wajib"):
        check_attributes(flood, {})
    with pytest.raises(InvalidParameter, match="mata_kaki, lutut, pinggang|harus"):
        check_attributes(flood, {"kedalaman": ["leher"]})
    with pytest.raises(InvalidParameter, match="tidak dikenal"):
        check_attributes(flood, {"warna": ["biru"]})
    lamps = service_attributes(conn, "lampu_jalan_mati")
    assert check_attributes(lamps, {"jumlah_lampu": ["3"]}) == {"jumlah_lampu": 3.0}
    with pytest.raises(InvalidParameter, match="angka"):
        check_attributes(lamps, {"jumlah_lampu": ["tiga"]})


def test_the_location_is_the_one_sent_else_the_photos_gps():
    photo = prepare_photo(encode(picture(64, 48), "JPEG", gps=OEBOBO))
    assert report_point("123.61", "-10.16", photo) == (123.61, -10.16)
    assert report_point(None, None, photo) == pytest.approx(OEBOBO, abs=1e-6)
    with pytest.raises(InvalidParameter, match="lat and long") as one:
        report_point("123.61", None, photo)
    assert one.value.details == {"field": "lat"}
    with pytest.raises(InvalidParameter, match="photo with GPS"):
        report_point(None, None, prepare_photo(encode(picture(64, 48), "JPEG")))


@contextmanager
def _failing_commit(engine):
    """A transaction whose commit fails: everything done in it is rolled back."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()
        raise RuntimeError("commit failed")


def test_a_report_whose_commit_fails_leaves_no_photo_behind(engine, tmp_path):
    with engine.begin() as setup:
        key = create_api_key(setup, "intake-test")
    photo = prepare_photo(encode(picture(64, 48), "JPEG"))
    try:
        with pytest.raises(RuntimeError, match="commit failed"):
            submit_with_media(
                lambda: _failing_commit(engine),
                _report(description="photo then a failed commit"),
                NOW,
                api_key=key,
                answers={},
                media_dir=tmp_path,
                photo=photo,
            )
        assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
        with engine.connect() as check:
            where = "description = 'photo then a failed commit'"
            assert count(check, "complaints", where) == 0
    finally:
        with engine.begin() as cleanup:
            cleanup.execute(sa.text("DELETE FROM api_keys WHERE name = 'intake-test'"))


def test_a_media_url_must_be_http(engine, tmp_path):
    with pytest.raises(InvalidParameter, match="media_url") as refused:
        submit_with_media(
            lambda: _failing_commit(engine),
            _report(),
            NOW,
            api_key=None,
            answers={},
            media_dir=tmp_path,
            media_url="ftp://example.org/a.jpg",
        )
    assert refused.value.details == {"field": "media_url"}
