"""Bulk import of complaints: the two steps the generic importer calls for this
layer — locate the staged points in their kelurahan (set-based, rejecting points
outside the city) and move them in with contacts, ``created`` events and SLA
deadlines in one statement."""

from __future__ import annotations

import sqlalchemy as sa

from gis.db import bulk_load
from gis.i18n import bilingual
from gis.importer import reject_returning
from gis.io import ImportReport


def locate_staged(conn: sa.Connection, staging: str, report: ImportReport) -> None:
    """Assign each staged point its kelurahan, set-based; reject points outside.

    Same rule as ``sigap_kelurahan_at`` (lowest code among the kelurahan pieces
    containing the point), as one parallel join; the function itself handles the
    few points in gaps. The insert trigger then trusts these codes, for this
    transaction only.
    """
    # the point-in-polygon join is the costly part: let both cores share it
    conn.execute(sa.text("SET LOCAL parallel_setup_cost = 100"))
    conn.execute(sa.text("SET LOCAL parallel_tuple_cost = 0.001"))
    conn.execute(
        sa.text(
            f"CREATE UNLOGGED TABLE {staging}_located AS SELECT DISTINCT ON (s.row_no)"
            f" s.row_no, p.kode AS kelurahan_kode FROM {staging} s JOIN"
            f" kelurahan_parts p"
            " ON ST_Intersects(p.geom, s.geom) ORDER BY s.row_no, p.kode"
        )
    )
    conn.execute(sa.text("RESET parallel_setup_cost"))
    conn.execute(sa.text("RESET parallel_tuple_cost"))
    conn.execute(
        sa.text(
            f"INSERT INTO {staging}_located SELECT s.row_no, sigap_kelurahan_at(s.geom)"
            f" FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {staging}_located l"
            " WHERE l.row_no = s.row_no)"
        )
    )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} s USING {staging}_located l WHERE l.row_no = s.row_no"
        " AND l.kelurahan_kode IS NULL RETURNING s.row_no",
        "geometry",
        bilingual("outside Kota Kupang"),
    )


def insert_from_staging(conn: sa.Connection, staging: str) -> int:
    """Move staged complaints in, with contacts and one ``created`` event each.

    One statement: ids are drawn once in ``numbered`` and shared by the three
    inserts; foreign keys are checked at its end.
    """
    conn.execute(sa.text("SELECT set_config('sigap.kelurahan_assigned', 'on', true)"))
    incoming = conn.execute(sa.text(f"SELECT count(*) FROM {staging}")).scalar_one()
    with bulk_load(conn, "complaint_events", incoming):
        written = conn.execute(
            sa.text(
                "WITH numbered AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence("
                "'complaints', 'id')) AS new_id, s.*, l.kelurahan_kode,"
                " coalesce(s.opd_code, c.opd_code) AS owner,"
                # the SLA deadline, set-based: same rule as sigap_due_at()
                " ((w2.day + 1)::timestamp AT TIME ZONE 'Asia/Makassar') AS due_at"
                f" FROM {staging} s JOIN {staging}_located l USING (row_no)"
                " JOIN categories c ON c.code = s.category_code"
                " LEFT JOIN workdays w1 ON w1.day = (coalesce(s.reported_at, now())"
                "   AT TIME ZONE 'Asia/Makassar')::date"
                " LEFT JOIN workdays w2 ON w2.is_workday"
                "   AND w2.workday_index = w1.workday_index + c.sla_days"
                " ORDER BY row_no),"
                " complaint AS (INSERT INTO complaints (id, ticket,"
                " category_code,"
                " description, geom, kelurahan_kode, opd_code, status,"
                " sub_status, channel,"
                " reported_at, acknowledged_at, resolved_at, source, due_at)"
                " SELECT new_id, ticket, category_code,"
                " coalesce(description, ''), geom,"
                " kelurahan_kode, owner, coalesce(status, 'baru'),"
                " sub_status,"
                " coalesce(channel, 'import'), coalesce(reported_at, now()),"
                " acknowledged_at, resolved_at, source, due_at FROM numbered"
                " RETURNING 1),"
                " contact AS (INSERT INTO complaint_contacts"
                " (complaint_id, name, phone, email) SELECT new_id, reporter_name,"
                " reporter_phone, reporter_email"
                " FROM numbered WHERE coalesce(reporter_name, reporter_phone,"
                " reporter_email) IS NOT NULL),"
                " event AS (INSERT INTO complaint_events (complaint_id, actor, action,"
                " to_status, note) SELECT new_id, 'import', 'created',"
                " coalesce(status, 'baru'), 'imported from ' || source FROM numbered)"
                " SELECT count(*) FROM complaint"
            )
        ).scalar_one()
    conn.execute(sa.text("SELECT set_config('sigap.kelurahan_assigned', 'off', true)"))
    conn.execute(sa.text(f"DROP TABLE {staging}_located"))
    return written
