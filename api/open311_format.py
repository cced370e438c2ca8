"""Open311's two formats: the spec's schemaless XML (required) and JSON by the
Spark convention (lists without a root), and W3C datetimes with the WITA offset."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree

from flask import Response, json

from gis.timeutil import to_wita

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
#: child element of each list, by the list's element name (the spec's XML)
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "photos": "photo",
    "history": "event",
}


def w3c(moment: datetime | None) -> str | None:
    """``2026-11-29T10:15:30+08:00`` (WITA), as the spec requires a timezone."""
    return None if moment is None else to_wita(moment).isoformat(timespec="seconds")


def _xml_value(parent: ElementTree.Element, name: str, value: object) -> None:
    node = ElementTree.SubElement(parent, name)
    if isinstance(value, dict):
        for key, inner in value.items():
            _xml_value(node, key, inner)
    elif isinstance(value, list):
        for inner in value:
            _xml_value(node, ITEM_TAGS.get(name, "item"), inner)
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        node.text = str(value)


def to_xml(root: str, body: object) -> bytes:
    """The spec's schemaless XML for ``body`` (a list or a dict) under ``root``."""
    element = ElementTree.Element(root)
    items = body if isinstance(body, list) else None
    if items is None:
        for key, value in body.items():
            _xml_value(element, key, value)
    else:
        for item in items:
            _xml_value(element, ITEM_TAGS[root], item)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(element, encoding="unicode").encode()
    )


def respond(fmt: str, root: str, body: object, status: int = 200) -> Response:
    """``body`` as XML (under ``root``) or JSON (the Spark convention: no root)."""
    if fmt == "json":
        payload = json.dumps(body, ensure_ascii=False).encode()
    else:
        payload = to_xml(root, body)
    return Response(payload, status=status, content_type=FORMATS[fmt])
