"""Every stored photo's hash in a narrow table of its own.

The console's "same photo on another ticket" check compared a ticket's photos
with every photo kept in three jsonb columns — ``complaints.photos``,
``complaint_supporters.photos``, ``complaint_events.photos`` — unpacking all of
them on each ask. ``photo_hashes`` holds one row per hashed photo: the ticket
it belongs to, what it is there ('report', 'supporter', 'after'), the row and
place in that row's list it comes from, its path and its 64-bit hash as a
bigint. The table is filled here from the jsonb and kept in step by row
triggers on the three tables (``layers/sql/photo_hashes_write.sql``), whichever
path writes them — intake, supporters, moves with after-photos, bulk import,
the demo, a rollback or redaction that changes a row's photos. A trigger's
``WHEN`` lets rows without photos pass without a call.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from gis.db import load_sql

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

#: table, the kind its photos are, the column naming their ticket
SOURCES = (
    ("complaints", "report", "id"),
    ("complaint_supporters", "supporter", "complaint_id"),
    ("complaint_events", "after", "complaint_id"),
)
#: the events on which a row's photos change, with the rows that need a call
EVENTS = {
    "insert": ("AFTER INSERT", "NEW.photos <> '[]'::jsonb"),
    "update": (
        "AFTER UPDATE",
        "OLD.photos IS DISTINCT FROM NEW.photos OR OLD.{ticket} <> NEW.{ticket}",
    ),
    "delete": ("AFTER DELETE", "OLD.photos <> '[]'::jsonb"),
}


def upgrade() -> None:
    op.create_table(
        "photo_hashes",
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("source_id", sa.BigInteger, primary_key=True),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.CheckConstraint(
            "kind IN ('report', 'supporter', 'after')", name="ck_photo_hashes_kind"
        ),
    )
    op.create_index("ix_photo_hashes_complaint", "photo_hashes", ["complaint_id"])
    op.execute(load_sql("layers", "photo_hashes_write"))
    for table, kind, ticket in SOURCES:
        op.execute(
            "INSERT INTO photo_hashes (complaint_id, kind, source_id, ordinal, path,"
            f" hash) SELECT t.{ticket}, '{kind}', t.id, p.ordinal, p.photo ->> 'path',"
            " ('x' || (p.photo ->> 'phash'))::bit(64)::bigint"
            f" FROM {table} t, jsonb_array_elements(t.photos)"
            " WITH ORDINALITY AS p(photo, ordinal)"
            " WHERE t.photos <> '[]'::jsonb AND p.photo ? 'phash'"
            " AND p.photo ->> 'phash' <> ''"
        )
        for event, (when, rows) in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {table}_photo_hashes_{event} {when} ON {table}"
                f" FOR EACH ROW WHEN ({rows.format(ticket=ticket)})"
                f" EXECUTE FUNCTION sigap_photo_hashes_write('{kind}')"
            )
        if table != "complaints":  # truncating complaints cascades to the table
            op.execute(
                f"CREATE TRIGGER {table}_photo_hashes_truncate AFTER TRUNCATE"
                f" ON {table} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION sigap_photo_hashes_write('{kind}')"
            )


def downgrade() -> None:
    for table, _, _ in SOURCES:
        for event in (*EVENTS, "truncate"):
            op.execute(
                f"DROP TRIGGER IF EXISTS {table}_photo_hashes_{event} ON {table}"
            )
    op.execute("DROP FUNCTION sigap_photo_hashes_write()")
    op.drop_table("photo_hashes")
