"""Reading request parameters, once for every surface.

Each reader takes the request's arguments (``request.args`` or any mapping, such
as WMS's upper-cased names), returns a typed value and raises the shared error
(:class:`gis.errors.InvalidParameter` or the subclass the caller names, so WMS
gets its OGC code) with the parameter as ``field``. Blank counts as absent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time

from gis.errors import InvalidParameter, MissingParameter, require_choice
from gis.i18n import bilingual
from gis.timeutil import WITA, in_supported_range, parse_interval

Args = Mapping[str, str]
BBox = tuple[float, float, float, float]
WHOLE = re.compile(r"[+-]?[0-9]+")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


def text(
    args: Args,
    name: str,
    *,
    required: bool = False,
    default: str | None = None,
    error: type[InvalidParameter] = MissingParameter,
) -> str | None:
    """The argument stripped of blanks; ``default`` when absent, unless
    ``required``."""
    value = (args.get(name) or "").strip()
    if not value:
        if required:
            raise error(
                bilingual("Parameter {name} is required", name=name), field=name
            )
        return default
    return value


def integer(
    args: Args,
    name: str,
    *,
    low: int,
    high: int,
    default: int | None = None,
    error: type[InvalidParameter] = InvalidParameter,
) -> int:
    """A whole number from ``low`` to ``high``; required when there is no
    ``default``."""
    raw = text(args, name, required=default is None)
    if raw is None:
        return default  # type: ignore[return-value]
    if not WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
        raise error(
            bilingual(
                "{name} must be a whole number from {low} to {high}",
                name=name,
                low=low,
                high=high,
            ),
            field=name,
        )
    return int(raw)


def positive_number(
    args: Args, name: str, *, error: type[InvalidParameter] = InvalidParameter
) -> float | None:
    """An optional finite number above zero (a scale denominator, say)."""
    raw = text(args, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise error(
            bilingual(
                "{name} must be a number above 0: {value!r}", name=name, value=raw
            ),
            field=name,
        )
    return value


def bbox(
    args: Args,
    name: str,
    *,
    required: bool = False,
    strict: bool = False,
    error: type[InvalidParameter] = InvalidParameter,
) -> BBox | None:
    """``minx,miny,maxx,maxy`` as four finite numbers, min not above max (below
    it when ``strict``: an empty box draws nothing); a 3D box keeps its
    horizontal part."""
    raw = text(args, name, required=required)
    if raw is None:
        return None
    try:
        values = [float(v) for v in raw.split(",")]
    except ValueError:
        values = []
    if len(values) == 6:
        values = [values[0], values[1], values[3], values[4]]
    if len(values) != 4 or not all(map(math.isfinite, values)):
        raise error(
            bilingual(
                "{name} must be four numbers minx,miny,maxx,maxy: {value!r}",
                name=name,
                value=raw,
            ),
            field=name,
        )
    minx, miny, maxx, maxy = values
    if minx > maxx or miny > maxy or (strict and (minx == maxx or miny == maxy)):
        raise error(
            bilingual("{name} is empty: min must be smaller than max", name=name),
            field=name,
        )
    return minx, miny, maxx, maxy


def interval(
    args: Args,
    name: str,
    message: str,
    *,
    error: type[InvalidParameter] = InvalidParameter,
) -> tuple[datetime | None, datetime | None] | None:
    """An ISO 8601 time or interval (:func:`gis.timeutil.parse_interval`);
    ``message`` (translated) says what the surface accepts."""
    raw = text(args, name)
    if raw is None:
        return None
    try:
        return parse_interval(raw)
    except ValueError:
        raise error(message, field=name) from None


def moment(args: Args, name: str) -> datetime | None:
    """A W3C datetime that names its timezone, within 1900–2999."""
    raw = text(args, name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidParameter(
            bilingual(
                "{name} must be a W3C datetime such as 2026-11-01T00:00:00+08:00",
                name=name,
            ),
            field=name,
        ) from None
    if value.tzinfo is None:
        raise InvalidParameter(
            bilingual("{name} must include a timezone (Z or +08:00)", name=name),
            field=name,
        )
    try:
        return in_supported_range(value)
    except ValueError:
        raise InvalidParameter(
            bilingual("{name} must lie between 1900 and 2999", name=name), field=name
        ) from None


def wita_day(args: Args, name: str) -> datetime | None:
    """A date ``YYYY-MM-DD`` read as its first instant in Kupang (00:00 WITA)."""
    raw = text(args, name)
    if raw is None:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidParameter(
            bilingual("{name} must be a date such as 2026-11-01", name=name),
            field=name,
        ) from None
    return in_supported_range(datetime.combine(day, time(0), WITA))


def choice(
    args: Args,
    name: str,
    options: Sequence[str],
    *,
    default: str | None = None,
    error: type[InvalidParameter] = InvalidParameter,
) -> str | None:
    """One of ``options`` (exactly as written); ``default`` when absent."""
    raw = text(args, name)
    if raw is None:
        return default
    return require_choice(raw, options, name=name, error=error)


def boolean(args: Args, name: str, *, default: bool = False) -> bool:
    """``true``/``false`` (also ``1``/``0``, ``yes``/``no``, any case)."""
    raw = text(args, name)
    if raw is None:
        return default
    if raw.lower() in TRUE:
        return True
    if raw.lower() in FALSE:
        return False
    raise InvalidParameter(
        bilingual("{name} must be true or false: {value!r}", name=name, value=raw),
        field=name,
    )


def listed(args: Mapping[str, object], name: str) -> tuple[str, ...]:
    """A comma-separated (or repeated) argument, blanks dropped."""
    getlist = getattr(args, "getlist", None)
    raws = getlist(name) if getlist else [args.get(name) or ""]
    return tuple(v.strip() for raw in raws for v in str(raw).split(",") if v.strip())


#: the drill-down parameters every list of complaints takes (the command room
#: links to ``/laporan`` and ``/staf`` with them) → :class:`DrillDown` field
DRILL_DOWN = {
    "kelurahan": "kelurahan",
    "kategori": "category",
    "kelompok": "group",
    "status": "status",
    "opd": "opd",
}
DRILL_DOWN_FLAGS = {"terlambat": "overdue", "merah": "red"}


def drill_down(args: Args) -> dict[str, object]:
    """The drill-down parameters of ``args`` as :class:`layers.drilldown.DrillDown`
    fields (``sejak`` a WITA day)."""
    return {
        **{field: text(args, name) for name, field in DRILL_DOWN.items()},
        **{field: boolean(args, name) for name, field in DRILL_DOWN_FLAGS.items()},
        "since": wita_day(args, "sejak"),
    }
