"""OPD (organisasi perangkat daerah): the agencies that handle complaints.

City agencies come from ``data/reference/opd.csv``; every kelurahan office is an OPD
too (code ``KEL-<kode kelurahan>``), derived from the kelurahan table.
"""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
from gis.i18n import N_
from gis.layer import Layer

KINDS = ("dinas", "badan", "satuan", "bumd", "kecamatan", "kelurahan")


class Opd(Base):
    __tablename__ = "opd"
    code: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name: Mapped[str] = mapped_column(sa.Text)
    short_name: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.Text)
    kelurahan_kode: Mapped[str | None] = mapped_column(sa.ForeignKey("kelurahan.kode"))
    __table_args__ = (sa.CheckConstraint(f"kind IN {KINDS}", name="opd_kind"),)


LAYER = Layer(
    name="opd",
    table="opd",
    title=N_("Agencies (OPD)"),
    geometry_type="NONE",
    fields=(),
    key="code",
    export_columns=("code", "name", "short_name", "kind", "kelurahan_kode"),
    importable=False,
)


def load_opd(conn: sa.Connection, reference_dir: Path) -> int:
    """Upsert the agencies and one office per kelurahan; returns rows upserted."""
    upsert = sa.text(
        "INSERT INTO opd (code, name, short_name, kind) VALUES (:code, :name,"
        " :short_name, :kind) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
        " short_name = EXCLUDED.short_name, kind = EXCLUDED.kind"
    )
    with open(reference_dir / "opd.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        conn.execute(upsert, row)
    offices = conn.execute(
        sa.text(
            "INSERT INTO opd (code, name, short_name, kind, kelurahan_kode)"
            " SELECT 'KEL-' || kode, 'Kantor Kelurahan ' || nama, 'Kel. ' || nama,"
            " 'kelurahan', kode FROM kelurahan ON CONFLICT (code) DO UPDATE"
            " SET name = EXCLUDED.name, short_name = EXCLUDED.short_name"
        )
    )
    return len(rows) + offices.rowcount
