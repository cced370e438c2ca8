"""The same photo filed on more than one ticket.

Every stored photo carries its perceptual hash (``phash`` in the photo
reference, see :mod:`gis.imagehash`); a photo matches another when the hashes
differ in at most :data:`gis.imagehash.NEAR` of their 64 bits — the same picture
re-encoded, resized or slightly cropped. Photos of a ticket and of its
supporters and the after-photos its moves carried are all looked at (one
picture filed as two "done" reports is the fraud to catch); matches within one
ticket are not repeats.
The comparison runs in PostgreSQL (``bit_count`` of the XOR).
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.errors import NotFound
from gis.i18n import N_, _, bilingual
from gis.imagehash import NEAR
from layers.accounts import Actor
from layers.workflow import load_for

#: every stored photo with a hash: the ticket it belongs to, what it is there
#: (the report's, a supporter's, an after-photo a move carried), where it is
_PHOTOS = """
SELECT c.id AS complaint_id, c.ticket, 'report' AS kind, p->>'path' AS path,
       ('x' || (p->>'phash'))::bit(64) AS bits
FROM complaints c, jsonb_array_elements(c.photos) p
WHERE c.photos <> '[]'::jsonb AND p ? 'phash' AND p->>'phash' <> '' AND {where}
UNION ALL
SELECT c.id, c.ticket, 'supporter', p->>'path', ('x' || (p->>'phash'))::bit(64)
FROM complaint_supporters s JOIN complaints c ON c.id = s.complaint_id,
     jsonb_array_elements(s.photos) p
WHERE s.photos <> '[]'::jsonb AND p ? 'phash' AND p->>'phash' <> '' AND {where}
UNION ALL
SELECT c.id, c.ticket, 'after', p->>'path', ('x' || (p->>'phash'))::bit(64)
FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id,
     jsonb_array_elements(e.photos) p
WHERE e.photos <> '[]'::jsonb AND p ? 'phash' AND p->>'phash' <> '' AND {where}
"""
PHOTOS_SQL = _PHOTOS.format(where="true")
#: the photos of one complaint (``:id``)
_OWN_PHOTOS = _PHOTOS.format(where="c.id = :id")
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
    own = conn.execute(sa.text(_OWN_PHOTOS), {"id": complaint_id}).all()
    if not own:  # nothing to compare: the other tickets' photos stay unread
        return []
    rows = conn.execute(
        sa.text(
            "SELECT o.kind, o.path, p.complaint_id, p.ticket, p.kind AS other_kind,"
            " p.path AS other_path, bit_count(o.bits # p.bits) AS distance"
            " FROM unnest(CAST(:kinds AS text[]), CAST(:paths AS text[]),"
            " CAST(:bits AS bit(64)[])) AS o(kind, path, bits)"
            f" JOIN ({PHOTOS_SQL}) p ON p.complaint_id <> :id"
            " AND bit_count(o.bits # p.bits) <= :near"
            " ORDER BY distance, p.ticket, p.path, o.path"
        ),
        {
            "id": complaint_id,
            "near": near,
            "kinds": [r.kind for r in own],
            "paths": [r.path for r in own],
            "bits": [r.bits for r in own],
        },
    ).all()
    return [
        {
            **row._mapping,
            "message": _(
                "Same picture: this {kind} and the {other_kind} of ticket {ticket}",
                kind=_(KINDS[row.kind]),
                other_kind=_(KINDS[row.other_kind]),
                ticket=row.ticket,
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


def matching_photos(
    conn: sa.Connection,
    phash: str,
    *,
    exclude_complaint: int | None = None,
    near: int = NEAR,
    limit: int = 20,
) -> list[dict[str, object]]:
    """Stored photos within ``near`` bits of ``phash`` (closest first), other than
    those of ticket ``exclude_complaint``."""
    rows = conn.execute(
        sa.text(
            f"WITH photos AS ({PHOTOS_SQL})"
            " SELECT complaint_id, ticket, path,"
            " bit_count(bits # ('x' || :hash)::bit(64)) AS distance FROM photos"
            " WHERE bit_count(bits # ('x' || :hash)::bit(64)) <= :near"
            " AND complaint_id IS DISTINCT FROM :exclude"
            " ORDER BY distance, ticket, path LIMIT :limit"
        ),
        {"hash": phash, "near": near, "exclude": exclude_complaint, "limit": limit},
    ).all()
    return [dict(r._mapping) for r in rows]


def repeated_photos(conn: sa.Connection, near: int = NEAR) -> list[dict[str, object]]:
    """Pairs of photos on different tickets that are the same picture (the older
    ticket first), closest first."""
    rows = conn.execute(
        sa.text(
            f"WITH photos AS ({PHOTOS_SQL})"
            " SELECT a.ticket AS ticket, a.path AS path, b.ticket AS other_ticket,"
            " b.path AS other_path, bit_count(a.bits # b.bits) AS distance"
            " FROM photos a JOIN photos b ON a.complaint_id < b.complaint_id"
            " AND bit_count(a.bits # b.bits) <= :near"
            " ORDER BY distance, a.ticket, b.ticket, a.path, b.path"
        ),
        {"near": near},
    ).all()
    return [dict(r._mapping) for r in rows]
