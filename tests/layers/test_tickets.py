"""Following a report: its timeline, the reporter's "Sudah diperbaiki?", the
messages a move owes the reporter, the reopen rate and the public list."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from gis.errors import Forbidden, IllegalTransition, InvalidParameter, NotFound
from layers.followers import REPORTER, answer, follower, parse_rating
from layers.intake import Report, submit_report
from layers.operations import scoreboard
from layers.outbox import render
from layers.public_reports import ReportFilter, public_reports
from layers.status import State
from layers.tickets import ticket_view
from layers.workflow import Move, transition
from tests.conftest import NOW, last_event
from tests.kupang import OPERATOR

pytestmark = pytest.mark.clock

OESAPA = (123.6460, -10.1450)


def _report(conn, where=OESAPA, category="jalan_berlubang", **contact):
    contact = {"name": "Yohana", "phone": "0812 3456 7890", **contact}
    return submit_report(
        conn,
        Report(category, where[0], where[1], description="Lubang besar", **contact),
        NOW,
    )


def _to_done(conn, complaint_id: int, at=NOW) -> None:
    """verify → dispatch → start → finish, an hour apart, as staff would."""
    opd = conn.execute(
        sa.text("SELECT opd_code FROM complaints WHERE id = :id"), {"id": complaint_id}
    ).scalar_one()
    steps = [
        Move(State.DIVERIFIKASI),
        Move(State.DIDISPOSISIKAN, opd_code=opd),
        Move(State.DIPROSES, public_note="Tim menuju lokasi"),
        Move(
            State.SELESAI,
            note="staff only: aspal 2 karung",
            public_note="Lubang sudah ditambal",
            photos=({"path": "photos/2026/11/after.jpg", "thumbnail": "t.jpg"},),
            photo_at=OESAPA,
        ),
    ]
    for hours, move in enumerate(steps, 1):
        transition(conn, complaint_id, move, OPERATOR, at + timedelta(hours=hours))


def _outbox(conn, complaint_id: int) -> list[sa.Row]:
    return conn.execute(
        sa.text(
            "SELECT channel, recipient, payload FROM outbox WHERE complaint_id = :id"
            " ORDER BY id"
        ),
        {"id": complaint_id},
    ).all()


def test_timeline_reads_received_to_completed_with_public_notes_and_after_photo(conn):
    sent = _report(conn)
    _to_done(conn, sent.complaint_id)
    view = ticket_view(conn, sent.complaint_id, NOW + timedelta(hours=5))
    opd = view.row.agency_short
    assert [e.title for e in view.entries] == [
        "Diterima",
        "Diverifikasi",
        f"Didisposisikan ke {opd}",
        f"Diproses oleh {opd}",
        f"Diselesaikan oleh {opd}",
    ]
    assert [e.note for e in view.entries][3:] == [
        "Tim menuju lokasi",
        "Lubang sudah ditambal",
    ]
    assert view.after_photos == [
        {"path": "photos/2026/11/after.jpg", "thumbnail": "t.jpg"}
    ]
    # the staff note never reaches the page
    assert "aspal" not in repr(view.entries)
    assert view.contact is None and view.ask_fixed is False


def test_an_open_ticket_shows_the_steps_ahead_and_its_working_days(conn):
    sent = _report(conn)
    transition(conn, sent.complaint_id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    view = ticket_view(conn, sent.complaint_id, NOW)
    ahead = [e.title for e in view.entries if not e.done]
    assert ahead == [
        "Penugasan ke OPD yang bertanggung jawab",
        f"Dikerjakan oleh {view.row.agency_short}",
        "Selesai",
    ]
    # reported Sunday 1 Nov 2026 08:00 WITA: the SLA counts from Monday
    assert view.due["left"] == view.sla_days
    assert view.due["late"] is None


def test_the_reporters_page_shows_their_own_contact_and_asks_once_done(conn):
    sent = _report(conn, email="yohana@example.org")
    reader = follower(conn, sent.follow_token)
    assert ticket_view(conn, sent.complaint_id, NOW, reader).ask_fixed is False
    _to_done(conn, sent.complaint_id)
    view = ticket_view(conn, sent.complaint_id, NOW + timedelta(hours=5), reader)
    assert view.contact == {
        "name": "Yohana",
        "phone": "0812 3456 7890",
        "email": "yohana@example.org",
    }
    assert view.ask_fixed is True


def test_yes_closes_the_loop_with_a_rating_and_is_asked_no_more(conn):
    sent = _report(conn)
    _to_done(conn, sent.complaint_id)
    reader = follower(conn, sent.follow_token)
    later = NOW + timedelta(days=1)
    answer(conn, reader, True, later, rating=4, comment="Terima kasih")
    view = ticket_view(conn, sent.complaint_id, later, reader)
    assert view.row.status == State.SELESAI.value and view.ask_fixed is False
    assert view.answered["rating"] == 4
    assert (
        view.entries[-1].title == "Pelapor memastikan sudah diperbaiki · nilai 4 dari 5"
    )
    with pytest.raises(IllegalTransition, match="sudah menjawab"):
        answer(conn, reader, False, later)


def test_not_yet_reopens_as_the_reporter_back_to_the_opd(conn):
    sent = _report(conn, email="yohana@example.org")
    _to_done(conn, sent.complaint_id)
    reader = follower(conn, sent.follow_token)
    later = NOW + timedelta(days=1)
    answer(conn, reader, False, later, comment="Masih berlubang di sisi kiri")
    event = last_event(conn, sent.complaint_id)
    assert tuple(event) == (
        "reporter:pelapor",
        State.SELESAI.value,
        State.DIPROSES.value,
        "Masih berlubang di sisi kiri",
    )
    row = conn.execute(
        sa.text("SELECT status, resolved_at FROM complaints WHERE id = :id"),
        {"id": sent.complaint_id},
    ).one()
    assert (row.status, row.resolved_at) == (State.DIPROSES.value, None)
    view = ticket_view(conn, sent.complaint_id, later, reader)
    done = [e.title for e in view.entries if e.done]
    assert done[-1] == "Dibuka kembali oleh pelapor: belum diperbaiki"
    assert [e.title for e in view.entries if not e.done] == ["Selesai"]
    # the proof of a fix that did not hold no longer heads the page
    assert view.after_photos == []
    # the reporter is told too, on both of their channels
    told = [(r.channel, r.payload["move"]) for r in _outbox(conn, sent.complaint_id)]
    assert told[-2:] == [("email", "reopen"), ("webhook", "reopen")]


def test_the_reporter_may_reopen_and_nothing_else(conn):
    sent = _report(conn)
    with pytest.raises(Forbidden):
        transition(conn, sent.complaint_id, Move(State.DIVERIFIKASI), REPORTER, NOW)
    reader = follower(conn, sent.follow_token)
    with pytest.raises(IllegalTransition, match="belum ditandai selesai"):
        answer(conn, reader, False, NOW)


def test_bad_answers_are_refused_with_the_field_named(conn):
    sent = _report(conn)
    _to_done(conn, sent.complaint_id)
    reader = follower(conn, sent.follow_token)
    for text in ("9", "0", "4.5", "empat"):
        with pytest.raises(InvalidParameter, match="1 sampai 5") as refused:
            parse_rating(text)
        assert refused.value.details["field"] == "rating"
    with pytest.raises(InvalidParameter, match="terlalu panjang"):
        answer(conn, reader, True, NOW + timedelta(days=1), comment="x" * 2001)
    with pytest.raises(NotFound):
        follower(conn, "not-a-token")
    assert parse_rating("") is None and parse_rating("5") == 5


def test_the_scoreboard_counts_reopens_per_finish(conn):
    first, second = _report(conn), _report(conn, where=(123.5950, -10.1790))
    for sent in (first, second):
        _to_done(conn, sent.complaint_id)
    answer(conn, follower(conn, first.follow_token), False, NOW + timedelta(days=1))
    opd = conn.execute(
        sa.text("SELECT opd_code FROM complaints WHERE id = :id"),
        {"id": first.complaint_id},
    ).scalar_one()
    end = NOW + timedelta(days=2)
    row = next(
        r
        for r in scoreboard(conn, NOW - timedelta(days=30), end).rows
        if r["opd_code"] == opd
    )
    assert (row["finishes"], row["reopens"]) == (2, 1)
    assert row["reopen_rate"] == 0.5


def test_a_move_queues_one_message_per_address_in_its_own_transaction(conn):
    sent = _report(conn, email="Yohana@Example.org ")
    transition(conn, sent.complaint_id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    assert [(r.channel, r.recipient) for r in _outbox(conn, sent.complaint_id)] == [
        ("email", "yohana@example.org"),
        ("webhook", "0812 3456 7890"),
    ]
    # a move that rolls back leaves no message behind
    with pytest.raises(InvalidParameter), conn.begin_nested():
        transition(
            conn,
            sent.complaint_id,
            Move(State.DIDISPOSISIKAN, opd_code="NO-SUCH-OPD"),
            OPERATOR,
            NOW,
        )
    assert len(_outbox(conn, sent.complaint_id)) == 2
    # a ticket without contact details owes nobody a message
    quiet = _report(conn, where=(123.5950, -10.1790), name=None, phone=None)
    transition(conn, quiet.complaint_id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    assert _outbox(conn, quiet.complaint_id) == []


def test_rejection_messages_name_the_reason_and_link_the_public_page(conn):
    sent = _report(conn)
    transition(
        conn,
        sent.complaint_id,
        Move(State.DITOLAK, reason="bukan_wewenang", public_note="Jalan provinsi"),
        OPERATOR,
        NOW,
    )
    (message,) = _outbox(conn, sent.complaint_id)
    subject, text, link = render(
        message.payload, "https://sigap.kupangkota.go.id", "id"
    )
    assert subject == f"Aduan {sent.ticket}: ditolak"
    assert text.splitlines() == [
        f"Laporan Anda {sent.ticket} ditolak: bukan wewenang Pemerintah Kota.",
        "Catatan: Jalan provinsi",
        f"Selengkapnya: https://sigap.kupangkota.go.id/aduan/{sent.ticket}",
    ]


def test_the_public_list_filters_like_the_command_room_links(conn):
    sent = _report(conn)
    other = _report(conn, where=(123.5950, -10.1790), category="lampu_jalan_mati")
    transition(conn, sent.complaint_id, Move(State.DIVERIFIKASI), OPERATOR, NOW)
    kelurahan = conn.execute(
        sa.text("SELECT kelurahan_kode FROM complaints WHERE id = :id"),
        {"id": sent.complaint_id},
    ).scalar_one()

    def tickets(**where) -> set[str]:
        rows, total = public_reports(conn, ReportFilter(**where, limit=1000), NOW)
        assert total >= len(rows)
        return {r.ticket for r in rows}

    assert {sent.ticket, other.ticket} <= tickets()
    assert sent.ticket in tickets(kelurahan=kelurahan, category="jalan_berlubang")
    assert other.ticket not in tickets(category="jalan_berlubang")
    assert sent.ticket in tickets(group="in_progress")
    assert other.ticket in tickets(status=State.BARU.value)
    assert sent.ticket not in tickets(status=State.BARU.value)
    near = tickets(near=OESAPA, radius_m=500)
    assert sent.ticket in near and other.ticket not in near
    # not yet late, not in a red flag: both reported this very morning
    assert not {sent.ticket, other.ticket} & tickets(overdue=True)
    assert not {sent.ticket, other.ticket} & tickets(red=True)
    assert sent.ticket in {
        r.ticket
        for r in public_reports(
            conn, ReportFilter(overdue=True, limit=1000), NOW + timedelta(days=30)
        )[0]
    }
    with pytest.raises(InvalidParameter, match="semua"):
        ReportFilter(group="semua")


def test_since_lists_what_entered_its_group_since_that_wita_day(conn):
    start_of_day = NOW.replace(hour=0)  # 00:00 WITA, still yesterday in UTC
    old = submit_report(
        conn,
        Report(
            "jalan_berlubang",
            *OESAPA,
            description="Lubang lama",
            reported_at=NOW - timedelta(days=8),
        ),
        NOW,
    )
    _to_done(conn, old.complaint_id, at=NOW - timedelta(hours=5))  # done 07:00
    fresh = _report(conn)

    def tickets(**where) -> set[str]:
        rows, _ = public_reports(
            conn, ReportFilter(**where, since=start_of_day, limit=1000), NOW
        )
        return {r.ticket for r in rows}

    # the command room's "new today" and "handled today"
    assert fresh.ticket in tickets() and old.ticket not in tickets()
    assert old.ticket in tickets(group="handled")
    assert fresh.ticket not in tickets(group="handled")
