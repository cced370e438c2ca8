"""Operations over HTTP: roles, workflow, red flags and the live event stream."""

from __future__ import annotations

import json
import threading

import pytest
import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.conftest import open311_report

pytestmark = pytest.mark.clock

BASE = (123.5930, -10.1630)  # Kelurahan 53.71.04.1008, away from other tests
REQUIRED = {
    "banjir": {"attribute[kedalaman]": "lutut"},
    "pohon_tumbang": {"attribute[menutup_jalan]": "tidak"},
}


def _report(client: FlaskClient, api_key: str, category: str, n: int) -> str:
    lon, lat = BASE[0] - 0.0014 * (n % 5), BASE[1] + 0.0014 * (n // 5)
    fields = {"attribute[warna]": "", **REQUIRED.get(category, {})}
    return open311_report(client, api_key, category, lon, lat, **fields)


def _move(client, who, ticket, **body) -> TestResponse:
    return client.post(
        f"/api/staff/complaints/{ticket}/transition",
        json=body,
        auth=who,
    )


def test_an_opd_cannot_read_or_change_another_opds_ticket_over_http(
    client, api_key, staff
):
    ticket = _report(client, api_key, "jalan_berlubang", 0)
    assert (
        _move(client, staff["operator"], ticket, to="diverifikasi").status_code == 200
    )
    assigned = _move(
        client,
        staff["operator"],
        ticket,
        to="didisposisikan",
        opd_code="DPUPR",
        note="segera",
    )
    assert assigned.json["opd_code"] == "DPUPR"

    other = client.get(f"/api/staff/complaints/{ticket}", auth=staff["dlhk"])
    assert other.status_code == 403
    assert "OPD lain" in other.json["description"]
    refused = _move(client, staff["dlhk"], ticket, to="diproses")
    assert refused.status_code == 403
    queue = client.get("/api/staff/queue", auth=staff["dlhk"]).json["complaints"]
    assert ticket not in [c["ticket"] for c in queue]

    own = client.get(f"/api/staff/complaints/{ticket}", auth=staff["pupr"]).json
    assert own["status"] == "didisposisikan" and own["version"] == 3
    assert [e["action"] for e in own["events"]] == ["created", "status", "status"]
    assert own["events"][2]["actor"] == "operator:ops"
    queue = client.get("/api/staff/queue", auth=staff["pupr"]).json["complaints"]
    assert ticket in [c["ticket"] for c in queue]
    assert {c["opd_code"] for c in queue} == {"DPUPR"}
    working = _move(client, staff["pupr"], ticket, to="diproses", version=3)
    assert working.status_code == 200 and working.json["version"] == 4


def test_illegal_moves_stale_versions_and_bad_logins_are_refused(
    client, api_key, staff
):
    ticket = _report(client, api_key, "kebersihan", 1)
    illegal = _move(client, staff["operator"], ticket, to="selesai")
    assert illegal.status_code == 409
    assert illegal.json["code"] == "illegal_transition"
    assert (
        _move(
            client, staff["operator"], ticket, to="diverifikasi", version=1
        ).status_code
        == 200
    )
    stale = _move(
        client, staff["operator"], ticket, to="ditolak", reason="duplikat", version=1
    )
    assert stale.status_code == 409 and stale.json["code"] == "conflict"
    unknown = _move(client, staff["operator"], ticket, to="hilang")
    assert unknown.status_code == 400
    nobody = _move(client, None, ticket, to="ditolak", reason="duplikat")
    assert nobody.status_code == 403
    wrong = _move(
        client, ("ops", "salah-sandi-123"), ticket, to="ditolak", reason="duplikat"
    )
    assert wrong.status_code == 403
    assert client.get("/api/priorities").status_code == 403


def test_an_operator_splits_a_merged_report_over_http(client, api_key, staff):
    ticket = _report(client, api_key, "pohon_tumbang", 2)
    lon, lat = BASE[0] - 0.0014 * 2, BASE[1]
    again = client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "pohon_tumbang",
            "lat": lat,
            "long": lon,
            "attribute[menutup_jalan]": "ya",
        },
    ).json[0]
    assert again["service_request_id"] == ticket
    record = client.get(f"/api/staff/complaints/{ticket}", auth=staff["operator"]).json
    [supporter] = record["supporters"]
    split = client.post(
        f"/api/staff/supporters/{supporter['id']}/split",
        json={"note": "pohon lain"},
        auth=staff["operator"],
    )
    assert split.status_code == 201 and split.json["ticket"] != ticket
    assert (
        client.post(
            f"/api/staff/supporters/{supporter['id']}/split",
            auth=staff["pupr"],
        ).status_code
        == 403
    )


def test_red_flags_scoreboard_and_priorities_are_served(client, api_key, staff):
    _report(client, api_key, "banjir", 3)
    flags = client.get("/api/red-flags").json["flags"]
    flood = next(f for f in flags if f["category_code"] == "banjir")
    assert flood["flag"] == "green" and flood["threshold_days"] == 3
    board = client.get("/api/scoreboard?days=7").json
    assert {row["opd_code"] for row in board["opd"]} >= {"DPUPR", "BPBD"}
    ranked = [row["rank"] for row in board["opd"] if not row["few"]]
    assert ranked == list(range(1, len(ranked) + 1))
    assert all(row["rank"] is None for row in board["opd"] if row["few"])
    top = client.get("/api/priorities?limit=5", auth=staff["operator"]).json[
        "priorities"
    ]
    assert top and all(r["reasons"] for r in top)
    assert top[0]["score"] == round(sum(r["points"] for r in top[0]["reasons"]), 1)


