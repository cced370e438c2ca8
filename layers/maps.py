"""SIGAP's Folium maps: which layers, styles and columns each map kind shows.

:func:`build` picks them from the catalogue (:mod:`layers.catalogue`);
:mod:`gis.maps` draws them. ``sigap map`` writes one to a file, ``/maps/{kind}.html``
serves it.
"""

from __future__ import annotations

import folium
import sqlalchemy as sa

from gis.errors import InvalidParameter
from gis.i18n import N_, _, bilingual
from gis.layer import Layer
from gis.maps import PointCluster, add_point_cluster, add_styled_layer, finish, new_map
from gis.sld import Style
from gis.timeutil import parse_interval

KINDS = ("complaints", "red_flags", "lisa", "gi", "hex", "emerging", "networks")
#: the centre of Kota Kupang (lat, lon)
KUPANG = (-10.18, 123.60)
#: the background of every map without web tiles, and its tooltip
CONTEXT = "kelurahan"
CONTEXT_TOOLTIP = ("nama", N_("Kelurahan"))
#: the networks map, drawn in this order; streetlights start hidden (thousands)
NETWORK_LAYERS = ("roads", "transit_routes", "streetlights", "transit_stops")
HIDDEN_AT_START = ("streetlights",)


def _complaints(
    conn: sa.Connection,
    target: folium.Map,
    layers: dict[str, Layer],
    styles: dict[str, Style],
    since: str | None,
) -> list[tuple[str, str]]:
    """Complaints: clustered markers in their status colours, a heat layer."""
    where = "TRUE"
    if since is not None:
        try:
            start = parse_interval(since)[0]
        except ValueError:
            raise InvalidParameter(
                bilingual("since must be a date or datetime (ISO 8601)")
            ) from None
        where = f"reported_at >= '{start.isoformat()}'::timestamptz"
    cluster = PointCluster(
        layer=layers["complaints"],
        style=styles["complaints_status"],
        title=N_("Complaints"),
        heat_title=N_("Complaint density"),
        heading="ticket",
        lines=(
            (None, "category"),
            (N_("Status"), "status"),
            (N_("Reported"), "reported_at"),
        ),
        where=where,
    )
    return add_point_cluster(conn, target, cluster)


def build(
    conn: sa.Connection,
    kind: str,
    layers: dict[str, Layer],
    styles: dict[str, Style],
    *,
    category: str | None = None,
    basemap: str = "none",
    since: str | None = None,
) -> folium.Map:
    """The map ``kind`` (see :data:`KINDS`) over the catalogue ``layers``."""
    if kind not in KINDS:
        raise InvalidParameter(
            bilingual("map must be one of {values}", values=", ".join(KINDS))
        )
    target = new_map(conn, KUPANG, layers[CONTEXT], CONTEXT_TOOLTIP, basemap)
    if kind == "complaints":
        legend = _complaints(conn, target, layers, styles, since)
        title = _("Complaints", "id")
    elif kind == "networks":
        legend = []
        for name in NETWORK_LAYERS:
            layer = layers[name]
            legend += add_styled_layer(
                conn,
                target,
                layer,
                styles[layer.styles[0]],
                show=name not in HIDDEN_AT_START,
            )
        title = _("City networks", "id")
    else:
        name = kind if category is None else f"{kind}_{category}"
        if kind != "red_flags" and category is None:
            raise InvalidParameter(
                bilingual("The {kind} map needs --category", kind=kind)
            )
        if name not in layers:
            raise InvalidParameter(bilingual("Unknown category {code}", code=category))
        layer = layers[name]
        legend = add_styled_layer(conn, target, layer, styles[layer.styles[0]])
        title = layer.title_in("id")
    return finish(target, legend, title)
