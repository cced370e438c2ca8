"""The WMS over HTTP, read by owslib and GDAL the way planners' QGIS reads it."""

from __future__ import annotations

import io
import json
import math
from xml.etree import ElementTree

import pytest
import rasterio
import requests
from flask.testing import FlaskClient
from owslib.wms import WebMapService
from PIL import Image
from werkzeug.test import TestResponse

from gis.db import get_engine
from gis.sld import read_styles
from layers.complaints import create_complaint
from tests.api.conftest import SPOT  # noqa: E402  (where ``known`` put its complaint)
from tests.conftest import NOW

RED = (0xD7, 0x19, 0x1C)
EARTH = 6378137.0


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return (
        math.radians(lon) * EARTH,
        math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH,
    )


def _get(client: FlaskClient, **params) -> TestResponse:
    return client.get("/wms", query_string={"SERVICE": "WMS", **params})


def _map(client: FlaskClient, **params) -> TestResponse:
    """A WMS 1.3.0 GetMap with default styles, transparent unless told."""
    defaults = {"VERSION": "1.3.0", "REQUEST": "GetMap", "STYLES": ""}
    return _get(client, **{**defaults, "TRANSPARENT": "TRUE", **params})


def _info(client: FlaskClient, **params) -> TestResponse:
    """A WMS 1.3.0 GetFeatureInfo on the complaints, answered as GeoJSON."""
    defaults = {"VERSION": "1.3.0", "REQUEST": "GetFeatureInfo", "STYLES": ""}
    complaints = {"LAYERS": "complaints", "QUERY_LAYERS": "complaints"}
    geojson = {"INFO_FORMAT": "application/json"}
    return _get(client, **{**defaults, **complaints, **geojson, **params})


def _around(point, metres: float = 28.0, crs: str = "EPSG:3857", version="1.3.0"):
    """BBOX ±metres around ``point`` in ``crs`` (axis order of ``version``)."""
    lon, lat = point
    if crs == "EPSG:3857":
        x, y = _mercator(lon, lat)
        scale = 1 / math.cos(math.radians(lat))  # mercator metres per metre
        d = metres * scale
        return f"{x - d},{y - d},{x + d},{y + d}"
    d_lat = metres / 110_574
    d_lon = metres / (111_320 * math.cos(math.radians(lat)))
    if version == "1.3.0":
        return f"{lat - d_lat},{lon - d_lon},{lat + d_lat},{lon + d_lon}"
    return f"{lon - d_lon},{lat - d_lat},{lon + d_lon},{lat + d_lat}"


def _image(response: TestResponse) -> Image.Image:
    assert response.status_code == 200, response.text[:500]
    return Image.open(io.BytesIO(response.data)).convert("RGBA")


def _near(colour, target, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], target))


def test_owslib_reads_both_versions_with_every_layer_and_crs(demo_server):
    for version in ("1.3.0", "1.1.1"):
        wms = WebMapService(demo_server + "/wms", version=version)
        names = set(wms.contents)
        assert {
            "kota",
            "kecamatan",
            "kelurahan",
            "roads",
            "streetlights",
            "transit_routes",
            "transit_stops",
            "complaints",
            "red_flags",
            "lisa_kebersihan",
            "gi_kebersihan",
            "hex_kebersihan",
            "emerging_kebersihan",
            "density_kebersihan",
            "red_flags_kebersihan",
        } <= names
        for name in names:
            layer = wms[name]
            assert layer.title and layer.boundingBoxWGS84
            assert {"EPSG:4326", "EPSG:3857", "EPSG:32751"} <= set(layer.crsOptions)
            assert all(style.get("legend") for style in layer.styles.values())
        assert wms["complaints"].queryable == 1
        assert wms["density_kebersihan"].queryable == 0
        complaints = wms["complaints"]
        times = (
            complaints.dimensions["time"]["values"]
            if version == "1.3.0"
            else complaints.timepositions
        )
        assert times[0].endswith("/P1D")
        assert wms["kelurahan"].title == "Kelurahan"
        west, south, east, north = wms["kota"].boundingBoxWGS84
        assert 123.4 < west < east < 123.8 and -10.4 < south < north < -10.0


