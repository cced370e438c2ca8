"""Standalone Folium maps that open without internet.

Every vector map is drawn from the layer's SLD style (one Folium layer per rule,
in the rule's colour, with the rule's title in the legend), so it looks like the
WMS. Which layers, styles and columns a map shows is the caller's choice
(:mod:`layers.maps`); this module only draws them. Leaflet and its plugins come
from ``api/static/vendor`` (copied from npm), never from a CDN: a written map
references them next to itself (``sigap-assets/``), the server references
``/static/vendor/``. ``basemap="none"`` draws a context layer (the caller's
boundaries) instead of web tiles.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import folium
import sqlalchemy as sa
from folium.plugins import HeatMap, MarkerCluster

from gis.errors import InvalidParameter
from gis.features import ItemQuery, items
from gis.formats import format_value
from gis.i18n import _, bilingual
from gis.layer import Layer
from gis.render import aggregate_rules
from gis.sld import (
    LineSymbolizer,
    PointSymbolizer,
    PolygonSymbolizer,
    Rule,
    Style,
)
from gis.style_sql import rule_sql

VENDOR = Path(__file__).resolve().parent.parent / "api" / "static" / "vendor"
ASSET_FOLDER = "sigap-assets"
#: Folium's asset names → files in VENDOR; anything else Folium asks for is dropped
ASSETS = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "markerclusterjs": "leaflet.markercluster/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/MarkerCluster.Default.css",
    "leaflet-heat.js": "leaflet.heat/leaflet-heat.js",
}
MAX_FEATURES = 50_000
BASEMAPS = ("none", "osm")


def _colour(rule: Rule) -> tuple[str, str, float]:
    """(fill, stroke, fill opacity) of a rule's first symbolizer."""
    symbolizer = rule.symbolizers[0]
    if isinstance(symbolizer, PolygonSymbolizer):
        fill = symbolizer.fill.color if symbolizer.fill else "#000000"
        stroke = symbolizer.stroke.color if symbolizer.stroke else fill
        return fill, stroke, symbolizer.fill.opacity if symbolizer.fill else 0.0
    if isinstance(symbolizer, LineSymbolizer):
        return symbolizer.stroke.color, symbolizer.stroke.color, 0.0
    if isinstance(symbolizer, PointSymbolizer):
        fill = symbolizer.fill.color if symbolizer.fill else "#000000"
        return fill, symbolizer.stroke.color if symbolizer.stroke else fill, 0.9
    return "#444444", "#444444", 1.0


def _drawing_rules(style: Style) -> list[Rule]:
    """Rules that draw features (labels and grid aggregates are WMS matters)."""
    single, _grouped = aggregate_rules(style)
    return [
        r
        for r in single
        if isinstance(
            r.symbolizers[0], (PointSymbolizer, LineSymbolizer, PolygonSymbolizer)
        )
    ]


def _features(
    conn: sa.Connection, layer: Layer, where: str, limit: int = MAX_FEATURES
) -> dict:
    page = items(conn, layer.filtered(where), ItemQuery(limit=limit))
    return {"type": "FeatureCollection", "features": json.loads(f"[{page.features}]")}


def _popup_fields(layer: Layer) -> tuple[list[str], list[str]]:
    return (
        [column for column, _label in layer.columns],
        [_(label, "id") for _column, label in layer.columns],
    )


def add_styled_layer(
    conn: sa.Connection,
    target: folium.Map,
    layer: Layer,
    style: Style,
    show: bool = True,
) -> list[tuple[str, str]]:
    """One Folium feature group per rule of ``style``; returns the legend entries."""
    legend = []
    fields, aliases = _popup_fields(layer)
    for rule in _drawing_rules(style):
        collection = _features(conn, layer, rule_sql(style, rule))
        if not collection["features"]:
            continue
        fill, stroke, opacity = _colour(rule)
        name = f"{layer.title_in('id')}: {rule.title.split(' / ')[0]}"
        group = folium.FeatureGroup(name=name, show=show)
        popup = folium.GeoJsonPopup(fields=fields, aliases=aliases) if fields else None
        if layer.kind == "point":
            marker = folium.CircleMarker(
                radius=5,
                fill=True,
                fill_color=fill,
                color=stroke,
                weight=1,
                fill_opacity=opacity,
            )
            folium.GeoJson(collection, marker=marker, popup=popup).add_to(group)
        else:
            weight = (
                rule.symbolizers[0].stroke.width
                if isinstance(rule.symbolizers[0], LineSymbolizer)
                else 1
            )
            style = {
                "fillColor": fill,
                "color": stroke,
                "weight": weight,
                "fillOpacity": opacity,
            }
            folium.GeoJson(
                collection,
                popup=popup,
                style_function=lambda _f, style=style: style,
            ).add_to(group)
        group.add_to(target)
        legend.append((fill if opacity else stroke, rule.title))
    return legend


