"""Pixel check of one SLD rule against the running WMS (used by test_wms.py).

For a rule we find (or, for analysis classes and flags the small demo lacks, plant)
a feature the rule selects, render its layer around it at a scale inside the rule's
range, and look for the rule's colour where the feature is.
"""

from __future__ import annotations

import io
import math
from datetime import timedelta

import sqlalchemy as sa
from flask.testing import FlaskClient
from PIL import Image

from gis.config import Settings
from gis.db import get_engine
from gis.render import AGGREGATE_PROPERTY
from gis.sld import (
    LineSymbolizer,
    PointSymbolizer,
    PolygonSymbolizer,
    RasterSymbolizer,
    Rule,
    Style,
    TextSymbolizer,
)
from gis.style_sql import rule_sql
from layers.catalogue import published_layers
from layers.complaints import create_complaint
from tests.conftest import NOW

CATEGORY = "kebersihan"
EARTH = 6378137.0
#: analysis result tables behind the per-category layers, and their keys
PLANT = {
    "lisa": ("kelurahan_stats", "kelurahan_kode"),
    "gi": ("kelurahan_stats", "kelurahan_kode"),
    "hex": ("hex_hotspots", "hex_id"),
    "emerging": ("emerging_hex", "hex_id"),
}


#: the waste layer's stored verdicts and the words its styles match
WASTE_VERDICT_WORDS = {
    "schedule_problem": "masalah jadwal",
    "many_reports": "banyak laporan",
    "few_reports": "sedikit laporan",
}


def _colour(rule: Rule) -> tuple[int, int, int]:
    symbolizer = rule.symbolizers[0]
    if (
        isinstance(symbolizer, (PointSymbolizer, PolygonSymbolizer))
        and symbolizer.fill is not None
    ):
        hex_colour = symbolizer.fill.color
    elif isinstance(symbolizer, (PolygonSymbolizer, LineSymbolizer)):
        hex_colour = symbolizer.stroke.color
    elif isinstance(symbolizer, TextSymbolizer):
        hex_colour = symbolizer.fill.color
    else:
        raise TypeError(symbolizer)
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _layer_for(conn, style: Style):
    layers = [
        layer
        for layer in published_layers(conn, NOW).values()
        if style.name in layer.styles
    ]
    for wanted in (CATEGORY, None):
        for layer in layers:
            if layer.category == wanted:
                return layer
    return layers[0]


def _scale(style: Style, rule: Rule) -> float:
    """A scale where ``rule`` draws and, unless it is a label, no label covers it."""
    low, high = rule.min_scale or 0.0, rule.max_scale or math.inf
    if isinstance(rule.symbolizers[0], TextSymbolizer):
        return high / 2 if high < math.inf else 8000.0  # whole feature in view
    labels = [r for r in style.rules if isinstance(r.symbolizers[0], TextSymbolizer)]
    candidates = [
        s
        for s in (1500.0, 8000.0, 30000.0, 100000.0, low * 1.5, (low + high) / 2)
        if low <= s < high
    ]
    clear = [s for s in candidates if not any(r.applies_at(s) for r in labels)]
    return (clear or candidates)[0]


def _anchor(geometry_type: str, rule: Rule) -> str:
    """Where the rule's colour shows: on a line, on an outline, inside a fill."""
    outline = (
        isinstance(rule.symbolizers[0], PolygonSymbolizer)
        and rule.symbolizers[0].fill is None
    )
    if geometry_type == "line" or outline:
        line = (
            "ST_GeometryN(d.geom, 1)"
            if geometry_type == "line"
            else "ST_ExteriorRing(ST_GeometryN(d.geom, 1))"
        )
        return f"ST_LineInterpolatePoint({line}, 0.5)"
    return "d.geom" if geometry_type == "point" else "ST_PointOnSurface(d.geom)"


def _find(conn, layer, style, rule):
    anchor = _anchor(layer.kind, rule)
    # a label is tested on the smallest polygon, so all of it is in view
    order = (
        "ST_Area(d.geom), 1, 2"
        if layer.kind == "polygon" and isinstance(rule.symbolizers[0], TextSymbolizer)
        else "1, 2"
    )
    return conn.execute(
        sa.text(
            f"SELECT ST_X({anchor}), ST_Y({anchor}) FROM ({layer.sql}) AS d"
            f" WHERE {rule_sql(style, rule)} ORDER BY {order} LIMIT 1"
        )
    ).one_or_none()


