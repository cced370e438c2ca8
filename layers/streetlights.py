"""Streetlights (PJU poles): pole id, lamp, wattage, status and the nearest road."""

from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
from gis.i18n import N_
from gis.layer import Field, Layer
from layers.groups import NETWORKS

LAMP_TYPES = ("LED", "SON", "MH", "merkuri", "CFL")
STATUSES = ("menyala", "mati", "rusak")
NEAREST_ROAD_MAX_M = 60.0


class Streetlight(Base):
    __tablename__ = "streetlights"
    id: Mapped[int] = mapped_column(sa.Integer, sa.Identity(), primary_key=True)
    pole_id: Mapped[str] = mapped_column(sa.Text, unique=True)
    lamp_type: Mapped[str | None] = mapped_column(sa.Text)
    wattage: Mapped[int | None] = mapped_column(sa.Integer)
    status: Mapped[str] = mapped_column(sa.Text, server_default="menyala")
    road_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("roads.id", ondelete="SET NULL")
    )
    synthetic: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    source: Mapped[str | None] = mapped_column(sa.Text)
    geom = mapped_column(Geometry("POINT", srid=4326, nullable=False))
    __table_args__ = (
        sa.CheckConstraint(f"lamp_type IN {LAMP_TYPES}", name="streetlights_lamp"),
        sa.CheckConstraint(f"status IN {STATUSES}", name="streetlights_status"),
        sa.CheckConstraint(
            "wattage > 0 AND wattage <= 1000", name="streetlights_wattage"
        ),
        sa.Index("ix_streetlights_road", "road_id"),
    )


def assign_nearest_roads(conn: sa.Connection) -> int:
    """Set ``road_id`` of every pole to the nearest road within 60 m (KNN index)."""
    return conn.execute(
        sa.text(
            "UPDATE streetlights s SET road_id = n.id FROM streetlights s2"
            " CROSS JOIN LATERAL (SELECT r.id, r.geom FROM roads r"
            "   ORDER BY r.geom <-> s2.geom LIMIT 1) n"
            " WHERE s2.id = s.id AND ST_DWithin(n.geom::geography, s2.geom::geography,"
            " :max_m) AND s.road_id IS DISTINCT FROM n.id"
        ),
        {"max_m": NEAREST_ROAD_MAX_M},
    ).rowcount


LAYER = Layer(
    name="streetlights",
    table="streetlights",
    title=N_("Streetlights (PJU)"),
    abstract=N_("Street lighting poles and their status (synthetic in the demo)."),
    geometry_type="POINT",
    # the pole number is the public, unique identifier (re-imports match on it);
    # ``id`` is a surrogate the published SQL does not even carry
    key="pole_id",
    group=NETWORKS,
    sql="SELECT pole_id, lamp_type, wattage, status, geom FROM streetlights",
    styles=("streetlights",),
    columns=(
        ("pole_id", N_("Pole")),
        ("lamp_type", N_("Lamp type")),
        ("wattage", N_("Wattage")),
        ("status", "Status"),
    ),
    fields=(
        Field("pole_id", required=True, aliases=("id_tiang", "kode_tiang", "pole")),
        Field("lamp_type", choices=LAMP_TYPES, aliases=("jenis_lampu", "lamp")),
        Field("wattage", "int", aliases=("daya", "watt")),
        Field("status", choices=STATUSES, aliases=("kondisi",)),
    ),
    export_columns=(
        "id",
        "pole_id",
        "lamp_type",
        "wattage",
        "status",
        "road_id",
        "synthetic",
    ),
    after_import=assign_nearest_roads,
    extra={"unique": ("pole_id",)},
)
