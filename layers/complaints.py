"""Complaints (aduan): what a complaint row is and how one is created.

Its states, groups and moves live in :mod:`layers.status`.

The database owns two rules so every writer obeys them:

* ``kelurahan_kode`` is assigned on insert (and when the point moves) by
  ``sigap_kelurahan_at``: the kelurahan containing the point, the lowest code on a
  shared edge, the nearest kelurahan for points in the hairline gaps of the
  simplified boundaries; points outside Kota Kupang are refused (SQLSTATE SG001).
* ``ticket`` (public number, ``KPG-YYMM-NNNNNN``) is derived from the id and the
  report month in WITA.

Reporter contact lives in ``complaint_contacts`` so no query of ``complaints`` can leak
it. Every change is a row in the append-only ``complaint_events``.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
from gis.errors import InvalidParameter, OutsideCity
from gis.i18n import N_, bilingual
from gis.layer import Field, Layer
from layers.complaints_import import insert_from_staging, locate_staged
from layers.groups import COMPLAINTS
from layers.rules import (
    BACKLOG_INDEX,
    BACKLOG_PREDICATE,
    STATUS_CHECK,
    UNHANDLED_INDEX,
    UNHANDLED_PREDICATE,
)
from layers.status import INITIAL, OPEN, State, sql_group, sql_in, sql_work_rank

OUTSIDE_CITY_SQLSTATE = "SG001"


CHANNELS = (
    "aplikasi",
    "web",
    "whatsapp",
    "telepon",
    "media_sosial",
    "open311",
    "import",
)
#: how staff pages name each channel (msgids)
CHANNEL_LABELS = {
    "aplikasi": N_("App"),
    "web": N_("Web"),
    "whatsapp": "WhatsApp",
    "telepon": N_("Phone"),
    "media_sosial": N_("Social media"),
    "open311": "Open311",
    "import": N_("Import"),
}


class Complaint(Base):
    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    ticket: Mapped[str] = mapped_column(sa.Text, unique=True)
    category_code: Mapped[str] = mapped_column(sa.ForeignKey("categories.code"))
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    address: Mapped[str | None] = mapped_column(sa.Text)
    #: answers to the service definition's attributes (Open311)
    attributes: Mapped[dict] = mapped_column(
        JSONB, server_default=sa.text("'{}'::jsonb")
    )
    photos: Mapped[list] = mapped_column(JSONB, server_default=sa.text("'[]'::jsonb"))
    geom = mapped_column(Geometry("POINT", srid=4326, nullable=False))
    kelurahan_kode: Mapped[str] = mapped_column(sa.ForeignKey("kelurahan.kode"))
    opd_code: Mapped[str | None] = mapped_column(sa.ForeignKey("opd.code"))
    status: Mapped[str] = mapped_column(sa.Text, server_default=INITIAL.value)
    sub_status: Mapped[str | None] = mapped_column(sa.Text)
    channel: Mapped[str] = mapped_column(sa.Text, server_default="web")
    reported_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    acknowledged_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    version: Mapped[int] = mapped_column(sa.Integer, server_default="1")
    #: SLA deadline, set by the database from the working-day calendar
    due_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    synthetic: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    source: Mapped[str | None] = mapped_column(sa.Text)
    #: the priority points that do not age (road class, danger in the text),
    #: stored by the OPD queue with what they were worked out with (0026)
    fixed_points: Mapped[float | None] = mapped_column(sa.Float)
    fixed_points_basis: Mapped[str | None] = mapped_column(sa.Text)
    __table_args__ = (
        sa.CheckConstraint(STATUS_CHECK, name="complaints_status"),
        sa.CheckConstraint(f"channel IN {CHANNELS}", name="complaints_channel"),
        sa.CheckConstraint(
            "acknowledged_at IS NULL OR acknowledged_at >= reported_at",
            name="complaints_ack_after_report",
        ),
        sa.CheckConstraint(
            "resolved_at IS NULL OR resolved_at >= reported_at",
            name="complaints_resolved_after_report",
        ),
        sa.Index("ix_complaints_category_reported", "category_code", "reported_at"),
        sa.Index("ix_complaints_kelurahan_category", "kelurahan_kode", "category_code"),
        sa.Index("ix_complaints_status", "status"),
        sa.Index("ix_complaints_reported_at", "reported_at"),
        # the command room matches the day's moves to these by id (0024)
        sa.Index(
            "ix_complaints_resolved_at",
            "resolved_at",
            postgresql_include=["status", "id", "reported_at", "due_at"],
        ),
        sa.Index(
            BACKLOG_INDEX,
            "status",
            "due_at",
            "reported_at",
            postgresql_where=sa.text(BACKLOG_PREDICATE),
            postgresql_include=["id"],
        ),
        sa.Index(
            UNHANDLED_INDEX,
            "kelurahan_kode",
            "category_code",
            "reported_at",
            postgresql_where=sa.text(UNHANDLED_PREDICATE),
        ),
        # the console's lists read open complaints only (migration 0016)
        sa.Index(
            "ix_complaints_open_reported",
            "reported_at",
            "id",
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
        sa.Index(
            "ix_complaints_open_opd",
            "opd_code",
            "reported_at",
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
        # the console's pages read from these alone (migration 0023)
        sa.Index(
            "ix_complaints_open_inbox",
            sa.text(f"(\n{sql_work_rank()})"),
            sa.text("reported_at DESC"),
            sa.text("id DESC"),
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
        sa.Index(
            "ix_complaints_open_facets",
            "category_code",
            "kelurahan_kode",
            "opd_code",
            "channel",
            "status",
            postgresql_include=["due_at", "reported_at", "id"],
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
        sa.Index(
            "ix_complaints_open_text",
            "description",
            postgresql_using="gin",
            postgresql_ops={"description": "gin_trgm_ops"},
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
        sa.Index(
            "ix_complaints_open_queue",
            "opd_code",
            postgresql_include=[
                "id",
                "ticket",
                "category_code",
                "kelurahan_kode",
                "reported_at",
                "due_at",
                "fixed_points",
                "fixed_points_basis",
            ],
            postgresql_where=sa.text(f"status IN {sql_in(OPEN)}"),
        ),
    )


class ComplaintContact(Base):
    """Private: who reported, how to reach them. Never published."""

    __tablename__ = "complaint_contacts"
    complaint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str | None] = mapped_column(sa.Text)
    phone: Mapped[str | None] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.Text)


class ComplaintSupporter(Base):
    """A later report of the same problem, attached to the open ticket."""

    __tablename__ = "complaint_supporters"
    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaints.id"))
    at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    channel: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, server_default="")
    lon: Mapped[float] = mapped_column(sa.Float)
    lat: Mapped[float] = mapped_column(sa.Float)
    name: Mapped[str | None] = mapped_column(sa.Text)
    phone: Mapped[str | None] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.Text)
    photos: Mapped[list] = mapped_column(JSONB, server_default=sa.text("'[]'::jsonb"))
    #: set when an operator split this report off into a ticket of its own
    split_into: Mapped[int | None] = mapped_column(sa.ForeignKey("complaints.id"))
    __table_args__ = (sa.Index("ix_complaint_supporters_complaint", "complaint_id"),)


class FollowToken(Base):
    """A reporter's private key to follow their ticket (only the hash is kept)."""

    __tablename__ = "follow_tokens"
    token_hash: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaints.id"))
    supporter_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("complaint_supporters.id")
    )
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    __table_args__ = (sa.Index("ix_follow_tokens_complaint", "complaint_id"),)


