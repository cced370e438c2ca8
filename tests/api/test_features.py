"""OGC API – Features over HTTP, read by owslib and GDAL's OAPIF driver."""

from __future__ import annotations

import pyogrio
import pytest
import requests
from owslib.ogcapi.features import Features

CONTACT_FIELDS = {
    "name",
    "phone",
    "email",
    "reporter_name",
    "reporter_phone",
    "reporter_email",
}


def test_landing_conformance_and_collections_read_by_owslib(demo_server):
    api = Features(demo_server + "/ogcapi")
    assert {link["rel"] for link in api.links} >= {
        "self",
        "service-desc",
        "conformance",
        "data",
    }
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
        in api.conformance()["conformsTo"]
    )
    collections = {c["id"]: c for c in api.collections()["collections"]}
    assert {
        "kelurahan",
        "roads",
        "streetlights",
        "transit_routes",
        "complaints",
        "red_flags",
        "lisa_kebersihan",
        "hex_kebersihan",
    } <= set(collections)
    assert not any(name.startswith("density_") for name in collections)
    complaints = collections["complaints"]
    assert complaints["extent"]["temporal"]["interval"][0][0].startswith("2025-")
    west, south, east, north = complaints["extent"]["spatial"]["bbox"][0]
    assert 123.4 < west < east < 123.8 and -10.4 < south < north < -10.0


def test_paging_follows_next_links_through_every_feature(demo_client):
    url = "/ogcapi/collections/kelurahan/items?limit=20"
    seen, pages = [], 0
    while url:
        response = demo_client.get(url)
        assert response.headers["Content-Type"] == "application/geo+json"
        page = response.json
        assert page["numberMatched"] == 51
        assert page["numberReturned"] == len(page["features"])
        seen += [f["id"] for f in page["features"]]
        url = next(
            (link["href"] for link in page["links"] if link["rel"] == "next"), None
        )
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 51
    last = demo_client.get(
        "/ogcapi/collections/kelurahan/items",
        query_string={"limit": 20, "offset": 40},
    ).json
    prev = next(link["href"] for link in last["links"] if link["rel"] == "prev")
    assert "offset=20" in prev