def _legend(entries: Iterable[tuple[str, str]], title: str) -> folium.Element:
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;'
        f'background:{colour};margin-right:6px;border:1px solid #666"></span>'
        f"{html.escape(label)}</div>"
        for colour, label in entries
    )
    return folium.Element(
        '<div style="position:fixed;bottom:24px;left:12px;z-index:9999;'
        "background:white;padding:8px 10px;border:1px solid #999;border-radius:4px;"
        f'font:12px sans-serif;max-width:320px"><b>{html.escape(title)}</b>'
        f"{rows}</div>"
    )


@dataclass(frozen=True, kw_only=True)
class PointCluster:
    """Points drawn as clustered markers with a heat layer beside them.

    Each marker takes the colour of the rule of ``style`` whose filter value equals
    the feature's value of that filter's property; its popup shows ``heading`` in
    bold, then one line per ``(label msgid or None, column)`` of ``lines``.
    """

    layer: Layer
    style: Style
    title: str
    heat_title: str
    heading: str
    lines: tuple[tuple[str | None, str], ...]
    where: str = "TRUE"


def new_map(
    conn: sa.Connection,
    centre: tuple[float, float],
    context: Layer,
    tooltip: tuple[str, str],
    basemap: str,
) -> folium.Map:
    """A map around ``centre`` (lat, lon); with ``basemap="none"`` the polygons of
    ``context`` (labelled by the ``(column, title msgid)`` of ``tooltip``) are the
    only background, no web tiles."""
    if basemap not in BASEMAPS:
        raise InvalidParameter(
            bilingual("basemap must be one of {values}", values=", ".join(BASEMAPS))
        )
    target = folium.Map(
        location=centre,
        zoom_start=13,
        tiles="OpenStreetMap" if basemap == "osm" else None,
        control_scale=True,
    )
    folium.GeoJson(
        _features(conn, context, "TRUE"),
        name=context.title_in("id"),
        style_function=lambda _f: {
            "fillColor": "#f5f1e8",
            "color": "#8c8c8c",
            "weight": 0.8,
            "fillOpacity": 0.3,
        },
        tooltip=folium.GeoJsonTooltip(
            fields=[tooltip[0]], aliases=[_(tooltip[1], "id")]
        ),
    ).add_to(target)
    return target


def _popup(props: dict, cluster: PointCluster) -> str:
    lines = [f"<b>{html.escape(format_value(props[cluster.heading], 'id'))}</b>"]
    for label, column in cluster.lines:
        value = html.escape(format_value(props[column], "id"))
        lines.append(f"{_(label, 'id')}: {value}" if label else value)
    return "<br>".join(lines)


def add_point_cluster(
    conn: sa.Connection, target: folium.Map, cluster: PointCluster
) -> list[tuple[str, str]]:
    """Draw ``cluster`` on ``target``; returns the legend entries of its style."""
    collection = _features(conn, cluster.layer, cluster.where)
    rules = _drawing_rules(cluster.style)
    colours = {rule.filter.values[0]: _colour(rule)[0] for rule in rules}
    colour_of = rules[0].filter.property
    markers = MarkerCluster(name=_(cluster.title, "id")).add_to(target)
    heat = []
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        props = feature["properties"]
        heat.append((lat, lon))
        folium.CircleMarker(
            (lat, lon),
            radius=6,
            fill=True,
            weight=1,
            color="#ffffff",
            fill_color=colours.get(props[colour_of], "#666666"),
            fill_opacity=0.9,
            popup=folium.Popup(_popup(props, cluster), max_width=260),
        ).add_to(markers)
    HeatMap(heat, name=_(cluster.heat_title, "id"), radius=14, show=False).add_to(
        target
    )
    return [(_colour(r)[0], r.title) for r in rules]


def finish(target: folium.Map, legend: list[tuple[str, str]], title: str) -> folium.Map:
    """Add the layer switcher, the legend box and the page title ``title``."""
    folium.LayerControl(collapsed=False).add_to(target)
    target.get_root().html.add_child(_legend(legend, title))
    target.get_root().title = f"SIGAP — {title}"
    return target


def _elements(element) -> Iterable:
    yield element
    for child in element._children.values():
        yield from _elements(child)


def localise_assets(target: folium.Map, base_url: str) -> None:
    """Point every script and stylesheet Folium would load at ``base_url``
    (``…/vendor`` copies); assets the maps do not need (jQuery, Bootstrap,
    awesome-markers) are dropped."""
    for element in _elements(target):
        for attribute in ("default_js", "default_css"):
            wanted = getattr(element, attribute, None)
            if wanted is None:
                continue
            setattr(
                element,
                attribute,
                [
                    (name, f"{base_url.rstrip('/')}/{ASSETS[name]}")
                    for name, _url in wanted
                    if name in ASSETS
                ],
            )


def render_html(target: folium.Map, base_url: str) -> str:
    """The map as one HTML page loading its assets from ``base_url``."""
    localise_assets(target, base_url)
    return target.get_root().render()


def write_map(target: folium.Map, path: Path) -> Path:
    """Write ``target`` to ``path`` with its assets in ``sigap-assets/`` beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(VENDOR, path.parent / ASSET_FOLDER, dirs_exist_ok=True)
    path.write_text(render_html(target, ASSET_FOLDER), encoding="utf-8")
    return path
