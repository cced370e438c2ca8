"""Pictures with words on them: points, marks, place names and a legend drawn
onto a rendered map, for outputs that are images rather than interactive maps
(the morning brief's PDF)."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from gis.legend import FONT_PATH

#: half the Web Mercator world's width in metres
HALF_WORLD = 20_037_508.34


def pixel(
    lon: float, lat: float, size: tuple[int, int], bbox: tuple[float, ...]
) -> tuple[float, float]:
    """Where (lon, lat) falls on a map of ``bbox`` (EPSG:3857) ``size`` pixels big."""
    x = lon * HALF_WORLD / 180
    y = math.log(math.tan((90 + lat) * math.pi / 360)) * 6_378_137.0
    minx, miny, maxx, maxy = bbox
    return (
        (x - minx) / (maxx - minx) * size[0],
        (maxy - y) / (maxy - miny) * size[1],
    )


def annotate(
    png: bytes,
    bbox: tuple[float, ...],
    labels: list[tuple[float, float, str]],
    legend: list[tuple[str, str, str]],
    dots: list[tuple[float, float, str]] = (),
    marks: list[tuple[float, float, str]] = (),
) -> bytes:
    """The map with dots, triangle marks, place names and a legend drawn on:
    ``legend`` rows are (shape, colour, text) with shape box, dot or mark."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_PATH), 17)
    bold = ImageFont.truetype(str(FONT_PATH.with_name("DejaVuSans-Bold.ttf")), 19)
    for lon, lat, colour in dots:
        x, y = pixel(lon, lat, image.size, bbox)
        draw.ellipse((x - 3.5, y - 3.5, x + 3.5, y + 3.5), fill=colour)
    for lon, lat, colour in marks:
        x, y = pixel(lon, lat, image.size, bbox)
        draw.polygon(
            [(x, y - 11), (x - 10, y + 7), (x + 10, y + 7)],
            fill=colour,
            outline="white",
        )
    for lon, lat, text in labels:
        x, y = pixel(lon, lat, image.size, bbox)
        draw.text(
            (x, y - 16),
            text,
            font=bold,
            fill="#222222",
            anchor="ms",
            stroke_width=3,
            stroke_fill="white",
        )
    if legend:
        row = 26
        width = 44 + max(int(font.getlength(t)) for _, _, t in legend)
        top = image.size[1] - 12 - row * len(legend) - 10
        draw.rectangle(
            (10, top, 10 + width + 12, image.size[1] - 10),
            fill=(255, 255, 255, 235),
            outline="#888888",
        )
        for i, (shape, colour, text) in enumerate(legend):
            y = top + 8 + i * row
            if shape == "box":
                draw.rectangle((20, y + 3, 42, y + 17), fill=colour, outline="#555555")
            elif shape == "dot":
                draw.ellipse((25, y + 4, 37, y + 16), fill=colour)
            else:
                draw.polygon([(31, y + 1), (21, y + 18), (41, y + 18)], fill=colour)
            draw.text((50, y + 1), text, font=font, fill="#222222")
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()
