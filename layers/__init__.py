"""One definition per PostGIS layer, and the registry publishers look layers up in."""

from __future__ import annotations

from gis.errors import LayerNotFound
from gis.i18n import bilingual
from gis.layer import Field, Layer
from layers import (  # noqa: F401  (tables on the metadata)
    accounts,
    audit,
    boundaries,
    calendar,
    categories,
    citizen,
    complaints,
    opd,
    outbox,
    roads,
    routing,
    sessions,
    streetlights,
    templates,
    tickets,
    transit,
)
from layers.ai import tables as ai_tables  # noqa: F401  (metadata)
from layers.analysis import tables as analysis_tables  # noqa: F401  (metadata)
from layers.city import accidents as city_accidents
from layers.city import tables as city_tables  # noqa: F401  (metadata)
from layers.city import waste as city_waste

LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (
        boundaries.KOTA,
        boundaries.KECAMATAN,
        boundaries.KELURAHAN,
        opd.LAYER,
        categories.LAYER,
        complaints.LAYER,
        roads.LAYER,
        streetlights.LAYER,
        transit.ROUTES,
        transit.STOPS,
        city_accidents.LAYER,
        city_waste.ROUTES_LAYER,
        city_waste.POINTS_LAYER,
    )
}


def get_layer(name: str) -> Layer:
    """The layer called ``name``; :class:`LayerNotFound` names the known ones."""
    try:
        return LAYERS[name]
    except KeyError:
        raise LayerNotFound(
            bilingual(
                "Unknown layer {name}; known layers: {known}",
                name=name,
                known=", ".join(sorted(LAYERS)),
            )
        ) from None


__all__ = ["LAYERS", "Field", "Layer", "get_layer"]