def _plant(conn, layer, rule) -> None:
    """Give the rule a feature: rewrite one analysis row, or add complaints whose
    age makes the wanted red-flag colour."""
    prefix = layer.name.rsplit(f"_{CATEGORY}", 1)[0]
    if prefix.startswith("red_flags"):
        age = {"red": 9.0, "amber": 6.0, "green": 1.0}[rule.filter.values[0]]
        spot = {
            "red": (123.5700, -10.1650),
            "amber": (123.6250, -10.1650),
            "green": (123.5700, -10.2050),
        }[rule.filter.values[0]]
        # the kelurahan's other unhandled reports of the category are closed, so
        # the planted one alone decides the flag
        conn.execute(
            sa.text(
                "UPDATE complaints SET status = 'selesai', resolved_at = reported_at"
                " WHERE category_code = :category AND kelurahan_kode ="
                " sigap_kelurahan_at(ST_SetSRID(ST_MakePoint(:x, :y), 4326))"
                " AND status IN ('baru', 'diverifikasi', 'didisposisikan')"
            ),
            {"category": CATEGORY, "x": spot[0], "y": spot[1]},
        )
        create_complaint(
            conn,
            category_code=CATEGORY,
            lon=spot[0],
            lat=spot[1],
            reported_at=NOW - timedelta(days=age),
        )
        return
    if prefix == "waste_points":
        # the verdict a rule draws, stored for one point (replacing its own)
        stored = {v: k for k, v in WASTE_VERDICT_WORDS.items()}[rule.filter.values[0]]
        conn.execute(
            sa.text(
                "INSERT INTO waste_schedule_checks (point_id, reports,"
                " off_day_reports, expected_off_share, verdict, window_start,"
                " window_end) SELECT min(id), 9, 9, 0.7, :verdict, :now, :now FROM"
                " waste_points ON CONFLICT (point_id) DO UPDATE SET verdict ="
                " excluded.verdict"
            ),
            {"verdict": stored, "now": NOW},
        )
        return
    table, key = PLANT[prefix]
    column, value = rule.filter.property, rule.filter.values[0]
    typed = int(value) if value.lstrip("-").isdigit() else value
    conn.execute(
        sa.text(
            f"UPDATE {table} SET {column} = :value WHERE run_id = (SELECT max(run_id)"
            f" FROM {table}) AND category_code = :category AND {key} = (SELECT {key}"
            f" FROM {table} WHERE run_id = (SELECT max(run_id) FROM {table}) AND"
            f" category_code = :category AND {column} IS DISTINCT FROM :value"
            f" ORDER BY {key}"
            " LIMIT 1)"
        ),
        {"value": typed, "category": CATEGORY},
    )


def _bbox(lon: float, lat: float, scale: float, pixels: int) -> str:
    metres = scale * 0.00028 * pixels / 2 / math.cos(math.radians(lat))
    x = math.radians(lon) * EARTH
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH
    return f"{x - metres},{y - metres},{x + metres},{y + metres}"


def _render(client, layer, style, bbox, size, time=None) -> Image.Image:
    params = {
        "SERVICE": "WMS",
        "VERSION": "1.3.0",
        "REQUEST": "GetMap",
        "LAYERS": layer.name,
        "STYLES": style.name,
        "CRS": "EPSG:3857",
        "BBOX": bbox,
        "WIDTH": size,
        "HEIGHT": size,
        "FORMAT": "image/png",
        "TRANSPARENT": "TRUE",
    }
    if time:
        params["TIME"] = time
    response = client.get("/wms", query_string=params)
    assert response.status_code == 200, response.text[:300]
    return Image.open(io.BytesIO(response.data)).convert("RGBA")


def _has(image: Image.Image, colour, box=None, tolerance=36) -> bool:
    left, top, right, bottom = box or (0, 0, image.width, image.height)
    for x in range(max(left, 0), min(right, image.width)):
        for y in range(max(top, 0), min(bottom, image.height)):
            pixel = image.getpixel((x, y))
            if pixel[3] > 40 and all(
                abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour)
            ):
                return True
    return False


def check_rule(
    client: FlaskClient, settings: Settings, style: Style, rule: Rule
) -> None:
    engine = get_engine(settings)
    with engine.begin() as conn:
        layer = _layer_for(conn, style)
        city = conn.execute(
            sa.text("SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM kota")
        ).one()
    if any(isinstance(s, RasterSymbolizer) for s in rule.symbolizers):
        assert layer.raster_path, "the demo analysis wrote no density raster"
        image = _render(client, layer, style, _bbox(*city, 60000, 256), 256)
        raster = rule.symbolizers[0]
        colours = [
            tuple(int(e.color[i : i + 2], 16) for i in (1, 3, 5))
            for e in raster.entries
            if e.opacity > 0
        ]
        assert any(_has(image, c, tolerance=60) for c in colours)
        return
    if AGGREGATE_PROPERTY in rule.properties:
        scale = _scale(style, rule)
        windows = [None, "2026-10-01/2026-10-31", "2026-10-20/2026-10-22", "2026-10-30"]
        found = any(
            _has(
                _render(client, layer, style, _bbox(*city, scale * f, 256), 256, time),
                _colour(rule),
                tolerance=20,
            )
            for time in windows
            for f in (1, 4)
        )
        assert found, f"no {rule.name} cluster in any window"
        return
    with engine.begin() as conn:
        spot = _find(conn, layer, style, rule)
        if spot is None:
            _plant(conn, layer, rule)
            spot = _find(conn, layer, style, rule)
    assert spot is not None, f"no feature for {style.name}:{rule.name}"
    scale = _scale(style, rule)
    text = isinstance(rule.symbolizers[0], TextSymbolizer)
    size = 256 if text else 64
    image = _render(client, layer, style, _bbox(*spot, scale, size), size)
    window = (
        None if text else (size // 2 - 6, size // 2 - 6, size // 2 + 7, size // 2 + 7)
    )
    assert _has(image, _colour(rule), window), (
        f"{style.name}:{rule.name} colour {_colour(rule)} not at {spot}"
    )
