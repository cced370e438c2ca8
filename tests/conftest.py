"""Shared fixtures: a throwaway PostGIS database, migrated and loaded, per test run.

``SIGAP_TEST_DATABASE_URL`` names it; by default it is ``sigap_test`` on the server of
``SIGAP_DATABASE_URL`` (or the local default). It is dropped and created anew at the
start of the run. Missing PostGIS is an error, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.config import Settings, database_name, with_database
from gis.db import drop_database, ensure_database, get_engine
from gis.timeutil import WITA
from layers import schema

DATA = Path(__file__).resolve().parent / "data"
#: the suite's "now": every clock a test reads is pinned here (the demo city the
#: tests seed ends the day before)
NOW = datetime(2026, 11, 1, 8, 0, tzinfo=WITA)


def _test_database_url() -> str:
    explicit = os.environ.get("SIGAP_TEST_DATABASE_URL")
    if explicit:
        return explicit
    base = Settings.from_env().database_url
    return with_database(base, database_name(base) + "_test")


def fresh_database(url: str) -> Settings:
    """Drop and create ``url``'s database, migrate to head, load reference data."""
    drop_database(url)
    ensure_database(url)
    settings = Settings(database_url=url, clock=NOW)
    with get_engine(settings).begin() as conn:
        schema.upgrade(conn)
        schema.load_reference(conn, settings)
    return settings


def own_database(
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    **extra: object,
) -> Settings:
    """A fresh database of its own beside the test database (its name + ``_name``),
    with var/ and media folders of its own, so what it commits touches no other
    test's data."""
    url = with_database(
        settings.database_url, database_name(settings.database_url) + f"_{name}"
    )
    var = tmp_path_factory.mktemp(f"var_{name}")
    return fresh_database(url).replace(var_dir=var, media_dir=var / "media", **extra)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the migrated test database (own var/ and media folders)."""
    var = tmp_path_factory.mktemp("var")
    base = fresh_database(_test_database_url())
    return base.replace(var_dir=var, media_dir=var / "media")


@pytest.fixture(scope="session")
def engine(settings: Settings) -> sa.Engine:
    return get_engine(settings)


@pytest.fixture(scope="module")
def desktop() -> Iterator:
    """Chromium at the office's desktop size, one per test module."""
    from tests.browser import DESKTOP, chromium

    with chromium(DESKTOP) as driver:
        yield driver


@pytest.fixture(scope="module")
def phone() -> Iterator:
    """Chromium as a resident's or a field clerk's phone, one per test module."""
    from tests.browser import PHONE, chromium

    with chromium(PHONE, phone=True) as driver:
        yield driver


@pytest.fixture
def conn(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        # a test waiting on a lock another test's open transaction holds would
        # wait for ever; fail it instead
        connection.execute(sa.text("SET LOCAL lock_timeout = '60s'"))
        try:
            yield connection
        finally:
            transaction.rollback()


def sigap_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a ``sigap`` process (command or server) working on
    ``settings``: its database, var folder and pinned clock."""
    env = {
        **os.environ,
        "SIGAP_DATABASE_URL": settings.database_url,
        "SIGAP_VAR_DIR": str(settings.var_dir),
        **extra,
    }
    if settings.clock is not None:
        env["SIGAP_NOW"] = settings.clock.isoformat()
    if settings.https:
        env["SIGAP_HTTPS"] = "1"
    env["SIGAP_REPORTS_PER_HOUR"] = str(settings.reports_per_hour)
    env["SIGAP_REPORTS_PER_HOUR_PER_ADDRESS"] = str(settings.reports_per_address)
    return env


def last_event(conn: sa.Connection, complaint_id: int) -> sa.Row:
    """Who made a complaint's latest audited change, from where to where, why."""
    return conn.execute(
        sa.text(
            "SELECT actor, from_status, to_status, note FROM complaint_events"
            " WHERE complaint_id = :id ORDER BY id DESC LIMIT 1"
        ),
        {"id": complaint_id},
    ).one()


def count(conn: sa.Connection, table: str, where: str = "true") -> int:
    """Rows of ``table`` matching ``where``."""
    return conn.execute(
        sa.text(f"SELECT count(*) FROM {table} WHERE {where}")
    ).scalar_one()


def query(settings: Settings, sql: str, **params: object) -> list[sa.Row]:
    """The rows ``sql`` (with ``params``) reads from ``settings``' database now,
    for a test that checks what a request stored."""
    with get_engine(settings).connect() as conn:
        return conn.execute(sa.text(sql), params).all()
