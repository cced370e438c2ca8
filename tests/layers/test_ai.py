"""The category model: what counts as confirmed, training on the demo, storage."""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from gis.errors import InvalidParameter
from gis.timeutil import WITA
from layers.ai.category import (
    confirmed_tickets,
    latest_model,
    suggest_category,
    train,
)
from layers.complaints import create_complaint
from layers.console_ticket import ticket as console_ticket
from layers.demo import generate_demo, phrasing, texts
from layers.queue import queue
from layers.status import State
from layers.workflow import Move, transition
from tests.conftest import NOW
from tests.kupang import FATULULI, OPERATOR

SINCE = datetime(2025, 11, 1, tzinfo=WITA)


def _complaint(conn, at: datetime, description: str = "sampah menumpuk di pasar"):
    return create_complaint(
        conn,
        category_code="kebersihan",
        lon=FATULULI[0],
        lat=FATULULI[1],
        description=description,
        reported_at=at,
    )


def _recategorise(conn, complaint_id: int, at: datetime) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO complaint_events (complaint_id, at, actor, action, note)"
            " VALUES (:id, :at, 'operator:ops', 'category', 'drainase -> kebersihan')"
        ),
        {"id": complaint_id, "at": at},
    )


def test_confirmed_means_staff_moved_it_on_after_its_last_category_change(conn):
    t = NOW - timedelta(days=3)
    untouched = _complaint(conn, t)
    verified = _complaint(conn, t)
    transition(conn, verified.id, Move(State.DIVERIFIKASI), OPERATOR, t + timedelta(1))
    changed_after = _complaint(conn, t)
    transition(
        conn, changed_after.id, Move(State.DIVERIFIKASI), OPERATOR, t + timedelta(1)
    )
    _recategorise(conn, changed_after.id, t + timedelta(days=1, hours=1))
    changed_before = _complaint(conn, t)
    _recategorise(conn, changed_before.id, t + timedelta(hours=1))
    transition(
        conn, changed_before.id, Move(State.DIVERIFIKASI), OPERATOR, t + timedelta(1)
    )
    rejected = _complaint(conn, t)
    transition(conn, rejected.id, Move(State.DIVERIFIKASI), OPERATOR, t + timedelta(1))
    transition(
        conn,
        rejected.id,
        Move(State.DITOLAK, reason="bukan_wewenang"),
        OPERATOR,
        t + timedelta(days=1, hours=2),
    )
    blank = _complaint(conn, t, description="  ")
    transition(conn, blank.id, Move(State.DIVERIFIKASI), OPERATOR, t + timedelta(1))
    found = {r.id for r in confirmed_tickets(conn, SINCE, NOW)}
    mine = {
        untouched.id,
        verified.id,
        changed_after.id,
        changed_before.id,
        rejected.id,
        blank.id,
    }
    assert found & mine == {verified.id, changed_before.id}


def test_too_few_confirmed_tickets_is_a_clear_error(conn):
    with pytest.raises(InvalidParameter, match="terlalu sedikit"):
        train(conn, since=SINCE, until=SINCE + timedelta(days=1), now=NOW)


def test_a_model_trained_on_demo_tickets_predicts_held_back_ones(
    conn, settings, tmp_path
):
    local = settings.replace(var_dir=tmp_path)
    generate_demo(conn, local, complaints=3000, seed=21, end_date=date(2026, 10, 31))
    confirmed = confirmed_tickets(conn, SINCE, NOW)
    stored = train(conn, since=SINCE, until=NOW, now=NOW, seed=5)
    assert stored.trained_on + stored.held_out == len(confirmed)
    assert stored.held_out == round(0.2 * len(confirmed))
    # the held-out tickets are the newest: no training ticket came after them
    cut = confirmed[stored.trained_on].reported_at
    assert stored.metrics["held_out_from"] == cut.isoformat()
    assert all(r.reported_at <= cut for r in confirmed[: stored.trained_on])
    assert stored.metrics["macro_f1"] >= 0.9 and stored.metrics["n"] == stored.held_out
    row = conn.execute(
        sa.text(
            "SELECT kind, window_start, window_end, labels, versions, artefact,"
            " artefact_sha256, timings FROM text_models WHERE id = :id"
        ),
        {"id": stored.id},
    ).one()
    assert (row.kind, row.window_start, row.window_end) == ("category", SINCE, NOW)
    assert len(row.labels) == 11 and "scikit-learn" in row.versions
    assert hashlib.sha256(row.artefact).hexdigest() == row.artefact_sha256
    assert set(row.timings) == {"query", "fit", "evaluate"}
    # new descriptions the model never saw, from another seed of the generator
    r = random.Random(99)
    cases = [
        (c, phrasing.compose(c, "Jl. Kenari", "depan toko", r)) for c in texts.PROBLEMS
    ]
    latest = latest_model(conn)
    assert latest.id == stored.id
    correct = sum(latest.suggest(text, 1)[0]["category"] == c for c, text in cases)
    assert correct >= 9
    # the inbox: a second opinion where the text says another category
    wrong = create_complaint(
        conn,
        category_code="drainase",
        lon=FATULULI[0],
        lat=FATULULI[1],
        description="Lampu jalan mati total depan gereja, gelap sekali tiap malam",
        reported_at=NOW,
    )
    right = _complaint(conn, NOW, "sampah menumpuk di pasar, bau sekali")
    inbox = {r["id"]: r for r in queue(conn, OPERATOR, ("baru",), 1000, now=NOW)}
    doubt = inbox[wrong.id]["category_doubt"]
    assert doubt["category"] == "lampu_jalan_mati" and doubt["probability"] >= 0.6
    assert doubt["message"].startswith("Kategori mungkin salah: ")
    assert doubt["message"].endswith("% Lampu jalan (PJU) mati")
    assert "category_doubt" not in inbox[right.id]
    # the staff console's view of the ticket says the same, and changes nothing
    shown = console_ticket(conn, wrong.ticket, OPERATOR, now=NOW)
    assert shown["category_doubt"] == doubt and shown["category_code"] == "drainase"
    assert (
        console_ticket(conn, right.ticket, OPERATOR, now=NOW)["category_doubt"] is None
    )
    top = suggest_category(conn, "lampu jln mati dr kmrn, gelap bgt 😡", k=3)
    assert top[0]["category"] == "lampu_jalan_mati" and len(top) == 3
    assert top[0]["probability"] >= top[1]["probability"] >= top[2]["probability"]
