"""Reading WMS request parameters: names are case-insensitive (the caller
upper-cases them), every bad value raises the :mod:`gis.errors` subclass that
carries its OGC code, with the parameter as locator, and EPSG:4326 bounding boxes
are turned into x/y order for 1.3.0. The readers themselves are :mod:`api.params`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api import params as shared
from api.db import now
from gis.errors import (
    InvalidCRS,
    InvalidDimensionValue,
    InvalidParameter,
    require_choice,
)
from gis.i18n import bilingual
from gis.layer import Layer
from gis.render import SRS
from gis.timeutil import parse_interval

VERSIONS = ("1.3.0", "1.1.1")
MAX_SIZE = 4096


def param(
    params: dict[str, str],
    name: str,
    required: bool = False,
    default: str | None = None,
) -> str | None:
    return shared.text(params, name, required=required, default=default)


def version_of(params: dict[str, str]) -> str:
    asked = params.get("VERSION") or params.get("WMTVER")
    if asked is None:
        return "1.3.0"
    if asked not in VERSIONS:
        if params.get("REQUEST", "").lower() == "getcapabilities":
            # version negotiation: the highest we support below the asked one
            return "1.1.1" if asked < "1.3.0" else "1.3.0"
        raise InvalidParameter(
            bilingual(
                "WMS version {version} is not supported ({supported})",
                version=asked,
                supported=", ".join(VERSIONS),
            ),
            field="version",
        )
    return asked


def bbox_of(
    params: dict[str, str], version: str, crs: str
) -> tuple[float, float, float, float]:
    values = shared.bbox(params, "BBOX", required=True, strict=True)
    if version == "1.3.0" and crs == "EPSG:4326":
        values = (values[1], values[0], values[3], values[2])  # lat,lon → x,y
    return values  # type: ignore[return-value]


def crs_of(params: dict[str, str], version: str) -> str:
    key = "CRS" if version == "1.3.0" else "SRS"
    raw = param(params, key, required=True).upper()
    if raw == "EPSG:900913":  # an old alias, accepted but not advertised
        return raw
    supported = [s for s in SRS if s != "EPSG:900913"]
    return require_choice(raw, supported, name=key, error=InvalidCRS, field=key.lower())


def time_window(
    params: dict[str, str], layers: list[Layer]
) -> tuple[datetime, datetime] | None:
    raw = param(params, "TIME")
    if raw is None or not any(layer.time_field for layer in layers):
        return None
    try:
        if raw.lower() == "current":
            moment = now()
            return moment - timedelta(days=1), moment
        start, end = parse_interval(raw)
        return (
            start or datetime(1970, 1, 1, tzinfo=UTC),
            end or datetime(9999, 1, 1, tzinfo=UTC),
        )
    except ValueError:
        pass
    raise InvalidDimensionValue(
        bilingual(
            "Invalid TIME value {value!r}: use a date, a datetime, start/end or"
            " start/end/period (ISO 8601)",
            value=raw,
        ),
        field="time",
    )
