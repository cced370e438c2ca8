"""One OPD's queue in the staff console: its open tickets by explained priority.

:func:`opd_queue` — the page: the open tickets of one OPD, highest priority
first, each with its priority reasons, the working days left before its SLA
deadline (negative when past it, counted on the ``workdays`` calendar) and its
red flag. OPD staff get their own OPD's tickets whatever they ask for: the OPD
is a condition of the query.

The ranking is SQL's (:data:`QUEUE_RANKING`, :func:`ranked_queue`): every open
ticket of the OPD is scored by the points of
:func:`layers.priority.priorities`, and only the page's best are explained.
The points that do not age while a ticket is open — its road's class
(:data:`ROAD_POINTS`) and the danger its text tells of — are stored on the
ticket with what they were worked out with (:func:`fixed_points_basis`,
:func:`store_fixed_points`) and worked out again when that changes.

The rows are the inbox's (:data:`layers.inbox.LIST_SELECT`); the JSON staff
API's queue, oldest due first, is :func:`layers.queue.queue`.
"""

from __future__ import annotations

import hashlib
import inspect
from datetime import datetime

import sqlalchemy as sa

from gis import textmodel
from gis.errors import InvalidParameter, NotFound
from gis.i18n import bilingual
from gis.timeutil import to_wita
from layers.accounts import Actor
from layers.ai import danger_words, lexicon, undoing_words, urgency
from layers.inbox import LIST_SELECT, PAGE_SIZE, require_staff
from layers.priority import priorities
from layers.status import OPEN, values


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


#: points of :func:`layers.priority.priorities` that do not age while a ticket
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
        for module in (urgency, danger_words, undoing_words, lexicon, textmodel)
    ).encode()
).hexdigest()[:16]


def fixed_points_basis(conn: sa.Connection) -> str:
    """What stored fixed points must have been worked out with to hold: these
    danger rules and road points, and these roads (an import adds rows)."""
    roads, last = conn.execute(sa.text("SELECT count(*), max(id) FROM roads")).one()
    return f"{_DANGER_RULES}:{sorted(ROAD_POINTS.items())}:{roads}:{last}"


def refresh_fixed_points(conn: sa.Connection) -> int:
    """Work out the fixed points every OPD's queue lacks (new rules after a
    deploy, new roads after an import), so no clerk's first page waits for
    them; how many tickets were worked out."""
    basis = fixed_points_basis(conn)
    stale = conn.execute(
        sa.text(
            "SELECT opd_code, count(*) FROM complaints WHERE status IN :open"
            " AND opd_code IS NOT NULL AND fixed_points_basis IS DISTINCT FROM :basis"
            " GROUP BY opd_code ORDER BY opd_code"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {"open": values(OPEN), "basis": basis},
    ).all()
    for opd, _ in stale:
        store_fixed_points(conn, opd, basis)
    return sum(n for _, n in stale)


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
            # another page storing the same tickets' points holds them: skipped
            # here rather than waited for (or deadlocked on), it stores them
            sa.text(
                "SELECT id, description FROM complaints WHERE id = ANY(:ids)"
                " ORDER BY id FOR UPDATE SKIP LOCKED"
            ),
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


#: an OPD's (``:opd``) open tickets (``:open``) with what their points read:
#: category ``g``, the kelurahan's latest statistics ``st``, supporters ``sp.n``
QUEUE_TICKETS = (
    " FROM complaints c JOIN categories g ON g.code = c.category_code"
    " LEFT JOIN latest_kelurahan_stats st ON st.kelurahan_kode = c.kelurahan_kode"
    "   AND st.category_code = c.category_code"
    " LEFT JOIN (SELECT s.complaint_id, count(*) AS n FROM complaint_supporters s"
    "   WHERE s.split_into IS NULL GROUP BY s.complaint_id) sp"
    "   ON sp.complaint_id = c.id"
    " WHERE c.opd_code = :opd AND c.status IN :open"
)
#: an OPD's open tickets by priority, without the explanations, best first: one
#: pass over ``ix_complaints_open_queue`` (every column the points read), the
#: supporters counted in one grouped join, ordered and cut in SQL
QUEUE_RANKING = (
    "SELECT c.id"
    + QUEUE_TICKETS
    + " ORDER BY CASE WHEN c.due_at IS NULL THEN 0 ELSE 40 * LEAST("
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
    the same scores and order as :func:`layers.priority.priorities`, which
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
