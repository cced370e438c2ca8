"""The hardening issue's remaining defects, each as the probe found it: forged
forwarded addresses, a stream without security headers, non-finite numbers and
wrong JSON types, a health check that could not say what is down."""

from __future__ import annotations

import uuid

import pytest
import requests
import sqlalchemy as sa

from api.app import create_app
from gis.config import Settings, database_name, with_database
from gis.db import ensure_database, get_engine
from layers.accounts import create_user
from layers.complaints import create_complaint
from tests.conftest import NOW

pytestmark = pytest.mark.clock

GUARD = ("penjaga", "rahasia-penjaga-1")


@pytest.fixture(scope="module")
def guard(committed):
    with get_engine(committed).begin() as conn:
        create_user(conn, GUARD[0], "Penjaga", GUARD[1], "operator")
    return committed


def _attempts(settings, where: str, **values) -> list[tuple]:
    with get_engine(settings).connect() as conn:
        return conn.execute(
            sa.text(
                f"SELECT client_addr, outcome FROM login_attempts WHERE {where}"
                " ORDER BY id"
            ),
            values,
        ).all()


# -- forwarded addresses -----------------------------------------------------------


def test_a_forged_x_forwarded_for_does_not_dodge_the_address_lockout(server, guard):
    # a success from this address first: its failures count from zero
    assert requests.get(server + "/api/staff/me", auth=GUARD, timeout=10).ok
    requests.get(
        server + "/api/staff/me",
        auth=GUARD,
        headers={"X-Forwarded-For": "198.51.100.1"},
        timeout=10,
    )
    try:
        for n in range(30):
            wrong = requests.get(
                server + "/api/staff/me",
                auth=(f"palsu{n}", "salah-sandi-99"),
                headers={"X-Forwarded-For": f"198.51.100.{n + 2}"},
                timeout=10,
            )
            assert wrong.status_code == 403
        right = requests.get(server + "/api/staff/me", auth=GUARD, timeout=10)
        assert right.status_code == 429
        recorded = _attempts(guard, "username LIKE 'palsu%'")
        assert {addr for addr, _ in recorded} == {"127.0.0.1"}
    finally:
        with get_engine(guard).begin() as conn:
            conn.execute(
                sa.text("DELETE FROM login_attempts WHERE username LIKE 'palsu%'")
            )
    assert requests.get(server + "/api/staff/me", auth=GUARD, timeout=10).ok


def test_behind_a_configured_proxy_the_forwarded_client_is_counted(committed):
    name = f"proksi-{uuid.uuid4().hex[:6]}"
    forwarded = {"X-Forwarded-For": "203.0.113.7, 10.0.0.2"}
    for proxies, expected in ((0, "127.0.0.1"), (1, "10.0.0.2"), (2, "203.0.113.7")):
        client = create_app(committed.replace(trusted_proxies=proxies)).test_client()
        answer = client.get(
            "/api/staff/me", auth=(name, "salah-sandi-99"), headers=forwarded
        )
        assert answer.status_code == 403
        assert _attempts(committed, "username = :u", u=name)[-1] == (
            expected,
            "failure",
        )


@pytest.mark.parametrize("value", ["satu", "-1", "11"])
def test_a_trusted_proxy_count_that_is_not_a_small_number_is_refused(value):
    with pytest.raises(ValueError, match="SIGAP_TRUSTED_PROXIES"):
        Settings.from_env({"SIGAP_TRUSTED_PROXIES": value})


# -- security headers on the event stream ------------------------------------------


def test_the_event_stream_carries_the_security_headers(server):
    with requests.get(server + "/api/events", stream=True, timeout=10) as stream:
        assert stream.status_code == 200
        headers = stream.headers
        assert headers["Content-Type"].startswith("text/event-stream")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "Strict-Transport-Security" not in headers
    refused = requests.get(server + "/api/events?last_event_id=²", timeout=10)
    assert refused.status_code == 400
    assert refused.headers["X-Content-Type-Options"] == "nosniff"


# -- non-finite numbers and wrong JSON types --------------------------------------

LAMP = {"service_code": "lampu_jalan_mati", "lat": "-10.1650", "long": "123.5950"}


