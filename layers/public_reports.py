"""The public list and map of complaints (``/laporan``): the drill-down filters
the command room links to (:class:`layers.drilldown.DrillDown`), newest first or
nearest first; public columns only, no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from layers.drilldown import DrillDown
from layers.public_view import PUBLIC_SELECT
from layers.status import (
    Group,
    State,
    entered_column,
    group_label,
    is_open,
    label,
    states_of,
)


@dataclass(frozen=True)
class ReportFilter(DrillDown):
    """The shared drill-down filters, plus ``near`` (lon, lat) within
    ``radius_m``, which orders the list by distance, and at most ``limit`` rows."""

    near: tuple[float, float] | None = None
    radius_m: float = 2000.0
    limit: int = 100


def _where(where: ReportFilter, now: datetime) -> tuple[list[str], dict]:
    clauses: list[str] = []
    params: dict[str, object] = {"now": now}
    for column, value in (
        ("c.kelurahan_kode", where.kelurahan),
        ("c.category_code", where.category),
        ("c.status", where.status),
        ("c.opd_code", where.opd),
    ):
        if value:
            name = column.split(".")[1]
            clauses.append(f"{column} = :{name}")
            params[name] = value
    if where.group:
        clauses.append("c.status IN :group_states")
        params["group_states"] = [s.value for s in states_of(where.group)]
    if where.overdue:
        clauses.append("c.status IN :open_states AND c.due_at < :now")
        params["open_states"] = [s.value for s in State if is_open(s)]
    if where.red:
        clauses.append(
            "c.ticket IN (SELECT unnest(f.tickets) FROM sigap_red_flags(:now, 2.0) f"
            " WHERE f.flag = 'red')"
        )
    if where.since is not None:
        clauses.append(f"c.{entered_column(where.group)} >= :since")
        params["since"] = where.since
    if where.near is not None:
        clauses.append(
            "ST_DWithin(c.geom::geography,"
            " ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius)"
        )
        params.update(lon=where.near[0], lat=where.near[1], radius=where.radius_m)
    clauses.append("c.reported_at <= :now")
    return clauses, params


def public_reports(
    conn: sa.Connection, where: ReportFilter, now: datetime
) -> tuple[list[sa.Row], int]:
    """Complaints matching ``where`` (newest first, or nearest first with
    ``near``) and how many match in all; public columns only."""
    clauses, params = _where(where, now)
    condition = " WHERE " + " AND ".join(clauses)
    order = (
        " ORDER BY c.geom <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), c.id DESC"
        if where.near is not None
        else " ORDER BY c.reported_at DESC, c.id DESC"
    )
    listed = sa.text(PUBLIC_SELECT + condition + order + " LIMIT :limit")
    total = sa.text("SELECT count(*) FROM complaints c" + condition)
    for name in ("group_states", "open_states"):
        if name in params:
            listed = listed.bindparams(sa.bindparam(name, expanding=True))
            total = total.bindparams(sa.bindparam(name, expanding=True))
    rows = conn.execute(listed, {**params, "limit": where.limit}).all()
    return rows, conn.execute(total, params).scalar_one()


def filter_choices(conn: sa.Connection) -> dict[str, list[tuple[str, str]]]:
    """Options of the list's filters: categories, kelurahan, groups, states."""
    return {
        "kategori": [
            tuple(r)
            for r in conn.execute(
                sa.text("SELECT code, name_id FROM categories ORDER BY name_id")
            ).all()
        ],
        "kelurahan": [
            tuple(r)
            for r in conn.execute(
                sa.text("SELECT kode, nama FROM kelurahan ORDER BY nama")
            ).all()
        ],
        "kelompok": [(g.value, group_label(g)) for g in Group],
        "status": [(s.value, label(s)) for s in State],
    }
