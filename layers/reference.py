"""The reference lists every staff console page offers its forms.

The active categories, the OPDs and the kelurahan (for the filters, dispatch and
re-categorising), and what a clerk can say to the reporter: the rejection
choices (the admin's reject templates, or each reason's default public note in
:data:`REJECTION_NOTES`) and the answer templates. Read per page
(:func:`reference_lists`, one round trip), so an admin's edit shows on the next
one. The tables themselves are loaded by :mod:`layers.categories` and
:mod:`layers.opd`; the templates are kept by :mod:`layers.templates`.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.db import records
from gis.i18n import N_, _
from layers.status import REJECTION_REASONS
from layers.templates import response_templates

#: the public note a rejection reason gets until the admin keeps templates
REJECTION_NOTES: dict[str, str] = {
    "bukan_wewenang": N_(
        "This report is not the city government's responsibility. Please contact"
        " the responsible agency."
    ),
    "duplikat": N_(
        "This problem has already been reported; follow the earlier ticket for"
        " progress."
    ),
    "tidak_valid": N_(
        "We could not verify this report. Please send a new report with a photo"
        " and the exact location."
    ),
}


def rejection_choices(
    conn: sa.Connection, kept: list[dict] | None = None
) -> list[dict]:
    """What a rejection can say: the admin's reject templates (reason, title,
    public note), or, where a reason has none, the reason with its default note
    (``kept``: the reject templates, if already read)."""
    if kept is None:
        kept = response_templates(conn, kind="reject")
    choices = [
        {"code": t["reason"], "label": t["title"], "note": t["public_note"]}
        for t in kept
        if t["reason"] in REJECTION_REASONS
    ]
    covered = {c["code"] for c in choices}
    return choices + [
        {"code": code, "label": _(label), "note": _(REJECTION_NOTES[code])}
        for code, label in REJECTION_REASONS.items()
        if code not in covered
    ]


def answer_choices(conn: sa.Connection, kept: list[dict] | None = None) -> list[dict]:
    """The admin's answer templates (title, public note) for any other move
    (``kept``: the answer templates, if already read)."""
    if kept is None:
        kept = response_templates(conn, kind="answer")
    return [{"label": t["title"], "note": t["public_note"]} for t in kept]


def reference_lists(conn: sa.Connection) -> dict[str, list[dict]]:
    """What every console page lists, in one round trip: the active categories
    (:func:`categories`), the OPDs (:func:`opds`), the kelurahan
    (:func:`kelurahan`), and the rejection and answer choices from the admin's
    templates. Read per page, so an admin's edit shows on the next one."""
    row = conn.execute(
        sa.text(
            "SELECT (SELECT coalesce(json_agg(json_build_object('code', code,"
            " 'name_id', name_id, 'name_en', name_en, 'opd_code', opd_code)"
            " ORDER BY name_id), '[]') FROM categories WHERE active) AS categories,"
            " (SELECT coalesce(json_agg(json_build_object('code', code,"
            " 'short_name', short_name, 'name', name, 'kind', kind)"
            " ORDER BY kind = 'kelurahan', short_name), '[]') FROM opd) AS opds,"
            " (SELECT coalesce(json_agg(json_build_object('kode', kode,"
            " 'nama', nama) ORDER BY nama), '[]') FROM kelurahan) AS kelurahan"
        )
    ).one()
    kept = response_templates(conn)
    return {
        "categories": row.categories,
        "opds": row.opds,
        "kelurahan": row.kelurahan,
        "rejections": rejection_choices(
            conn, [t for t in kept if t["kind"] == "reject"]
        ),
        "answers": answer_choices(conn, [t for t in kept if t["kind"] == "answer"]),
    }


def categories(conn: sa.Connection) -> list[dict]:
    """Active categories, code and names (for the filters and re-categorising)."""
    return records(
        conn.execute(
            sa.text(
                "SELECT code, name_id, name_en, opd_code FROM categories"
                " WHERE active ORDER BY name_id"
            )
        )
    )


def opds(conn: sa.Connection) -> list[dict]:
    """City agencies (not the kelurahan offices) first, then kelurahan offices."""
    return records(
        conn.execute(
            sa.text(
                "SELECT code, short_name, name, kind FROM opd"
                " ORDER BY kind = 'kelurahan', short_name"
            )
        )
    )


def kelurahan(conn: sa.Connection) -> list[dict]:
    """Every kelurahan, code and name, by name."""
    return records(
        conn.execute(sa.text("SELECT kode, nama FROM kelurahan ORDER BY nama"))
    )
