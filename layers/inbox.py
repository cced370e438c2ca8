"""The staff console's operator inbox: the command centre's work list.

:func:`inbox` — new reports first, filtered by the drill-down parameters every
surface shares (kelurahan, category, public group, state, OPD, past SLA, red
flag, channel, text or ticket number), with counts per value of each filter
(:class:`InboxPage`). OPD staff get their own OPD's tickets whatever they ask
for: the OPD is a condition of the query.

The staff check (:func:`require_staff`, :data:`STAFF_ROLES`), the page size and
the list's SELECT (:data:`LIST_SELECT`) are shared with the other parts of the
console, each in its own module:

* :mod:`layers.opd_queue` — one OPD's open tickets by explained priority;
* :mod:`layers.console_ticket` — one ticket's full record and allowed moves;
* :mod:`layers.console_actions` — what a clerk does: merge a duplicate, change
  the category, dispatch, a move with an after-photo;
* :mod:`layers.reference` — the pick lists every page offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.drilldown import DrillDown
from layers.status import (
    OPEN,
    UNHANDLED,
    State,
    entered_column,
    sql_in,
    sql_work_rank,
    states_of,
    values,
)

STAFF_ROLES = ("opd_staff", "operator", "admin")
PAGE_SIZE = 50
#: order of the inbox: what waits for the command centre first, newest first
#: (``ix_complaints_open_inbox`` holds the open complaints in this order)
_ORDER = f"{sql_work_rank('c.status')}, c.reported_at DESC, c.id DESC"
_RED = (
    f"(c.status IN {sql_in(UNHANDLED)} AND c.reported_at <="
    " CAST(:now AS timestamptz) - make_interval(days => g.red_flag_days))"
)
_OVERDUE = f"(c.due_at < CAST(:now AS timestamptz) AND c.status IN {sql_in(OPEN)})"


@dataclass(frozen=True)
class Filters(DrillDown):
    """What the inbox is narrowed to: the shared drill-down filters, plus the
    ``channel`` a report came by and a ``search`` for a ticket number or words."""

    channel: str | None = None
    search: str | None = None


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox and the counts beside its filters."""

    rows: list[dict]
    total: int
    #: filter → value → count, over the filtered selection (status: without the
    #: state and group filters, so every state's tab shows its number)
    counts: dict[str, dict[str, int]]
    overdue: int
    red: int


def require_staff(actor: Actor) -> None:
    """403 unless ``actor`` is OPD staff, an operator or an admin."""
    if actor.role not in STAFF_ROLES:
        raise Forbidden(bilingual("Staff login required"))


def _state_clause(filters: Filters) -> tuple[str | None, dict[str, object]]:
    """The states the list is narrowed to (``None``: any, for a search)."""
    if filters.status:
        return "c.status = :status", {"status": filters.status}
    if filters.group:
        return "c.status IN :states", {"states": values(states_of(filters.group))}
    if not filters.search:
        # the inbox is the open work unless a state is asked for
        return "c.status IN :states", {"states": values(OPEN)}
    return None, {}


def _where(filters: Filters, actor: Actor, *, states: bool = True) -> tuple:
    clauses: list[str] = []
    params: dict[str, object] = {}
    if states:
        state, state_params = _state_clause(filters)
        if state:
            clauses.append(state)
            params.update(state_params)
    for name, column in (
        ("kelurahan", "c.kelurahan_kode"),
        ("category", "c.category_code"),
        ("opd", "c.opd_code"),
        ("channel", "c.channel"),
    ):
        value = getattr(filters, name)
        if value:
            clauses.append(f"{column} = :{name}")
            params[name] = value
    if actor.role == "opd_staff":
        clauses.append("c.opd_code = :own_opd")
        params["own_opd"] = actor.opd_code
    if filters.since is not None:
        clauses.append(f"c.{entered_column(filters.group)} >= :since")
        params["since"] = filters.since
    if filters.overdue:
        clauses.append(_OVERDUE)
    if filters.red:
        clauses.append(_RED)
    if filters.search:
        text = filters.search.strip()
        # a ticket number finds the ticket in any state; words search the
        # chosen states (the open ones unless a state is asked for)
        chosen = "" if filters.status or filters.group else "c.status IN :open AND "
        if chosen:
            params["open"] = values(OPEN)
        clauses.append(
            f"(c.ticket = :ticket OR ({chosen}c.description ILIKE :pattern))"
        )
        params["ticket"] = text.upper()
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["pattern"] = f"%{escaped}%"
    return (" AND ".join(clauses) or "true"), params


def _statement(sql: str, params: dict) -> sa.TextClause:
    statement = sa.text(sql)
    for name in ("states", "open", "counted"):
        if name in params:
            statement = statement.bindparams(sa.bindparam(name, expanding=True))
    return statement


