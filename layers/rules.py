"""The city's rules that live in the database, as readable SQL files.

``layers/sql/<rule>.sql`` holds the current text of each rule — the SLA deadline
(``due_at``, ``complaints_due``), the kelurahan, ticket number and change time
of a complaint (``complaints_before_write``) and the red flag (``red_flags``) — as
``CREATE OR REPLACE`` statements. A state set in a rule is written ``{{NAME}}``
(a key of :data:`layers.status.SQL_SETS`) and filled in from the status module,
so the sets are stated once. To change a rule, edit its file and add a migration
that calls :func:`apply` (as ``0009_status_rules`` does); a test checks that the
live database runs exactly these texts.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from gis.db import load_sql
from layers.status import OPEN, SQL_SETS, UNHANDLED, State, sql_in

#: the rules, in the order they are created (a rule may call an earlier one)
RULES = ("due_at", "complaints_due", "complaints_before_write", "red_flags")
TOKEN = re.compile(r"\{\{(\w+)\}\}")
#: the partial index of unhandled complaints (red flags read it)
UNHANDLED_INDEX = "ix_complaints_unhandled"
UNHANDLED_PREDICATE = f"status IN {sql_in(UNHANDLED)}"
#: the partial index of open complaints (the command room's backlog reads it)
BACKLOG_INDEX = "ix_complaints_backlog"
BACKLOG_PREDICATE = f"status IN {sql_in(OPEN)}"
#: the check constraint naming every state
STATUS_CHECK = f"status IN {sql_in(State)}"


def render(text: str) -> str:
    """``text`` with every ``{{NAME}}`` replaced by the SQL list of that set."""

    def fill(match: re.Match[str]) -> str:
        return sql_in(SQL_SETS[match.group(1)])

    return TOKEN.sub(fill, text)


def rule_sql(name: str) -> str:
    """The ``CREATE OR REPLACE`` text of rule ``name``, state sets filled in."""
    return render(load_sql("layers", name))


def apply(conn: sa.Connection) -> None:
    """(Re)create every rule in the database ``conn`` is connected to."""
    for name in RULES:
        conn.exec_driver_sql(rule_sql(name))
