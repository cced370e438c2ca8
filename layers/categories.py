"""Complaint categories (Open311 service codes) and their owners, SLA and weights.

Loaded from ``data/reference/categories.csv``: code, Indonesian and English names,
owning OPD, SLA in Indonesian working days, severity weight, duplicate radius in
metres and the red-flag threshold in days (the mayor's rule: 7).
"""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
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
    keywords: Mapped[str] = mapped_column(sa.Text, server_default="")
    active: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.true())
    #: exposure for rates: area_km2, road_km (road damage) or poles (dead lamps)
    denominator: Mapped[str] = mapped_column(sa.Text, server_default="area_km2")
    __table_args__ = (
        sa.CheckConstraint("sla_days > 0", name="categories_sla_positive"),
        sa.CheckConstraint("severity > 0", name="categories_severity_positive"),
        sa.CheckConstraint("duplicate_radius_m >= 0", name="categories_radius"),
        sa.CheckConstraint("red_flag_days > 0", name="categories_red_flag_days"),
        sa.CheckConstraint("denominator IN ('area_km2', 'road_km', 'poles')",
                           name="categories_denominator"),
    )


LAYER = Layer(
    name="categories",
    table="categories",
    title="Complaint categories",
    geometry_type="NONE",
    fields=(),
    id_field="code",
    export_columns=(
        "code",
        "name_id",
        "name_en",
        "opd_code",
        "sla_days",
        "severity",
        "duplicate_radius_m",
        "red_flag_days",
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
        ),
        rows,
    )
    return len(rows)


def category_codes(conn: sa.Connection) -> list[str]:
    """All category codes, sorted."""
    return list(
        conn.execute(sa.text("SELECT code FROM categories ORDER BY code")).scalars()
    )
