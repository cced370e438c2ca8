"""Command-centre feeds: filtered GeoJSON from PostGIS, ETags, no personal data."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from gis.db import get_engine


def _feed(client: FlaskClient, path: str, **params) -> dict:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/geo+json"
    return response.json


def test_complaint_feed_filters_match_the_database(demo_client, demo_city):
    with get_engine(demo_city).connect() as conn:
        expected = conn.execute(
            sa.text(
                "SELECT count(*) FROM complaints WHERE category_code = 'kebersihan'"
                " AND kelurahan_kode = '53.71.04.1001' AND status IN ('baru',"
                " 'diverifikasi', 'didisposisikan', 'diproses', 'koordinasi')"
                " AND reported_at >= '2026-06-01T00:00:00+08:00'"
            )
        ).scalar_one()
    found = _feed(
        demo_client,
        "/api/feeds/complaints",
        category="kebersihan",
        kelurahan="53.71.04.1001",
        since="2026-06-01",
        limit=10000,
    )
    open_or_working = [
        f
        for f in found["features"]
        if f["properties"]["status_group"] in ("untouched", "in_progress")
    ]
    assert len(open_or_working) == expected
    untouched = _feed(
        demo_client, "/api/feeds/complaints", status="untouched", opd="DLHK", limit=50
    )
    assert {f["properties"]["status_group"] for f in untouched["features"]} == {
        "untouched"
    }
    assert {f["properties"]["opd_code"] for f in untouched["features"]} == {"DLHK"}
    tickets = [f["id"] for f in untouched["features"]]
    assert tickets == sorted(tickets, reverse=True)  # newest first
    for feature in untouched["features"]:
        assert not {"name", "phone", "email"} & set(feature["properties"])


def test_red_flag_and_hot_spot_feeds(demo_client):
    flags = _feed(demo_client, "/api/feeds/red-flags", flag="red")
    assert flags["features"] and {
        f["properties"]["flag"] for f in flags["features"]
    } == {"red"}
    hot = _feed(demo_client, "/api/feeds/hotspots", category="kebersihan")
    assert all(f["properties"]["gi_bin"] > 0 for f in hot["features"])


def test_feeds_answer_304_until_something_changes(demo_client):
    url = "/api/feeds/complaints?status=untouched&limit=5"
    first = demo_client.get(url)
    again = demo_client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/feeds/complaints?status=hilang", 400),
        ("/api/feeds/complaints?since=kemarin", 400),
        ("/api/feeds/complaints?limit=0", 400),
        ("/api/feeds/red-flags?category=gempa", 404),
        ("/api/feeds/hotspots?category=gempa", 404),
    ],
)
def test_bad_feed_requests(demo_client, path, status):
    response = demo_client.get(path)
    assert response.status_code == status
    assert " / " in response.json["description"]


def test_the_feed_index_lists_every_city_feed(demo_client):
    response = demo_client.get("/api/feeds")
    assert response.status_code == 200
    names = [f["name"] for f in response.json["feeds"]]
    assert names == [
        "complaints",
        "red-flags",
        "hotspots",
        "city/accidents",
        "city/blackspot-segments",
        "city/blackspot-junctions",
        "city/blackspot-clusters",
        "city/accident-rates",
        "city/poverty",
        "city/population",
        "city/equity",
        "city/streetlight-status",
        "city/angkot-coverage",
        "city/lit-roads",
        "city/angkot-routes",
        "city/angkot-stops",
        "city/waste-points",
        "city/waste-routes",
        "city/waste-coverage",
    ]
    titles = {f["name"]: f.get("title") for f in response.json["feeds"]}
    assert titles["city/angkot-coverage"] == "Cakupan angkot per kelurahan"
    assert titles["city/lit-roads"] == "Jalan arteri dan kolektor yang terang"


@pytest.mark.parametrize(
    ("feed", "table"),
    [
        ("accidents", "accidents"),
        ("blackspot-segments", "latest_blackspot_segments WHERE accidents > 0"),
        ("accident-rates", "latest_accident_kelurahan"),
        ("poverty", "latest_kelurahan_indicators"),
        ("equity", "latest_kelurahan_indicators"),
        ("streetlight-status", "kelurahan"),
        ("angkot-coverage", "latest_angkot_coverage"),
        ("lit-roads", "latest_lit_road_pieces"),
        ("angkot-stops", "transit_stops"),
        ("waste-points", "waste_points"),
        ("waste-routes", "waste_routes"),
        ("waste-coverage", "waste_coverage"),
    ],
)
def test_city_feeds_carry_every_feature_of_their_layer(
    demo_client, demo_city, feed, table
):
    with get_engine(demo_city).connect() as conn:
        expected = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
    found = _feed(demo_client, f"/api/feeds/city/{feed}", limit=1)
    assert expected > 0
    assert found["numberMatched"] == expected
    assert found["numberReturned"] == 1


def test_angkot_coverage_feed_gives_the_run_numbers(demo_client, demo_city):
    with get_engine(demo_city).connect() as conn:
        kode, pct, covered = conn.execute(
            sa.text(
                "SELECT kelurahan_kode, round((100 * share)::numeric, 1)::float,"
                " residents_covered FROM latest_angkot_coverage"
                " ORDER BY residents_covered DESC, kelurahan_kode LIMIT 1"
            )
        ).one()
    found = _feed(demo_client, "/api/feeds/city/angkot-coverage", limit=100)
    feature = next(f for f in found["features"] if f["id"] == kode)
    assert feature["properties"]["covered_pct"] == pct
    assert feature["properties"]["residents_covered"] == covered
    assert feature["geometry"]["type"] == "MultiPolygon"


def test_accident_feed_since_and_bad_city_feeds(demo_client, demo_city):
    with get_engine(demo_city).connect() as conn:
        expected = conn.execute(
            sa.text(
                "SELECT count(*) FROM accidents"
                " WHERE occurred_at >= '2026-10-01T00:00:00+08:00'"
            )
        ).scalar()
    found = _feed(
        demo_client, "/api/feeds/city/accidents", since="2026-10-01", limit=10000
    )
    assert found["numberMatched"] == expected > 0
    unknown = demo_client.get("/api/feeds/city/angkot")
    assert unknown.status_code == 404
    assert unknown.json["description"].startswith("Feed kota tidak dikenal: angkot;")
    no_time = demo_client.get("/api/feeds/city/lit-roads?since=2026-10-01")
    assert no_time.status_code == 400
    assert no_time.json["description"].startswith(
        "feed lit-roads tidak punya waktu untuk disaring dengan since"
    )
