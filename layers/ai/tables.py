"""The tables of the reading of complaints: trained text models (migration
0010), forecasts (0020) and the photos' hashes (0027)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from gis.db import Base
from gis.runs import run_id_column, runs_table

TS = sa.DateTime(timezone=True)

TEXT_MODELS = sa.Table(
    "text_models",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("trained_at", TS, nullable=False),
    sa.Column("window_start", TS, nullable=False),
    sa.Column("window_end", TS, nullable=False),
    sa.Column("trained_on", sa.Integer, nullable=False),
    sa.Column("held_out", sa.Integer, nullable=False),
    sa.Column("labels", ARRAY(sa.Text), nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
    sa.Column("parameters", JSONB, nullable=False),
    sa.Column("metrics", JSONB, nullable=False),
    sa.Column("versions", JSONB, nullable=False),
    sa.Column("timings", JSONB, nullable=False),
    sa.Column("artefact", sa.LargeBinary, nullable=False),
    sa.Column("artefact_sha256", sa.Text, nullable=False),
    sa.CheckConstraint("kind IN ('category')", name="text_models_kind"),
    sa.Index("text_models_kind_id", "kind", "id"),
)

#: One forecast of weekly counts per kelurahan × category (migration 0020): the
#: complete WITA weeks it learnt from (``window_start``–``window_end``) and the
#: first week it forecasts.
FORECAST_RUNS = runs_table(
    "forecast_runs",
    Base.metadata,
    sa.Column("week_start", sa.Date, nullable=False),
)
#: Its expected count and 95 % interval per kelurahan × category × week.
FORECAST_WEEKS = sa.Table(
    "forecast_weeks",
    Base.metadata,
    run_id_column("forecast_runs"),
    sa.Column("week_start", sa.Date, primary_key=True),
    sa.Column("kelurahan_kode", sa.Text, primary_key=True),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("expected", sa.Float, nullable=False),
    sa.Column("alpha", sa.Float, nullable=False),
    sa.Column("lower", sa.Integer, nullable=False),
    sa.Column("upper", sa.Integer, nullable=False),
)

#: One hashed photo of a ticket — its report's, a supporter's, an after-photo a
#: move carried — kept in step with those rows' ``photos`` by the database
#: (migration 0027), so the photo checks need not unpack the jsonb.
PHOTO_HASHES = sa.Table(
    "photo_hashes",
    Base.metadata,
    sa.Column(
        "complaint_id",
        sa.BigInteger,
        sa.ForeignKey("complaints.id", ondelete="CASCADE"),
        nullable=False,
    ),
    #: 'report', 'supporter' or 'after'
    sa.Column("kind", sa.Text, primary_key=True),
    #: the complaint, supporter or event row the photo is stored on
    sa.Column("source_id", sa.BigInteger, primary_key=True),
    #: its place in that row's ``photos`` (from 1)
    sa.Column("ordinal", sa.Integer, primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    #: the photo's 64-bit perceptual hash (see :mod:`gis.imagehash`), signed
    sa.Column("hash", sa.BigInteger, nullable=False),
    sa.CheckConstraint(
        "kind IN ('report', 'supporter', 'after')", name="ck_photo_hashes_kind"
    ),
    sa.Index("ix_photo_hashes_complaint", "complaint_id"),
)