def test_every_layer_and_style_renders_and_has_a_legend(demo_server):
    wms = WebMapService(demo_server + "/wms", version="1.3.0")
    city = wms["kota"].boundingBoxWGS84
    for name, layer in wms.contents.items():
        for style in layer.styles:
            image = Image.open(
                wms.getmap(
                    layers=[name],
                    styles=[style],
                    srs="EPSG:4326",
                    bbox=city,
                    size=(96, 96),
                    format="image/png",
                    transparent=True,
                )
            )
            assert image.size == (96, 96), name
            legend = requests.get(layer.styles[style]["legend"], timeout=30)
            assert legend.headers["Content-Type"] == "image/png", name
            assert Image.open(io.BytesIO(legend.content)).width >= 20
        if layer.queryable:
            info = wms.getfeatureinfo(
                layers=[name],
                srs="EPSG:4326",
                bbox=city,
                size=(96, 96),
                format="image/png",
                query_layers=[name],
                info_format="application/json",
                xy=(48, 48),
                feature_count=3,
            )
            collection = json.loads(info.read())
            assert collection["type"] == "FeatureCollection", name
            assert all(f["layer"] == name for f in collection["features"])


@pytest.mark.parametrize(
    "fmt",
    [
        "image/png",
        "image/png; mode=8bit",
        "image/png; mode=24bit",
        "image/jpeg",
        "image/webp",
    ],
)
def test_every_format_is_what_it_says(demo_client, fmt):
    response = _map(
        demo_client,
        LAYERS="kelurahan,roads",
        CRS="EPSG:3857",
        BBOX=_around(SPOT, 2000),
        WIDTH=200,
        HEIGHT=150,
        FORMAT=fmt,
    )
    assert response.headers["Content-Type"] == fmt.split(";")[0]
    image = Image.open(io.BytesIO(response.data))
    expected = {
        "image/png": "PNG",
        "image/png; mode=8bit": "PNG",
        "image/png; mode=24bit": "PNG",
        "image/jpeg": "JPEG",
        "image/webp": "WEBP",
    }[fmt]
    assert image.format == expected and image.size == (200, 150)
    modes = {
        "image/png": "RGBA",
        "image/png; mode=8bit": "P",
        "image/png; mode=24bit": "RGB",
    }
    if fmt in modes:
        assert image.mode == modes[fmt]


@pytest.mark.parametrize(
    ("version", "crs"),
    [
        ("1.3.0", "EPSG:3857"),
        ("1.3.0", "EPSG:4326"),
        ("1.1.1", "EPSG:4326"),
        ("1.3.0", "CRS:84"),
    ],
)
def test_a_known_complaint_is_drawn_where_it_is_in_every_axis_order(
    demo_client, known, version, crs
):
    key = "CRS" if version == "1.3.0" else "SRS"
    bbox = _around(
        SPOT,
        28,
        "EPSG:3857" if crs == "EPSG:3857" else "EPSG:4326",
        version if crs == "EPSG:4326" else "1.1.1",
    )
    image = _image(
        _map(
            demo_client,
            VERSION=version,
            LAYERS="complaints",
            **{key: crs},
            BBOX=bbox,
            WIDTH=64,
            HEIGHT=64,
            FORMAT="image/png",
        )
    )
    assert _near(image.getpixel((32, 32)), RED)
    assert image.getpixel((3, 3))[3] == 0  # nothing else near it


def test_time_decides_what_is_drawn(demo_client, known):
    common = {
        "VERSION": "1.3.0",
        "REQUEST": "GetMap",
        "LAYERS": "complaints",
        "STYLES": "",
        "CRS": "EPSG:3857",
        "BBOX": _around(SPOT),
        "WIDTH": 64,
        "HEIGHT": 64,
        "FORMAT": "image/png",
        "TRANSPARENT": "TRUE",
    }
    for time, drawn in (
        ("2026-10-15", True),
        ("2026-10-16", False),
        ("2026-10-01/2026-10-31", True),
        ("2026-09-01/2026-09-30/P1D", False),
        ("2026-10", True),
    ):
        pixel = _image(_get(demo_client, TIME=time, **common)).getpixel((32, 32))
        assert (pixel[3] > 0) == drawn, time


def test_feature_info_returns_the_drawn_complaint_in_three_formats(demo_client, known):
    common = {
        "VERSION": "1.3.0",
        "REQUEST": "GetFeatureInfo",
        "LAYERS": "kelurahan,complaints",
        "QUERY_LAYERS": "complaints",
        "STYLES": "",
        "CRS": "EPSG:3857",
        "BBOX": _around(SPOT),
        "WIDTH": 64,
        "HEIGHT": 64,
        "I": 33,
        "J": 31,
        "FEATURE_COUNT": 5,
    }
    as_json = _get(demo_client, INFO_FORMAT="application/json", **common)
    assert as_json.headers["Content-Type"] == "application/json; charset=utf-8"
    assert ".dat" not in as_json.headers.get("Content-Disposition", "")
    [feature] = as_json.json["features"]
    assert feature["properties"]["ticket"] == known
    assert feature["properties"]["status"] == "baru"
    assert feature["geometry"]["coordinates"] == pytest.approx(list(SPOT), abs=1e-6)
    page = _get(demo_client, INFO_FORMAT="text/html", **common).text
    assert "Tiket" in page and known in page and "Aduan" in page
    text = _get(demo_client, INFO_FORMAT="text/plain", **common).text
    assert f"Tiket = {known}" in text
    corner = _get(
        demo_client, INFO_FORMAT="application/json", **{**common, "I": 2, "J": 2}
    ).json
    assert corner["features"] == []
    old = _get(
        demo_client, INFO_FORMAT="application/json", TIME="2026-09-01", **common
    ).json
    assert old["features"] == []
    v111 = _get(
        demo_client,
        INFO_FORMAT="application/json",
        **{**common, "VERSION": "1.1.1", "SRS": "EPSG:3857", "X": 33, "Y": 31},
    )
    assert [f["properties"]["ticket"] for f in v111.json["features"]] == [known]


