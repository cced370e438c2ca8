"""Legend graphics: every rule's symbol drawn by Mapnik from the SLD, with its title.

Each symbol is a tiny Mapnik map over an inline GeoJSON feature shaped like the
layer (a point, a line, a square), styled by that one rule, so a legend shows
exactly what the map draws. Rasters show their ColorMap as a ramp. Titles are
set with Pillow in the DejaVu font Mapnik ships.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from gis.mapnik_env import mapnik
from gis.mapnik_style import style_xml
from gis.sld import PointSymbolizer, RasterSymbolizer, Rule, Style, TextSymbolizer

FONT_PATH = Path(mapnik.__file__).parent / "lib" / "mapnik" / "fonts" / "DejaVuSans.ttf"
ROW_GAP = 4
TEXT_GAP = 6
FONT_SIZE = 12


def _shape(geometry_type: str, width: int, height: int) -> dict:
    if geometry_type == "point":
        return {"type": "Point", "coordinates": [width / 2, height / 2]}
    if geometry_type == "line":
        return {
            "type": "LineString",
            "coordinates": [[1, height / 2], [width - 1, height / 2]],
        }
    return {
        "type": "Polygon",
        "coordinates": [
            [[2, 2], [width - 2, 2], [width - 2, height - 2], [2, height - 2], [2, 2]]
        ],
    }


def _values_for(rule: Rule, style: Style) -> dict[str, object]:
    """Properties a feature needs to pass ``rule``'s filter and show a label."""
    values: dict[str, object] = dict.fromkeys(style.properties, "Abc")
    node = rule.filter
    stack = [node] if node else []
    while stack:
        current = stack.pop()
        stack.extend(current.children)
        if current.property and current.op in ("=", ">=", "<="):
            raw = current.values[0]
            try:
                values[current.property] = float(raw) if "." in raw else int(raw)
            except ValueError:
                values[current.property] = raw
        elif current.property and current.op == "between":
            values[current.property] = float(current.values[0])
    return values


def symbol(
    style: Style, rule: Rule, geometry_type: str, width: int = 20, height: int = 20
) -> Image.Image:
    """``rule``'s symbol on a transparent ``width × height`` image."""
    if any(isinstance(s, RasterSymbolizer) for s in rule.symbolizers):
        return _ramp(rule, width * 4, height)
    biggest = max(
        (s.size + 2 for s in rule.symbolizers if isinstance(s, PointSymbolizer)),
        default=0,
    )
    width, height = max(width, int(biggest)), max(height, int(biggest))
    drawable = replace(
        rule,
        min_scale=None,
        max_scale=None,
        filter=None,
        else_filter=False,
        symbolizers=tuple(
            s for s in rule.symbolizers if not isinstance(s, TextSymbolizer)
        )
        or rule.symbolizers,
    )
    feature = {
        "type": "Feature",
        "geometry": _shape(geometry_type, width, height),
        "properties": _values_for(rule, style),
    }
    xml = (
        f'<Map srs="+proj=eqc +units=m" background-color="transparent">'
        f"{style_xml(style, geometry_type, 'legend', (drawable,))}"
        '<Layer name="legend" srs="+proj=eqc +units=m">'
        "<StyleName>legend</StyleName><Datasource>"
        '<Parameter name="type">geojson</Parameter>'
        f'<Parameter name="inline">{escape(json.dumps(feature))}</Parameter>'
        "</Datasource></Layer></Map>"
    )
    m = mapnik.Map(width, height)
    mapnik.load_map_from_string(m, xml)
    m.zoom_to_box(mapnik.Box2d(0, 0, width, height))
    image = mapnik.Image(width, height)
    mapnik.render(m, image)
    return Image.open(io.BytesIO(image.to_string("png32"))).convert("RGBA")


def _ramp(rule: Rule, width: int, height: int) -> Image.Image:
    raster = next(s for s in rule.symbolizers if isinstance(s, RasterSymbolizer))
    entries = raster.entries
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x in range(width):
        position = entries[0].quantity + (
            entries[-1].quantity - entries[0].quantity
        ) * x / (width - 1)
        upper = next(
            (i for i, e in enumerate(entries) if e.quantity >= position),
            len(entries) - 1,
        )
        lower = max(upper - 1, 0)
        a, b = entries[lower], entries[upper]
        t = (
            0.0
            if b.quantity == a.quantity
            else (position - a.quantity) / (b.quantity - a.quantity)
        )
        colours = [
            int(int(a.color[i : i + 2], 16) * (1 - t) + int(b.color[i : i + 2], 16) * t)
            for i in (1, 3, 5)
        ]
        alpha = int(255 * (a.opacity * (1 - t) + b.opacity * t) * raster.opacity)
        draw.line([(x, 0), (x, height - 1)], fill=(*colours, alpha))
    return image


def _empty_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 255, 255, 0)).save(out, "PNG")
    return out.getvalue()


def legend_png(
    style: Style,
    geometry_type: str,
    rule_name: str | None = None,
    width: int = 20,
    height: int = 20,
    scale: float | None = None,
) -> bytes:
    """The legend of ``style`` (or only its rule ``rule_name``) as PNG bytes.

    With ``scale`` (a scale denominator) only the rules drawn at that scale are
    listed. A title appears once: a rule restating another at a different scale
    (the small marks of a city-wide view) is the same entry for a reader.
    """
    if rule_name is not None:
        rules = [r for r in style.rules if r.name == rule_name]
    else:
        rules, titles = [], set()
        for rule in style.rules:
            title = rule.title or rule.name
            if title in titles or (scale is not None and not rule.applies_at(scale)):
                continue
            titles.add(title)
            rules.append(rule)
        if not rules:
            return _empty_png(width, height)
    symbols = [symbol(style, r, geometry_type, width, height) for r in rules]
    if rule_name is not None:
        out = io.BytesIO()
        symbols[0].save(out, "PNG")
        return out.getvalue()
    font = ImageFont.truetype(str(FONT_PATH), FONT_SIZE)
    text_width = max(int(font.getlength(r.title or r.name)) for r in rules)
    row = max(height, FONT_SIZE + 4)
    canvas = Image.new(
        "RGBA",
        (
            max(s.width for s in symbols) + TEXT_GAP + text_width + 2,
            len(rules) * (row + ROW_GAP),
        ),
        (255, 255, 255, 0),
    )
    draw = ImageDraw.Draw(canvas)
    for index, (rule, image) in enumerate(zip(rules, symbols)):
        top = index * (row + ROW_GAP)
        canvas.alpha_composite(image, (0, top + (row - image.height) // 2))
        draw.text(
            (image.width + TEXT_GAP, top + (row - FONT_SIZE) // 2 - 1),
            rule.title or rule.name,
            font=font,
            fill=(34, 34, 34, 255),
        )
    out = io.BytesIO()
    canvas.save(out, "PNG")
    return out.getvalue()
