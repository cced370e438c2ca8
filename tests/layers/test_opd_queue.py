"""The OPD queue: ranked in SQL, with each ticket's fixed points stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from layers.complaints import create_complaint
from layers.opd_queue import (
    fixed_points_basis,
    ranked_queue,
    refresh_fixed_points,
    store_fixed_points,
)
from layers.priority import priorities
from layers.status import OPEN, sql_in
from tests.conftest import NOW

pytestmark = pytest.mark.clock

#: a quiet spot in Fatululi, tickets 110 m apart along a parallel of latitude
WEST = (123.6075, -10.1620)
STEP = 0.001


def _ticket(conn, days: float, i: int, description: str = "") -> sa.Row:
    row = create_complaint(
        conn,
        category_code="jalan_berlubang",
        lon=WEST[0] + i * STEP,
        lat=WEST[1],
        description=description,
        reported_at=NOW - timedelta(days=days),
    )
    conn.execute(
        sa.text(
            "UPDATE complaints SET status = 'diverifikasi', opd_code = 'DPUPR'"
            " WHERE id = :id"
        ),
        {"id": row.id},
    )
    return row


def _road_through(conn, i: int, road_class: str) -> None:
    """A north–south road segment through ticket ``i``'s spot."""
    lon = WEST[0] + i * STEP
    conn.execute(
        sa.text(
            "INSERT INTO roads (name, road_class, geom) VALUES ('Jl. Uji', :c,"
            " ST_SetSRID(ST_MakeLine(ST_MakePoint(:x, :y0), ST_MakePoint(:x, :y1)),"
            " 4326))"
        ),
        {"c": road_class, "x": lon, "y0": WEST[1] - 0.001, "y1": WEST[1] + 0.001},
    )


def _queue(conn) -> list[tuple[str, float]]:
    ranked, _ = ranked_queue(conn, "DPUPR", NOW, limit=50)
    return [(p.ticket, p.score) for p in ranked]


def _everything(conn) -> list[tuple[str, float]]:
    return [(p.ticket, p.score) for p in priorities(conn, NOW, None, opd_code="DPUPR")][
        :50
    ]


@pytest.fixture
def tickets(conn):
    """Six DPUPR tickets of one category; age alone would rank them 0 to 5."""
    conn.execute(
        sa.text("UPDATE complaints SET status = 'selesai' WHERE opd_code = 'DPUPR'")
    )
    rows = [_ticket(conn, 6 - i * 0.5, i) for i in range(5)]
    rows.append(
        _ticket(
            conn, 1, 5, "Lubang besar, tadi pagi ada pengendara motor jatuh dan luka"
        )
    )
    return rows


def test_danger_in_the_text_and_the_road_class_rank_as_the_priority_list(conn, tickets):
    _road_through(conn, 3, "arteri")
    queue = _queue(conn)
    assert queue == _everything(conn)
    # the danger words lift the youngest ticket to the top, the arteri road the
    # fourth oldest above the ones older than it
    assert [t for t, _ in queue][:2] == [tickets[5].ticket, tickets[3].ticket]


def test_storing_fixed_points_is_no_change_to_the_ticket(conn, tickets):
    before = conn.execute(
        sa.text("SELECT id, updated_at, version FROM complaints ORDER BY id")
    ).all()
    assert store_fixed_points(conn, "DPUPR", fixed_points_basis(conn)) == 6
    assert (
        conn.execute(
            sa.text("SELECT id, updated_at, version FROM complaints ORDER BY id")
        ).all()
        == before
    )
    stored = dict(
        conn.execute(
            sa.text("SELECT id, fixed_points FROM complaints WHERE id = ANY(:ids)"),
            {"ids": [t.id for t in tickets]},
        ).all()
    )
    assert stored == {t.id: 0.0 for t in tickets[:5]} | {tickets[5].id: 50.0}


def test_a_new_road_outdates_the_stored_points(conn, tickets):
    assert [t for t, _ in _queue(conn)][1] == tickets[0].ticket
    _road_through(conn, 4, "kolektor")
    queue = _queue(conn)
    assert queue == _everything(conn)
    assert [t for t, _ in queue][1] == tickets[4].ticket


def test_a_refresh_works_out_every_queues_missing_points_once(conn, tickets):
    other = _ticket(conn, 2, 7, "Pohon tumbang menutup jalan, motor tidak bisa lewat")
    conn.execute(
        sa.text("UPDATE complaints SET opd_code = 'DLHK' WHERE id = :id"),
        {"id": other.id},
    )
    stale = conn.execute(
        sa.text(
            "SELECT count(*) FROM complaints WHERE opd_code IS NOT NULL"
            f" AND status IN {sql_in(OPEN)} AND fixed_points_basis IS DISTINCT FROM :b"
        ),
        {"b": fixed_points_basis(conn)},
    ).scalar()
    assert refresh_fixed_points(conn) == stale >= 7
    assert refresh_fixed_points(conn) == 0
    assert (
        conn.execute(
            sa.text("SELECT fixed_points FROM complaints WHERE id = :id"),
            {"id": other.id},
        ).scalar()
        == 50.0
    )
