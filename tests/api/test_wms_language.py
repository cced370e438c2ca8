"""GetCapabilities speaks one language: Indonesian unless ``LANGUAGE`` asks for
English, the way the INSPIRE view-service guidance (``LANGUAGE=eng``) and OWS 2.0
(``AcceptLanguages``) ask; the layer tree names categories, never their codes."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
import requests
from owslib.wms import WebMapService
from PIL import Image

from api.wms_capabilities import response_language
from tests.api.conftest import streetlight_legend

SERVICE_ID = (
    "Sistem Informasi Geospasial Aduan dan Pengawasan Kota Kupang: aduan, jaringan"
    " kota dan hasil analisis."
)
SERVICE_EN = (
    "Geospatial complaint and oversight system of Kota Kupang: complaints, city"
    " networks and analysis results."
)


def _titles(document: bytes) -> list[str]:
    """Every layer title in the tree, groups included."""
    tree = ElementTree.fromstring(document)
    return [title.text for title in tree.iter("{http://www.opengis.net/wms}Title")]


def _capabilities(base: str, **extra: str) -> requests.Response:
    return requests.get(
        base + "/wms",
        params={"SERVICE": "WMS", "VERSION": "1.3.0", "REQUEST": "GetCapabilities"}
        | extra,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        ({}, "id"),
        ({"LANGUAGE": "ind"}, "id"),
        ({"LANGUAGE": "eng"}, "en"),
        ({"LANGUAGE": "en-GB"}, "en"),
        ({"ACCEPTLANGUAGES": "fr,en"}, "en"),
        ({"LANGUAGE": "fra"}, "id"),  # unsupported: the default language
    ],
)
def test_the_language_asked_or_else_indonesian(asked, answered):
    assert response_language(asked) == answered


def test_capabilities_are_indonesian_by_default_with_category_names(demo_server):
    response = _capabilities(demo_server)
    assert response.headers["Content-Language"] == "id"
    wms = WebMapService(demo_server + "/wms", version="1.3.0", xml=response.content)
    assert wms.identification.abstract == SERVICE_ID
    assert wms["kelurahan"].title == "Kelurahan"
    assert (
        wms["kelurahan"].abstract
        == "51 kelurahan di Kota Kupang dengan kode Kemendagri."
    )
    assert wms["red_flags_air_bersih"].parent.title == "Air bersih tidak mengalir"
    titles = _titles(response.content)
    # one language, and names rather than codes such as air_bersih
    assert not [t for t in titles if "_" in t]
    assert not {"Administrative boundaries", "Complaints", "City data"} & set(titles)
    assert "Batas administrasi" in titles and "Data kota" in titles


def test_capabilities_in_english_when_asked(demo_server):
    for version in ("1.3.0", "1.1.1"):
        response = _capabilities(demo_server, LANGUAGE="eng", VERSION=version)
        assert response.headers["Content-Language"] == "en"
        wms = WebMapService(demo_server + "/wms", version=version, xml=response.content)
        assert wms.identification.abstract == SERVICE_EN
        assert wms["kelurahan"].title == "Urban villages (kelurahan)"
        assert wms["red_flags_air_bersih"].parent.title == "Water supply failure"
        assert wms["red_flags_air_bersih"].title == "Red flags: Water supply failure"
        assert wms["kelurahan"].styles["kelurahan"]["title"] == "Urban villages"


def test_a_legend_asked_in_one_language_titles_its_rules_in_it(demo_server):
    def width(**extra: str) -> int:
        response = streetlight_legend(demo_server, **extra)
        assert response.status_code == 200
        return Image.open(io.BytesIO(response.content)).width

    # "Menyala / Working" and its kin lose their English half, and back
    both, indonesian, english = width(), width(LANGUAGE="ind"), width(LANGUAGE="eng")
    assert indonesian < both and english < both
