"""The same photo filed on more than one ticket.

Every stored photo carries its perceptual hash (``phash`` in the photo
reference, see :mod:`gis.imagehash`); a photo matches another when the hashes
differ in at most :data:`gis.imagehash.NEAR` of their 64 bits — the same picture
re-encoded, resized or slightly cropped. Photos of a ticket and of its
supporters and the after-photos its moves carried are all looked at (one
picture filed as two "done" reports is the fraud to catch); matches within one
ticket are not repeats.
The comparison runs in PostgreSQL (``bit_count`` of the XOR) over
``photo_hashes``, which the database keeps in step with the photos of the three
tables (migration 0027): a pass over a narrow table of bigints, the tickets'
numbers looked up for the matches only.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.errors import NotFound
from gis.i18n import N_, _, bilingual
from gis.imagehash import NEAR
from layers.accounts import Actor
from layers.workflow import load_for


def distance_sql(a: str, b: str) -> str:
    """SQL for the bits in which the bigint hashes ``a`` and ``b`` differ."""
    return f"bit_count(({a} # {b})::bit(64))"


#: what a photo is to its ticket, in the console's words
KINDS = {
    "report": N_("report photo"),
    "supporter": N_("supporter's photo"),
    "after": N_("after-photo"),
}


def photo_repeats(
    conn: sa.Connection, complaint_id: int, near: int = NEAR
) -> list[dict[str, object]]:
    """Each photo of complaint ``complaint_id`` — its report's, its supporters',
    the after-photos of its moves — that is the same picture as a photo of
    another ticket, with that photo (``ticket``, ``other_kind``, ``other_path``),
    the bits they differ in and the console's words; closest first."""
    distance = distance_sql("o.hash", "p.hash")
    found = conn.execute(
        sa.text(
            "SELECT o.kind, o.path, p.complaint_id, p.kind AS other_kind,"
            f" p.path AS other_path, {distance} AS distance"
            " FROM photo_hashes o JOIN photo_hashes p ON p.complaint_id <> :id"
            f" AND {distance} <= :near WHERE o.complaint_id = :id"
        ),
        {"id": complaint_id, "near": near},
    ).all()
    if not found:  # the usual answer, in one pass over the narrow table
        return []
    # the tickets in a second, small statement: joined in the first, the
    # planner cannot tell how few the matches are and plans for many (a pass
    # over every complaint, or a compiled look-up per photo)
    tickets = dict(
        conn.execute(
            sa.text("SELECT id, ticket FROM complaints WHERE id = ANY(:ids)"),
            {"ids": sorted({r.complaint_id for r in found})},
        ).all()
    )
    rows = sorted(
        ({**r._mapping, "ticket": tickets[r.complaint_id]} for r in found),
        key=lambda r: (r["distance"], r["ticket"], r["other_path"], r["path"]),
    )
    return [
        {
            **row,
            "message": _(
                "Same picture: this {kind} and the {other_kind} of ticket {ticket}",
                kind=_(KINDS[row["kind"]]),
                other_kind=_(KINDS[row["other_kind"]]),
                ticket=row["ticket"],
            ),
        }
        for row in rows
    ]


def ticket_photo_repeats(
    conn: sa.Connection, ticket_number: str, actor: Actor
) -> dict[str, object]:
    """:func:`photo_repeats` of a ticket for the console: 404 for an unknown
    ticket, 403 for anyone but staff (OPD staff: their OPD's tickets)."""
    found = conn.execute(
        sa.text("SELECT id FROM complaints WHERE ticket = :t"), {"t": ticket_number}
    ).scalar()
    if found is None:
        raise NotFound(bilingual("Complaint {ticket} not found", ticket=ticket_number))
    load_for(conn, found, actor)
    return {"ticket": ticket_number, "repeats": photo_repeats(conn, found)}
