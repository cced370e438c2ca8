"""The same photo filed on more than one ticket.

Every stored photo carries its perceptual hash (``phash`` in the photo
reference, see :mod:`gis.imagehash`); a photo matches another when the hashes
differ in at most :data:`gis.imagehash.NEAR` of their 64 bits — the same picture
re-encoded, resized or slightly cropped. Photos of a ticket and of its
supporters are all looked at; matches within one ticket are not repeats.
The comparison runs in PostgreSQL (``bit_count`` of the XOR).
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.imagehash import NEAR

#: every stored photo with a hash: the ticket it belongs to, where it is
PHOTOS_SQL = """
SELECT c.id AS complaint_id, c.ticket, p->>'path' AS path,
       ('x' || (p->>'phash'))::bit(64) AS bits
FROM complaints c, jsonb_array_elements(c.photos) p
WHERE p ? 'phash' AND p->>'phash' <> ''
UNION ALL
SELECT c.id, c.ticket, p->>'path', ('x' || (p->>'phash'))::bit(64)
FROM complaint_supporters s JOIN complaints c ON c.id = s.complaint_id,
     jsonb_array_elements(s.photos) p
WHERE p ? 'phash' AND p->>'phash' <> ''
"""


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