def _read_events(
    response: requests.Response, wanted: int, into: list, keep=lambda data: True
) -> None:
    """Read events into ``into`` until ``wanted`` of those ``keep`` accepts."""
    event: dict = {}
    for line in response.iter_lines(decode_unicode=True):
        if line.startswith("id: "):
            event["id"] = int(line[4:])
        elif line.startswith("data: "):
            event["data"] = json.loads(line[6:])
        elif line == "" and event:
            if keep(event["data"]):
                into.append(event)
            event = {}
            if len(into) >= wanted:
                return


def test_the_event_stream_delivers_a_change_and_resumes_from_last_event_id(
    server, client, api_key, staff
):
    # the stream runs on the event loop beside Flask: only a real server has it
    ticket = _report(client, api_key, "air_bersih", 4)
    received: list[dict] = []

    def moved(data: dict) -> bool:
        # the report's own creation may still be in flight when the stream opens
        return data.get("ticket") == ticket and data.get("to_status") != "baru"

    with requests.get(server + "/api/events", stream=True, timeout=10) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        reader = threading.Thread(
            target=_read_events, args=(stream, 2, received, moved), daemon=True
        )
        reader.start()
        # the stream is connected once it sent its greeting; give it a moment
        reader.join(0.5)
        _move(client, staff["operator"], ticket, to="diverifikasi")
        _move(client, staff["operator"], ticket, to="didisposisikan", opd_code="PDAM")
        reader.join(5)
    assert [(e["data"]["ticket"], e["data"]["to_status"]) for e in received] == [
        (ticket, "diverifikasi"),
        (ticket, "didisposisikan"),
    ]
    assert "note" not in received[0]["data"] and "actor" not in received[0]["data"]

    resumed: list[dict] = []
    with requests.get(
        server + "/api/events",
        stream=True,
        timeout=10,
        headers={"Last-Event-ID": str(received[0]["id"])},
    ) as again:
        _read_events(again, 1, resumed, moved)
    assert resumed[0]["id"] == received[1]["id"]
    assert resumed[0]["data"]["to_status"] == "didisposisikan"


def test_only_an_admin_manages_users_keys_and_categories(client, committed, staff):
    from gis.db import get_engine
    from layers.accounts import create_user

    with get_engine(committed).begin() as conn:
        create_user(conn, "admin", "Admin", "rahasia-admin-1", "admin")
    admin = ("admin", "rahasia-admin-1")
    new_user = {
        "username": "dishub1",
        "name": "Staf Dishub",
        "password": "rahasia-dishub-1",
        "role": "opd_staff",
        "opd_code": "DISHUB",
    }
    assert (
        client.post(
            "/api/admin/users",
            json=new_user,
            auth=staff["operator"],
        ).status_code
        == 403
    )
    created = client.post("/api/admin/users", json=new_user, auth=admin)
    assert created.status_code == 201 and created.json["role"] == "opd_staff"
    me = client.get("/api/staff/me", auth=("dishub1", "rahasia-dishub-1")).json
    assert me == {"username": "dishub1", "role": "opd_staff", "opd_code": "DISHUB"}
    again = client.post("/api/admin/users", json=new_user, auth=admin)
    assert again.status_code == 400 and "dishub1" in again.json["description"]
    no_opd = client.post(
        "/api/admin/users",
        auth=admin,
        json={**new_user, "username": "x1", "opd_code": None},
    )
    assert no_opd.status_code == 400

    key = client.post("/api/admin/api-keys", json={"name": "WA bot"}, auth=admin).json
    form = {
        "api_key": key["api_key"],
        "service_code": "ketertiban_umum",
        "lat": "-10.1600",
        "long": "123.5900",
    }
    assert client.post("/open311/v2/requests.json", data=form).status_code == 200
    assert (
        client.delete(f"/api/admin/api-keys/{key['prefix']}", auth=admin).status_code
        == 200
    )
    assert client.post("/open311/v2/requests.json", data=form).status_code == 403

    changed = client.patch(
        "/api/admin/categories/rambu_lalu_lintas",
        json={"sla_days": 3, "red_flag_days": 5},
        auth=admin,
    )
    assert changed.status_code == 200
    assert (changed.json["sla_days"], changed.json["red_flag_days"]) == (3, 5)
    for bad in (
        {"sla_days": 0},
        {"code": "x"},
        {"opd_code": "NOPE"},
        {},
        {"active": "yes"},
    ):
        response = client.patch(
            "/api/admin/categories/rambu_lalu_lintas",
            json=bad,
            auth=admin,
        )
        assert response.status_code == 400, bad
    assert (
        client.patch(
            "/api/admin/categories/gempa",
            json={"sla_days": 2},
            auth=admin,
        ).status_code
        == 404
    )
    closed = client.patch(
        "/api/admin/categories/rambu_lalu_lintas",
        json={"active": False},
        auth=admin,
    )
    assert closed.json["active"] is False
    services = client.get("/open311/v2/services.json").json
    assert "rambu_lalu_lintas" not in [s["service_code"] for s in services]
    client.patch(
        "/api/admin/categories/rambu_lalu_lintas",
        json={"active": True, "sla_days": 5, "red_flag_days": 7},
        auth=admin,
    )
