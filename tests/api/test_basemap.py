"""SIGAP's own basemap document: the whole city, named, in one cacheable answer."""

from __future__ import annotations

import sqlalchemy as sa

from api.app import create_app
from gis.db import get_engine


def test_the_basemap_holds_every_kelurahan_with_its_name_and_the_roads(
    demo_city, demo_client
):
    with get_engine(demo_city).connect() as conn:
        names = set(conn.execute(sa.text("SELECT nama FROM kelurahan")).scalars())
        classes = set(
            conn.execute(sa.text("SELECT DISTINCT road_class FROM roads")).scalars()
        )
    answer = demo_client.get("/api/basemap.json")
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-cache"
    doc = answer.get_json()
    assert {f["properties"]["nama"] for f in doc["kelurahan"]} == names
    assert len(names) == 51
    assert {f["properties"]["class"] for f in doc["roads"]} == classes
    west, south, east, north = doc["bounds"]
    assert 123.4 < west < east < 123.8 and -10.4 < south < north < -10.0
    # every label point lies in the city's box, and no web tiles unless configured
    for feature in doc["kelurahan"]:
        lon, lat = feature["properties"]["label"]
        assert west <= lon <= east and south <= lat <= north
    assert doc["online"] is None
    # the whole city is small enough for a phone to keep
    assert len(answer.data) < 1_500_000


def test_an_unchanged_basemap_is_answered_with_304(demo_client):
    first = demo_client.get("/api/basemap.json")
    again = demo_client.get(
        "/api/basemap.json", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""


def test_a_configured_online_basemap_is_named_in_the_document(demo_city):
    settings = demo_city.replace(
        basemap_url="https://tiles.example.id/{z}/{x}/{y}.png",
        basemap_attribution="© Pemkot Kupang",
    )
    doc = create_app(settings).test_client().get("/api/basemap.json").get_json()
    assert doc["online"] == {
        "url": "https://tiles.example.id/{z}/{x}/{y}.png",
        "attribution": "© Pemkot Kupang",
    }