def _complaints(settings) -> int:
    with get_engine(settings).connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM complaints")).scalar_one()


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "nan"])
def test_a_non_finite_number_attribute_is_an_open311_400(
    client, api_key, committed, number
):
    before = _complaints(committed)
    answer = client.post(
        "/open311/v2/requests.json",
        data={**LAMP, "api_key": api_key, "attribute[jumlah_lampu]": number},
    )
    assert answer.status_code == 400, answer.text
    [error] = answer.json
    assert error["code"] == 400
    assert "jumlah_lampu harus berupa angka" in error["description"]
    assert _complaints(committed) == before


def test_a_finite_number_attribute_is_stored_as_a_number(client, api_key, committed):
    answer = client.post(
        "/open311/v2/requests.json",
        data={
            **LAMP,
            "long": "123.5957",
            "api_key": api_key,
            "attribute[jumlah_lampu]": "3",
        },
    )
    assert answer.status_code == 200, answer.text
    ticket = answer.json[0]["service_request_id"]
    with get_engine(committed).connect() as conn:
        stored = conn.execute(
            sa.text("SELECT attributes FROM complaints WHERE ticket = :t"),
            {"t": ticket},
        ).scalar_one()
    assert stored == {"jumlah_lampu": 3.0}


@pytest.fixture(scope="module")
def fresh_ticket(committed):
    with get_engine(committed).begin() as conn:
        row = create_complaint(
            conn,
            category_code="kebersihan",
            lon=123.6051,
            lat=-10.1702,
            reported_at=NOW,
        )
    return row.ticket


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "diverifikasi", "note": {"a": 1}}, "note"),
        ({"to": "diverifikasi", "note": ["catatan"]}, "note"),
        ({"to": "ditolak", "reason": 7}, "reason"),
        ({"to": "didisposisikan", "opd_code": {"code": "DPUPR"}}, "opd_code"),
        ({"to": "diverifikasi", "public_note": True}, "public_note"),
        ({"to": "diverifikasi", "version": True}, "version"),
    ],
)
def test_wrong_json_types_in_a_move_are_a_400_naming_the_field(
    client, staff, fresh_ticket, committed, body, field
):
    answer = client.post(
        f"/api/staff/complaints/{fresh_ticket}/transition",
        json=body,
        auth=staff["operator"],
    )
    assert answer.status_code == 400, answer.text
    assert field in answer.json["description"]
    with get_engine(committed).connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM complaints WHERE ticket = :t"),
            {"t": fresh_ticket},
        ).scalar_one()
    assert status == "baru"


def test_a_list_body_or_a_non_text_note_when_splitting_is_a_400(client, staff):
    for body in (["diverifikasi"], {"note": {"a": 1}}):
        answer = client.post(
            "/api/staff/supporters/1/split", json=body, auth=staff["operator"]
        )
        assert answer.status_code in (400, 404), answer.text
    answer = client.post(
        "/api/staff/supporters/1/split", json={"note": {"a": 1}}, auth=staff["operator"]
    )
    assert answer.status_code == 400


# -- /health -----------------------------------------------------------------------


def test_health_is_ok_when_all_is_well(client):
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.json == {"status": "ok"}


def test_health_names_an_unreachable_database(committed):
    client = create_app(
        committed.replace(database_url="postgresql://postgres@127.0.0.1:9/sigap")
    ).test_client()
    answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert answer.json["down"] == ["database", "migrations"]
    assert answer.json["checks"]["database"] == "unreachable"


def test_health_names_a_schema_behind_the_code(committed):
    url = with_database(
        committed.database_url, database_name(committed.database_url) + "_unmigrated"
    )
    ensure_database(url)
    client = create_app(committed.replace(database_url=url)).test_client()
    answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.json["down"] == ["migrations"]
    assert answer.json["checks"]["migrations"].startswith("at None, code needs 00")


def test_health_names_a_media_folder_it_cannot_write(committed, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the photos should go")
    client = create_app(committed.replace(media_dir=blocked / "media")).test_client()
    answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.json["down"] == ["media"]
    assert answer.json["checks"]["media"].startswith("not writable")
