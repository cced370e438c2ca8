"""Database access: the one place engines are made, plus database bootstrap.

Connections always run with ``timezone=UTC``; timestamps are stored as ``timestamptz``
and converted to WITA only for display (:mod:`gis.timeutil`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

import psycopg
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, MappedColumn, Session, mapped_column

from gis.config import Settings, database_name, with_database

log = logging.getLogger(__name__)
METRIC_SRID = 32751  # WGS 84 / UTM zone 51S: lengths, areas, buffers, distances
STORAGE_SRID = 4326


class Base(DeclarativeBase):
    """Declarative base of every SIGAP table model."""


def required(**kinds: sa.types.TypeEngine | type) -> list[sa.Column]:
    """NOT NULL columns, named and typed by ``kinds``, in the order given."""
    return [sa.Column(name, kind, nullable=False) for name, kind in kinds.items()]


def optional(**kinds: sa.types.TypeEngine | type) -> list[sa.Column]:
    """Nullable columns, named and typed by ``kinds``, in the order given."""
    return [sa.Column(name, kind) for name, kind in kinds.items()]


def keys(**kinds: sa.types.TypeEngine | type) -> list[sa.Column]:
    """Primary-key columns, named and typed by ``kinds``, in the order given."""
    return [sa.Column(name, kind, primary_key=True) for name, kind in kinds.items()]


def metric_length() -> MappedColumn[float]:
    """A stored column the database keeps equal to the length of the row's
    ``geom`` in metres (:data:`METRIC_SRID`)."""
    return mapped_column(
        sa.Float,
        sa.Computed(f"ST_Length(ST_Transform(geom, {METRIC_SRID}))", persisted=True),
    )


@cache
def _engine(url: str) -> sa.Engine:
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"options": "-c timezone=UTC"},
    )


def get_engine(settings: Settings) -> sa.Engine:
    """The (cached) engine of ``settings.database_url``."""
    return _engine(settings.database_url)


@contextmanager
def session_scope(settings: Settings) -> Iterator[Session]:
    """A session committed on success and rolled back on error."""
    with Session(get_engine(settings)) as session, session.begin():
        yield session


def libpq_url(url: str) -> str:
    """``url`` without SQLAlchemy's driver suffix, for psycopg."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def ensure_database(url: str) -> bool:
    """Create the database of ``url`` with PostGIS if missing; True if created.

    Text sorts by code point (collation ``C``): the order UTF-8 locales such as
    ``C.UTF-8`` give too, but PostgreSQL compares and sorts it without the C
    library and with abbreviated keys, so index builds on codes and tickets run a
    third faster. Character classes keep the server's locale. Only the server named
    in ``url`` is contacted.
    """
    name = database_name(url)
    maintenance = libpq_url(with_database(url, "postgres"))
    created = False
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            conn.execute(
                f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8'
                " LC_COLLATE 'C'"
            )
            created = True
            log.info("created database %s", name)
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    return created


def drop_database(url: str) -> None:
    """Drop the database of ``url`` (tests' throwaway databases)."""
    name = database_name(url)
    maintenance = libpq_url(with_database(url, "postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load_sql(package: str, name: str) -> str:
    """The text of ``<package>/sql/<name>.sql``."""
    return resources.files(package).joinpath("sql", f"{name}.sql").read_text("utf-8")


def records(result: sa.CursorResult) -> list[dict]:
    """The rows of ``result`` as plain dicts (for templates and JSON)."""
    return [dict(row) for row in result.mappings()]


def raw_connection(conn: sa.Connection) -> psycopg.Connection:
    """The psycopg connection under a SQLAlchemy connection (for COPY)."""
    return conn.connection.driver_connection  # type: ignore[return-value]


@contextmanager
def triggers_removed(
    conn: sa.Connection, table: str, names: tuple[str, ...]
) -> Iterator[None]:
    """Drop triggers ``names`` of ``table`` for a bulk write and create them again
    from their stored definitions afterwards, in the caller's transaction.

    Dropped, not disabled: PostgreSQL still collects the transition table of a
    disabled ``REFERENCING NEW TABLE`` trigger, every inserted row (measured: 2–3 s
    of backend CPU per million complaints). Needs the table's exclusive lock, which
    a bulk load holds anyway.
    """
    definitions = conn.execute(
        sa.text(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger"
            " WHERE tgrelid = CAST(:t AS regclass) AND tgname = ANY(:names)"
            " ORDER BY tgname"
        ),
        {"t": table, "names": list(names)},
    ).all()
    missing = set(names) - {name for name, _ in definitions}
    if missing:
        raise LookupError(f"{table} has no trigger {', '.join(sorted(missing))}")
    for name, _ in definitions:
        conn.execute(sa.text(f'DROP TRIGGER "{name}" ON {table}'))
    yield
    for _, definition in definitions:
        conn.execute(sa.text(definition))


#: Below this many incoming rows, indexes and foreign keys are checked row by row.
BULK_ROWS = 50_000


@contextmanager
def bulk_load(conn: sa.Connection, table: str, incoming: int) -> Iterator[bool]:
    """Set ``table`` up for a large load and check everything once afterwards.

    Only when ``incoming`` is large (at least :data:`BULK_ROWS` and more than the
    table holds): its plain indexes are dropped and built afresh (one sorted build
    beats maintaining each index row by row), and its foreign keys are dropped and
    added back, which validates all rows in one join instead of one lookup per row;
    unique constraints that no foreign key depends on likewise. Primary keys stay.
    All of it runs in the caller's transaction, so a failure restores the table
    exactly; the table is locked exclusively meanwhile. Yields whether it is a bulk
    load.
    """
    existing = conn.execute(
        sa.text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"),
        {"t": table},
    ).scalar_one()
    if incoming < BULK_ROWS or incoming < existing:
        yield False
        return
    # sorts of the index builds in memory
    conn.execute(sa.text("SET LOCAL maintenance_work_mem = '512MB'"))
    indexes = conn.execute(
        sa.text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :t"
            " AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM"
            " pg_constraint c WHERE c.conname = i.indexname)"
        ),
        {"t": table},
    ).all()
    # foreign keys, and unique constraints no foreign key leans on: checked again
    # when added back (unique ones by one sorted index build)
    constraints = conn.execute(
        sa.text(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint c"
            " WHERE conrelid = CAST(:t AS regclass) AND (contype = 'f'"
            " OR contype = 'u' AND NOT EXISTS (SELECT 1 FROM pg_constraint r"
            " WHERE r.contype = 'f' AND r.conindid = c.conindid))"
            " ORDER BY contype DESC"
        ),
        {"t": table},
    ).all()
    for name, _ in constraints:
        conn.execute(sa.text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    for name, _ in indexes:
        conn.execute(sa.text(f'DROP INDEX "{name}"'))
    yield True
    for _, definition in indexes:
        conn.execute(sa.text(definition))
    for name, definition in constraints:
        conn.execute(
            sa.text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        )
    log.info(
        "bulk load into %s: rebuilt %d indexes, revalidated %d constraints",
        table,
        len(indexes),
        len(constraints),
    )


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` means the database cannot be reached (refused, gone,
    connection lost, pool exhausted) rather than a fault in SIGAP's own SQL."""
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(
        error,
        sa.exc.OperationalError
        | sa.exc.InterfaceError
        | sa.exc.TimeoutError
        | psycopg.OperationalError,
    )