#: a complaint as the console's lists show it (``:now`` for its flags)
LIST_SELECT = (
    "SELECT c.id, c.ticket, c.status, c.sub_status, c.category_code,"
    " g.name_id AS category_id, g.name_en AS category_en, c.kelurahan_kode,"
    " k.nama AS kelurahan, c.opd_code, o.short_name AS opd, c.channel,"
    " c.reported_at, c.due_at, c.version, left(c.description, 200) AS description,"
    " jsonb_array_length(c.photos) AS photo_count,"
    " c.photos -> 0 ->> 'thumbnail' AS thumbnail,"
    " ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,"
    f" {_OVERDUE} AS overdue, {_RED} AS red"
    " FROM complaints c JOIN categories g ON g.code = c.category_code"
    " JOIN kelurahan k ON k.kode = c.kelurahan_kode"
    " LEFT JOIN opd o ON o.code = c.opd_code"
)


def inbox(
    conn: sa.Connection,
    actor: Actor,
    filters: Filters,
    *,
    now: datetime,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> InboxPage:
    """The page of complaints matching ``filters``: new reports first (state
    order baru, diverifikasi, koordinasi, … then newest first)."""
    require_staff(actor)
    where, params = _where(filters, actor)
    params.update(now=now, limit=limit, offset=offset)
    # only the red flag needs the category (its red-flag days) to pick the page
    joined = " JOIN categories g ON g.code = c.category_code" if filters.red else ""
    rows = conn.execute(
        _statement(
            # the page's ids first, read in order from the inbox's index; then
            # their details
            LIST_SELECT + f" WHERE c.id IN (SELECT c.id FROM complaints c{joined}"
            f" WHERE {where} ORDER BY {_ORDER}"
            f" LIMIT :limit OFFSET :offset) ORDER BY {_ORDER}",
            params,
        ),
        params,
    ).all()
    counts, total, overdue, red = _counts(conn, filters, actor, now)
    # the list is read in state and time order; the chosen ticket's priority is
    # explained beside it (:func:`layers.console_ticket.ticket`)
    found = [dict(r._mapping) for r in rows]
    return InboxPage(found, total, counts, overdue, red)


#: grouping() sets a bit for each column left out, the first column highest
_LEVELS = {
    0b01111: ("category", "category_code"),
    0b10111: ("kelurahan", "kelurahan_kode"),
    0b11011: ("opd", "opd_code"),
    0b11101: ("channel", "channel"),
    0b11110: ("status", "status"),
}


def _counts(
    conn: sa.Connection, filters: Filters, actor: Actor, now: datetime
) -> tuple[dict[str, dict[str, int]], int, int, int]:
    """Counts per value of each filter over the selection, and per state over
    the selection without its state filter, in one statement: the complaints of
    either are grouped once by every filter column (in the order of
    ``ix_complaints_open_facets``, which holds all they read), then summed per
    filter."""
    where_all, params = _where(filters, actor, states=False)
    state, state_params = _state_clause(filters)
    # the closed states hold most of history: counted only when asked for
    counted = set(OPEN)
    if filters.status:
        counted.add(State(filters.status))
    if filters.group:
        counted.update(states_of(filters.group))
    params.update(now=now, counted=values(counted))
    # a state filter picks among the counted states; a search without one also
    # finds a ticket by number in any state
    scope = where_all + (" AND c.status IN :counted" if state else "")
    # what is counted where (SQL filters, or None for every complaint of the
    # scope): the list's states are all the counted ones unless a state, group
    # or search is asked for
    plain = not (filters.status or filters.group or filters.search)
    listed = None if plain else state
    if listed:
        params.update(state_params)
    tabbed = None if state else "c.status IN :counted"

    def counting(*conditions: str | None) -> str:
        chosen = [c for c in conditions if c]
        return (
            f"count(*) FILTER (WHERE {' AND '.join(chosen)})" if chosen else "count(*)"
        )

    rows = conn.execute(
        _statement(
            "SELECT category_code, kelurahan_kode, opd_code, channel, status,"
            " grouping(category_code, kelurahan_kode, opd_code, channel, status)"
            " AS level, CAST(sum(n) AS bigint) AS n,"
            " CAST(sum(n_status) AS bigint) AS n_status,"
            " CAST(sum(overdue) AS bigint) AS overdue,"
            " CAST(sum(red) AS bigint) AS red FROM (SELECT c.category_code,"
            " c.kelurahan_kode, c.opd_code, c.channel, c.status,"
            f" {counting(listed)} AS n, {counting(tabbed)} AS n_status,"
            f" {counting(listed, _OVERDUE)} AS overdue,"
            f" {counting(listed, _RED)} AS red"
            " FROM complaints c JOIN categories g ON g.code = c.category_code"
            f" WHERE {scope} GROUP BY c.category_code, c.kelurahan_kode,"
            " c.opd_code, c.channel, c.status) s"
            " GROUP BY GROUPING SETS ((category_code), (kelurahan_kode),"
            " (opd_code), (channel), (status), ())",
            params,
        ),
        params,
    ).all()
    counts: dict[str, dict[str, int]] = {
        "category": {},
        "kelurahan": {},
        "opd": {},
        "channel": {},
        "status": {},
    }
    total = overdue = red = 0
    for row in rows:
        if row.level == 0b11111:
            total, overdue, red = row.n or 0, row.overdue or 0, row.red or 0
            continue
        name, column = _LEVELS[row.level]
        # a value seen only in the other selection has no count in this one
        n = row.n_status if name == "status" else row.n
        if n:
            counts[name][getattr(row, column) or ""] = n
    return counts, total, overdue, red
