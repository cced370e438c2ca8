"""WMS GetCapabilities documents (1.3.0 and 1.1.1): service metadata, the layer tree
of :mod:`layers.catalogue` with bounding boxes in every CRS, the TIME dimension of
the complaints and a legend URL per style.

Titles and abstracts are in one language: the ``LANGUAGE`` parameter picks it as
the INSPIRE view-service guidance has it (ISO 639-2/B ``ind``/``eng``; SIGAP also
reads ``id``/``en`` and tags such as ``en-GB``, and OWS 2.0's ``AcceptLanguages``
list), an unsupported or missing one gets Indonesian, the default language, and the
response says which in ``Content-Language``. Per-category layers are titled and
nested by the category's name in that language, never its code."""

from __future__ import annotations

from dataclasses import replace
from xml.sax.saxutils import escape, quoteattr

from flask import url_for

from api.db import get_connection
from gis.i18n import _
from gis.layer import Layer
from gis.render import FORMATS
from gis.sld import Style
from layers.catalogue import GROUPS, service_extent
from layers.categories import service_list

INFO_FORMATS = ("text/html", "application/json", "text/plain")
#: what a ``LANGUAGE`` value may say, lower case → SIGAP's language
LANGUAGE_CODES = {"id": "id", "ind": "id", "in": "id", "en": "en", "eng": "en"}
DEFAULT_LANGUAGE = "id"


def response_language(params: dict[str, str]) -> str:
    """``id`` or ``en``: the first supported language ``LANGUAGE`` (or
    ``AcceptLanguages``) names, else the default."""
    asked = params.get("LANGUAGE") or params.get("ACCEPTLANGUAGES") or ""
    for item in asked.replace(" ", ",").split(","):
        primary = item.strip().lower().replace("_", "-").split("-")[0]
        if primary in LANGUAGE_CODES:
            return LANGUAGE_CODES[primary]
    return DEFAULT_LANGUAGE


def _style_title(title: str, language: str) -> str:
    """The part of an SLD title ``Indonesian / English`` in ``language``."""
    parts = title.split(" / ")
    if len(parts) != 2:
        return title
    return parts[0] if language == "id" else parts[1]


def in_language(style: Style, language: str) -> Style:
    """``style`` with its own and its rules' ``Indonesian / English`` titles
    cut to ``language`` (a legend asked for with ``LANGUAGE``)."""
    return replace(
        style,
        title=_style_title(style.title, language),
        rules=tuple(
            replace(rule, title=_style_title(rule.title, language))
            for rule in style.rules
        ),
    )


