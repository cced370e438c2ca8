"""The catalogue every publisher reads: WMS, OGC API – Features, vector tiles,
feeds, GetFeatureInfo, Folium maps, the viewer and the brief.

It is built from the layers each module declares once: base layers
(:mod:`layers.boundaries`, :mod:`layers.roads`, :mod:`layers.streetlights`,
:mod:`layers.transit`, :mod:`layers.complaints`, :mod:`layers.red_flags`, the
city's :mod:`layers.city.accidents` and :mod:`layers.city.results`), then,
for every active complaint category, the per-category red flags and the analysis
result layers (:mod:`layers.analysis.results`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from gis.features import bounding_boxes, time_range
from gis.i18n import current_language
from gis.layer import Layer, at_time
from gis.timeutil import wita_today
from layers import boundaries, complaints, red_flags, roads, streetlights, transit
from layers.analysis import results
from layers.categories import active_categories, service_list
from layers.city import accidents, waste
from layers.city import results as city_results
from layers.groups import GROUPS
from layers.status import STATES
from layers.status import label as state_label

#: the layers that exist whatever the categories, in capabilities order
BASE_LAYERS: tuple[Layer, ...] = (
    boundaries.KOTA,
    boundaries.KECAMATAN,
    boundaries.KELURAHAN,
    roads.LAYER,
    streetlights.LAYER,
    transit.ROUTES,
    transit.STOPS,
    complaints.LAYER,
    red_flags.RED_FLAGS,
    accidents.LAYER,
    *city_results.LAYERS,
    waste.ROUTES_LAYER,
    waste.POINTS_LAYER,
    waste.COVERAGE_LAYER,
)
#: what the map viewer shows over its basemap (kelurahan, roads and their
#: names) before anyone picks a layer
SHOWN_AT_START = ("complaints",)
#: templates made once per active category (see :func:`for_category`)
PER_CATEGORY: tuple[Layer, ...] = (
    red_flags.RED_FLAGS_BY_CATEGORY,
    *results.VECTOR_RESULTS,
    results.DENSITY,
)


def for_category(
    template: Layer, code: str, name: str, raster_path: str | None = None
) -> Layer:
    """``template`` for the complaint category ``code`` (called ``name``):
    ``{code}`` in its SQL and ``{category}`` in its title filled in."""
    return replace(
        template,
        name=f"{template.name}_{code}",
        sql=template.sql.format(code=code),
        category=code,
        title_values=(("category", name),),
        raster_path=raster_path,
    )


def layer_templates(conn: sa.Connection) -> dict[str, Layer]:
    """Every published layer, by name, in capabilities order, its SQL still
    reading ``:now`` where it depends on the clock (see :meth:`Layer.at`)."""
    layers = {layer.name: layer for layer in BASE_LAYERS}
    rasters = dict(
        conn.execute(
            sa.text("SELECT category_code, path FROM latest_density_rasters")
        ).all()
    )
    for code, name in active_categories(conn):
        for template in PER_CATEGORY:
            layer = for_category(
                template,
                code,
                name,
                rasters.get(code) if template.kind == "raster" else None,
            )
            layers[layer.name] = layer
    return layers


def service_extent(
    conn: sa.Connection,
) -> tuple[dict[str, tuple[float, ...]], tuple[date, date] | None]:
    """What the whole service covers: bounding boxes of the city boundary in
    EPSG:4326, 3857 and 32751, and the WITA days from the first complaint to the
    day after the last (``None`` before any complaint)."""
    boxes = bounding_boxes(conn, boundaries.KOTA, (4326, 3857, 32751))
    span = time_range(conn, complaints.LAYER)
    if span is None:
        return boxes, None
    return boxes, (wita_today(span[0]), wita_today(span[1]) + timedelta(days=1))


def coded_values(conn: sa.Connection) -> dict[str, dict[str, str]]:
    """The words a click panel shows for coded attribute values, by column:
    state labels, kelurahan and category names, OPD short names (in the current
    language)."""
    names = {
        "status": {state.value: state_label(state) for state in STATES},
        "kelurahan_kode": dict(
            conn.execute(sa.text("SELECT kode, nama FROM kelurahan")).all()
        ),
        "opd_code": dict(
            conn.execute(sa.text("SELECT code, short_name FROM opd")).all()
        ),
        "category_code": {
            row.code: row.name_en if current_language.get() == "en" else row.name_id
            for row in service_list(conn)
        },
    }
    return names


def published_layers(conn: sa.Connection, now: datetime) -> dict[str, Layer]:
    """Every published layer as of ``now``, by name, in capabilities order."""
    return at_time(layer_templates(conn), now)


__all__ = [
    "BASE_LAYERS",
    "GROUPS",
    "PER_CATEGORY",
    "SHOWN_AT_START",
    "Layer",
    "at_time",
    "coded_values",
    "for_category",
    "layer_templates",
    "published_layers",
    "service_extent",
]
