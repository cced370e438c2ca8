"""Near-duplicate reports: text, distance and time, scored and explained."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
import sqlalchemy as sa

from gis.errors import Forbidden, NotFound
from gis.timeutil import WITA
from layers.accounts import PUBLIC, Actor
from layers.ai.duplicates import similar_reports
from layers.complaints import create_complaint
from tests.conftest import NOW
from tests.kupang import OPERATOR

#: Kelurahan Oebobo, a spot the other modules leave alone
SPOT = (123.6133, -10.1561)
AT = NOW.astimezone(WITA) - timedelta(days=20)
#: the reported problem, and the same problem in a neighbour's words
TEXT = "Sampah menumpuk di pinggir jalan depan Pasar Oebobo, bau busuk sekali"
SAME = "sampah su numpuk di pinggir jln depan pasar oebobo, bau skali"


def _east(metres: float) -> float:
    # degrees of longitude per metre at Kupang's latitude
    return metres / (111_320 * math.cos(math.radians(SPOT[1])))


def _report(conn, text, metres=0.0, days=0.0, category="kebersihan"):
    return create_complaint(
        conn,
        category_code=category,
        lon=SPOT[0] + _east(metres),
        lat=SPOT[1],
        description=text,
        reported_at=AT + timedelta(days=days),
    ).ticket


@pytest.fixture
def seeded(conn):
    tickets = {
        "ticket": _report(conn, TEXT),
        "reworded": _report(conn, SAME, metres=40, days=1),
        "far_and_old": _report(conn, TEXT, metres=250, days=-10),
        "next_door_other_problem": _report(
            conn, "Tong sampah di taman kota rusak dan penyok", metres=10, days=0.5
        ),
        "outside_radius": _report(conn, TEXT, metres=350, days=1),
        "outside_window": _report(conn, TEXT, metres=20, days=15),
        "other_category": _report(conn, TEXT, metres=5, days=1, category="drainase"),
        "closed": _report(conn, TEXT, metres=5, days=1),
    }
    conn.execute(
        sa.text("UPDATE complaints SET status = 'selesai' WHERE ticket = :t"),
        {"t": tickets["closed"]},
    )
    return tickets


def test_near_recent_reports_worded_alike_come_first_with_their_components(
    conn, seeded
):
    found = similar_reports(conn, seeded["ticket"], OPERATOR)
    assert found["text_basis"] == "candidates"  # no category model trained here
    assert found["weights"] == {"text": 0.6, "distance": 0.25, "time": 0.15}
    assert [
        (s["ticket"], s["score"], s["components"], s["metres"], s["days"])
        for s in found["similar"]
    ] == [
        # the same heap in a neighbour's words, 40 m away the next day:
        # 0.6 × 0.6824 + 0.25 × (1 − 40/300) + 0.15 × (1 − 1/14)
        (
            seeded["reworded"],
            0.7654,
            {"text": 0.6824, "distance": 0.8667, "time": 0.9286},
            40,
            1.0,
        ),
        # the very words, but 250 m away and ten days earlier
        (
            seeded["far_and_old"],
            0.6845,
            {"text": 1.0, "distance": 0.1667, "time": 0.2857},
            250,
            10.0,
        ),
    ]
    first = found["similar"][0]
    assert first["message"] == f"Mungkin sama dengan {seeded['reworded']} (skor 0,77)"
    assert first["explanation"] == "teks 0,68 · berjarak 40 m · selisih 1,0 hari"
    assert first["mergeable"] is True and first["status"] == "baru"


def test_near_and_recent_alone_or_closed_elsewhere_and_later_are_not_offered(
    conn, seeded
):
    offered = {
        s["ticket"]
        for s in similar_reports(conn, seeded["ticket"], OPERATOR)["similar"]
    }
    # a different problem 10 m away the same day: text below the minimum; beyond
    # 300 m; beyond the kebersihan window of 2 × 7 days; another category (the
    # merge joins the same category only); a finished ticket
    for name in (
        "next_door_other_problem",
        "outside_radius",
        "outside_window",
        "other_category",
        "closed",
    ):
        assert seeded[name] not in offered, name


def test_the_newer_report_is_offered_the_older_and_a_limit_keeps_the_best(conn, seeded):
    found = similar_reports(conn, seeded["reworded"], OPERATOR, limit=1)
    assert [s["ticket"] for s in found["similar"]] == [seeded["ticket"]]


def test_staff_only_and_opd_staff_within_their_opd(conn, seeded):
    with pytest.raises(NotFound, match="KPG-0000-000000 tidak ditemukan"):
        similar_reports(conn, "KPG-0000-000000", OPERATOR)
    with pytest.raises(Forbidden):
        similar_reports(conn, seeded["ticket"], PUBLIC)
    with pytest.raises(Forbidden):
        similar_reports(conn, seeded["ticket"], Actor("pupr", "opd_staff", "DPUPR"))
    own = similar_reports(conn, seeded["ticket"], Actor("dlhk", "opd_staff", "DLHK"))
    # the same suggestions, but OPD staff cannot merge: the command centre does
    assert [s["ticket"] for s in own["similar"]] == [
        seeded["reworded"],
        seeded["far_and_old"],
    ]
    assert not any(s["mergeable"] for s in own["similar"])
