"""Roads: line segments with class, surface and condition;"
" length in metres (UTM 51S)."""

from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base, metric_length
from gis.i18n import N_
from gis.layer import Field, Layer
from layers.groups import NETWORKS

ROAD_CLASSES = ("arteri", "kolektor", "lokal", "lingkungan")
SURFACES = ("aspal", "beton", "paving", "kerikil", "tanah")
CONDITIONS = ("baik", "sedang", "rusak_ringan", "rusak_berat")


class Road(Base):
    __tablename__ = "roads"
    id: Mapped[int] = mapped_column(sa.Integer, sa.Identity(), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.Text)
    road_class: Mapped[str] = mapped_column(sa.Text)
    surface: Mapped[str | None] = mapped_column(sa.Text)
    condition: Mapped[str | None] = mapped_column(sa.Text)
    length_m: Mapped[float] = metric_length()
    synthetic: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    source: Mapped[str | None] = mapped_column(sa.Text)
    geom = mapped_column(Geometry("LINESTRING", srid=4326, nullable=False))
    __table_args__ = (
        sa.CheckConstraint(f"road_class IN {ROAD_CLASSES}", name="roads_class"),
        sa.CheckConstraint(f"surface IN {SURFACES}", name="roads_surface"),
        sa.CheckConstraint(f"condition IN {CONDITIONS}", name="roads_condition"),
    )


LAYER = Layer(
    name="roads",
    table="roads",
    title=N_("Roads"),
    abstract=N_("Road network by function class (synthetic in the demo)."),
    geometry_type="LINESTRING",
    group=NETWORKS,
    sql="SELECT id, name, road_class, surface, condition, round(length_m) AS"
    " length_m, geom FROM roads",
    styles=("roads",),
    columns=(
        ("name", "Name"),
        ("road_class", N_("Road class")),
        ("surface", N_("Surface")),
        ("condition", N_("Condition")),
        ("length_m", N_("Length (m)")),
    ),
    fields=(
        Field("name", aliases=("nama", "nama_jalan")),
        Field(
            "road_class",
            required=True,
            choices=ROAD_CLASSES,
            aliases=("class", "kelas", "fungsi", "kelas_jalan"),
        ),
        Field("surface", choices=SURFACES, aliases=("permukaan", "perkerasan")),
        Field("condition", choices=CONDITIONS, aliases=("kondisi",)),
    ),
    export_columns=(
        "id",
        "name",
        "road_class",
        "surface",
        "condition",
        "length_m",
        "synthetic",
    ),
)
