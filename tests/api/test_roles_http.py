"""Roles that hold over HTTP: what each move may carry, its audit, scoped lists."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from gis.db import get_engine
from tests.api.test_operations_http import _move, _report

pytestmark = pytest.mark.clock


def _record(client, who, ticket) -> dict:
    return client.get(f"/api/staff/complaints/{ticket}", auth=who).json


def _assigned(client, staff, ticket, opd="DPUPR") -> None:
    assert (
        _move(client, staff["operator"], ticket, to="diverifikasi").status_code == 200
    )
    assert (
        _move(
            client, staff["operator"], ticket, to="didisposisikan", opd_code=opd
        ).status_code
        == 200
    )


def test_opd_staff_cannot_reassign_a_ticket_or_give_it_a_rejection_reason(
    client, api_key, staff
):
    ticket = _report(client, api_key, "jalan_berlubang", 10)
    _assigned(client, staff, ticket)
    elsewhere = _move(client, staff["pupr"], ticket, to="diproses", opd_code="DLHK")
    assert elsewhere.status_code == 400
    assert elsewhere.json["description"] == (
        "Perpindahan ke diproses tidak menerima opd_code"
        " / A move to diproses takes no opd_code"
    )
    reason = _move(client, staff["pupr"], ticket, to="diproses", reason="duplikat")
    assert reason.status_code == 400 and "reason" in reason.json["description"]
    handed = _move(client, staff["pupr"], ticket, to="koordinasi", opd_code="DLHK")
    assert handed.status_code == 400
    record = _record(client, staff["operator"], ticket)
    assert (record["status"], record["opd_code"], record["version"]) == (
        "didisposisikan",
        "DPUPR",
        3,
    )
    working = _move(client, staff["pupr"], ticket, to="diproses")
    assert working.status_code == 200 and working.json["opd_code"] == "DPUPR"


def test_every_field_a_move_changes_is_in_its_audit_event(client, api_key, staff):
    ticket = _report(client, api_key, "jalan_berlubang", 11)
    before = _record(client, staff["operator"], ticket)["opd_code"]
    _assigned(client, staff, ticket, opd="DLHK")
    assert (
        _move(
            client, staff["dlhk"], ticket, to="koordinasi", note="bukan kami"
        ).status_code
        == 200
    )
    again = _move(
        client, staff["operator"], ticket, to="didisposisikan", opd_code="DPUPR"
    )
    assert again.status_code == 200
    events = [
        e["changes"]
        for e in _record(client, staff["operator"], ticket)["events"]
        if e["action"] == "status"
    ]
    assert events == [
        {"status": ["baru", "diverifikasi"]},
        {"status": ["diverifikasi", "didisposisikan"], "opd_code": [before, "DLHK"]}
        if before != "DLHK"
        else {"status": ["diverifikasi", "didisposisikan"]},
        {"status": ["didisposisikan", "koordinasi"]},
        {"status": ["koordinasi", "didisposisikan"], "opd_code": ["DLHK", "DPUPR"]},
    ]
    rejected = _report(client, api_key, "kebersihan", 12)
    assert (
        _move(
            client, staff["operator"], rejected, to="ditolak", reason="duplikat"
        ).status_code
        == 200
    )
    [event] = [
        e
        for e in _record(client, staff["operator"], rejected)["events"]
        if e["action"] == "status"
    ]
    assert event["changes"] == {
        "status": ["baru", "ditolak"],
        "sub_status": [None, "duplikat"],
    }


def test_priorities_are_scoped_to_the_callers_opd(client, committed, api_key, staff):
    ticket = _report(client, api_key, "jalan_berlubang", 13)
    _assigned(client, staff, ticket)
    theirs = _report(client, api_key, "kebersihan", 14)
    _assigned(client, staff, theirs, opd="DLHK")
    with get_engine(committed).connect() as conn:
        dpupr = set(
            conn.execute(
                sa.text("SELECT ticket FROM complaints WHERE opd_code = 'DPUPR'")
            ).scalars()
        )

    def tickets(who, **params) -> list[str]:
        answer = client.get(
            "/api/priorities", query_string={"limit": 1000, **params}, auth=who
        )
        assert answer.status_code == 200
        rows = answer.json["priorities"]
        return [t for r in rows for t in r.get("tickets", [r.get("ticket")])]

    own = tickets(staff["pupr"])
    assert ticket in own and theirs not in own and set(own) <= dpupr
    assert ticket not in tickets(staff["dlhk"]) and theirs in tickets(staff["dlhk"])
    assert set(tickets(staff["pupr"], by="area")) <= dpupr
    assert {ticket, theirs} <= set(tickets(staff["operator"]))