def capabilities(
    layers: dict[str, Layer],
    known_styles: dict[str, Style],
    version: str,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """The capabilities document of ``version`` for ``layers`` styled by
    ``known_styles``, its titles and abstracts in ``language``."""
    conn = get_connection()
    boxes, days = service_extent(conn)
    names = {
        row.code: row.name_id if language == "id" else row.name_en
        for row in service_list(conn)
    }

    def title_of(layer: Layer) -> str:
        if layer.category in names:
            return _(layer.title, language, category=names[layer.category])
        return layer.title_in(language)

    extent = (days[0].isoformat(), days[1].isoformat()) if days else None
    base = url_for("wms.endpoint", _external=True) + "?"
    href = f'xlink:type="simple" xlink:href={quoteattr(base)}'
    crs_tag = "CRS" if version == "1.3.0" else "SRS"
    crs_list = ("EPSG:4326", "EPSG:3857", "EPSG:32751", "CRS:84")
    lon = boxes["EPSG:4326"]

    def box_xml() -> str:
        parts = []
        if version == "1.3.0":
            parts.append(
                "<EX_GeographicBoundingBox>"
                f"<westBoundLongitude>{lon[0]}</westBoundLongitude>"
                f"<eastBoundLongitude>{lon[2]}</eastBoundLongitude>"
                f"<southBoundLatitude>{lon[1]}</southBoundLatitude>"
                f"<northBoundLatitude>{lon[3]}</northBoundLatitude>"
                "</EX_GeographicBoundingBox>"
            )
            parts.append(
                f'<BoundingBox CRS="CRS:84" minx="{lon[0]}" miny="{lon[1]}"'
                f' maxx="{lon[2]}" maxy="{lon[3]}"/>'
            )
            parts.append(
                f'<BoundingBox CRS="EPSG:4326" minx="{lon[1]}"'
                f' miny="{lon[0]}" maxx="{lon[3]}" maxy="{lon[2]}"/>'
            )
        else:
            parts.append(
                f'<LatLonBoundingBox minx="{lon[0]}" miny="{lon[1]}"'
                f' maxx="{lon[2]}" maxy="{lon[3]}"/>'
            )
            parts.append(
                f'<BoundingBox SRS="EPSG:4326" minx="{lon[0]}"'
                f' miny="{lon[1]}" maxx="{lon[2]}" maxy="{lon[3]}"/>'
            )
        for code in ("EPSG:3857", "EPSG:32751"):
            b = boxes[code]
            parts.append(
                f'<BoundingBox {crs_tag}="{code}" minx="{b[0]}"'
                f' miny="{b[1]}" maxx="{b[2]}" maxy="{b[3]}"/>'
            )
        return "".join(parts)

    def layer_xml(layer: Layer) -> str:
        title = title_of(layer)
        dimension = ""
        if layer.time_field and extent:
            values = f"{extent[0]}/{extent[1]}/P1D"
            if version == "1.3.0":
                dimension = (
                    f'<Dimension name="time" units="ISO8601"'
                    f' default="{extent[0]}/{extent[1]}" nearestValue="0">'
                    f"{values}</Dimension>"
                )
            else:
                dimension = (
                    '<Dimension name="time" units="ISO8601"/>'
                    f'<Extent name="time" default="{extent[0]}/{extent[1]}"'
                    f' nearestValue="0">{values}</Extent>'
                )
        styles = []
        for name in layer.styles:
            style = known_styles[name]
            legend = (
                base + f"SERVICE=WMS&amp;VERSION={version}&amp;REQUEST="
                f"GetLegendGraphic&amp;FORMAT=image/png&amp;LAYER={layer.name}"
                f"&amp;STYLE={name}"
            )
            if version == "1.3.0":
                legend += "&amp;SLD_VERSION=1.1.0"
            styles.append(
                f"<Style><Name>{name}</Name>"
                f"<Title>{escape(_style_title(style.title, language))}</Title>"
                f"<Abstract>{escape(style.abstract)}</Abstract>"
                '<LegendURL width="20" height="20"><Format>image/png</Format>'
                f'<OnlineResource xlink:type="simple" xlink:href="{legend}"/>'
                "</LegendURL></Style>"
            )
        return (
            f'<Layer queryable="{int(layer.queryable)}" opaque="0">'
            f"<Name>{layer.name}</Name><Title>{escape(title)}</Title>"
            f"<Abstract>{escape(_(layer.abstract, language))}</Abstract>"
            f"{''.join(f'<{crs_tag}>{c}</{crs_tag}>' for c in crs_list)}"
            f"{box_xml()}{dimension}{''.join(styles)}</Layer>"
        )

    groups = []
    for group, title in GROUPS.items():
        members = [layer for layer in layers.values() if layer.group == group]
        if not members:
            continue
        inner = []
        categories = {m.category for m in members if m.category}
        for category in sorted(categories, key=lambda c: names.get(c, c)):
            nested = [m for m in members if m.category == category]
            inner.append(
                f"<Layer><Title>{escape(names.get(category, category))}</Title>"
                + "".join(layer_xml(m) for m in nested)
                + "</Layer>"
            )
        inner = [layer_xml(m) for m in members if not m.category] + inner
        groups.append(
            f"<Layer><Title>{escape(_(title, language))}</Title>{''.join(inner)}"
            "</Layer>"
        )

    formats = "".join(f"<Format>{escape(f)}</Format>" for f in FORMATS)
    info = "".join(f"<Format>{f}</Format>" for f in INFO_FORMATS)
    dcp = f"<DCPType><HTTP><Get><OnlineResource {href}/></Get></HTTP></DCPType>"
    cap_format = "text/xml" if version == "1.3.0" else "application/vnd.ogc.wms_xml"
    exceptions = (
        "<Format>XML</Format><Format>INIMAGE</Format><Format>BLANK</Format>"
        if version == "1.3.0"
        else "<Format>application/vnd.ogc.se_xml</Format>"
        "<Format>application/vnd.ogc.se_inimage</Format>"
        "<Format>application/vnd.ogc.se_blank</Format>"
    )
    sld = "sld:" if version == "1.3.0" else ""
    requests = (
        f"<GetCapabilities><Format>{cap_format}</Format>{dcp}</GetCapabilities>"
        f"<GetMap>{formats}{dcp}</GetMap>"
        f"<GetFeatureInfo>{info}{dcp}</GetFeatureInfo>"
        f"<{sld}GetLegendGraphic><Format>image/png</Format>{dcp}"
        f"</{sld}GetLegendGraphic>"
        f"<{sld}GetStyles><Format>application/vnd.ogc.sld+xml</Format>{dcp}"
        f"</{sld}GetStyles>"
    )
    abstract = _(
        "Geospatial complaint and oversight system of Kota Kupang: complaints, city"
        " networks and analysis results.",
        language,
    )
    service_xml = (
        "<Service><Name>WMS</Name><Title>SIGAP Kota Kupang</Title>"
        f"<Abstract>{escape(abstract)}</Abstract>"
        "<KeywordList><Keyword>Kupang</Keyword><Keyword>aduan</Keyword>"
        "<Keyword>complaints</Keyword><Keyword>SIGAP</Keyword></KeywordList>"
        f"<OnlineResource {href}/>"
        "<ContactInformation><ContactPersonPrimary><ContactPerson>Command Center"
        "</ContactPerson><ContactOrganization>Pemerintah Kota Kupang"
        "</ContactOrganization></ContactPersonPrimary></ContactInformation>"
        "<Fees>none</Fees><AccessConstraints>none</AccessConstraints>"
        + (
            "<LayerLimit>16</LayerLimit><MaxWidth>4096</MaxWidth>"
            "<MaxHeight>4096</MaxHeight>"
            if version == "1.3.0"
            else ""
        )
        + "</Service>"
    )
    root_layer = (
        f"<Layer><Title>SIGAP Kota Kupang</Title>"
        f"{''.join(f'<{crs_tag}>{c}</{crs_tag}>' for c in crs_list)}"
        f"{box_xml()}{''.join(groups)}</Layer>"
    )
    body = (
        f"<Capability><Request>{requests}</Request><Exception>{exceptions}"
        f"</Exception>{root_layer}</Capability>"
    )
    if version == "1.3.0":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms"'
            ' xmlns:sld="http://www.opengis.net/sld"'
            ' xmlns:xlink="http://www.w3.org/1999/xlink"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://www.opengis.net/wms'
            " http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd"
            " http://www.opengis.net/sld"
            ' http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd">'
            f"{service_xml}{body}</WMS_Capabilities>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!DOCTYPE WMT_MS_Capabilities SYSTEM"
        ' "http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd">'
        '<WMT_MS_Capabilities version="1.1.1"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink">'
        f"{service_xml}{body}</WMT_MS_Capabilities>"
    )
