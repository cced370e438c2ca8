"""Workflow, SLA clock, red flags, scoreboard and priorities."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from gis.errors import Forbidden, IllegalTransition, InvalidParameter
from gis.events import listen
from gis.timeutil import WITA
from gis.workdays import due_at, read_holidays
from layers.accounts import (
    Actor,
    authenticate,
    create_user,
    hash_password,
    verify_password,
)
from layers.complaints import create_complaint
from layers.operations import red_flags, scoreboard
from layers.priority import area_priorities, priorities
from layers.status import TRANSITIONS, State
from layers.summary import dashboard_summary
from layers.workflow import Conflict, Move, load_for, transition
from tests.conftest import NOW, count
from tests.kupang import ADMIN, DLHK, DPUPR, FATULULI, OPERATOR

pytestmark = pytest.mark.clock

PUBLIC = Actor("warga", "public")
ROLES = {"operator": OPERATOR, "admin": ADMIN, "opd_staff": DPUPR, "public": PUBLIC}


def _complaint(conn, category="jalan_berlubang", reported_at=NOW, where=FATULULI):
    return create_complaint(
        conn,
        category_code=category,
        lon=where[0],
        lat=where[1],
        reported_at=reported_at,
    )


def _force(conn, complaint_id: int, state: State, opd: str = "DPUPR") -> None:
    conn.execute(
        sa.text("UPDATE complaints SET status = :s, opd_code = :o WHERE id = :id"),
        {"s": state.value, "o": opd, "id": complaint_id},
    )


def _move(state: State) -> Move:
    """A move to ``state`` with what any move there may need."""
    return Move(
        state,
        note="uji",
        reason="duplikat" if state == State.DITOLAK else None,
        opd_code="DPUPR" if state == State.DIDISPOSISIKAN else None,
    )


@pytest.mark.parametrize(
    "edge",
    sorted(TRANSITIONS, key=lambda e: (e[0], e[1])),
    ids=lambda e: f"{e[0].value}->{e[1].value}",
)
def test_every_transition_is_allowed_for_its_roles_and_refused_for_others(conn, edge):
    source, target = edge
    for role, actor in ROLES.items():
        row = _complaint(conn)
        _force(conn, row.id, source)
        if role in TRANSITIONS[edge].roles:
            moved = transition(conn, row.id, _move(target), actor, NOW)
            assert moved.status == target.value and moved.version == 2
            event = conn.execute(
                sa.text(
                    "SELECT actor, from_status, to_status FROM complaint_events WHERE"
                    " complaint_id = :id AND action = 'status'"
                ),
                {"id": row.id},
            ).one()
            assert tuple(event) == (actor.label, source.value, target.value)
        else:
            with pytest.raises(Forbidden):
                transition(conn, row.id, _move(target), actor, NOW)


@pytest.mark.parametrize("source", list(State), ids=lambda s: s.value)
def test_moves_not_in_the_table_are_refused(conn, source):
    for target in State:
        if (source, target) in TRANSITIONS:
            continue
        row = _complaint(conn)
        _force(conn, row.id, source)
        with pytest.raises(IllegalTransition):
            transition(conn, row.id, _move(target), ADMIN, NOW)
        status = conn.execute(
            sa.text("SELECT status FROM complaints WHERE id = :id"), {"id": row.id}
        ).scalar()
        assert status == source.value


def test_rejection_needs_a_reason_and_assignment_an_opd(conn):
    row = _complaint(conn)
    with pytest.raises(InvalidParameter, match="reason"):
        transition(conn, row.id, Move(State.DITOLAK), OPERATOR, NOW)
    transition(conn, row.id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    with pytest.raises(InvalidParameter, match="OPD"):
        transition(conn, row.id, Move(State.DIDISPOSISIKAN), OPERATOR, NOW)


@pytest.mark.parametrize(
    "edge",
    sorted(TRANSITIONS, key=lambda e: (e[0], e[1])),
    ids=lambda e: f"{e[0].value}->{e[1].value}",
)
def test_a_move_carries_only_the_fields_its_transition_takes(conn, edge):
    source, target = edge
    carries = TRANSITIONS[edge].carries
    for field, value in (("reason", "duplikat"), ("opd_code", "DLHK")):
        if field in carries:
            continue
        row = _complaint(conn)
        _force(conn, row.id, source)
        move = _move(target)
        stray = Move(
            target,
            reason=value if field == "reason" else move.reason,
            opd_code=value if field == "opd_code" else move.opd_code,
        )
        with pytest.raises(InvalidParameter, match=field):
            transition(conn, row.id, stray, ADMIN, NOW)
        assert conn.execute(
            sa.text("SELECT status, opd_code FROM complaints WHERE id = :id"),
            {"id": row.id},
        ).one() == (source.value, "DPUPR")


def test_a_finishing_move_records_its_public_note_and_after_photo_apart(conn):
    row = _complaint(conn)
    _force(conn, row.id, State.DIPROSES)
    photo = {"path": "2026/11/after.jpg", "thumb": "2026/11/after-thumb.jpg"}
    transition(
        conn,
        row.id,
        Move(
            State.SELESAI,
            note="aspal dari gudang B",
            public_note="Lubang sudah ditambal",
            photos=(photo,),
            photo_at=(123.6076, -10.1621),
        ),
        DPUPR,
        NOW,
    )
    event = conn.execute(
        sa.text(
            "SELECT note, public_note, photos, ST_X(photo_geom), ST_Y(photo_geom)"
            " FROM complaint_events WHERE complaint_id = :id AND to_status = 'selesai'"
        ),
        {"id": row.id},
    ).one()
    assert tuple(event) == (
        "aspal dari gudang B",
        "Lubang sudah ditambal",
        [photo],
        123.6076,
        -10.1621,
    )


def test_timestamps_follow_the_workflow(conn):
    row = _complaint(conn)
    transition(conn, row.id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    transition(
        conn, row.id, Move(State.DIDISPOSISIKAN, opd_code="DPUPR"), OPERATOR, NOW
    )
    transition(conn, row.id, Move(State.DIPROSES), DPUPR, NOW)
    transition(conn, row.id, Move(State.SELESAI, note="ditambal"), DPUPR, NOW)
    ack, resolved = conn.execute(
        sa.text("SELECT acknowledged_at, resolved_at FROM complaints WHERE id = :id"),
        {"id": row.id},
    ).one()
    assert ack is not None and resolved is not None
    transition(conn, row.id, Move(State.DIPROSES, note="belum beres"), OPERATOR, NOW)
    assert (
        conn.execute(
            sa.text("SELECT resolved_at FROM complaints WHERE id = :id"), {"id": row.id}
        ).scalar()
        is None
    )


def test_an_opd_cannot_read_or_change_another_opds_ticket(conn):
    row = _complaint(conn)
    _force(conn, row.id, State.DIDISPOSISIKAN, opd="DPUPR")
    with pytest.raises(Forbidden, match="another OPD"):
        load_for(conn, row.id, DLHK)
    with pytest.raises(Forbidden, match="another OPD"):
        transition(conn, row.id, Move(State.DIPROSES), DLHK, NOW)
    assert (
        transition(conn, row.id, Move(State.DIPROSES), DPUPR, NOW).status == "diproses"
    )


def test_a_stale_version_is_a_conflict(conn):
    row = _complaint(conn)
    transition(conn, row.id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    with pytest.raises(Conflict):
        transition(
            conn,
            row.id,
            Move(State.DIDISPOSISIKAN, opd_code="DPUPR", expected_version=1),
            OPERATOR,
            NOW,
        )


def test_concurrent_updates_cannot_lose_a_change_and_are_announced(engine, settings):
    events: list[dict] = []

    def collect() -> None:
        for event in listen(settings.database_url, timeout=5):
            if event is None or event.get("type") == "status":
                events.append(event)
                return

    with engine.begin() as setup:
        row = _complaint(setup)
    listener = threading.Thread(target=collect)
    listener.start()
    try:
        with engine.connect() as first, engine.connect() as second:
            first.begin()
            transition(first, row.id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
            second.begin()
            second.execute(sa.text("SET LOCAL lock_timeout = '300ms'"))
            with pytest.raises(sa.exc.OperationalError, match="lock timeout"):
                transition(
                    second,
                    row.id,
                    Move(State.DITOLAK, reason="duplikat"),
                    OPERATOR,
                    NOW,
                )
            second.rollback()
            first.commit()
            second.begin()
            with pytest.raises(IllegalTransition):  # it sees the committed state
                transition(second, row.id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
            second.rollback()
        listener.join(timeout=10)
        assert events and events[0]["ticket"] == row.ticket
        assert (events[0]["from"], events[0]["to"]) == ("baru", "diverifikasi")
    finally:
        with engine.begin() as cleanup:
            cleanup.execute(sa.text("SELECT set_config('sigap.purge', 'on', true)"))
            cleanup.execute(
                sa.text("DELETE FROM complaint_events WHERE complaint_id = :id"),
                {"id": row.id},
            )
            cleanup.execute(
                sa.text("DELETE FROM complaints WHERE id = :id"), {"id": row.id}
            )


def test_sla_clock_skips_the_weekend_and_a_holiday(conn, settings):
    # Friday 14 Aug 2026, 10:00 WITA; Sat/Sun off; Mon 17 Aug is Independence Day
    reported = datetime(2026, 8, 14, 10, 0, tzinfo=WITA)
    row = create_complaint(
        conn,
        category_code="banjir",
        lon=FATULULI[0],
        lat=FATULULI[1],
        reported_at=reported,
    )  # SLA 2 days
    stored = conn.execute(
        sa.text("SELECT due_at FROM complaints WHERE id = :id"), {"id": row.id}
    ).scalar()
    expected = datetime(2026, 8, 20, 0, 0, tzinfo=WITA)  # after Tue 18 and Wed 19
    assert stored == expected
    holidays = read_holidays(settings.data_dir / "reference" / "holidays.csv")
    assert due_at(reported, 2, holidays) == expected
    assert due_at(reported, 2, {}) == datetime(2026, 8, 19, 0, 0, tzinfo=WITA)


def test_red_flag_turns_on_at_exactly_the_threshold(conn):
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    seven = _complaint(conn, reported_at=now - timedelta(days=7))
    flags = {(f["kelurahan_kode"], f["category_code"]): f for f in red_flags(conn, now)}
    flag = flags[("53.71.04.1011", "jalan_berlubang")]
    assert flag["flag"] == "red" and flag["tickets"] == [seven.ticket]
    later = {
        (f["kelurahan_kode"], f["category_code"]): f
        for f in red_flags(conn, now - timedelta(seconds=1))
    }
    assert later[("53.71.04.1011", "jalan_berlubang")]["flag"] == "amber"
    young = {
        (f["kelurahan_kode"], f["category_code"]): f
        for f in red_flags(conn, now - timedelta(days=3))
    }
    assert young[("53.71.04.1011", "jalan_berlubang")]["flag"] == "green"
    _force(conn, seven.id, State.KOORDINASI)  # a hand-off is not neglect
    assert ("53.71.04.1011", "jalan_berlubang") not in {
        (f["kelurahan_kode"], f["category_code"]) for f in red_flags(conn, now)
    }


def test_the_planted_unhandled_kelurahan_is_the_only_red_road_flag(
    conn, settings, tmp_path
):
    from datetime import date

    from layers.demo import generate_demo, read_manifest

    local = settings.replace(var_dir=tmp_path)
    generate_demo(conn, local, complaints=3000, seed=4, end_date=date(2026, 10, 31))
    manifest = read_manifest(local)
    planted = next(p for p in manifest["patterns"] if p["id"] == "unhandled_roads")
    now = datetime.fromisoformat(manifest["as_of"])
    red = [f for f in red_flags(conn, now) if f["flag"] == "red"]
    assert {f["kelurahan_kode"] for f in red} == {planted["kelurahan"]}
    tickets = {t for f in red for t in f["tickets"]}
    assert tickets == set(planted["tickets"])


def test_the_scoreboard_ranks_fairly(conn):
    now = datetime(2026, 11, 20, tzinfo=UTC)
    start = now - timedelta(days=30)

    def add(opd: str, category: str, n: int, within: int) -> None:
        for i in range(n):
            row = _complaint(
                conn,
                category=category,
                reported_at=start + timedelta(days=1, hours=i % 20),
            )
            conn.execute(
                sa.text(
                    "UPDATE complaints SET status = 'selesai', opd_code = :o,"
                    " acknowledged_at = reported_at + interval '2 hours',"
                    " resolved_at = CASE WHEN :ok THEN reported_at + interval '1 hour'"
                    " ELSE due_at + interval '1 day' END WHERE id = :id"
                ),
                {"o": opd, "ok": i < within, "id": row.id},
            )

    add("DINSOS", "fasilitas_umum", 2, 2)  # 100 % of two tickets
    add("DLHK", "kebersihan", 60, 54)  # 90 % of sixty
    add("DPUPR", "jalan_berlubang", 60, 30)
    board = scoreboard(conn, start, now)
    order = [(r["opd_code"], r["rank"]) for r in board.rows]
    # two tickets rank nobody: DINSOS is listed after the ranked, without a rank
    assert order == [("DLHK", 1), ("DPUPR", 2), ("DINSOS", None)]
    dinsos = next(r for r in board.rows if r["opd_code"] == "DINSOS")
    assert dinsos["few"] and not any(r["few"] for r in board.rows[:2])
    assert dinsos["within_sla_share"] == 1.0 and dinsos["fair_share"] < 0.9
    assert dinsos["response_median_h"] == pytest.approx(2.0)
    assert board.city_within_sla == pytest.approx(86 / 122)


def test_rejected_reports_are_their_own_group_never_counted_as_handled(conn):
    now = datetime(2026, 11, 20, 6, tzinfo=UTC)  # 14:00 WITA
    reported = now - timedelta(hours=3)
    new, done, rejected = (_complaint(conn, reported_at=reported) for _ in range(3))
    for row in (new, done, rejected):
        _force(conn, row.id, State.BARU, opd="DPUPR")
    _force(conn, done.id, State.SELESAI, opd="DPUPR")
    conn.execute(
        sa.text(
            "UPDATE complaints SET acknowledged_at = reported_at + interval '1 hour',"
            " resolved_at = reported_at + interval '2 hours' WHERE id = :id"
        ),
        {"id": done.id},
    )
    transition(conn, rejected.id, Move(State.DITOLAK, reason="duplikat"), ADMIN, now)
    summary = dashboard_summary(conn, now)
    flow = {"new": 3, "handled": 1, "rejected": 1}
    assert summary["flow"] == {"today": flow, "week": flow}
    assert summary["open"] == 1 and summary["backlog"]["untouched"]["count"] == 1
    expected = {"untouched": 1, "in_progress": 0, "handled": 1, "rejected": 1}
    board = scoreboard(conn, now - timedelta(days=30), now)
    (row,) = board.rows
    assert {g: row[g] for g in expected} == expected
    assert (row["total"], row["selesai"], row["ditolak"]) == (3, 1, 1)
    # only the handled one was decided within its SLA; a rejection decides nothing
    assert (row["within_sla"], row["sla_decided"], row["overdue"]) == (1, 1, 0)


def test_the_reopen_rate_counts_reopens_among_finishes(conn):
    now = datetime(2026, 11, 20, 6, tzinfo=UTC)
    steps = [State.DIVERIFIKASI, State.DIDISPOSISIKAN, State.DIPROSES, State.SELESAI]
    rows = [_complaint(conn, reported_at=now - timedelta(days=5)) for _ in range(4)]
    for row in rows:
        for i, state in enumerate(steps):
            actor = OPERATOR if i < 2 else DPUPR
            transition(conn, row.id, _move(state), actor, now - timedelta(days=4 - i))
    # one of the four finished is reopened (selesai → diproses), and finished again
    transition(conn, rows[0].id, _move(State.DIPROSES), OPERATOR, now - HOURS_2)
    transition(conn, rows[0].id, _move(State.SELESAI), DPUPR, now - HOURS_1)
    (row,) = scoreboard(conn, now - timedelta(days=30), now).rows
    # five finishes (one twice), one reopen
    assert (row["finishes"], row["reopens"], row["reopen_rate"]) == (5, 1, 0.2)


HOURS_1, HOURS_2 = timedelta(hours=1), timedelta(hours=2)


def test_priorities_explain_every_point_in_indonesian(conn):
    now = datetime(2026, 11, 20, tzinfo=UTC)
    old = _complaint(conn, reported_at=now - timedelta(days=20))
    _complaint(conn, category="kebersihan", reported_at=now - timedelta(days=1))
    ranked = priorities(conn, now)
    assert ranked[0].ticket == old.ticket
    assert ranked[0].score == pytest.approx(sum(p for p, _ in ranked[0].reasons))
    texts = " ".join(t for _, t in ranked[0].reasons)
    assert "sudah lewat batas SLA" in texts and "Tingkat keparahan" in texts


def test_passwords_are_hashed_with_scrypt(conn):
    stored = hash_password("rahasia-kupang")
    assert stored.startswith("scrypt$") and "rahasia" not in stored
    assert verify_password("rahasia-kupang", stored)
    assert not verify_password("salah", stored)
    create_user(conn, "pupr1", "Staf PUPR", "rahasia-kupang", "opd_staff", "DPUPR")
    assert authenticate(conn, "pupr1", "rahasia-kupang") == Actor(
        "pupr1", "opd_staff", "DPUPR"
    )
    with pytest.raises(Forbidden):
        authenticate(conn, "pupr1", "salah-sandi-x")


def test_bulk_writers_set_the_same_deadline_as_the_database(conn, settings, tmp_path):
    from datetime import date

    from layers.demo import generate_demo

    generate_demo(
        conn,
        settings.replace(var_dir=tmp_path),
        complaints=1500,
        seed=6,
        end_date=date(2026, 10, 31),
    )
    differs = conn.execute(
        sa.text(
            "SELECT count(*) FROM complaints c JOIN categories k ON k.code ="
            " c.category_code WHERE c.due_at IS DISTINCT FROM"
            " sigap_due_at(c.reported_at, k.sla_days)"
        )
    ).scalar()
    assert differs == 0
    assert count(conn, "complaints", "due_at IS NULL") == 0


def test_area_priorities_add_up_the_pile_of_open_tickets(conn):
    now = datetime(2026, 11, 20, tzinfo=UTC)
    for i, days in enumerate((20, 3, 1)):
        _complaint(
            conn,
            reported_at=now - timedelta(days=days),
            where=(FATULULI[0] + i * 0.0002, FATULULI[1]),
        )
    tickets = priorities(conn, now, limit=None)
    [area] = [
        a for a in area_priorities(conn, now) if a.category_code == "jalan_berlubang"
    ]
    assert area.open_tickets == 3 and area.tickets[0] == tickets[0].ticket
    assert area.score == pytest.approx(tickets[0].score + 10)
    assert area.reasons[-1] == (
        10.0,
        "3 aduan terbuka untuk kategori ini di kelurahan yang sama",
    )
