"""Bulk import of complaints: the two steps the generic importer calls for this
layer — locate the staged points in their kelurahan (rejecting points outside the
city) and move them in with contacts, ``created`` events and SLA deadlines.

Everything the row triggers would do per complaint is done here set-based with the
database's own definitions: the kelurahan by ``kelurahan_grid`` (cells wholly
inside one kelurahan) and ``sigap_kelurahan_at`` for points near a boundary, the
ticket by ``sigap_ticket``, the deadline by ``sigap_due_at`` once per report day
and category, the count grid by ``sigap_cells_add``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from gis.copy import reserve_ids
from gis.db import bulk_load, triggers_removed
from gis.i18n import bilingual
from gis.importer import reject_returning
from gis.io import ImportReport
from gis.timeutil import WITA, wita_day_sql
from layers.status import INITIAL

#: triggers whose work :func:`insert_from_staging` does set-based; a bulk load
#: (which holds the table exclusively anyway) removes them for its insert
BULK_REPLACED_TRIGGERS = (
    "complaints_before_write",
    "complaints_due",
    "complaints_cells_insert",
)

#: when the staged complaint ``s`` was reported (the importer stamps the import's
#: "now" on rows whose file does not say)
REPORTED = "s.reported_at"

#: the staged point ``s`` lies in the interior grid cell ``g``
IN_GRID_CELL = "g.cx = sigap_grid_index(s.x) AND g.cy = sigap_grid_index(s.y)"


def locate_staged(conn: sa.Connection, staging: str, report: ImportReport) -> None:
    """Find the kelurahan of the staged points near a boundary; reject points
    outside Kota Kupang.

    Points in an interior cell of ``kelurahan_grid`` need no lookup; the rest (a
    few percent) go through ``sigap_kelurahan_at``, both cores sharing them.
    """
    conn.execute(sa.text("SET LOCAL parallel_setup_cost = 100"))
    conn.execute(sa.text("SET LOCAL parallel_tuple_cost = 0.001"))
    conn.execute(
        sa.text(
            f"CREATE UNLOGGED TABLE {staging}_edge AS SELECT s.row_no,"
            " sigap_kelurahan_at(s.geom) AS kelurahan_kode"
            f" FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM kelurahan_grid g"
            f" WHERE {IN_GRID_CELL})"
        )
    )
    conn.execute(sa.text("RESET parallel_setup_cost"))
    conn.execute(sa.text("RESET parallel_tuple_cost"))
    conn.execute(sa.text(f"CREATE INDEX ON {staging}_edge (row_no)"))
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} s USING {staging}_edge e WHERE e.row_no = s.row_no"
        " AND e.kelurahan_kode IS NULL RETURNING s.row_no",
        "geometry",
        bilingual("outside Kota Kupang"),
    )


def insert_from_staging(conn: sa.Connection, staging: str, bulk: bool) -> int:
    """Move staged complaints in, with contacts and one ``created`` event each.

    Ids are ``first + seq_no`` (file order); ``bulk`` (the importer holds the
    table exclusively, indexes dropped) also removes the triggers for the insert,
    since every value they would set is already here.
    """
    # ids first + seq_no: a block as long as the staged seq_no range
    span = conn.execute(sa.text(f"SELECT max(seq_no) + 1 FROM {staging}")).scalar_one()
    if span is None:  # every row was rejected
        conn.execute(sa.text(f"DROP TABLE {staging}_edge"))
        return 0
    first = int(reserve_ids(conn, "complaints", span)[0])
    conn.execute(sa.text("SET LOCAL jit = off"))
    conn.execute(sa.text("SET LOCAL work_mem = '256MB'"))
    parameters = {"first": first}
    # the deadline of each (report day, category) pair, by sigap_due_at, for every
    # day from the first report to the last (one min/max scan, where listing the
    # distinct days would convert every timestamp); a table with statistics, so
    # the planner joins the few thousand pairs by hash
    conn.execute(
        sa.text(
            f"CREATE UNLOGGED TABLE {staging}_due AS SELECT d.day, c.code, c.opd_code,"
            f" sigap_due_at(d.day::timestamp AT TIME ZONE '{WITA.key}', c.sla_days)"
            f" AS due_at FROM (SELECT generate_series({wita_day_sql('min(r)')},"
            f" {wita_day_sql('max(r)')}, interval '1 day')::date AS day"
            f" FROM (SELECT {REPORTED} AS r FROM {staging} s) s) d"
            " CROSS JOIN categories c"
        )
    )
    conn.execute(sa.text(f"ANALYZE {staging}_due"))
    with (
        triggers_removed(conn, "complaints", BULK_REPLACED_TRIGGERS)
        if bulk
        else _kelurahan_assigned(conn)
    ):
        written = _insert_complaints(conn, staging, parameters)
    if bulk:  # what the removed statement trigger would have counted
        conn.execute(
            sa.text(f"SELECT sigap_cells_add(ARRAY(SELECT geom FROM {staging}), 1)")
        )
    conn.execute(
        sa.text(
            "INSERT INTO complaint_contacts (complaint_id, name, phone, email)"
            " SELECT :first + seq_no, reporter_name, reporter_phone, reporter_email"
            f" FROM {staging} WHERE coalesce(reporter_name, reporter_phone,"
            " reporter_email) IS NOT NULL"
        ),
        parameters,
    )
    with bulk_load(conn, "complaint_events", written):
        conn.execute(
            sa.text(
                "INSERT INTO complaint_events (complaint_id, actor, action, to_status,"
                " note) SELECT :first + seq_no, 'import', 'created',"
                f" coalesce(status, '{INITIAL}'), 'imported from ' || source"
                f" FROM {staging}"
            ),
            parameters,
        )
    conn.execute(sa.text(f"DROP TABLE {staging}_edge, {staging}_due"))
    return written


@contextmanager
def _kelurahan_assigned(conn: sa.Connection) -> Iterator[None]:
    """Tell the row trigger that the kelurahan of each inserted row is already
    set; the row triggers still run for everything else."""
    conn.execute(sa.text("SELECT set_config('sigap.kelurahan_assigned', 'on', true)"))
    yield
    conn.execute(sa.text("SELECT set_config('sigap.kelurahan_assigned', 'off', true)"))


def _insert_complaints(conn: sa.Connection, staging: str, parameters: dict) -> int:
    """INSERT the staged rows with every value the row triggers would set."""
    return conn.execute(
        sa.text(
            "INSERT INTO complaints (id, ticket, category_code, description, geom,"
            " kelurahan_kode, opd_code, status, sub_status, channel, reported_at,"
            " acknowledged_at, resolved_at, source, due_at)"
            f" SELECT :first + s.seq_no,"
            f" coalesce(s.ticket, sigap_ticket(:first + s.seq_no, {REPORTED})),"
            " s.category_code, coalesce(s.description, ''), s.geom,"
            f" coalesce(g.kode, (SELECT e.kelurahan_kode FROM {staging}_edge e"
            "  WHERE e.row_no = s.row_no)), coalesce(s.opd_code, due.opd_code),"
            f" coalesce(s.status, '{INITIAL}'), s.sub_status,"
            " coalesce(s.channel, 'import'),"
            f" {REPORTED}, s.acknowledged_at, s.resolved_at, s.source, due.due_at"
            f" FROM {staging} s LEFT JOIN kelurahan_grid g ON {IN_GRID_CELL}"
            f" JOIN {staging}_due due ON due.code = s.category_code"
            f" AND due.day = {wita_day_sql(REPORTED)}"
        ),
        parameters,
    ).rowcount