def test_bbox_datetime_and_property_filters(demo_server):
    api = Features(demo_server + "/ogcapi")
    box = [123.59, -10.18, 123.61, -10.16]
    found = api.collection_items(
        "complaints", bbox=box, limit=500, datetime_="2026-10-01/2026-10-31"
    )
    assert found["numberMatched"] > 0
    for feature in found["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert box[0] <= lon <= box[2] and box[1] <= lat <= box[3]
        assert (
            "2026-09-30T16:00"
            <= feature["properties"]["reported_at"]
            <= "2026-10-31T16:00"
        )
        assert not CONTACT_FIELDS & set(feature["properties"])
    open_ended = requests.get(
        demo_server + "/ogcapi/collections/complaints/items",
        params={"datetime": "../2025-12-31", "limit": 1},
        timeout=20,
    ).json()
    after = requests.get(
        demo_server + "/ogcapi/collections/complaints/items",
        params={"datetime": "2026-01-01/..", "limit": 1},
        timeout=20,
    ).json()
    total = requests.get(
        demo_server + "/ogcapi/collections/complaints/items",
        params={"limit": 1},
        timeout=20,
    ).json()["numberMatched"]
    assert open_ended["numberMatched"] + after["numberMatched"] <= total
    lamps = requests.get(
        demo_server + "/ogcapi/collections/streetlights/items",
        params={"status": "mati", "limit": 50},
        timeout=20,
    ).json()
    assert lamps["numberMatched"] > 0
    assert {f["properties"]["status"] for f in lamps["features"]} == {"mati"}


def test_single_items_and_html_views(demo_client):
    feature = demo_client.get("/ogcapi/collections/kelurahan/items/53.71.04.1001").json
    assert feature["properties"]["nama"] == "Oebobo"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    page = demo_client.get(
        "/ogcapi/collections/kelurahan/items", query_string={"f": "html", "limit": 5}
    )
    assert page.headers["Content-Type"].startswith("text/html")
    assert "dari 51 objek" in page.text
    browser = demo_client.get("/ogcapi/collections", headers={"Accept": "text/html"})
    assert "<a href" in browser.text and "kelurahan" in browser.text


def test_openapi_document_describes_every_collection(demo_client):
    response = demo_client.get("/ogcapi/api")
    assert response.headers["Content-Type"].startswith(
        "application/vnd.oai.openapi+json"
    )
    document = response.json
    assert document["openapi"].startswith("3.0")
    items = document["paths"]["/collections/complaints/items"]["get"]
    names = {p["name"] for p in items["parameters"]}
    assert {"bbox", "datetime", "limit", "offset", "status", "ticket"} <= names


def test_gdal_reads_collections_through_its_oapif_driver(demo_server):
    frame = pyogrio.read_dataframe(f"OAPIF:{demo_server}/ogcapi", layer="kelurahan")
    assert len(frame) == 51 and frame.crs.to_epsg() == 4326
    assert "Oebobo" in set(frame["nama"])


def test_etag_and_304(demo_client):
    url = "/ogcapi/collections/roads/items?limit=5"
    first = demo_client.get(url)
    again = demo_client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ogcapi/collections/jalan_tol", 404),
        ("/ogcapi/collections/kelurahan/items/99.99", 404),
        ("/ogcapi/collections/kelurahan/items?bbox=1,2,3", 400),
        ("/ogcapi/collections/kelurahan/items?bbox=124,-10,123,-11", 400),
        ("/ogcapi/collections/kelurahan/items?limit=0", 400),
        ("/ogcapi/collections/kelurahan/items?limit=10001", 400),
        ("/ogcapi/collections/complaints/items?datetime=kemarin", 400),
        ("/ogcapi/collections/kelurahan/items?warna=biru", 400),
        ("/ogcapi/collections?f=xml", 400),
    ],
)
def test_bad_requests_are_4xx_with_a_message(demo_client, path, status):
    response = demo_client.get(path)
    assert response.status_code == status
    assert " / " in response.json["description"]


def test_sigap_import_pulls_a_collection_from_an_ogc_api(
    demo_server, demo_city, settings, tmp_path
):
    """``sigap import roads URL`` reads SIGAP's own feed into another database."""
    import subprocess
    import sys

    import sqlalchemy as sa

    from gis.config import database_name, with_database
    from gis.db import get_engine
    from tests.conftest import fresh_database, sigap_env

    target = fresh_database(
        with_database(
            settings.database_url, database_name(settings.database_url) + "_import"
        )
    )
    env = sigap_env(target.replace(var_dir=tmp_path))

    def sigap(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "api.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    done = sigap("import", "roads", f"{demo_server}/ogcapi", "--source-layer", "roads")
    assert done.returncode == 0, done.stderr[-1500:]
    with (
        get_engine(demo_city).connect() as source,
        get_engine(target).connect() as copy,
    ):
        expected = source.execute(
            sa.text(
                "SELECT road_class, count(*), round(sum(length_m)) FROM roads"
                " GROUP BY 1 ORDER BY 1"
            )
        ).all()
        got = copy.execute(
            sa.text(
                "SELECT road_class, count(*), round(sum(length_m)) FROM roads"
                " GROUP BY 1 ORDER BY 1"
            )
        ).all()
    assert got == expected
    assert (
        f"{sum(r[1] for r in expected)} of {sum(r[1] for r in expected)} rows"
        in done.stdout
    )
    many = sigap("import", "roads", f"{demo_server}/ogcapi")
    assert many.returncode != 0 and "--source-layer" in many.stderr + many.stdout
    unknown = sigap("import", "roads", f"{demo_server}/ogcapi/collections/jalan_tol")
    assert unknown.returncode != 0 and "jalan_tol" in unknown.stderr + unknown.stdout
