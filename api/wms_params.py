"""Reading WMS request parameters: names are case-insensitive, every bad value
becomes a :class:`ServiceException` with its OGC code and the parameter as locator,
and EPSG:4326 bounding boxes are turned into x/y order for 1.3.0."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from api.db import now
from gis.i18n import bilingual
from gis.layer import Layer
from gis.render import SRS
from gis.timeutil import parse_interval

VERSIONS = ("1.3.0", "1.1.1")
MAX_SIZE = 4096


class ServiceException(Exception):
    """An OGC service exception: ``code`` is one of the WMS exception codes."""

    def __init__(
        self, message: str, code: str | None = None, locator: str | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.code, self.locator = message, code, locator


def param(
    params: dict[str, str],
    name: str,
    required: bool = False,
    default: str | None = None,
) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ServiceException(
                bilingual("Parameter {name} is required", name=name),
                "MissingParameterValue",
                name.lower(),
            )
        return default
    return value


def integer(
    params: dict[str, str],
    name: str,
    low: int,
    high: int,
    default: int | None = None,
    code: str = "InvalidParameterValue",
) -> int:
    raw = param(params, name, required=default is None)
    if raw is None:
        return default  # type: ignore[return-value]
    try:
        value = int(raw)
    except ValueError:
        raise ServiceException(
            bilingual("{name} must be an integer: {value!r}", name=name, value=raw),
            code,
            name.lower(),
        ) from None
    if not low <= value <= high:
        raise ServiceException(
            bilingual(
                "{name} must be between {low} and {high}: {value}",
                name=name,
                low=low,
                high=high,
                value=value,
            ),
            code,
            name.lower(),
        )
    return value


def positive_number(params: dict[str, str], name: str) -> float | None:
    """An optional finite number above zero (a scale denominator, say)."""
    raw = param(params, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        raise ServiceException(
            bilingual(
                "{name} must be a number above 0: {value!r}", name=name, value=raw
            ),
            "InvalidParameterValue",
            name.lower(),
        )
    return value


def version_of(params: dict[str, str]) -> str:
    asked = params.get("VERSION") or params.get("WMTVER")
    if asked is None:
        return "1.3.0"
    if asked not in VERSIONS:
        if params.get("REQUEST", "").lower() == "getcapabilities":
            # version negotiation: the highest we support below the asked one
            return "1.1.1" if asked < "1.3.0" else "1.3.0"
        raise ServiceException(
            bilingual(
                "WMS version {version} is not supported ({supported})",
                version=asked,
                supported=", ".join(VERSIONS),
            ),
            "InvalidParameterValue",
            "version",
        )
    return asked


def bbox_of(
    params: dict[str, str], version: str, crs: str
) -> tuple[float, float, float, float]:
    raw = param(params, "BBOX", required=True)
    try:
        values = [float(v) for v in raw.split(",")]
    except ValueError:
        values = []
    if len(values) != 4 or any(
        v != v or v in (float("inf"), float("-inf")) for v in values
    ):
        raise ServiceException(
            bilingual(
                "BBOX must be four numbers minx,miny,maxx,maxy: {value!r}", value=raw
            ),
            "InvalidParameterValue",
            "bbox",
        )
    if version == "1.3.0" and crs == "EPSG:4326":
        values = [values[1], values[0], values[3], values[2]]  # lat,lon → x,y
    minx, miny, maxx, maxy = values
    if minx >= maxx or miny >= maxy:
        raise ServiceException(
            bilingual("BBOX is empty: min must be smaller than max"),
            "InvalidParameterValue",
            "bbox",
        )
    return minx, miny, maxx, maxy


def crs_of(params: dict[str, str], version: str) -> str:
    key, code = ("CRS", "InvalidCRS") if version == "1.3.0" else ("SRS", "InvalidSRS")
    raw = param(params, key, required=True).upper()
    if raw not in SRS:
        raise ServiceException(
            bilingual(
                "{key} {value} is not supported; use {supported}",
                key=key,
                value=raw,
                supported=", ".join(s for s in SRS if s != "EPSG:900913"),
            ),
            code,
            key.lower(),
        )
    return raw


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
    raise ServiceException(
        bilingual(
            "Invalid TIME value {value!r}: use a date, a datetime, start/end or"
            " start/end/period (ISO 8601)",
            value=raw,
        ),
        "InvalidDimensionValue",
        "time",
    )