def test_city_wide_maps_aggregate_and_street_maps_draw_single_points(
    demo_server, demo_client
):
    wms = WebMapService(demo_server + "/wms", version="1.3.0")
    city = wms["kota"].boundingBoxWGS84
    image = Image.open(
        wms.getmap(
            layers=["complaints"],
            styles=["complaints_status"],
            srs="EPSG:4326",
            bbox=city,
            size=(256, 256),
            format="image/png",
            transparent=True,
        )
    ).convert("RGBA")
    colours = {
        image.getpixel((x, y))[:3]
        for x in range(256)
        for y in range(256)
        if image.getpixel((x, y))[3] > 200
    }
    assert not any(_near(c, RED, 20) for c in colours)
    assert any(
        _near(c, (0x54, 0x27, 0x8F), 20) or _near(c, (0x3F, 0x00, 0x7D), 20)
        for c in colours
    )
    info = _info(
        demo_client,
        CRS="CRS:84",
        BBOX=",".join(map(str, city)),
        WIDTH=256,
        HEIGHT=256,
        I=128,
        J=128,
    ).json
    assert info["features"][0]["properties"]["point_count"] >= 1


def test_gdal_opens_the_service_and_lands_on_the_requested_extent(demo_server):
    bbox = (123.55, -10.20, 123.65, -10.12)
    url = (
        f"WMS:{demo_server}/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap"
        f"&LAYERS=kelurahan&SRS=EPSG:4326&BBOX={','.join(map(str, bbox))}"
    )
    with rasterio.open(url) as dataset:
        assert dataset.crs.to_epsg() == 4326
        left, bottom, right, top = dataset.bounds
        pixel = dataset.res[0]
        assert abs(left - bbox[0]) <= pixel / 2 and abs(right - bbox[2]) <= pixel / 2
        assert abs(top - bbox[3]) <= pixel / 2 and abs(bottom - bbox[1]) <= pixel / 2
        overview = dataset.read(1, out_shape=(256, 320))
        assert overview.max() > 0


def test_get_styles_serves_the_sld_files_unchanged(demo_client, demo_city):
    roads = _get(demo_client, VERSION="1.1.1", REQUEST="GetStyles", LAYERS="roads")
    assert roads.headers["Content-Type"].startswith("application/vnd.ogc.sld+xml")
    path = demo_city.styles_dir / "roads.sld"
    assert roads.data == path.read_bytes()
    both = ElementTree.fromstring(
        _get(
            demo_client, VERSION="1.1.1", REQUEST="GetStyles", LAYERS="complaints"
        ).data
    )
    names = [e.text for e in both.iter("{http://www.opengis.net/sld}Name")]
    assert "complaints_status" in names and "complaints_category" in names


