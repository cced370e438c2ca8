"""The status model: one home for states, and the database agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.i18n import _, language
from layers import rules
from layers.status import (
    CLOSED,
    GROUP_LABELS,
    MOVE_LABELS,
    OPEN,
    REJECTION_REASONS,
    SQL_SETS,
    STATES,
    TRANSITIONS,
    UNHANDLED,
    Group,
    State,
    group_label,
    group_of,
    is_open,
    label,
    open311_states,
    open311_status,
    sql_group,
    sql_in,
    states_of,
)

ROOT = Path(__file__).resolve().parents[2]


def test_every_state_has_one_public_group_and_rejected_is_its_own():
    assert set(STATES) == set(State)
    assert [g.value for g in Group] == [
        "untouched",
        "in_progress",
        "handled",
        "rejected",
    ]
    assert states_of(Group.UNTOUCHED) == (State.BARU,)
    assert states_of(Group.IN_PROGRESS) == (
        State.DIVERIFIKASI,
        State.DIDISPOSISIKAN,
        State.DIPROSES,
        State.KOORDINASI,
    )
    assert states_of(Group.HANDLED) == (State.SELESAI,)
    assert states_of(Group.REJECTED) == (State.DITOLAK,)
    assert (
        group_of("ditolak") is Group.REJECTED and group_of("selesai") is Group.HANDLED
    )


def test_open_unhandled_and_closed_each_mean_one_thing():
    assert {State.BARU, State.DIVERIFIKASI, State.DIDISPOSISIKAN} == UNHANDLED
    assert State.KOORDINASI not in UNHANDLED  # a hand-off is not neglect
    assert {State.SELESAI, State.DITOLAK} == CLOSED
    assert set(State) - CLOSED == OPEN and UNHANDLED < OPEN
    assert is_open("koordinasi") and not is_open("ditolak")
    assert [open311_status(s) for s in State] == ["open"] * 5 + ["closed"] * 2
    assert open311_states(["closed"]) == ["selesai", "ditolak"]
    assert open311_states(["open", "closed"]) == [s.value for s in State]


def test_labels_come_from_the_catalogue_in_both_languages():
    assert label("didisposisikan") == "Didisposisikan"
    assert group_label("untouched") == "Belum disentuh"
    assert group_label("rejected") == "Ditolak"
    with language("en"):
        assert label("diproses") == "Being worked on"
        assert [group_label(g) for g in Group] == [
            "Untouched",
            "In progress",
            "Handled",
            "Rejected",
        ]
    assert set(GROUP_LABELS) == set(Group)
    assert list(REJECTION_REASONS) == ["bukan_wewenang", "duplikat", "tidak_valid"]


def test_transitions_name_their_roles_and_the_fields_they_carry():
    carrying = {
        (edge, field) for edge, move in TRANSITIONS.items() for field in move.carries
    }
    assert carrying == {
        ((State.BARU, State.DITOLAK), "reason"),
        ((State.DIVERIFIKASI, State.DITOLAK), "reason"),
        ((State.DIVERIFIKASI, State.DIDISPOSISIKAN), "opd_code"),
        ((State.KOORDINASI, State.DIDISPOSISIKAN), "opd_code"),
    }
    names = {move.name for move in TRANSITIONS.values()}
    assert names == {
        "verify",
        "reject",
        "dispatch",
        "start",
        "hand_off",
        "reassign",
        "finish",
        "reopen",
        "unreject",
    }
    assert set(MOVE_LABELS) == names  # every move's button has its words
    assert _(MOVE_LABELS["start"]) == "Mulai kerjakan"
    for (source, target), move in TRANSITIONS.items():
        assert move.roles, f"{source} -> {target} has nobody to make it"
        assert move.roles <= {"operator", "opd_staff", "admin", "reporter"}
    # a reporter may do exactly one thing: say the fix did not hold
    assert [edge for edge, move in TRANSITIONS.items() if "reporter" in move.roles] == [
        (State.SELESAI, State.DIPROSES)
    ]


def test_sql_lists_are_made_of_state_names_only():
    assert sql_in(UNHANDLED) == "('baru', 'diverifikasi', 'didisposisikan')"
    assert sql_in(["ditolak", "baru"]) == "('baru', 'ditolak')"
    with pytest.raises(ValueError):
        sql_in(["baru', 'x"])
    with pytest.raises(ValueError):
        sql_in([])
    assert sql_group("c.status") == (
        "CASE WHEN c.status IN ('baru') THEN 'untouched'"
        " WHEN c.status IN ('diverifikasi', 'didisposisikan', 'diproses',"
        " 'koordinasi') THEN 'in_progress'"
        " WHEN c.status IN ('selesai') THEN 'handled'"
        " WHEN c.status IN ('ditolak') THEN 'rejected' END"
    )


def test_the_group_case_puts_every_state_in_its_group(conn):
    for state in State:
        found = conn.execute(
            sa.text(f"SELECT {sql_group('s')} FROM (SELECT :s AS s) x"),
            {"s": state.value},
        ).scalar_one()
        assert found == group_of(state).value


# --- the state sets appear in exactly one module -------------------------------

NAMES = "|".join(State)
STATE_LITERAL = re.compile(rf"""(?<![\w'"])(['"])({NAMES})\1""")
#: where state names may be written out: the status module itself and the
#: migrations (history: they ran with the names of their day)
ALLOWED = ("layers/status.py", "layers/migrations/")


def test_state_names_are_written_out_only_in_the_status_module():
    found = []
    for folder in ("api", "gis", "layers", "benchmarks", "scripts"):
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in {".py", ".sql", ".js", ".html"}:
                continue
            if relative.startswith(ALLOWED) or "/vendor/" in relative:
                continue
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if STATE_LITERAL.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


# --- the live database agrees with the status module ---------------------------

LIST = re.compile(r"ARRAY\[([^\]]*)\]|IN \(([^)]*)\)|= ('[^']*'(?:::text)?)")
LITERAL = re.compile(r"'(\w+)'")


def _definitions(conn: sa.Connection) -> dict[str, str]:
    """Every SQL text of the schema that can hold a state set: functions, views,
    index predicates, check constraints, trigger definitions."""
    queries = {
        "function": "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
        " AND p.prokind IN ('f', 'p') AND p.proname LIKE 'sigap%'",
        "view": "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public'",
        "matview": "SELECT matviewname, definition FROM pg_matviews"
        " WHERE schemaname = 'public'",
        "index": "SELECT indexrelid::regclass::text, pg_get_expr(indpred, indrelid)"
        " FROM pg_index WHERE indpred IS NOT NULL",
        "check": "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'c' AND connamespace = 'public'::regnamespace",
        "trigger": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger"
        " WHERE NOT tgisinternal",
    }
    found = {}
    for kind, query in queries.items():
        for name, text in conn.execute(sa.text(query)):
            found[f"{kind} {name}"] = text
    return found


def _state_sets(text: str) -> list[frozenset[State]]:
    """The state sets written in ``text``; a state name outside a list is an
    error (a set the check below could not see)."""
    sets, seen = [], 0
    for match in LIST.finditer(text):
        names = set(LITERAL.findall(next(g for g in match.groups() if g)))
        states = {State(n) for n in names if n in State._value2member_map_}
        if states:
            assert states == names, f"states mixed with other values: {match[0]}"
            sets.append(frozenset(states))
            seen += len(states)
    assert seen == len(STATE_LITERAL.findall(text.replace("::text", ""))), text
    return sets


def test_every_state_set_in_the_database_is_one_of_the_status_module(conn):
    known = set(SQL_SETS.values())
    found = {}
    for name, text in _definitions(conn).items():
        for states in _state_sets(text):
            assert states in known, f"{name}: {sorted(states)} is no status set"
            found.setdefault(name, set()).add(states)
    assert found == {
        "check complaints_status": {frozenset(State)},
        f"index {rules.UNHANDLED_INDEX}": {UNHANDLED},
        "function sigap_red_flags": {UNHANDLED},
        # the command room's backlog and the console's inbox and OPD queue read
        # open tickets only
        f"index {rules.BACKLOG_INDEX}": {OPEN},
        "index ix_complaints_open_reported": {OPEN},
        "index ix_complaints_open_opd": {OPEN},
        "index ix_complaints_open_inbox": {OPEN},
        "index ix_complaints_open_facets": {OPEN},
        "index ix_complaints_open_text": {OPEN},
        "index ix_complaints_open_queue": {OPEN},
    }


def test_the_database_runs_exactly_the_rules_in_layers_sql(conn):
    """Each rule created afresh in a scratch schema defines what the live one is."""
    conn.execute(sa.text("CREATE SCHEMA sigap_rule_check"))
    conn.execute(sa.text("SET LOCAL search_path TO sigap_rule_check, public"))
    define = (
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n"
        " ON n.oid = p.pronamespace WHERE p.proname = :name AND n.nspname = :schema"
    )
    for rule in rules.RULES:
        text = rules.rule_sql(rule)
        assert "{{" not in text
        conn.exec_driver_sql(text)
        for name in re.findall(r"CREATE OR REPLACE FUNCTION (\w+)\(", text):
            live = conn.execute(
                sa.text(define), {"name": name, "schema": "public"}
            ).scalar_one()
            fresh = conn.execute(
                sa.text(define), {"name": name, "schema": "sigap_rule_check"}
            ).scalar_one()
            assert fresh.replace("sigap_rule_check.", "public.") == live, rule


def test_every_sigap_function_naming_states_is_a_rule(conn):
    ruled = {
        name
        for rule in rules.RULES
        for name in re.findall(
            r"CREATE OR REPLACE FUNCTION (\w+)\(", rules.rule_sql(rule)
        )
    }
    assert ruled == {
        "sigap_due_at",
        "sigap_complaints_due",
        "sigap_complaints_before_write",
        "sigap_red_flags",
    }
    for name, text in _definitions(conn).items():
        kind, _, proname = name.partition(" ")
        if kind == "function" and STATE_LITERAL.search(text):
            assert proname in ruled, f"{proname} names states outside layers/sql"
