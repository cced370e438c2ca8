"""Complaint categories (Open311 service codes) and their owners, SLA and weights.

Loaded from ``data/reference/categories.csv``: code, Indonesian and English names,
owning OPD, SLA in Indonesian working days, severity weight, duplicate radius in
metres, the duplicate window in days and the red-flag threshold in days (the
mayor's rule: 7).
"""

from __future__ import annotations

import csv
import json
import math
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
from gis.errors import InvalidParameter, NotFound
from gis.i18n import N_, bilingual, current_language
from gis.layer import Layer


class Category(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name_id: Mapped[str] = mapped_column(sa.Text)
    name_en: Mapped[str] = mapped_column(sa.Text)
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opd.code"))
    sla_days: Mapped[int] = mapped_column(sa.Integer)
    severity: Mapped[float] = mapped_column(sa.Float)
    duplicate_radius_m: Mapped[float] = mapped_column(sa.Float)
    red_flag_days: Mapped[int] = mapped_column(sa.Integer, server_default="7")
    #: a new report joins an open ticket this recent (and this near) as a supporter
    duplicate_days: Mapped[int] = mapped_column(sa.Integer, server_default="14")
    keywords: Mapped[str] = mapped_column(sa.Text, server_default="")
    active: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.true())
    #: exposure for rates: area_km2, road_km (road damage) or poles (dead lamps)
    denominator: Mapped[str] = mapped_column(sa.Text, server_default="area_km2")
    #: set when an admin changes the category: the reference file no longer wins
    edited_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    __table_args__ = (
        sa.CheckConstraint("sla_days > 0", name="categories_sla_positive"),
        sa.CheckConstraint("severity > 0", name="categories_severity_positive"),
        sa.CheckConstraint("duplicate_radius_m >= 0", name="categories_radius"),
        sa.CheckConstraint("red_flag_days > 0", name="categories_red_flag_days"),
        sa.CheckConstraint("duplicate_days >= 0", name="categories_duplicate_days"),
        sa.CheckConstraint(
            "denominator IN ('area_km2', 'road_km', 'poles')",
            name="categories_denominator",
        ),
    )


LAYER = Layer(
    name="categories",
    table="categories",
    title=N_("Complaint categories"),
    geometry_type="NONE",
    fields=(),
    key="code",
    export_columns=(
        "code",
        "name_id",
        "name_en",
        "opd_code",
        "sla_days",
        "severity",
        "duplicate_radius_m",
        "red_flag_days",
        "duplicate_days",
    ),
    importable=False,
)


