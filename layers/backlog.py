"""The backlog's tiles now and as they stood 24 hours ago.

Now is the open tickets as they stand. Yesterday is rebuilt from the audit trail
by undoing, in bulk, every status event since 24 hours ago: each moved one ticket
out of the tile of its ``from_status`` into that of its ``to_status`` (a new or
imported ticket out of none), so the tiles as tickets stand less the moves in
plus the moves out are the tiles of that moment, each ticket in the state its
last event up to then left it. Past SLA counts the moves of the tickets whose
deadline had passed by then, found beside the open tickets and the day's
closings in their indexes. So only the day's events are read, never a ticket's
history, and no ticket is looked up one by one.

The counting is three columns of a SELECT (``BACKLOG_COLUMNS``), so the command
room (:mod:`layers.summary`) asks for them in the same round trip as the rest of
its glance; :func:`backlog_tiles` turns them into the tiles.
"""

from __future__ import annotations

from collections.abc import Iterable

from gis.i18n import N_
from layers.status import CLOSED, OPEN, Group, State, group_of, is_open, sql_in

#: the backlog's tiles, in the order the command room shows them (msgids)
BACKLOG: dict[str, str] = {
    "untouched": N_("Untouched"),
    "in_progress": N_("In progress"),
    "coordination": N_("Coordination"),
    "overdue": N_("Past SLA"),
}

#: three columns of a SELECT (``:now``, ``:yesterday``): the open tickets per
#: state (``open``), those reported after the clock apart (``later``), and the
#: moves since 24 hours ago (``moves``). Each move is counted by its two states
#: and by whether its ticket's deadline had passed 24 hours ago (``late``: among
#: the tickets open now and those closed since, for a ticket open then and closed
#: now was closed by one of these moves). Counting by state and mapping states to
#: tiles in Python keeps each row's work to one hash look-up.
BACKLOG_COLUMNS = f"""
 (SELECT coalesce(json_agg(json_build_array(status, n, overdue, overdue_then,
    oldest, oldest_overdue)), '[]') FROM (
  SELECT status, count(*) AS n,
   count(*) FILTER (WHERE due_at < :now) AS overdue,
   count(*) FILTER (WHERE due_at < :yesterday AND reported_at <= :yesterday)
     AS overdue_then,
   extract(epoch FROM :now - min(reported_at)) / 86400 AS oldest,
   extract(epoch FROM :now - min(reported_at) FILTER (WHERE due_at < :now)) / 86400
     AS oldest_overdue
  FROM complaints WHERE status IN {sql_in(OPEN)} AND reported_at <= :now
  GROUP BY status) b) AS open,
 (SELECT coalesce(json_agg(json_build_array(status, n)), '[]') FROM (
  SELECT status, count(*) AS n FROM complaints
  WHERE status IN {sql_in(OPEN)} AND reported_at > :now GROUP BY status) f) AS later,
 (SELECT coalesce(json_agg(json_build_array(from_status, to_status, late, n)), '[]')
  FROM (SELECT e.from_status, e.to_status, c.id IS NOT NULL AS late, count(*) AS n
  FROM complaint_events e LEFT JOIN (
   SELECT id FROM complaints WHERE status IN {sql_in(OPEN)}
    AND due_at < :yesterday AND reported_at <= :yesterday
   UNION ALL
   SELECT id FROM complaints WHERE status IN {sql_in(CLOSED)}
    AND resolved_at > :yesterday AND due_at < :yesterday
    AND reported_at <= :yesterday) c ON c.id = e.complaint_id
  WHERE e.at > :yesterday AND e.to_status IS NOT NULL
   AND e.to_status IS DISTINCT FROM e.from_status
  GROUP BY 1, 2, 3) m) AS moves"""


def _opens(state: str | None) -> int:
    """1 if a ticket in ``state`` is open (None: no ticket yet), else 0."""
    return int(state is not None and is_open(state))


def _tiles_of(state: str | None) -> list[str]:
    """The backlog tiles by state a ticket in ``state`` counts in (past its SLA
    is counted apart; None: no ticket yet)."""
    if not _opens(state):
        return []
    found = [group_of(state).value]
    if state == State.KOORDINASI:
        found.append("coordination")
    return found


def backlog_tiles(
    open_now: Iterable[list], later: Iterable[list], moves: Iterable[list]
) -> dict[str, dict]:
    """The tiles, each with its count now, yesterday's, the change, the oldest
    age in days and its ticket filter, from the columns of ``BACKLOG_COLUMNS``
    (``open``, ``later``, ``moves``)."""
    found = {
        name: {"count": 0, "yesterday": 0, "oldest_days": None} for name in BACKLOG
    }

    def older(name: str, days: float | None) -> None:
        if days is not None and (
            found[name]["oldest_days"] is None or days > found[name]["oldest_days"]
        ):
            found[name]["oldest_days"] = days

    for status, n, overdue, overdue_then, oldest, late in open_now:
        for name in _tiles_of(status):
            found[name]["count"] += n
            found[name]["yesterday"] += n
            older(name, oldest)
        found["overdue"]["count"] += overdue
        found["overdue"]["yesterday"] += overdue_then
        older("overdue", late)
    # tickets reported after the clock were there too: their creation is one of
    # the moves undone next
    for status, n in later:
        for name in _tiles_of(status):
            found[name]["yesterday"] += n
    # what moved into a tile was not there 24 hours ago, what moved out of it was
    for from_status, to_status, late, n in moves:
        for name in _tiles_of(to_status):
            found[name]["yesterday"] -= n
        for name in _tiles_of(from_status):
            found[name]["yesterday"] += n
        if late:
            opened = _opens(to_status) - _opens(from_status)
            found["overdue"]["yesterday"] -= n * opened
    for tile in found.values():
        tile["change"] = tile["count"] - tile["yesterday"]
    found["untouched"]["filters"] = {"kelompok": Group.UNTOUCHED.value}
    found["in_progress"]["filters"] = {"kelompok": Group.IN_PROGRESS.value}
    found["coordination"]["filters"] = {"status": State.KOORDINASI.value}
    found["overdue"]["filters"] = {"terlambat": "1"}
    return found
