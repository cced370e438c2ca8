"""Every WMS layer draws something at every scale a planner's client asks for.

QGIS opens a layer at the whole-city extent; a layer whose rules all stop at a
street scale is blank there and looks broken. For every published layer and
style the test renders the city, then zooms twice into what the previous map
drew — to 1:25 000 and to 1:2 000 — and wants drawn pixels each time, and a
legend for that scale that lists the rules that drew them.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
import requests
import sqlalchemy as sa
from owslib.wms import WebMapService
from PIL import Image

from gis.db import get_engine
from gis.layer import Layer
from gis.render import AGGREGATE_PROPERTY
from gis.sld import Style, read_styles
from gis.style_sql import rule_sql
from layers.catalogue import published_layers
from tests.api.conftest import streetlight_legend
from tests.conftest import NOW

STYLES = Path(__file__).resolve().parents[2] / "styles"
SIZE = 256
PIXEL_METRES = 0.00028  # the OGC standard rendering pixel
EARTH = 6378137.0


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return (
        math.radians(lon) * EARTH,
        math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH,
    )


def _render(base: str, layer: str, style: str, bbox: tuple[float, ...]) -> Image.Image:
    response = requests.get(
        base + "/wms",
        params={
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetMap",
            "LAYERS": layer,
            "STYLES": style,
            "CRS": "EPSG:3857",
            "BBOX": ",".join(f"{v:.3f}" for v in bbox),
            "WIDTH": SIZE,
            "HEIGHT": SIZE,
            "FORMAT": "image/png",
            "TRANSPARENT": "TRUE",
        },
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    return Image.open(io.BytesIO(response.content)).convert("RGBA")


def _drawn(image: Image.Image) -> np.ndarray:
    """(column, row) of every pixel the map drew."""
    rows, columns = np.nonzero(np.asarray(image.getchannel("A")))
    return np.column_stack([columns, rows])


def _centre_of_drawing(
    image: Image.Image, bbox: tuple[float, ...]
) -> tuple[float, float]:
    """Map coordinates of the drawn pixel nearest the middle of the drawing."""
    pixels = _drawn(image)
    middle = pixels.mean(axis=0)
    x, y = pixels[np.argmin(((pixels - middle) ** 2).sum(axis=1))]
    minx, miny, maxx, maxy = bbox
    return (
        minx + (x + 0.5) / SIZE * (maxx - minx),
        maxy - (y + 0.5) / SIZE * (maxy - miny),
    )


def _at_scale(centre: tuple[float, float], scale: float) -> tuple[float, ...]:
    half = scale * SIZE * PIXEL_METRES / 2
    return (centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half)


def _legend_titles(styles, style: str, scale: float) -> set[str]:
    return {
        rule.title or rule.name
        for rule in styles[style].rules
        if rule.applies_at(scale)
    }


def _layers_and_styles(base: str) -> list[tuple[str, str]]:
    wms = WebMapService(base + "/wms", version="1.3.0")
    return [
        (name, style) for name, layer in wms.contents.items() for style in layer.styles
    ]


def _draws_nothing(conn, layer: Layer, style: Style) -> bool:
    """Whether no feature of ``layer`` passes any rule of ``style``: a category
    with no red flag or no emerging pattern today has nothing to draw."""
    if layer.kind == "raster":
        return False
    rules = " OR ".join(
        rule_sql(style, rule)
        for rule in style.rules
        if AGGREGATE_PROPERTY not in rule.properties  # counted while drawing
    )
    return not conn.execute(
        sa.text(f"SELECT EXISTS (SELECT 1 FROM ({layer.sql}) AS d WHERE {rules})")
    ).scalar()


@pytest.fixture(scope="module")
def city(demo_server) -> tuple[float, ...]:
    wms = WebMapService(demo_server + "/wms", version="1.3.0")
    west, south, east, north = wms["kota"].boundingBoxWGS84
    return (*_mercator(west, south), *_mercator(east, north))


def test_every_layer_and_style_draws_at_city_street_and_house_scale(
    demo_server, demo_city, city
):
    styles = read_styles(STYLES)
    blank = []
    pairs = _layers_and_styles(demo_server)
    with get_engine(demo_city).connect() as conn:
        catalogue = published_layers(conn, NOW)
        empty = {
            (name, style)
            for name, style in pairs
            if _draws_nothing(conn, catalogue[name], styles[style])
        }
    assert len(empty) < len(pairs) / 4  # the demo city has something nearly everywhere
    for layer, style in pairs:
        if (layer, style) in empty:
            continue
        bbox = city
        image = _render(demo_server, layer, style, bbox)
        for scale in (None, 25_000, 2_000):
            if scale is not None:
                if not len(_drawn(image)):
                    break
                bbox = _at_scale(_centre_of_drawing(image, bbox), scale)
                image = _render(demo_server, layer, style, bbox)
            if not len(_drawn(image)):
                blank.append(
                    f"{layer}/{style} at {'city' if scale is None else f'1:{scale}'}"
                )
            elif scale is not None and style in styles:
                assert _legend_titles(styles, style, scale), (layer, style, scale)
    assert blank == []


@pytest.mark.parametrize("scale", [150_000, 25_000, 2_000])
def test_the_legend_at_a_scale_lists_the_rules_drawn_there(demo_server, scale):
    response = streetlight_legend(demo_server, SCALE=scale)
    assert response.status_code == 200
    legend = Image.open(io.BytesIO(response.content))
    # three statuses, each once: the city-scale marks share their street titles
    assert legend.height == 3 * (20 + 4)


def test_a_scale_that_is_not_a_number_is_an_ogc_exception(demo_server):
    response = streetlight_legend(demo_server, SCALE="besar")
    assert response.status_code == 400
    assert 'code="InvalidParameterValue"' in response.text
    assert "SCALE harus angka lebih dari 0" in response.text
