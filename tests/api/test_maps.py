"""Folium maps: every layer and legend present, and no CDN in sight."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import requests

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


def test_the_server_serves_maps_with_its_own_assets(demo_server):
    page = requests.get(
        demo_server + "/maps/lisa.html", params={"category": "kebersihan"}, timeout=60
    )
    assert page.status_code == 200 and "Klaster LISA" in page.text
    assets = URL.findall(page.text)
    assert assets and all(a.startswith("/static/vendor/") for a in assets)
    for asset in assets:
        response = requests.get(demo_server + asset, timeout=20)
        assert response.status_code == 200, asset
    missing = requests.get(demo_server + "/maps/lisa.html", timeout=20)
    assert missing.status_code == 400 and "--category" in missing.json()["description"]
    assert requests.get(demo_server + "/maps/peta.html", timeout=20).status_code == 400


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


def test_a_map_is_built_once_whatever_the_query_string_adds(demo_server):
    url = demo_server + "/maps/lisa.html"
    first = requests.get(url, params={"category": "drainase"}, timeout=60)
    again = requests.get(
        url, params={"category": "drainase", "basemap": "none"}, timeout=60
    )
    assert first.status_code == again.status_code == 200
    assert first.headers["ETag"] == again.headers["ETag"]
    refused = requests.get(
        url, params={"category": "drainase", "cachebuster": "1"}, timeout=20
    )
    assert refused.status_code == 400
    assert "cachebuster" in refused.json()["description"]