def load_categories(conn: sa.Connection, reference_dir: Path) -> int:
    """Upsert categories from the reference CSV; returns rows upserted."""
    with open(reference_dir / "categories.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "code")
    conn.execute(
        sa.text(
            f"INSERT INTO categories ({', '.join(columns)}) VALUES"
            f" ({', '.join(':' + c for c in columns)})"
            f" ON CONFLICT (code) DO UPDATE SET {updates}"
            # what an admin changed in the console outlives the file
            " WHERE categories.edited_at IS NULL"
        ),
        rows,
    )
    return len(rows)


def name_column(alias: str = "g") -> str:
    """SQL naming the categories' name column of table ``alias`` in the current
    language."""
    return f"{alias}.name_en" if current_language.get() == "en" else f"{alias}.name_id"


def category_codes(conn: sa.Connection) -> list[str]:
    """All category codes, sorted."""
    return list(
        conn.execute(sa.text("SELECT code FROM categories ORDER BY code")).scalars()
    )


def active_categories(conn: sa.Connection) -> list[sa.Row]:
    """``(code, name_id)`` of every active category, by code."""
    return conn.execute(
        sa.text("SELECT code, name_id FROM categories WHERE active ORDER BY code")
    ).all()


def service_list(conn: sa.Connection) -> list[sa.Row]:
    """The active categories as services: code, names, keywords, SLA, the owning
    OPD's short name and whether the category asks questions (``metadata``)."""
    return conn.execute(
        sa.text(
            "SELECT k.code, k.name_id, k.name_en, k.keywords, k.sla_days,"
            " o.short_name, EXISTS (SELECT 1 FROM service_attributes a"
            " WHERE a.service_code = k.code) AS metadata FROM categories k"
            " JOIN opd o ON o.code = k.opd_code WHERE k.active ORDER BY k.code"
        )
    ).all()


def require_active(conn: sa.Connection, code: str) -> None:
    """Raise :class:`~gis.errors.NotFound` unless ``code`` is an active category."""
    exists = conn.execute(
        sa.text("SELECT 1 FROM categories WHERE code = :c AND active"), {"c": code}
    ).scalar()
    if not exists:
        raise NotFound(bilingual("Unknown service_code {code}", code=code))


ATTRIBUTE_TYPES = (
    "string",
    "number",
    "datetime",
    "text",
    "singlevaluelist",
    "multivaluelist",
)


class ServiceAttribute(Base):
    """A question a category asks the reporter (an Open311 service attribute)."""

    __tablename__ = "service_attributes"
    service_code: Mapped[str] = mapped_column(
        sa.ForeignKey("categories.code"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    datatype: Mapped[str] = mapped_column(sa.Text)
    required: Mapped[bool] = mapped_column(sa.Boolean)
    order: Mapped[int] = mapped_column(sa.Integer)
    description: Mapped[str] = mapped_column(sa.Text)
    #: [{"key": ..., "name": ...}] for the list types
    values: Mapped[list] = mapped_column(JSONB, server_default=sa.text("'[]'::jsonb"))
    __table_args__ = (
        sa.CheckConstraint(
            f"datatype IN {ATTRIBUTE_TYPES}", name="service_attributes_datatype"
        ),
    )


def load_service_attributes(conn: sa.Connection, reference_dir: Path) -> int:
    """Replace the service attributes with ``service_attributes.csv``.

    ``values`` is written ``key=Name|key=Name``.
    """
    with open(reference_dir / "service_attributes.csv", encoding="utf-8") as handle:
        rows = [
            {
                **row,
                "required": row["required"].strip().lower() == "true",
                "order": int(row["order"]),
                "values": json.dumps(
                    [
                        dict(zip(("key", "name"), pair.split("=", 1)))
                        for pair in row["values"].split("|")
                        if pair
                    ]
                ),
            }
            for row in csv.DictReader(handle)
        ]
    conn.execute(sa.text("DELETE FROM service_attributes"))
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO service_attributes (service_code, code, datatype,"
                " required,"
                ' "order", description, "values") VALUES (:service_code, :code,'
                " :datatype, :required, :order, :description, CAST(:values AS jsonb))"
            ),
            rows,
        )
    return len(rows)


def service_attributes(conn: sa.Connection, code: str) -> list[sa.Row]:
    """The attributes of category ``code``, in their order."""
    return conn.execute(
        sa.text(
            'SELECT code, datatype, required, "order", description, "values"'
            ' FROM service_attributes WHERE service_code = :c ORDER BY "order", code'
        ),
        {"c": code},
    ).all()


def check_attributes(
    definitions: list[sa.Row], answers: dict[str, list[str]]
) -> dict[str, object]:
    """Validated answers (``attribute[code]`` form values) for storage.

    Raises :class:`~gis.errors.InvalidParameter` naming the attribute for a
    missing required answer, an unknown code, a non-number or a key not offered.
    """
    known = {d.code: d for d in definitions}
    for code, values in answers.items():
        # Open311: an empty optional parameter is the same as an absent one
        if code not in known and any(v.strip() for v in values):
            raise InvalidParameter(bilingual("Unknown attribute {code}", code=code))
    checked: dict[str, object] = {}
    for code, definition in known.items():
        given = [v for v in answers.get(code, []) if v.strip()]
        if not given:
            if definition.required:
                raise InvalidParameter(
                    bilingual("Attribute {code} is required", code=code)
                )
            continue
        keys = (
            {str(v["key"]) for v in definition._mapping["values"]}
            if definition.datatype.endswith("valuelist")
            else None
        )
        if keys is not None and not set(given) <= keys:
            raise InvalidParameter(
                bilingual(
                    "Attribute {code} must be one of {keys}",
                    code=code,
                    keys=", ".join(sorted(keys)),
                )
            )
        if definition.datatype == "number":
            try:
                number = float(given[0])
            except ValueError:
                number = math.nan
            # NaN, Infinity and 1e400 are no measurement (and JSON cannot hold them)
            if not math.isfinite(number):
                raise InvalidParameter(
                    bilingual("Attribute {code} must be a number", code=code),
                    field=f"attribute[{code}]",
                )
            checked[code] = number
        elif definition.datatype == "multivaluelist":
            checked[code] = given
        else:
            checked[code] = given[0][:500]
    return checked


#: what an admin may change on a category, with each value's type and lower bound
EDITABLE = {
    "name_id": (str, None),
    "name_en": (str, None),
    "opd_code": (str, None),
    "sla_days": (int, 1),
    "severity": (float, 0.1),
    "duplicate_radius_m": (float, 0),
    "duplicate_days": (int, 0),
    "red_flag_days": (int, 1),
    "active": (bool, None),
}


def update_category(
    conn: sa.Connection, code: str, changes: dict[str, object]
) -> dict[str, object]:
    """Change a category's settings (admin); returns the category as stored.

    New SLA days apply to reports made from now on; stored deadlines stay.
    """
    if not changes:
        raise InvalidParameter(bilingual("Nothing to change"))
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name not in EDITABLE:
            raise InvalidParameter(
                bilingual(
                    "{name} cannot be changed; editable: {fields}",
                    name=name,
                    fields=", ".join(EDITABLE),
                ),
                field=name,
            )
        kind, minimum = EDITABLE[name]
        ok = isinstance(value, kind) and not (
            kind is not bool and isinstance(value, bool)
        )
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok or (minimum is not None and value < minimum):
            raise InvalidParameter(
                bilingual(
                    "{name} has an invalid value {value}", name=name, value=value
                ),
                field=name,
            )
        clean[name] = value
    assignments = ", ".join(f"{name} = :{name}" for name in clean)
    try:
        with conn.begin_nested():
            row = conn.execute(
                sa.text(
                    f"UPDATE categories SET {assignments} WHERE code = :code"
                    " RETURNING *"
                ),
                {**clean, "code": code},
            ).one_or_none()
    except sa.exc.IntegrityError:
        raise InvalidParameter(
            bilingual("Unknown OPD {code}", code=clean.get("opd_code"))
        ) from None
    if row is None:
        raise NotFound(bilingual("Unknown category {code}", code=code))
    return dict(row._mapping)
