"""The command room's numbers: the backlog now against yesterday, the WITA day's
flow, red flags named per kelurahan, the daily trend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from gis.timeutil import WITA
from layers.accounts import Actor
from layers.complaints import create_complaint
from layers.status import State, group_of, is_open
from layers.summary import (
    backlog,
    dashboard_summary,
    flags_by_kelurahan,
    flow,
    latest_reports,
    top_flags,
    trend,
)
from layers.workflow import Move, transition
from tests.kupang import DLHK, FATULULI, OPERATOR

pytestmark = pytest.mark.clock

FATULULI_CODE = "53.71.04.1011"
PUPR = Actor("pupr", "opd_staff", "DPUPR")
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
#: a rubbish report whose 3-working-day deadline (Tue 1 Dec 08:00 WITA) falls
#: between "yesterday" and "now" in both cases below
J_REPORTED = datetime(2026, 11, 26, 8, 0, tzinfo=WITA)


def _report(conn, at, category="jalan_berlubang"):
    return create_complaint(
        conn, category_code=category, lon=FATULULI[0], lat=FATULULI[1], reported_at=at
    )


def _walk(conn, row, steps, opd="DPUPR"):
    """Make the moves ``steps`` (state, when) through the real workflow."""
    staff = PUPR if opd == "DPUPR" else DLHK
    for state, at in steps:
        actor = (
            OPERATOR if state in (State.DIVERIFIKASI, State.DIDISPOSISIKAN) else staff
        )
        if state == State.DITOLAK:
            actor = OPERATOR
        move = Move(
            state,
            reason="duplikat" if state == State.DITOLAK else None,
            opd_code=opd if state == State.DIDISPOSISIKAN else None,
        )
        transition(conn, row.id, move, actor, at)


def _seed(conn, now):
    """Ten tickets around ``now`` (what each is now → what it was 24 h before):

    A untouched 20 days (red, past SLA) · B assigned → assigned · C coordination
    12 h ago ← being worked on · D handled 6 h ago ← being worked on · E, G, H
    reported in the last 8 hours · F rejected 3 h ago ← untouched · I rubbish
    being worked on, long past SLA · J rubbish untouched, past SLA since Tuesday
    08:00 WITA.
    """
    started = [State.DIVERIFIKASI, State.DIDISPOSISIKAN, State.DIPROSES]
    rows = {}
    rows["A"] = _report(conn, now - 20 * DAY)
    rows["B"] = _report(conn, now - 3 * DAY)
    _walk(conn, rows["B"], [(started[0], now - 2 * DAY), (started[1], now - 1.5 * DAY)])
    rows["C"] = _report(conn, now - 5 * DAY)
    _walk(
        conn,
        rows["C"],
        [(s, now - 5 * DAY + (i + 1) * HOUR) for i, s in enumerate(started[:2])]
        + [(State.DIPROSES, now - 2 * DAY), (State.KOORDINASI, now - 12 * HOUR)],
    )
    rows["D"] = _report(conn, now - 4 * DAY)
    _walk(
        conn,
        rows["D"],
        [(s, now - 4 * DAY + (i + 1) * HOUR) for i, s in enumerate(started)]
        + [(State.SELESAI, now - 6 * HOUR)],
    )
    rows["E"] = _report(conn, now - 6.5 * HOUR)
    rows["G"] = _report(conn, now - 2 * HOUR)
    rows["H"] = _report(conn, now - 7.5 * HOUR)
    rows["F"] = _report(conn, now - 10 * DAY)
    _walk(conn, rows["F"], [(State.DITOLAK, now - 3 * HOUR)])
    rows["I"] = _report(conn, now - 10 * DAY, "kebersihan")
    _walk(
        conn,
        rows["I"],
        [(s, now - 10 * DAY + (i + 1) * HOUR) for i, s in enumerate(started)],
        opd="DLHK",
    )
    rows["J"] = _report(conn, J_REPORTED, "kebersihan")
    due = dict(conn.execute(sa.text("SELECT ticket, due_at FROM complaints")).all())
    # the deadlines the case relies on, from the working-day calendar
    assert due[rows["J"].ticket] > now - DAY and due[rows["J"].ticket] < now
    assert due[rows["A"].ticket] < now - DAY and due[rows["I"].ticket] < now - DAY
    return rows


AT_0700 = datetime(2026, 12, 2, 7, 0, tzinfo=WITA)
#: 19:51 UTC on 1 December: by the UTC date, "today" would still be yesterday
AT_0351 = datetime(2026, 12, 2, 3, 51, tzinfo=WITA)


@pytest.mark.parametrize(
    ("now", "today"),
    [
        # E (00:30) and G (05:00) today; D finished 01:00, F rejected 04:00
        (AT_0700, {"new": 2, "handled": 1, "rejected": 1}),
        # only G (01:51) today; D finished 21:51 yesterday; F rejected 00:51
        (AT_0351, {"new": 1, "handled": 0, "rejected": 1}),
    ],
    ids=["07:00 WITA", "03:51 WITA"],
)
def test_the_backlog_counts_every_open_ticket_now_against_yesterday(conn, now, today):
    _seed(conn, now)
    tiles = backlog(conn, now)
    assert {k: (t["count"], t["yesterday"], t["change"]) for k, t in tiles.items()} == {
        "untouched": (5, 3, 2),  # A E G H J ← A F J
        "in_progress": (3, 4, -1),  # B C I ← B C D I
        "coordination": (1, 0, 1),  # C
        "overdue": (3, 2, 1),  # A I J ← A I
    }
    assert tiles["untouched"]["oldest_days"] == pytest.approx(20.0)
    assert tiles["untouched"]["filters"] == {"kelompok": "untouched"}
    assert tiles["coordination"]["filters"] == {"status": "koordinasi"}
    assert tiles["overdue"]["filters"] == {"terlambat": "1"}
    # the flow of the WITA day and of the seven WITA days up to it
    assert flow(conn, now) == {
        "today": today,
        # B C D E G H J were reported from Thursday 26 November 00:00 WITA on
        "week": {"new": 7, "handled": 1, "rejected": 1},
    }
    summary = dashboard_summary(conn, now)
    assert summary["open"] == 8 and summary["backlog"] == tiles


def test_red_flags_name_the_kelurahan_categories_age_and_opd(conn):
    rows = _seed(conn, AT_0700)
    (area,) = flags_by_kelurahan(conn, AT_0700)
    assert (area["kelurahan"], area["flag"], area["unhandled"]) == (
        "Fatululi",
        "red",
        6,
    )
    assert area["oldest_days"] == pytest.approx(20.0)
    assert area["filters"] == {"kelurahan": FATULULI_CODE, "merah": "1"}
    red, amber = area["categories"]
    # A B E G H are unhandled potholes; J is rubbish two days short of red
    assert (red["name"], red["flag"], red["unhandled"], red["opd"]) == (
        "Jalan berlubang",
        "red",
        5,
        "Dinas PUPR",
    )
    assert red["filters"] == {
        "kelurahan": FATULULI_CODE,
        "kategori": "jalan_berlubang",
        "merah": "1",
    }
    assert (amber["name"], amber["flag"], amber["unhandled"], amber["opd"]) == (
        "Sampah menumpuk / kebersihan",
        "amber",
        1,
        "DLHK",
    )
    age = (AT_0700 - J_REPORTED).total_seconds() / 86400
    assert amber["oldest_days"] == pytest.approx(age, abs=0.01) and 5 <= age < 7
    assert amber["filters"] == {"kelurahan": FATULULI_CODE, "kategori": "kebersihan"}
    assert [f["code"] for f in top_flags([area])] == ["jalan_berlubang", "kebersihan"]
    assert rows  # every ticket of the case was made


def test_the_summary_carries_the_same_flags_and_newest_reports_as_their_queries(
    conn,
):
    rows = _seed(conn, AT_0700)
    # a second report at E's moment: the tie is broken by the newer ticket
    twin = _report(conn, AT_0700 - 6.5 * HOUR, "kebersihan")
    summary = dashboard_summary(conn, AT_0700)
    assert summary["flags"] == flags_by_kelurahan(conn, AT_0700)
    assert summary["latest"] == latest_reports(conn, AT_0700)
    # newest first; F and I were reported at the same moment, I after F
    assert [r["ticket"] for r in summary["latest"]] == [
        rows[k].ticket if k != "twin" else twin.ticket
        for k in ("G", "twin", "E", "H", "B", "D", "C", "J", "I", "F", "A")
    ]
    newest = summary["latest"][0]
    assert newest["reported_at"] == AT_0700 - 2 * HOUR
    assert newest["status_group"] == "untouched" and newest["kelurahan"] == "Fatululi"
    assert [a["kelurahan"] for a in summary["flags"]] == ["Fatululi"]


def test_the_trend_is_per_wita_day_with_handled_and_rejected_apart(conn):
    _seed(conn, AT_0351)
    days = trend(conn, AT_0351, days=3)
    assert days == [
        {"day": "2026-11-30", "new": 0, "handled": 0, "rejected": 0},
        # E (21:21), H (20:21) reported and D finished (21:51) on 1 December
        {"day": "2026-12-01", "new": 2, "handled": 1, "rejected": 0},
        {"day": "2026-12-02", "new": 1, "handled": 0, "rejected": 1},
    ]


def _reopen(conn, row, at):
    transition(conn, row.id, Move(State.DIPROSES), OPERATOR, at)


def _reopened_and_boundary_cases(conn, now):
    """Four more tickets whose state a day ago only their history tells.

    K finished three days ago and reopened 5 h ago (handled then, worked on now)
    · L finished 20 h ago, reopened 10 h ago and finished again 1 h ago (worked
    on then, handled now) · M reported exactly 24 h ago (untouched then) · N
    verified exactly 24 h ago (a move at that very moment counts as made by
    then), assigned 4 h ago and worked on since 3 h ago.
    """
    started = [State.DIVERIFIKASI, State.DIDISPOSISIKAN, State.DIPROSES]
    k = _report(conn, now - 6 * DAY)
    _walk(
        conn,
        k,
        [(s, now - 6 * DAY + (i + 1) * HOUR) for i, s in enumerate(started)]
        + [(State.SELESAI, now - 3 * DAY)],
    )
    _reopen(conn, k, now - 5 * HOUR)
    lt = _report(conn, now - 8 * DAY)
    _walk(
        conn,
        lt,
        [(s, now - 8 * DAY + (i + 1) * HOUR) for i, s in enumerate(started)]
        + [(State.SELESAI, now - 20 * HOUR)],
    )
    _reopen(conn, lt, now - 10 * HOUR)
    _walk(conn, lt, [(State.SELESAI, now - HOUR)])
    _report(conn, now - DAY)
    n = _report(conn, now - 2 * DAY)
    _walk(
        conn,
        n,
        [
            (State.DIVERIFIKASI, now - DAY),
            (State.DIDISPOSISIKAN, now - 4 * HOUR),
            (State.DIPROSES, now - 3 * HOUR),
        ],
    )


def _tiles_replayed(conn, moment):
    """Every backlog tile at ``moment`` the slow, obvious way: each ticket's
    state is the one its last status event up to ``moment`` left it in; it is
    past its SLA if it is open then and its deadline is before ``moment``."""
    due = dict(conn.execute(sa.text("SELECT id, due_at FROM complaints")).all())
    state = {}
    for complaint, to_status in conn.execute(
        sa.text(
            "SELECT complaint_id, to_status FROM complaint_events"
            " WHERE to_status IS NOT NULL AND at <= :moment ORDER BY at, id"
        ),
        {"moment": moment},
    ):
        state[complaint] = State(to_status)
    tiles = dict.fromkeys(["untouched", "in_progress", "coordination", "overdue"], 0)
    for complaint, status in state.items():
        if not is_open(status):
            continue
        tiles[group_of(status).value] += 1
        tiles["coordination"] += status == State.KOORDINASI
        tiles["overdue"] += due[complaint] is not None and due[complaint] < moment
    return tiles


@pytest.mark.parametrize(
    "later", [0 * HOUR, 13 * HOUR, 25 * HOUR], ids=["then", "+13h", "+25h"]
)
@pytest.mark.parametrize("seeded", [AT_0700, AT_0351], ids=["07:00", "03:51"])
def test_yesterday_is_every_ticket_as_its_history_left_it_a_day_before(
    conn, seeded, later
):
    _seed(conn, seeded)
    _reopened_and_boundary_cases(conn, seeded)
    now = seeded + later
    tiles = backlog(conn, now)
    assert {k: t["count"] for k, t in tiles.items()} == _tiles_replayed(conn, now)
    assert {k: t["yesterday"] for k, t in tiles.items()} == _tiles_replayed(
        conn, now - DAY
    )


def test_yesterday_is_history_even_with_the_clock_set_before_the_latest_moves(conn):
    # the clock of a rehearsal can stand before moves already recorded
    _seed(conn, AT_0700)
    _reopened_and_boundary_cases(conn, AT_0700)
    now = AT_0700 - 13 * HOUR
    tiles = backlog(conn, now)
    assert {k: t["yesterday"] for k, t in tiles.items()} == _tiles_replayed(
        conn, now - DAY
    )
