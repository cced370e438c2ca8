"""Migrations: up from empty, down to nothing, and the models match them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from geoalchemy2 import alembic_helpers

import layers  # noqa: F401
from gis.config import Settings, database_name, with_database
from gis.db import Base, drop_database, ensure_database, get_engine
from layers import schema

TABLES = {
    "kota",
    "kecamatan",
    "kelurahan",
    "kelurahan_parts",
    "opd",
    "categories",
    "complaints",
    "complaint_contacts",
    "complaint_events",
    "roads",
    "streetlights",
    "transit_routes",
    "transit_stops",
}


def _tables(conn: sa.Connection) -> set[str]:
    return set(
        conn.execute(
            sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
    )


def test_migrations_upgrade_from_empty_and_downgrade_cleanly(settings: Settings):
    url = with_database(
        settings.database_url, database_name(settings.database_url) + "_migrations"
    )
    drop_database(url)
    ensure_database(url)
    engine = get_engine(Settings(database_url=url))
    try:
        with engine.begin() as conn:
            schema.upgrade(conn)
            assert _tables(conn) >= TABLES
            assert schema.current_revision(conn) == schema.head_revision()
        with engine.begin() as conn:
            schema.downgrade(conn, "base")
            assert _tables(conn) - {"alembic_version", "spatial_ref_sys"} == set()
            functions = conn.execute(
                sa.text("SELECT count(*) FROM pg_proc WHERE proname LIKE 'sigap_%'")
            ).scalar()
            assert functions == 0
        with engine.begin() as conn:
            schema.upgrade(conn)
            assert _tables(conn) >= TABLES
    finally:
        engine.dispose()
        drop_database(url)


def test_models_match_the_migrations(conn: sa.Connection):
    context = MigrationContext.configure(
        conn,
        opts={"include_object": alembic_helpers.include_object, "compare_type": True},
    )
    diff = compare_metadata(context, Base.metadata)
    assert diff == []
