"""The served platform's pages: one layout, Indonesian first, English on request."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import datetime

import pytest

from api.app import create_app
from tests.conftest import NOW

PAGES = (
    "/",
    "/dashboard",
    "/login",
    "/viewer",
    "/ogcapi?f=html",
    "/ogcapi/conformance?f=html",
    "/ogcapi/collections?f=html",
    "/ogcapi/collections/kelurahan?f=html",
    "/ogcapi/collections/kelurahan/items?f=html&limit=5",
    "/ogcapi/collections/kelurahan/items/53.71.04.1001?f=html",
)


@pytest.fixture(scope="module")
def client(committed):
    return create_app(committed).test_client()


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return (
            response.status,
            response.headers["Content-Type"],
            response.read().decode(),
        )


def test_landing_page_lists_layers_and_complaint_states_in_indonesian(server):
    status, kind, body = _get(server + "/")
    assert status == 200 and kind.startswith("text/html")
    assert "SIGAP Kota Kupang" in body
    assert "Aduan menurut status" in body
    assert "Penerangan jalan umum (PJU)" in body and "Belum disentuh" in body


def test_health_and_layer_summary(server):
    assert json.loads(_get(server + "/health")[2]) == {"status": "ok"}
    layers = {
        row["name"]: row
        for row in json.loads(_get(server + "/api/layers")[2])["layers"]
    }
    assert layers["kelurahan"]["features"] == 51
    assert layers["kecamatan"]["features"] == 6


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_shared_layout_in_indonesian(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<html lang="id">' in page
    assert (
        '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    )
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert 'href="/static/css/sigap.css"' in page
    assert re.search(r'href="/dashboard"[^>]*>Ruang komando</a>', page)
    assert re.search(r'href="/viewer"[^>]*>Penampil peta</a>', page)
    assert ">Laporan pagi</a>" in page and 'id="login"' in page
    switch = re.search(r'<a href="([^"]+)" hreflang="en" lang="en">English</a>', page)
    assert switch and "lang=en" in switch.group(1)
    assert "data:," not in page


@pytest.mark.parametrize("path", PAGES)
def test_every_page_speaks_english_through_the_catalogue(client, path):
    sign = "&" if "?" in path else "?"
    page = client.get(path + sign + "lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert ">Command room</a>" in page and ">Map viewer</a>" in page
    assert 'hreflang="id" lang="id">Bahasa Indonesia</a>' in page
    assert "Ruang komando" not in page
    # the menu keeps the visitor's language
    assert 'href="/dashboard?lang=en"' in page
    # and the next visitor, who asked for nothing, reads Indonesian again
    again = client.get(path).get_data(as_text=True)
    assert '<html lang="id">' in again and ">Ruang komando</a>" in again


def test_the_language_switch_keeps_the_other_parameters(client):
    page = client.get("/ogcapi/collections/kelurahan/items?f=html&limit=5")
    switch = re.search(
        r'<a href="([^"]+)" hreflang="en"', page.get_data(as_text=True)
    ).group(1)
    assert switch.replace("&amp;", "&") == (
        "/ogcapi/collections/kelurahan/items?f=html&limit=5&lang=en"
    )


def test_feature_pages_count_and_page_in_the_reader_s_language(client):
    page = client.get("/ogcapi/collections/kelurahan/items?f=html&limit=5")
    text = page.get_data(as_text=True)
    assert "5 dari 51 objek." in text
    assert 'href="http://localhost/ogcapi/collections/kelurahan/items?limit=5' in text
    assert "offset=5&amp;f=html" in text and ">berikutnya →</a>" in text
    english = client.get("/ogcapi/collections/kelurahan/items?f=html&limit=5&lang=en")
    body = english.get_data(as_text=True)
    assert "5 of 51 features." in body and ">next →</a>" in body
    # lang is the page's language, never a filter on a property
    assert "lang=en" in body and english.status_code == 200


@pytest.mark.clock
def test_the_dashboard_hands_its_script_the_texts_in_the_page_language(client):
    def data(path: str) -> dict:
        page = client.get(path).get_data(as_text=True)
        found = re.search(
            r'<script type="application/json" id="page-data">(.*?)</script>', page
        )
        return json.loads(found.group(1))

    indonesian, english = data("/dashboard"), data("/dashboard?lang=en")
    assert indonesian["locale"] == "id-ID" and english["locale"] == "en-GB"
    assert indonesian["untouched"] == "Belum disentuh"
    assert english["untouched"] == "Untouched"
    assert indonesian["groups"] == ["untouched", "in_progress", "handled", "rejected"]
    assert indonesian["hours"] == "{n} jam" and english["hours"] == "{n} h"
    # the server's pinned clock, which the page's clock runs on from
    assert datetime.fromisoformat(indonesian["now"]) == NOW


def test_feature_info_html_uses_indonesian_labels_and_numbers(client):
    page = client.get(
        "/wms",
        query_string={
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetFeatureInfo",
            "LAYERS": "kelurahan",
            "QUERY_LAYERS": "kelurahan",
            "STYLES": "",
            "CRS": "EPSG:4326",
            "BBOX": "-10.18,123.59,-10.16,123.61",
            "WIDTH": 100,
            "HEIGHT": 100,
            "I": 50,
            "J": 50,
            "INFO_FORMAT": "text/html",
        },
    ).get_data(as_text=True)
    assert "<h3>Kelurahan</h3>" in page
    assert "<tr><th>Nama</th><td>Oebobo</td></tr>" in page
    assert "<tr><th>Luas (km²)</th><td>1,876</td></tr>" in page


def test_the_favicon_and_page_scripts_are_served_from_static(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.content_type == "image/png"
    assert icon.get_data().startswith(b"\x89PNG")
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and b"<svg" in svg.get_data()
    for script in ("common", "dashboard", "viewer"):
        module = client.get(f"/static/js/{script}.js")
        assert (
            module.status_code == 200
            and b"import" in module.get_data()
            or (b"export" in module.get_data())
        )
