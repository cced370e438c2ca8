"""The staff console's work lists.

* **Inbox** (:func:`inbox`) — the command centre's list: new reports first,
  filtered by the drill-down parameters every surface shares (kelurahan,
  category, public group, state, OPD, past SLA, red flag, channel, text or
  ticket number), with counts per value of each filter.
* **OPD queue** (:func:`opd_queue`) — one OPD's open tickets by explained
  priority, with the SLA countdown in working days. OPD staff get their own
  OPD's tickets whatever they ask for: the OPD is a condition of the query.

The staff check (:func:`require_staff`) and the list's SELECT
(:data:`LIST_SELECT`) are shared with the ticket record,
:mod:`layers.console_ticket`. What a clerk does from the lists is
:mod:`layers.console_actions`; the pick lists every page offers are
:mod:`layers.reference`.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis import textmodel
from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.i18n import bilingual
from gis.timeutil import to_wita
from layers.accounts import Actor
from layers.ai import danger_words, lexicon, urgency
from layers.operations import priorities
from layers.status import (
    OPEN,
    UNHANDLED,
    Group,
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
class Filters:
    """What the inbox is narrowed to (the shared drill-down parameters)."""

    kelurahan: str | None = None
    category: str | None = None
    group: str | None = None
    status: str | None = None
    opd: str | None = None
    overdue: bool = False
    red: bool = False
    channel: str | None = None
    search: str | None = None
    #: entered its group since (see :func:`layers.status.entered_column`)
    since: datetime | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in State._value2member_map_:
            raise InvalidParameter(
                bilingual("Unknown status {status}", status=self.status),
                field="status",
            )
        if self.group is not None and self.group not in Group._value2member_map_:
            raise InvalidParameter(
                bilingual(
                    "Unknown group {group}: {groups}",
                    group=self.group,
                    groups=", ".join(g.value for g in Group),
                ),
                field="kelompok",
            )


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


def _workday_position(conn: sa.Connection, now: datetime) -> tuple[int, bool]:
    row = conn.execute(
        sa.text("SELECT workday_index, is_workday FROM workdays WHERE day = :d"),
        {"d": to_wita(now).date()},
    ).one_or_none()
    return (row.workday_index, row.is_workday) if row else (0, False)


def _working_days_sql(position: tuple[int, bool]) -> tuple[str, dict]:
    """SQL for the working days left until ``c.due_at`` (negative: overdue)."""
    index, working = position
    return (
        "(SELECT w.workday_index FROM workdays w WHERE w.day ="
        " (c.due_at AT TIME ZONE 'Asia/Makassar')::date - 1)"
        " - CAST(:today_index AS integer) + CAST(:today_working AS integer)",
        {"today_index": index, "today_working": int(working)},
    )


def opd_queue(
    conn: sa.Connection,
    actor: Actor,
    opd_code: str | None,
    *,
    now: datetime,
    limit: int = PAGE_SIZE,
) -> dict:
    """The open tickets of one OPD by explained priority, highest first.

    OPD staff always get their own OPD (``opd_code`` is ignored for them);
    operators and admins pick one. Each row has its priority reasons, the working
    days left before its SLA deadline (negative when past it) and its red flag.
    """
    require_staff(actor)
    opd = actor.opd_code if actor.role == "opd_staff" else opd_code
    if not opd:
        raise InvalidParameter(bilingual("Choose an OPD"), field="opd")
    name = conn.execute(
        sa.text("SELECT short_name FROM opd WHERE code = :c"), {"c": opd}
    ).scalar()
    if name is None:
        raise NotFound(bilingual("Unknown OPD {code}", code=opd), field="opd")
    ranked, total = ranked_queue(conn, opd, now, limit)
    position = _working_days_sql(_workday_position(conn, now))
    order = {p.ticket: i for i, p in enumerate(ranked)}
    rows = conn.execute(
        sa.text(
            LIST_SELECT.replace(" AS red", f" AS red, {position[0]} AS days_left")
            + " WHERE c.ticket IN :tickets AND c.opd_code = :opd"
        ).bindparams(sa.bindparam("tickets", expanding=True)),
        {"tickets": list(order) or [""], "opd": opd, "now": now, **position[1]},
    ).all()
    found = sorted((dict(r._mapping) for r in rows), key=lambda r: order[r["ticket"]])
    for row, score in zip(found, ranked, strict=True):
        row["priority"] = score
    return {"opd_code": opd, "opd": name, "rows": found, "total": total}


#: points of :func:`layers.operations.priorities` that do not age while a ticket
#: is open: the class of the road it lies on (the nearest within 30 m; the box
#: lets the roads' GIST index find the candidates) and the danger its text tells
#: of. Each ticket keeps their sum, with what it was worked out with (0026)
ROAD_POINTS = {"arteri": 15.0, "kolektor": 8.0}
_ROAD_POINTS_SQL = (
    "coalesce((SELECT CASE r.road_class "
    + " ".join(f"WHEN '{road}' THEN {points}" for road, points in ROAD_POINTS.items())
    + " ELSE 0 END FROM roads r WHERE r.geom && ST_Expand(c.geom, 0.0003)"
    " AND ST_DWithin(r.geom::geography, c.geom::geography, 30)"
    " ORDER BY r.geom <-> c.geom LIMIT 1), 0)"
)
#: the code that reads danger in a text: any change to it outdates stored points
_DANGER_RULES = hashlib.sha256(
    "".join(
        inspect.getsource(module)
        for module in (urgency, danger_words, lexicon, textmodel)
    ).encode()
).hexdigest()[:16]


def fixed_points_basis(conn: sa.Connection) -> str:
    """What stored fixed points must have been worked out with to hold: these
    danger rules and road points, and these roads (an import adds rows)."""
    roads, last = conn.execute(sa.text("SELECT count(*), max(id) FROM roads")).one()
    return f"{_DANGER_RULES}:{sorted(ROAD_POINTS.items())}:{roads}:{last}"


def store_fixed_points(conn: sa.Connection, opd: str, basis: str) -> int:
    """Work out and store the fixed points of ``opd``'s open tickets that have
    none yet, or have them from other rules or roads; the number of open
    tickets. Not a change to the tickets: their ``updated_at`` stays
    (``sigap.fixed_points``)."""
    total, stale = conn.execute(
        sa.text(
            "SELECT count(*), array_agg(c.id) FILTER (WHERE"
            " c.fixed_points_basis IS DISTINCT FROM :basis) FROM complaints c"
            " WHERE c.opd_code = :opd AND c.status IN :open"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {"opd": opd, "open": values(OPEN), "basis": basis},
    ).one()
    if not stale:
        return total
    conn.execute(sa.text("SELECT set_config('sigap.fixed_points', 'on', true)"))
    for start in range(0, len(stale), 5000):
        chunk = conn.execute(
            sa.text("SELECT id, description FROM complaints WHERE id = ANY(:ids)"),
            {"ids": stale[start : start + 5000]},
        ).all()
        conn.execute(
            sa.text(
                f"UPDATE complaints c SET fixed_points = d.danger + {_ROAD_POINTS_SQL},"
                " fixed_points_basis = :basis FROM unnest(CAST(:ids AS bigint[]),"
                " CAST(:danger AS float8[])) AS d(id, danger) WHERE c.id = d.id"
            ),
            {
                "ids": [row.id for row in chunk],
                "danger": [
                    urgency.POINTS * len(urgency.assess(row.description))
                    for row in chunk
                ],
                "basis": basis,
            },
        )
    conn.execute(sa.text("SELECT set_config('sigap.fixed_points', 'off', true)"))
    return total


#: an OPD's open tickets by priority, without the explanations, best first: one
#: pass over ``ix_complaints_open_queue`` (every column the points read), the
#: supporters counted in one grouped join, ordered and cut in SQL
QUEUE_RANKING = (
    "SELECT c.id FROM complaints c JOIN categories g ON g.code = c.category_code"
    " LEFT JOIN latest_kelurahan_stats st ON st.kelurahan_kode = c.kelurahan_kode"
    "   AND st.category_code = c.category_code"
    " LEFT JOIN (SELECT s.complaint_id, count(*) AS n FROM complaint_supporters s"
    "   WHERE s.split_into IS NULL GROUP BY s.complaint_id) sp"
    "   ON sp.complaint_id = c.id"
    " WHERE c.opd_code = :opd AND c.status IN :open"
    " ORDER BY CASE WHEN c.due_at IS NULL THEN 0 ELSE 40 * LEAST("
    "   date_part('epoch', CAST(:now AS timestamptz) - c.reported_at)"
    "   / GREATEST(date_part('epoch', c.due_at - c.reported_at), 43200), 2) END"
    "   + LEAST(5 * coalesce(sp.n, 0), 25) + 5 * g.severity"
    "   + CASE WHEN st.lisa_class = 'HH' OR coalesce(st.gi_bin, 0) >= 2 THEN 20"
    "   ELSE 0 END + coalesce(c.fixed_points, 0) DESC, c.ticket"
    " LIMIT :n"
)


def ranked_queue(
    conn: sa.Connection, opd: str, now: datetime, limit: int = PAGE_SIZE
) -> tuple[list, int]:
    """The ``limit`` highest priorities of ``opd``'s open tickets, explained —
    the same scores and order as :func:`layers.operations.priorities`, which
    explains only the tickets that can make the page: SQL ranks every ticket by
    the same points (the fixed ones stored first where missing), and the best
    are explained. With the number of open tickets ranked."""
    total = store_fixed_points(conn, opd, fixed_points_basis(conn))
    chosen = (
        conn.execute(
            sa.text(QUEUE_RANKING).bindparams(sa.bindparam("open", expanding=True)),
            # a margin for the explained scores' rounding, which decides the order
            {"opd": opd, "open": values(OPEN), "now": now, "n": limit + 10},
        )
        .scalars()
        .all()
    )
    return (priorities(conn, now, limit, ids=chosen) if chosen else []), total
