"""Folium maps: every layer and legend present, and no CDN in sight."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import sigap_env

URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def _sigap(settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=sigap_env(settings),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [
        (
            "lisa",  # the planted pothole pair is the city's High-High cluster
            ["--category", "jalan_berlubang"],
            ["Klaster LISA: Jalan berlubang", "Tinggi-Tinggi (HH)"],
        ),
        ("gi", ["--category", "kebersihan"], ["Titik panas Gi* per kelurahan"]),
        ("emerging", ["--category", "kebersihan"], ["Titik panas yang muncul"]),
        ("red_flags", [], ["Bendera merah (semua kategori)", "Merah"]),
        (
            "complaints",
            ["--since", "2026-10-01"],
            ["Kepadatan aduan", "markerClusterGroup", "Belum ditangani"],
        ),
        ("networks", [], ["Jalan: Jalan arteri", "Trayek angkot", "(PJU): Menyala"]),
    ],
)
def test_sigap_map_writes_a_map_that_needs_no_internet(
    demo_city, tmp_path, kind, extra, expected
):
    out = tmp_path / f"{kind}.html"
    done = _sigap(demo_city, "map", kind, *extra, "-o", str(out))
    assert done.returncode == 0, done.stderr[-1500:]
    page = out.read_text(encoding="utf-8")
    for text in expected + ["Kelurahan", "L.control.layers"]:
        assert text in page, text
    assets = URL.findall(page)
    assert assets and all(a.startswith("sigap-assets/") for a in assets), assets
    assert "https://" not in page and "http://" not in page
    for asset in assets:
        assert (tmp_path / asset).is_file(), asset


def test_the_server_serves_maps_with_its_own_assets(demo_client):
    page = demo_client.get("/maps/lisa.html", query_string={"category": "kebersihan"})
    assert page.status_code == 200 and "Klaster LISA" in page.text
    assets = URL.findall(page.text)
    assert assets and all(a.startswith("/static/vendor/") for a in assets)
    for asset in assets:
        response = demo_client.get(asset)
        assert response.status_code == 200, asset
    missing = demo_client.get("/maps/lisa.html")
    assert missing.status_code == 400 and "--category" in missing.json["description"]
    assert demo_client.get("/maps/peta.html").status_code == 400


def test_an_osm_basemap_is_the_only_web_resource(demo_city, tmp_path):
    out = tmp_path / "flags.html"
    assert (
        _sigap(
            demo_city, "map", "red_flags", "--basemap", "osm", "-o", str(out)
        ).returncode
        == 0
    )
    page = out.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in page
    assert all(a.startswith("sigap-assets/") for a in URL.findall(page))


def test_a_map_is_built_once_whatever_the_query_string_adds(demo_client):
    url = "/maps/lisa.html"
    first = demo_client.get(url, query_string={"category": "drainase"})
    again = demo_client.get(
        url, query_string={"category": "drainase", "basemap": "none"}
    )
    assert first.status_code == again.status_code == 200
    assert first.headers["ETag"] == again.headers["ETag"]
    refused = demo_client.get(
        url, query_string={"category": "drainase", "cachebuster": "1"}
    )
    assert refused.status_code == 400
    assert "cachebuster" in refused.json["description"]