class ComplaintCell(Base):
    """Complaints counted on a fine grid (360/2^17 degrees), maintained by the
    database for city-zoom vector tiles (migration 0006)."""

    __tablename__ = "complaint_cells"
    cx: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    cy: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    n: Mapped[int] = mapped_column(sa.Integer)
    sx: Mapped[float] = mapped_column(sa.Float)
    sy: Mapped[float] = mapped_column(sa.Float)


class ComplaintEvent(Base):
    """Append-only audit trail (the database refuses UPDATE and DELETE)."""

    __tablename__ = "complaint_events"
    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(sa.ForeignKey("complaints.id"))
    at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    actor: Mapped[str] = mapped_column(sa.Text)
    action: Mapped[str] = mapped_column(sa.Text)
    from_status: Mapped[str | None] = mapped_column(sa.Text)
    to_status: Mapped[str | None] = mapped_column(sa.Text)
    note: Mapped[str | None] = mapped_column(sa.Text)
    #: every field a move changed: field → [before, after]
    changes: Mapped[dict | None] = mapped_column(JSONB)
    #: what the reporter and the public page read (``note`` is staff-only)
    public_note: Mapped[str | None] = mapped_column(sa.Text)
    #: photos the move carries (the after-photo of a fix), as ``complaints.photos``
    photos: Mapped[list] = mapped_column(JSONB, server_default=sa.text("'[]'::jsonb"))
    #: where those photos were taken
    photo_geom = mapped_column(Geometry("POINT", srid=4326, spatial_index=False))
    __table_args__ = (
        sa.Index("ix_complaint_events_complaint", "complaint_id", "at"),
        sa.Index(
            "ix_complaint_events_at",
            "at",
            postgresql_include=["id", "complaint_id", "from_status", "to_status"],
        ),
    )


FIELDS = (
    Field(
        "category_code",
        required=True,
        references=("categories", "code"),
        aliases=("category", "kategori", "service_code"),
    ),
    Field("description", aliases=("deskripsi", "keterangan", "isi")),
    Field("status", choices=tuple(s.value for s in State)),
    Field("sub_status"),
    Field("channel", choices=CHANNELS, aliases=("kanal",)),
    Field(
        "reported_at",
        "timestamp",
        aliases=("tanggal", "waktu_lapor", "requested_datetime"),
    ),
    Field("acknowledged_at", "timestamp"),
    Field("resolved_at", "timestamp"),
    Field("ticket", aliases=("tiket", "no_tiket")),
    Field("opd_code", references=("opd", "code"), aliases=("opd",)),
    Field("reporter_name", private=True, aliases=("nama_pelapor",)),
    Field("reporter_phone", private=True, aliases=("telepon", "no_hp")),
    Field("reporter_email", private=True, aliases=("email",)),
)
PUBLIC_COLUMNS = (
    "ticket",
    "category_code",
    "description",
    "status",
    "sub_status",
    "channel",
    "reported_at",
    "acknowledged_at",
    "resolved_at",
    "kelurahan_kode",
    "opd_code",
    "synthetic",
)


