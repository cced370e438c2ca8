"""A committed database of its own for the command line, the in-process app (Flask's
test client) and a running server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
import requests
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from gis.config import Settings
from gis.db import get_engine
from layers.accounts import create_api_key, create_user
from layers.analysis.pipeline import run_analysis
from layers.city.blackspots import Parameters, default_window, run_blackspots
from layers.city.networks import run_networks
from layers.city.waste_checks import analyse_waste
from layers.complaints import create_complaint
from layers.demo import generate_demo
from tests.conftest import NOW, own_database, sigap_env
from tests.server import free_port
from tests.server import serving as server_process


@pytest.fixture(scope="session")
def committed(settings: Settings, tmp_path_factory) -> Settings:
    """A fresh database that commands may commit to (the API tests share it)."""
    return own_database(settings, tmp_path_factory, "api")


@contextmanager
def serving(settings: Settings, port: int | None = None) -> Iterator[str]:
    """``sigap serve`` on ``port`` (a free one by default) against ``settings``'
    database; its log goes to ``server-<port>.log`` in the var folder."""
    port = port or free_port()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    log = settings.var_dir / f"server-{port}.log"
    with server_process(sigap_env(settings), port=port, log=log) as base:
        yield base


@pytest.fixture(scope="session")
def server(committed: Settings) -> Iterator[str]:
    """The platform serving the committed database."""
    with serving(committed) as base:
        yield base


@pytest.fixture(scope="session")
def app(committed: Settings) -> Flask:
    """The platform on the committed database, in this process (Flask's test
    client needs no server: most HTTP behaviour is tested through it)."""
    return create_app(committed)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def demo_city(settings: Settings, tmp_path_factory) -> Settings:
    """A database holding a small demo city, one analysis run, one blackspot
    run and one networks run of it."""
    local = own_database(settings, tmp_path_factory, "wms")
    with get_engine(local).begin() as conn:
        generate_demo(
            conn, local, complaints=5000, seed=11, end_date=date(2026, 10, 31)
        )
        run_analysis(conn, local, until=NOW, seed=11)
        run_blackspots(conn, Parameters(*default_window(NOW)), now=NOW)
        analyse_waste(conn, NOW)
        run_networks(conn, NOW)
    return local


@pytest.fixture(scope="session")
def demo_server(demo_city: Settings) -> Iterator[str]:
    """The platform serving the demo city (for the WMS tests)."""
    with serving(demo_city) as base:
        yield base


@pytest.fixture(scope="session")
def demo_app(demo_city: Settings) -> Flask:
    """The platform on the demo city, in this process."""
    return create_app(demo_city)


@pytest.fixture
def demo_client(demo_app: Flask) -> FlaskClient:
    return demo_app.test_client()


@pytest.fixture(scope="session")
def api_key(committed: Settings) -> str:
    """An Open311 API key in the committed database."""
    with get_engine(committed).begin() as conn:
        return create_api_key(conn, "pytest client")


def open311_report(
    client: FlaskClient, api_key: str, category: str, lon: float, lat: float, **fields
) -> str:
    """Report through Open311 as a client app would; the new ticket's number."""
    answer = client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": category,
            "lat": lat,
            "long": lon,
            **fields,
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json[0]["service_request_id"]


def streetlight_legend(base: str, **params: object) -> requests.Response:
    """The streetlights' WMS legend (GetLegendGraphic, PNG) from server ``base``."""
    return requests.get(
        base + "/wms",
        params={
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetLegendGraphic",
            "LAYER": "streetlights",
            "STYLE": "streetlights",
            "FORMAT": "image/png",
            **params,
        },
        timeout=30,
    )


STAFF_PASSWORD = "rahasia-uji-123"


@pytest.fixture(scope="session")
def staff(committed: Settings) -> dict[str, tuple[str, str]]:
    """HTTP Basic credentials of an operator and two OPDs' staff."""
    accounts = {
        "operator": ("ops", "operator", None),
        "pupr": ("pupr", "opd_staff", "DPUPR"),
        "dlhk": ("dlhk", "opd_staff", "DLHK"),
    }
    with get_engine(committed).begin() as conn:
        for username, role, opd in accounts.values():
            create_user(conn, username, username.upper(), STAFF_PASSWORD, role, opd)
    return {
        key: (username, STAFF_PASSWORD) for key, (username, _, _) in accounts.items()
    }


#: a quiet spot near Oebobo, chosen by the ``known`` fixture
SPOT = [123.6003, -10.1697]
REPORTED = datetime(2026, 10, 15, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def known(demo_city) -> str:
    """A kebersihan complaint with no other complaint within 60 m, so it is drawn
    alone in the middle of a 64 px map at 1:2000."""
    with get_engine(demo_city).begin() as conn:
        clear = conn.execute(
            sa.text(
                "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_SetSRID(ST_MakePoint("
                " 123.59 + i * 0.0004, -10.175 + j * 0.0004), 4326) AS p"
                " FROM generate_series(0, 40) i, generate_series(0, 20) j) c"
                " WHERE NOT EXISTS (SELECT 1 FROM complaints x WHERE ST_DWithin("
                " x.geom::geography, c.p::geography, 60))"
                " AND sigap_kelurahan_at(p) IS NOT NULL ORDER BY 1, 2 LIMIT 1"
            )
        ).one()
        SPOT[:] = list(clear)
        row = create_complaint(
            conn,
            category_code="kebersihan",
            lon=SPOT[0],
            lat=SPOT[1],
            reported_at=REPORTED,
        )
    return row.ticket
