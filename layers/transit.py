"""Angkot (public minibus) routes and their stops."""

from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base, metric_length
from gis.i18n import N_
from gis.layer import Field, Layer
from layers.groups import NETWORKS


class TransitRoute(Base):
    __tablename__ = "transit_routes"
    id: Mapped[int] = mapped_column(sa.Integer, sa.Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(sa.Text, unique=True)
    name: Mapped[str | None] = mapped_column(sa.Text)
    length_m: Mapped[float] = metric_length()
    synthetic: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    source: Mapped[str | None] = mapped_column(sa.Text)
    geom = mapped_column(Geometry("MULTILINESTRING", srid=4326, nullable=False))


class TransitStop(Base):
    __tablename__ = "transit_stops"
    id: Mapped[int] = mapped_column(sa.Integer, sa.Identity(), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.Text)
    route_codes: Mapped[list[str]] = mapped_column(
        ARRAY(sa.Text), server_default=sa.text("'{}'::text[]")
    )
    synthetic: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    source: Mapped[str | None] = mapped_column(sa.Text)
    geom = mapped_column(Geometry("POINT", srid=4326, nullable=False))


ROUTES = Layer(
    name="transit_routes",
    table="transit_routes",
    title=N_("Angkot routes"),
    abstract=N_("Angkot (minibus) lines (synthetic in the demo)."),
    geometry_type="MULTILINESTRING",
    key="code",
    group=NETWORKS,
    sql="SELECT code, name, round(length_m) AS length_m, geom FROM transit_routes",
    styles=("transit_routes",),
    columns=(("code", N_("Code")), ("name", "Name"), ("length_m", N_("Length (m)"))),
    fields=(
        Field("code", required=True, aliases=("kode", "trayek", "route", "jalur")),
        Field("name", aliases=("nama", "nama_trayek")),
    ),
    export_columns=("id", "code", "name", "length_m", "synthetic"),
    extra={"unique": ("code",)},
)
STOPS = Layer(
    name="transit_stops",
    table="transit_stops",
    title=N_("Angkot stops"),
    abstract=N_("Stops of the angkot lines."),
    geometry_type="POINT",
    group=NETWORKS,
    sql="SELECT id, name, array_to_string(route_codes, ', ') AS routes,"
    " geom FROM transit_stops",
    styles=("transit_stops",),
    columns=(("name", "Name"), ("routes", N_("Routes"))),
    fields=(
        Field("name", aliases=("nama", "nama_halte")),
        Field("route_codes", "text[]", aliases=("routes", "trayek", "jalur")),
    ),
    export_columns=("id", "name", "route_codes", "synthetic"),
)