_GROUP_CASE = sql_group("c.status")

LAYER = Layer(
    name="complaints",
    table="complaints",
    title="Complaints",
    abstract=N_(
        "Citizen complaints by status: untouched (red), in progress (orange),"
        " handled (green). Aggregated to a grid at city-wide scales."
    ),
    geometry_type="POINT",
    key="ticket",
    time_field="reported_at",
    group=COMPLAINTS,
    sql="SELECT c.ticket, c.category_code, g.name_id AS category, c.status,"
    f" {_GROUP_CASE} AS status_group, c.reported_at, c.kelurahan_kode,"
    " c.opd_code, c.geom FROM complaints c"
    # LEFT JOIN on the key: PostgreSQL drops it when the name is not read
    # (grid aggregates, rendering), saving a third of a city-wide count
    " LEFT JOIN categories g ON g.code = c.category_code",
    styles=("complaints_status", "complaints_category"),
    columns=(
        ("ticket", N_("Ticket")),
        ("category", "Category"),
        ("status", "Status"),
        ("reported_at", "Reported"),
        ("kelurahan_kode", "Kelurahan"),
        ("opd_code", N_("OPD")),
    ),
    cells_table="complaint_cells",
    fields=FIELDS,
    export_columns=PUBLIC_COLUMNS,
    prepare_staging=locate_staged,
    insert_from_staging=insert_from_staging,
    extra={"unique": ("ticket",)},
)


def outside_city_error(lon: float, lat: float) -> OutsideCity:
    """The error for a location the database refused."""
    return OutsideCity(
        bilingual("Location ({lon}, {lat}) is outside Kota Kupang", lon=lon, lat=lat)
    )


def create_complaint(
    conn: sa.Connection,
    *,
    category_code: str,
    lon: float,
    lat: float,
    description: str = "",
    channel: str = "web",
    reported_at: datetime,
    photos: list[dict[str, object]] | None = None,
    reporter: dict[str, str | None] | None = None,
    actor: str = "public",
    owner_sql: str = "k.opd_code",
    address: str | None = None,
    attributes: dict[str, object] | None = None,
) -> sa.Row:
    """Insert one complaint, its private contact and its ``created`` event.

    One round trip; the ``created`` event is dated ``reported_at`` (callers taking
    a report now pass the clock's now). ``owner_sql`` is the SQL expression
    choosing the OPD (it sees the category as ``k`` and the point as ``p.geom``;
    see :mod:`layers.routing`).
    Returns the row (id, ticket, kelurahan_kode, status, reported_at, opd_code).
    Raises :class:`~gis.errors.OutsideCity` for a point outside Kota Kupang; nothing
    is written then.
    """
    reporter = reporter or {}
    statement = sa.text(
        "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom),"
        " c AS (INSERT INTO complaints (category_code, description, photos, geom,"
        " opd_code, channel, reported_at, address, attributes)"
        " SELECT :category, :description,"
        f" CAST(:photos AS jsonb), p.geom, {owner_sql}, :channel,"
        " CAST(:reported_at AS timestamptz), :address,"
        " CAST(:attributes AS jsonb)"
        " FROM categories k, p WHERE k.code = :category"
        " RETURNING id, ticket, kelurahan_kode, status, reported_at, opd_code),"
        " e AS (INSERT INTO complaint_events (complaint_id, at, actor, action,"
        " to_status) SELECT id, reported_at, :actor, 'created', status FROM c),"
        " r AS (INSERT INTO complaint_contacts (complaint_id, name, phone, email)"
        " SELECT id, :name, :phone, :email FROM c"
        " WHERE coalesce(:name, :phone, :email) IS NOT NULL)"
        " SELECT * FROM c"
    )
    try:
        with conn.begin_nested():
            row = conn.execute(
                statement,
                {
                    "category": category_code,
                    "description": description,
                    "photos": json.dumps(photos or []),
                    "lon": lon,
                    "lat": lat,
                    "channel": channel,
                    "reported_at": reported_at,
                    "actor": actor,
                    "name": reporter.get("name"),
                    "phone": reporter.get("phone"),
                    "email": reporter.get("email"),
                    "address": address,
                    "attributes": json.dumps(attributes or {}),
                },
            ).one_or_none()
    except sa.exc.DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == OUTSIDE_CITY_SQLSTATE:
            raise outside_city_error(lon, lat) from None
        raise
    if row is None:
        raise InvalidParameter(bilingual("Unknown category {code}", code=category_code))
    return row