def test_etag_gives_304_until_the_data_changes(demo_client, demo_city):
    params = {
        "VERSION": "1.3.0",
        "REQUEST": "GetMap",
        "LAYERS": "complaints",
        "STYLES": "",
        "CRS": "EPSG:3857",
        "BBOX": _around(SPOT, 300),
        "WIDTH": 128,
        "HEIGHT": 128,
        "FORMAT": "image/png",
    }
    first = _get(demo_client, **params)
    etag = first.headers["ETag"]
    assert "max-age" in first.headers["Cache-Control"]
    assert first.headers["Last-Modified"].endswith("GMT")
    again = demo_client.get(
        "/wms",
        query_string={"SERVICE": "WMS", **params},
        headers={"If-None-Match": etag},
    )
    assert again.status_code == 304
    with get_engine(demo_city).begin() as conn:
        create_complaint(
            conn,
            category_code="drainase",
            lon=SPOT[0] + 0.001,
            lat=SPOT[1],
            reported_at=NOW,
        )
    changed = demo_client.get(
        "/wms",
        query_string={"SERVICE": "WMS", **params},
        headers={"If-None-Match": etag},
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


BASE = {
    "SERVICE": "WMS",
    "VERSION": "1.3.0",
    "REQUEST": "GetMap",
    "LAYERS": "kelurahan",
    "STYLES": "",
    "CRS": "EPSG:4326",
    "BBOX": "-10.2,123.55,-10.1,123.65",
    "WIDTH": "64",
    "HEIGHT": "64",
    "FORMAT": "image/png",
}
BAD = [
    ({"LAYERS": "jalan_tol"}, "LayerNotDefined"),
    ({"STYLES": "neon"}, "StyleNotDefined"),
    ({"LAYERS": "kelurahan,roads", "STYLES": "kelurahan"}, "StyleNotDefined"),
    ({"CRS": "EPSG:27700"}, "InvalidCRS"),
    ({"VERSION": "1.1.1", "CRS": None, "SRS": "EPSG:27700"}, "InvalidSRS"),
    ({"FORMAT": "image/gif"}, "InvalidFormat"),
    ({"BBOX": "1,2,3"}, "InvalidParameterValue"),
    ({"BBOX": "-10.1,123.65,-10.2,123.55"}, "InvalidParameterValue"),
    ({"BBOX": None}, "MissingParameterValue"),
    ({"WIDTH": "99999"}, "InvalidParameterValue"),
    ({"WIDTH": "lebar"}, "InvalidParameterValue"),
    ({"LAYERS": "complaints", "TIME": "kemarin"}, "InvalidDimensionValue"),
    ({"REQUEST": "GetCoverage"}, "OperationNotSupported"),
    (
        {
            "REQUEST": "GetFeatureInfo",
            "QUERY_LAYERS": "kelurahan",
            "I": "70",
            "J": "1",
            "INFO_FORMAT": "text/html",
        },
        "InvalidPoint",
    ),
    (
        {
            "REQUEST": "GetFeatureInfo",
            "QUERY_LAYERS": "density_kebersihan",
            "LAYERS": "density_kebersihan",
            "I": "1",
            "J": "1",
        },
        "LayerNotQueryable",
    ),
    (
        {
            "REQUEST": "GetFeatureInfo",
            "QUERY_LAYERS": "kelurahan",
            "I": "1",
            "J": "1",
            "INFO_FORMAT": "application/vnd.ogc.gml",
        },
        "InvalidFormat",
    ),
    (
        {"REQUEST": "GetLegendGraphic", "LAYER": "kelurahan", "RULE": "x"},
        "InvalidParameterValue",
    ),
    ({"VERSION": "2.0.0"}, "InvalidParameterValue"),
]


@pytest.mark.parametrize(("change", "code"), BAD, ids=[c for _, c in BAD])
def test_bad_requests_get_a_service_exception_with_its_code(demo_client, change, code):
    params = {k: v for k, v in {**BASE, **change}.items() if v is not None}
    response = demo_client.get("/wms", query_string=params)
    assert response.status_code == 400
    root = ElementTree.fromstring(response.data)
    assert root.tag.endswith("ServiceExceptionReport")
    [exception] = [e for e in root if e.tag.endswith("ServiceException")]
    assert exception.get("code") == code
    assert "/" in exception.text  # Indonesian / English


def test_blank_and_inimage_exceptions_are_images(demo_client):
    for kind in ("BLANK", "INIMAGE"):
        response = demo_client.get(
            "/wms",
            query_string={**BASE, "LAYERS": "jalan_tol", "EXCEPTIONS": kind},
        )
        assert response.headers["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(response.data)).size == (64, 64)


def _rules():
    styles = read_styles(
        __import__("pathlib").Path(__file__).resolve().parents[2] / "styles"
    )
    return [(style, rule) for style in styles.values() for rule in style.rules]


@pytest.mark.parametrize(
    ("style", "rule"), _rules(), ids=[f"{s.name}:{r.name}" for s, r in _rules()]
)
def test_every_rule_draws_its_colour(demo_client, demo_city, style, rule):
    """Render a feature that the rule selects at a scale where it applies and find
    the rule's colour in the image (see tests/api/rule_pixels.py)."""
    from tests.api.rule_pixels import check_rule

    check_rule(demo_client, demo_city, style, rule)


def test_feature_info_json_is_valid_geojson(demo_client, known):
    body = _info(
        demo_client,
        CRS="EPSG:3857",
        BBOX=_around(SPOT),
        WIDTH=64,
        HEIGHT=64,
        I=32,
        J=32,
    ).text
    parsed = json.loads(body)
    assert parsed["type"] == "FeatureCollection"
