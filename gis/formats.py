"""Numbers, shares, durations and times as a reader of the current language expects
them: Indonesian ``18.768``, ``19,7 hari``, ``87%``, ``1 Nov 2026 08.00 WITA``;
English ``18,768``, ``19.7 days``. CLDR rules through Babel; times always in WITA.

The same helpers are Jinja filters (:func:`install`), so pages, the morning brief
and GetFeatureInfo format alike.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache

import jinja2
from babel import dates, numbers

from gis.i18n import _, bilingual, current_language
from gis.timeutil import WITA

#: Babel (CLDR) locale of each SIGAP language
LOCALES = {"id": "id_ID", "en": "en_GB"}
#: what a missing number or time shows
MISSING = "–"
_ISO_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)"
)


def locale_of(language: str | None = None) -> str:
    """The CLDR locale of ``language`` (default: the current one)."""
    return LOCALES.get(language or current_language.get(), LOCALES["id"])


def format_number(
    value: float | int | Decimal | None,
    digits: int | None = None,
    language: str | None = None,
) -> str:
    """``18.768``; with ``digits`` exactly that many decimals (``19,7``)."""
    if value is None:
        return MISSING
    pattern = (
        None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    )
    return numbers.format_decimal(value, format=pattern, locale=locale_of(language))


def format_percent(share: float | None, language: str | None = None) -> str:
    """A share of one as a whole percentage: ``0.87`` → ``87%``."""
    if share is None:
        return MISSING
    return numbers.format_percent(share, locale=locale_of(language))


def format_days(value: float | None, language: str | None = None) -> str:
    """A duration in days with one decimal: ``19,7 hari``."""
    if value is None:
        return MISSING
    return _("{n} days", language, n=format_number(value, 1, language))


def format_hours(value: float | None, language: str | None = None) -> str:
    """A duration in hours with one decimal: ``6,5 jam``."""
    if value is None:
        return MISSING
    return _("{n} h", language, n=format_number(value, 1, language))


def format_datetime(moment: datetime | None, language: str | None = None) -> str:
    """``1 Nov 2026 08.00 WITA`` (the instant in WITA, whatever its zone)."""
    if moment is None:
        return MISSING
    local = moment.astimezone(WITA)
    locale = locale_of(language)
    day = dates.format_date(local, "medium", locale=locale)
    return f"{day} {dates.format_time(local, 'short', locale=locale)} WITA"


def format_date(day: date | datetime | None, language: str | None = None) -> str:
    """``1 November 2026`` (a datetime is taken in WITA)."""
    if day is None:
        return MISSING
    if isinstance(day, datetime):
        day = day.astimezone(WITA).date()
    return dates.format_date(day, "long", locale=locale_of(language))


def format_value(value: object, language: str | None = None) -> str:
    """Any attribute value for a table cell: numbers and instants (also ISO 8601
    text with an offset, as PostGIS writes them into GeoJSON) formatted, the rest
    as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | Decimal):
        return format_number(value, language=language)
    if isinstance(value, datetime):
        return format_datetime(value, language)
    if isinstance(value, str) and _ISO_INSTANT.fullmatch(value):
        return format_datetime(
            datetime.fromisoformat(value.replace("Z", "+00:00")), language
        )
    return str(value)


def install(environment: jinja2.Environment) -> jinja2.Environment:
    """Give ``environment`` the catalogue (``_``, ``bilingual``) and the formats as
    filters: ``number``, ``percent``, ``days``, ``hours``, ``datetime``, ``date``,
    ``value``."""
    environment.globals.update(_=_, bilingual=bilingual)
    environment.filters.update(
        number=format_number,
        percent=format_percent,
        days=format_days,
        hours=format_hours,
        datetime=format_datetime,
        date=format_date,
        value=format_value,
    )
    return environment


@cache
def templates(package: str) -> jinja2.Environment:
    """The Jinja templates in ``<package>/templates`` (HTML autoescaped), with the
    catalogue and the formats installed: for pages written outside a web request."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(package),
        autoescape=jinja2.select_autoescape(),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return install(environment)
