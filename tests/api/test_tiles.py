"""Vector tiles decode, carry the drawn features, and aggregate at city zooms."""

from __future__ import annotations

import math

import mapbox_vector_tile
import pytest
import requests

from gis.tiles import scale_at
from tests.api.conftest import SPOT


def _tile_of(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def _decode(response: requests.Response) -> dict:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return mapbox_vector_tile.decode(response.content)


def test_a_street_tile_carries_the_known_complaint_with_its_attributes(
    demo_server, known
):
    x, y = _tile_of(*SPOT, 17)
    layers = _decode(
        requests.get(f"{demo_server}/tiles/complaints/17/{x}/{y}.pbf", timeout=20)
    )
    features = layers["complaints"]["features"]
    mine = [f for f in features if f["properties"].get("ticket") == known]
    assert len(mine) == 1
    # tiles carry the id and what the styles draw by; details are an item away
    assert mine[0]["properties"] == {
        "ticket": known,
        "status_group": "untouched",
        "category_code": "kebersihan",
    }
    assert mine[0]["geometry"]["type"] == "Point"
    assert not {"phone", "email", "name"} & set(mine[0]["properties"])


def test_city_zooms_carry_grid_counts_not_points(demo_server):
    assert scale_at(12) > 60000 > scale_at(14)
    x, y = _tile_of(123.60, -10.17, 12)
    cells = _decode(
        requests.get(f"{demo_server}/tiles/complaints/12/{x}/{y}.pbf", timeout=20)
    )["complaints"]["features"]
    assert cells and all(set(f["properties"]) == {"point_count"} for f in cells)
    total = sum(f["properties"]["point_count"] for f in cells)
    assert total > len(cells)  # cells really group several complaints


def test_line_and_polygon_layers_tile_too(demo_server):
    x, y = _tile_of(123.60, -10.17, 14)
    roads = _decode(
        requests.get(f"{demo_server}/tiles/roads/14/{x}/{y}.pbf", timeout=20)
    )["roads"]["features"]
    assert roads and {f["geometry"]["type"] for f in roads} <= {
        "LineString",
        "MultiLineString",
    }
    assert {"road_class", "name"} <= set(roads[0]["properties"])
    kelurahan = _decode(
        requests.get(f"{demo_server}/tiles/kelurahan/14/{x}/{y}.pbf", timeout=20)
    )["kelurahan"]["features"]
    assert any(f["properties"]["nama"] == "Oebobo" for f in kelurahan)


def test_tiles_revalidate_with_etags(demo_server):
    x, y = _tile_of(123.60, -10.17, 13)
    url = f"{demo_server}/tiles/roads/13/{x}/{y}.pbf"
    first = requests.get(url, timeout=20)
    again = requests.get(
        url, headers={"If-None-Match": first.headers["ETag"]}, timeout=20
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tiles/complaints/30/0/0.pbf", 400),
        ("/tiles/complaints/3/9/0.pbf", 400),
        ("/tiles/jalan_tol/3/1/1.pbf", 404),
        ("/tiles/density_kebersihan/3/1/1.pbf", 404),
    ],
)
def test_impossible_tiles_and_unknown_layers_are_refused(demo_server, path, status):
    response = requests.get(demo_server + path, timeout=20)
    assert response.status_code == status
    assert " / " in response.json()["description"]
