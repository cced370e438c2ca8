"""``photo_hashes`` says exactly what the three tables' photos say, whichever
write put them there, and the migration's backfill says it too."""

from __future__ import annotations

import json

import sqlalchemy as sa

from layers import schema
from layers.accounts import Actor
from layers.intake import Report, submit_report
from layers.status import State
from layers.workflow import Move, transition
from tests.conftest import NOW

OEBOBO = (123.6070, -10.1630)
DPUPR = Actor("pupr", "opd_staff", "DPUPR")

#: every hashed photo as the jsonb columns hold it: ticket, kind, path, hash
JSONB_PHOTOS = """
SELECT c.id, 'report', p->>'path', p->>'phash'
FROM complaints c, jsonb_array_elements(c.photos) p
WHERE p->>'phash' <> ''
UNION ALL
SELECT s.complaint_id, 'supporter', p->>'path', p->>'phash'
FROM complaint_supporters s, jsonb_array_elements(s.photos) p
WHERE p->>'phash' <> ''
UNION ALL
SELECT e.complaint_id, 'after', p->>'path', p->>'phash'
FROM complaint_events e, jsonb_array_elements(e.photos) p
WHERE p->>'phash' <> ''
"""
TABLE_PHOTOS = (
    "SELECT complaint_id, kind, path, lpad(to_hex(hash), 16, '0') FROM photo_hashes"
)


def _photo(name: str, phash: str | None) -> dict[str, object]:
    photo: dict[str, object] = {"path": f"2026/11/{name}.jpg"}
    if phash is not None:
        photo["phash"] = phash
    return photo


def _agree(conn: sa.Connection) -> list[tuple]:
    """The table's rows, after checking they are the jsonb's."""
    table = sorted(tuple(r) for r in conn.execute(sa.text(TABLE_PHOTOS)))
    assert table == sorted(tuple(r) for r in conn.execute(sa.text(JSONB_PHOTOS)))
    return table


def _photos_of(conn: sa.Connection, complaint_id: int) -> list[tuple]:
    return [r for r in _agree(conn) if r[0] == complaint_id]


def test_the_table_follows_intake_supporters_moves_and_redaction(conn):
    first = submit_report(
        conn,
        Report(
            "jalan_berlubang",
            *OEBOBO,
            description="Lubang besar",
            # the high bit set: a negative bigint, still the same 16 digits
            photos=[_photo("a", "f0e1d2c3b4a59687"), _photo("old", None)],
        ),
        NOW,
    )
    assert _photos_of(conn, first.complaint_id) == [
        (first.complaint_id, "report", "2026/11/a.jpg", "f0e1d2c3b4a59687")
    ]
    submit_report(
        conn,
        Report(
            "jalan_berlubang",
            *OEBOBO,
            supports=first.ticket,
            photos=[_photo("b", "0000000000000001")],
        ),
        NOW,
    )
    conn.execute(
        sa.text("UPDATE complaints SET status = 'diproses' WHERE id = :id"),
        {"id": first.complaint_id},
    )
    transition(
        conn,
        first.complaint_id,
        Move(
            State.SELESAI,
            public_note="Sudah diperbaiki",
            photos=(_photo("c", "7fffffffffffffff"),),
        ),
        DPUPR,
        NOW,
    )
    assert _photos_of(conn, first.complaint_id) == [
        (first.complaint_id, "after", "2026/11/c.jpg", "7fffffffffffffff"),
        (first.complaint_id, "report", "2026/11/a.jpg", "f0e1d2c3b4a59687"),
        (first.complaint_id, "supporter", "2026/11/b.jpg", "0000000000000001"),
    ]
    # a photo redacted from the report, the supporter's photos replaced
    conn.execute(
        sa.text("UPDATE complaints SET photos = CAST(:p AS jsonb) WHERE id = :id"),
        {"p": json.dumps([_photo("old", None)]), "id": first.complaint_id},
    )
    conn.execute(
        sa.text(
            "UPDATE complaint_supporters SET photos = CAST(:p AS jsonb)"
            " WHERE complaint_id = :id"
        ),
        {"p": json.dumps([_photo("d", "00000000000000ff")]), "id": first.complaint_id},
    )
    assert _photos_of(conn, first.complaint_id) == [
        (first.complaint_id, "after", "2026/11/c.jpg", "7fffffffffffffff"),
        (first.complaint_id, "supporter", "2026/11/d.jpg", "00000000000000ff"),
    ]


def test_the_migration_fills_the_table_from_the_photos_already_stored(conn):
    ticket = submit_report(
        conn,
        Report(
            "jalan_berlubang",
            *OEBOBO,
            photos=[_photo("e", "0123456789abcdef"), _photo("f", "fedcba9876543210")],
        ),
        NOW,
    )
    filled = _photos_of(conn, ticket.complaint_id)
    schema.downgrade(conn, "0026")
    schema.upgrade(conn)
    assert _photos_of(conn, ticket.complaint_id) == filled
    assert [r[2] for r in filled] == ["2026/11/e.jpg", "2026/11/f.jpg"]
