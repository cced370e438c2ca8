"""Reading a posted HTML form into the values a ``layers`` change function takes.

Each reader takes a field's name and returns its value from ``request.form``;
:func:`read` applies one reader per field, in order, so a form is declared once::

    read(name=stripped, sla_days=whole, active=checkbox)

A number that is not one is :class:`~gis.errors.InvalidParameter` naming the
field, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from gis.errors import InvalidParameter
from gis.i18n import _

Reader = Callable[[str], object]


def text(name: str) -> str:
    """The field as sent (``""`` when missing)."""
    return request.form.get(name, "")


def stripped(name: str) -> str:
    """The field without surrounding blanks."""
    return text(name).strip()


def optional(name: str) -> str | None:
    """The field, or ``None`` when missing or empty."""
    return request.form.get(name) or None


def checkbox(name: str) -> bool:
    """A checkbox: on only when sent as ``1``."""
    return request.form.get(name) == "1"


def switch(name: str) -> bool:
    """A yes/no choice that is on unless sent as something other than ``1``."""
    return request.form.get(name, "1") == "1"


def number(name: str) -> float:
    """A number, Indonesian (``2,5``) or not (``2.5``)."""
    raw = text(name).strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        raise InvalidParameter(
            _("{name} has an invalid value {value}", name=name, value=raw or "-"),
            field=name,
        ) from None


def whole(name: str) -> int:
    """A whole number (``3`` or ``3,0``)."""
    value = number(name)
    if not value.is_integer():
        raise InvalidParameter(
            _("{name} has an invalid value {value}", name=name, value=value),
            field=name,
        )
    return int(value)


def read(**fields: Reader) -> dict[str, object]:
    """``{field: reader(field)}`` for each field, read in the order given."""
    return {name: reader(name) for name, reader in fields.items()}
