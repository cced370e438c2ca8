"""A small demo city of its own for the citizen app, so the reports its tests file
change no other test's numbers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from gis.config import Settings
from gis.db import get_engine
from layers.demo import generate_demo
from tests.api.conftest import serving
from tests.conftest import own_database


@pytest.fixture(scope="session")
def lapor_city(settings: Settings, tmp_path_factory) -> Settings:
    """Boundaries, roads and a few hundred complaints; the per-address limit is
    lifted (every test client is 127.0.0.1) and tested on its own."""
    local = own_database(
        settings, tmp_path_factory, "lapor", reports_per_address=10_000
    )
    with get_engine(local).begin() as conn:
        generate_demo(conn, local, complaints=300, seed=5, end_date=date(2026, 10, 31))
    return local


@pytest.fixture(scope="session")
def lapor_app(lapor_city: Settings) -> Flask:
    return create_app(lapor_city)


@pytest.fixture(scope="session")
def lapor_server(lapor_city: Settings) -> Iterator[str]:
    with serving(lapor_city) as base:
        yield base


def new_device(app: Flask) -> tuple[FlaskClient, str]:
    """A browser arriving at the app: its own cookies (device id) and a CSRF
    token."""
    client = app.test_client()
    token = client.get("/lapor/api/token").get_json()["csrf_token"]
    return client, token


def stored(settings: Settings) -> tuple:
    """Everything a report could leave behind: tickets, supporters, counted
    submissions, files."""
    with get_engine(settings).connect() as conn:
        rows = tuple(
            conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("complaints", "complaint_supporters", "citizen_submissions")
        )
    media = Path(settings.media_dir)
    files = sorted(p.name for p in media.rglob("*.jpg")) if media.exists() else []
    return rows, files


#: a point in the Bay of Kupang, north of the old town
SEA = (123.55, -10.12)


def quiet_spot(settings: Settings, category: str) -> tuple[float, float, str]:
    """(lon, lat, kelurahan name) of a point in the city with a named road near it
    and no complaint of ``category`` within 200 m (so a report there opens a new
    ticket)."""
    with get_engine(settings).connect() as conn:
        return tuple(
            conn.execute(
                sa.text(
                    "SELECT ST_X(p), ST_Y(p), k.nama FROM (SELECT ST_SetSRID("
                    " ST_MakePoint(123.575 + i * 0.002, -10.185 + j * 0.002), 4326)"
                    " AS p FROM generate_series(0, 25) i, generate_series(0, 15) j) c"
                    " JOIN kelurahan k ON k.kode = sigap_kelurahan_at(c.p)"
                    " WHERE NOT EXISTS (SELECT 1 FROM complaints x WHERE"
                    "  x.category_code = :c AND x.geom && ST_Expand(c.p, 0.003)"
                    "  AND ST_DWithin(x.geom::geography,"
                    "  c.p::geography, 200))"
                    " AND EXISTS (SELECT 1 FROM roads r WHERE r.name IS NOT NULL"
                    "  AND r.geom && ST_Expand(c.p, 0.001)"
                    "  AND ST_DWithin(r.geom::geography, c.p::geography, 100))"
                    " ORDER BY random() LIMIT 1"
                ),
                {"c": category},
            ).one()
        )
