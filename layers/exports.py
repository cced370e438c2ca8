"""The morning meeting's spreadsheets: the work queue, the OPD scoreboard and the
red flags, per OPD or kelurahan and period, with Indonesian headers (the
reader's language), WITA times and no reporter's personal data.

:func:`export_table` builds a :class:`gis.tables.Table`; :mod:`gis.tables`
writes it as XLSX or CSV. OPD staff only ever get their own OPD's queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.errors import InvalidParameter, NotFound
from gis.formats import format_datetime
from gis.i18n import N_, _, bilingual, current_language
from gis.tables import Column, Table
from gis.timeutil import wita_today
from layers.accounts import Actor
from layers.operations import default_period, red_flags, scoreboard
from layers.status import CLOSED, Group, label, sql_in

#: what can be exported: name → title msgid
EXPORTS = {
    "queue": N_("Work queue"),
    "scoreboard": N_("OPD scoreboard"),
    "red-flags": N_("Red flags"),
}
FORMATS = ("xlsx", "csv")
#: the periods offered (days back from now)
PERIODS = (7, 30, 90, 365)
FLAG_LABELS = {"red": N_("Red"), "amber": N_("Amber"), "green": N_("Green")}


@dataclass(frozen=True)
class Filters:
    """What an export is cut to: an OPD, a kelurahan, the period (days back)."""

    opd: str | None = None
    kelurahan: str | None = None
    days: int = 30


def _names(conn: sa.Connection) -> tuple[dict, dict, dict, dict]:
    opd = dict(conn.execute(sa.text("SELECT code, short_name FROM opd")).all())
    kelurahan = dict(conn.execute(sa.text("SELECT kode, nama FROM kelurahan")).all())
    categories = conn.execute(
        sa.text("SELECT code, name_id, name_en, opd_code FROM categories")
    ).all()
    english = current_language.get() == "en"
    names = {c.code: c.name_en if english else c.name_id for c in categories}
    owners = {c.code: c.opd_code for c in categories}
    return opd, kelurahan, names, owners


def check_filters(conn: sa.Connection, actor: Actor, filters: Filters) -> Filters:
    """The filters as this actor may use them: an unknown OPD or kelurahan is
    :class:`NotFound`; OPD staff are held to their own OPD."""
    if actor.role not in ("operator", "opd_staff", "admin"):
        raise InvalidParameter(bilingual("Staff login required"))
    if filters.days not in PERIODS:
        raise InvalidParameter(
            bilingual(
                "days must be one of {values}",
                values=", ".join(map(str, PERIODS)),
            ),
            field="days",
        )
    opd = filters.opd
    if actor.role == "opd_staff":
        opd = actor.opd_code
    if (
        opd is not None
        and not conn.execute(
            sa.text("SELECT 1 FROM opd WHERE code = :c"), {"c": opd}
        ).scalar()
    ):
        raise NotFound(bilingual("Unknown OPD {code}", code=opd))
    if (
        filters.kelurahan is not None
        and not conn.execute(
            sa.text("SELECT 1 FROM kelurahan WHERE kode = :k"), {"k": filters.kelurahan}
        ).scalar()
    ):
        raise NotFound(bilingual("Unknown kelurahan {code}", code=filters.kelurahan))
    return Filters(opd, filters.kelurahan, filters.days)


def export_table(
    conn: sa.Connection, kind: str, actor: Actor, filters: Filters, now: datetime
) -> Table:
    """The ``kind`` export (a key of :data:`EXPORTS`) for ``actor``."""
    if kind not in EXPORTS:
        raise NotFound(bilingual("Unknown export {name}", name=kind))
    filters = check_filters(conn, actor, filters)
    start, end = default_period(now, filters.days)
    opd_names, kelurahan_names, category_names, owners = _names(conn)
    builder = {"queue": _queue, "scoreboard": _scoreboard, "red-flags": _red_flags}
    columns, rows = builder[kind](
        conn, filters, start, end, now, opd_names, category_names, owners
    )
    notes = [
        (_("Made"), format_datetime(now)),
        (
            _("Period"),
            _("reports of the last {n} days", n=filters.days)
            if kind != "red-flags"
            else _("as of the moment it was made"),
        ),
        (
            _("OPD"),
            opd_names.get(filters.opd, filters.opd) if filters.opd else _("all"),
        ),
        (
            _("Kelurahan"),
            kelurahan_names.get(filters.kelurahan, "")
            if filters.kelurahan
            else _("all"),
        ),
        (_("Rows"), str(len(rows))),
        (_("Times"), _("WITA (UTC+8)")),
    ]
    return Table(_(EXPORTS[kind]), columns, rows, notes, _("Notes"))


def file_name(kind: str, filters: Filters, now: datetime, fmt: str) -> str:
    """``sigap-queue-DPUPR-2026-11-01.xlsx``."""
    parts = ["sigap", kind, filters.opd, filters.kelurahan, wita_today(now).isoformat()]
    return "-".join(p for p in parts if p) + f".{fmt}"


def _queue(conn, filters, start, end, now, opd_names, category_names, owners):
    rows = conn.execute(
        sa.text(
            "SELECT c.ticket, c.category_code, c.status, c.opd_code, k.nama,"
            " c.reported_at, c.due_at, c.due_at < CAST(:now AS timestamptz)"
            "   AS overdue, extract(epoch FROM CAST(:now AS timestamptz)"
            "   - c.reported_at) / 86400 AS age_days,"
            " (SELECT count(*) FROM complaint_supporters s"
            "   WHERE s.complaint_id = c.id AND s.split_into IS NULL) AS supporters"
            " FROM complaints c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
            f" WHERE c.status NOT IN {sql_in(CLOSED)}"
            " AND c.reported_at > :start AND c.reported_at <= :end"
            " AND (CAST(:opd AS text) IS NULL OR c.opd_code = :opd)"
            " AND (CAST(:kel AS text) IS NULL OR c.kelurahan_kode = :kel)"
            " ORDER BY c.due_at NULLS LAST, c.id"
        ),
        {
            "now": now,
            "start": start,
            "end": end,
            "opd": filters.opd,
            "kel": filters.kelurahan,
        },
    ).all()
    columns = [
        Column(_("Ticket"), "text", 18),
        Column(_("Category"), "text", 24),
        Column(_("Status"), "text", 16),
        Column(_("OPD"), "text", 18),
        Column(_("Kelurahan"), "text", 18),
        Column(_("Reported (WITA)"), "datetime", 17),
        Column(_("Due (WITA)"), "datetime", 17),
        Column(_("Overdue"), "text", 10),
        Column(_("Age (days)"), "decimal", 11),
        Column(_("Supporters"), "integer", 11),
    ]
    yes, no = _("yes"), _("no")
    return columns, [
        [
            r.ticket,
            category_names.get(r.category_code, r.category_code),
            _(label(r.status)),
            opd_names.get(r.opd_code, r.opd_code or ""),
            r.nama,
            r.reported_at,
            r.due_at,
            yes if r.overdue else no,
            float(r.age_days),
            r.supporters,
        ]
        for r in rows
    ]


def _scoreboard(conn, filters, start, end, now, opd_names, category_names, owners):
    board = scoreboard(conn, start, end, now, kelurahan=filters.kelurahan)
    rows = [
        r for r in board.rows if filters.opd is None or r["opd_code"] == filters.opd
    ]
    columns = [
        Column(_("Rank"), "integer", 8),
        Column(_("OPD"), "text", 20),
        Column(_("Reports"), "integer", 10),
        Column(_("Untouched"), "integer", 12),
        Column(_("In progress"), "integer", 12),
        Column(_("Handled"), "integer", 12),
        Column(_("Rejected"), "integer", 12),
        Column(_("Within SLA"), "percent", 12),
        Column(_("Fair score"), "percent", 12),
        Column(_("Overdue"), "integer", 12),
        Column(_("Median response (hours)"), "decimal", 14),
        Column(_("Median resolution (days)"), "decimal", 14),
        Column(_("Backlog 0–3 days"), "integer", 12),
        Column(_("Backlog 3–7 days"), "integer", 12),
        Column(_("Backlog 7–14 days"), "integer", 12),
        Column(_("Backlog over 14 days"), "integer", 12),
    ]

    def days(hours):
        return None if hours is None else float(hours) / 24

    return columns, [
        [
            r["rank"],
            opd_names.get(r["opd_code"], r["opd_code"]),
            r["total"],
            r[Group.UNTOUCHED],
            r[Group.IN_PROGRESS],
            r[Group.HANDLED],
            r[Group.REJECTED],
            r["within_sla_share"],
            r["fair_share"],
            r["overdue"],
            None if r["response_median_h"] is None else float(r["response_median_h"]),
            days(r["resolution_median_h"]),
            r["backlog_0_3d"],
            r["backlog_3_7d"],
            r["backlog_7_14d"],
            r["backlog_14d_plus"],
        ]
        for r in rows
    ]


def _red_flags(conn, filters, start, end, now, opd_names, category_names, owners):
    flags = [
        f
        for f in red_flags(conn, now)
        if f["flag"] != "green"
        and (filters.kelurahan is None or f["kelurahan_kode"] == filters.kelurahan)
        and (filters.opd is None or owners.get(f["category_code"]) == filters.opd)
    ]
    columns = [
        Column(_("Flag"), "text", 10),
        Column(_("Kelurahan"), "text", 18),
        Column(_("Category"), "text", 24),
        Column(_("OPD"), "text", 18),
        Column(_("Unhandled reports"), "integer", 12),
        Column(_("Oldest (days)"), "decimal", 12),
        Column(_("Threshold (days)"), "integer", 12),
        Column(_("Tickets"), "text", 40),
    ]
    return columns, [
        [
            _(FLAG_LABELS[f["flag"]]),
            f["kelurahan"],
            category_names.get(f["category_code"], f["category_code"]),
            opd_names.get(owners.get(f["category_code"]), ""),
            f["unhandled"],
            f["oldest_days"],
            f["threshold_days"],
            ", ".join(f["tickets"]),
        ]
        for f in flags
    ]
