"""Command-centre feeds: filtered GeoJSON from PostGIS, ETags, no personal data."""

from __future__ import annotations

import pytest
import requests
import sqlalchemy as sa

from gis.db import get_engine


def _feed(base: str, path: str, **params) -> dict:
    response = requests.get(base + path, params=params, timeout=30)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/geo+json"
    return response.json()


def test_complaint_feed_filters_match_the_database(demo_server, demo_city):
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
        demo_server,
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
        demo_server, "/api/feeds/complaints", status="untouched", opd="DLHK", limit=50
    )
    assert {f["properties"]["status_group"] for f in untouched["features"]} == {
        "untouched"
    }
    assert {f["properties"]["opd_code"] for f in untouched["features"]} == {"DLHK"}
    tickets = [f["id"] for f in untouched["features"]]
    assert tickets == sorted(tickets, reverse=True)  # newest first
    for feature in untouched["features"]:
        assert not {"name", "phone", "email"} & set(feature["properties"])


def test_red_flag_and_hot_spot_feeds(demo_server):
    flags = _feed(demo_server, "/api/feeds/red-flags", flag="red")
    assert flags["features"] and {
        f["properties"]["flag"] for f in flags["features"]
    } == {"red"}
    hot = _feed(demo_server, "/api/feeds/hotspots", category="kebersihan")
    assert all(f["properties"]["gi_bin"] > 0 for f in hot["features"])


def test_feeds_answer_304_until_something_changes(demo_server):
    url = demo_server + "/api/feeds/complaints?status=untouched&limit=5"
    first = requests.get(url, timeout=30)
    again = requests.get(
        url, headers={"If-None-Match": first.headers["ETag"]}, timeout=30
    )
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
def test_bad_feed_requests(demo_server, path, status):
    response = requests.get(demo_server + path, timeout=30)
    assert response.status_code == status
    assert " / " in response.json()["description"]
