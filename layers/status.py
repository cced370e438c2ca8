"""Complaint status, the one home: states, groups, reasons, moves and their SQL.

After FixMyStreet's ``State.pm``: every state has a label and a public *group*;
callers ask (:func:`group_of`, :func:`is_open`, :data:`UNHANDLED`, :func:`sql_in`)
and never compare state names themselves. The stored values are the Indonesian
state names; they appear as literals here and nowhere else in the Python tree (a
test greps for them), and the SQL rules in ``layers/sql/`` receive their state
sets from here (:mod:`layers.rules`; a test compares the live database with them).

Words that used to be ambiguous each have one meaning:

* **group** (:class:`Group`) — what the public sees: belum disentuh
  (``untouched``), sedang diproses (``in_progress``), selesai ditangani
  (``handled``), ditolak (``rejected``). A rejected report is its own group on
  every surface and never counts as handled.
* **open** (:data:`OPEN`, :func:`is_open`) — not finished: neither handled nor
  rejected. That is Open311's ``open``, the intake's "same problem still open",
  the staff queue's default and what the scoreboard's backlog counts.
* **unhandled** (:data:`UNHANDLED`) — nobody has started work (baru,
  diverifikasi, didisposisikan): the mayor's seven-day red flag and the partial
  index ``ix_complaints_unhandled``. Koordinasi (a hand-off between OPDs) is
  deliberately not in it.
* **category** means a complaint's type (``category_code``), never a status group.

Who may move a complaint where (:data:`TRANSITIONS`; ``*`` OPD staff act only on
their own OPD's complaints, see :func:`layers.workflow.load_for`):

========================  =============  ========  =============================
from → to                 move           who       carries
========================  =============  ========  =============================
baru → diverifikasi       verify         staff
baru → ditolak            reject         staff     reason (required)
diverifikasi → didisposisikan dispatch   staff     opd_code (required)
diverifikasi → ditolak    reject         staff     reason (required)
didisposisikan → diproses start          opd*
didisposisikan → koordinasi hand_off     opd*
diproses → koordinasi     hand_off       opd*
koordinasi → didisposisikan reassign     staff     opd_code (required)
diproses → selesai        finish         opd*
selesai → diproses        reopen         staff, reporter
ditolak → baru            unreject       staff
========================  =============  ========  =============================

staff = operator, admin; opd = opd_staff, operator, admin; reporter = the
resident holding the ticket's follow token, answering "Belum" to "Sudah
diperbaiki?" (:mod:`layers.followers`). Every move may carry a
note and the version the caller saw. A new state is one :class:`State` member
plus its :data:`STATES` entry (label, group, public note, unhandled or not), its
moves in :data:`TRANSITIONS`, its msgids in the catalogue, and a migration that
re-applies the rules of :mod:`layers.rules` (the state check constraint and the
SQL functions take their sets from here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gis.i18n import N_, _


class State(StrEnum):
    """SIGAP's states of a complaint (the Indonesian names are the stored values)."""

    BARU = "baru"
    DIVERIFIKASI = "diverifikasi"
    DIDISPOSISIKAN = "didisposisikan"
    DIPROSES = "diproses"
    KOORDINASI = "koordinasi"
    SELESAI = "selesai"
    DITOLAK = "ditolak"


class Group(StrEnum):
    """The public grouping of states, in the order surfaces show it."""

    UNTOUCHED = "untouched"
    IN_PROGRESS = "in_progress"
    HANDLED = "handled"
    REJECTED = "rejected"


@dataclass(frozen=True)
class StateInfo:
    """What SIGAP knows about one state.

    Attributes
    ----------
    label : str
        Msgid of the state's name.
    group : Group
        Its public group.
    note : str
        Msgid of the sentence telling the public what it means (``{opd}`` and
        ``{reason}`` are filled in).
    unhandled : bool
        Whether nobody has started work on a complaint in this state.
    """

    label: str
    group: Group
    note: str
    unhandled: bool = False


STATES: dict[State, StateInfo] = {
    State.BARU: StateInfo(
        N_("New"),
        Group.UNTOUCHED,
        N_("Received, waiting for verification by the command centre"),
        unhandled=True,
    ),
    State.DIVERIFIKASI: StateInfo(
        N_("Verified"),
        Group.IN_PROGRESS,
        N_("Verified by the command centre, to be assigned"),
        unhandled=True,
    ),
    State.DIDISPOSISIKAN: StateInfo(
        N_("Assigned"), Group.IN_PROGRESS, N_("Assigned to {opd}"), unhandled=True
    ),
    State.DIPROSES: StateInfo(
        N_("Being worked on"), Group.IN_PROGRESS, N_("Being handled by {opd}")
    ),
    State.KOORDINASI: StateInfo(
        N_("Coordination"),
        Group.IN_PROGRESS,
        N_("Coordination between agencies in progress"),
    ),
    State.SELESAI: StateInfo(N_("Completed"), Group.HANDLED, N_("Completed by {opd}")),
    State.DITOLAK: StateInfo(N_("Rejected"), Group.REJECTED, N_("Rejected: {reason}")),
}
#: msgids of the group names
GROUP_LABELS: dict[Group, str] = {
    Group.UNTOUCHED: N_("Untouched"),
    Group.IN_PROGRESS: N_("In progress"),
    Group.HANDLED: N_("Handled"),
    Group.REJECTED: N_("Rejected"),
}
#: the one colour of each group on every surface (pages, charts, maps, brief;
#: ``styles/complaints_status.sld`` draws the same)
GROUP_COLOURS: dict[Group, str] = {
    Group.UNTOUCHED: "#d7191c",
    Group.IN_PROGRESS: "#fd8d3c",
    Group.HANDLED: "#1a9641",
    Group.REJECTED: "#969696",
}
#: the flags' colours (``styles/red_flags.sld``)
FLAG_COLOURS: dict[str, str] = {
    "red": "#d7191c",
    "amber": "#fdae61",
    "green": "#1a9641",
}
#: why a complaint was rejected (stored in ``sub_status``) → msgid
REJECTION_REASONS: dict[str, str] = {
    "bukan_wewenang": N_("not the city's responsibility"),
    "duplikat": N_("duplicate of another report"),
    "tidak_valid": N_("not a valid report"),
}

INITIAL = State.BARU
#: nobody has started work (red flags, ``ix_complaints_unhandled``)
UNHANDLED: frozenset[State] = frozenset(s for s, i in STATES.items() if i.unhandled)
#: finished one way or the other: Open311's ``closed``
CLOSED: frozenset[State] = frozenset(
    s for s, i in STATES.items() if i.group in (Group.HANDLED, Group.REJECTED)
)
#: not finished: Open311's ``open``, the queue's default, the backlog
OPEN: frozenset[State] = frozenset(STATES) - CLOSED


def group_of(state: str) -> Group:
    """The public group of ``state``."""
    return STATES[State(state)].group


def states_of(group: str) -> tuple[State, ...]:
    """The states of ``group``, in :class:`State` order."""
    return tuple(s for s, i in STATES.items() if i.group == Group(group))


def entered_column(group: str | None) -> str:
    """The complaints column that says when a ticket entered ``group``: a
    finished ticket when it was finished, any other when it was reported (so
    "handled since Monday" lists what was finished since Monday)."""
    closed = group is not None and set(states_of(group)) <= CLOSED
    return "resolved_at" if closed else "reported_at"


def is_open(state: str) -> bool:
    """Whether a complaint in ``state`` is not finished (Open311 ``open``)."""
    return State(state) in OPEN


def is_state(value: str) -> bool:
    """Whether ``value`` names a state."""
    return value in State._value2member_map_


def values(states: Iterable[str]) -> list[str]:
    """The stored values of ``states``, in :class:`State` order (for bound SQL
    parameters)."""
    chosen = {State(s) for s in states}
    return [s.value for s in State if s in chosen]


def open311_status(state: str) -> str:
    """Open311's ``open`` or ``closed`` for ``state``."""
    return "open" if is_open(state) else "closed"


def open311_states(statuses: Iterable[str]) -> list[str]:
    """The states Open311 ``statuses`` (``open``, ``closed``) stand for."""
    wanted = set(statuses)
    return [s.value for s in State if open311_status(s) in wanted]


def label(state: str) -> str:
    """The name of ``state`` in the current language."""
    return _(STATES[State(state)].label)


def group_label(group: str) -> str:
    """The name of ``group`` in the current language."""
    return _(GROUP_LABELS[Group(group)])


# --- moves ---------------------------------------------------------------------

STAFF = frozenset({"operator", "admin"})
OPD = frozenset({"opd_staff", "operator", "admin"})
#: the resident who reported (authorised by the follow token, not a login)
REPORTER_ROLE = "reporter"


@dataclass(frozen=True)
class Transition:
    """One allowed move.

    Attributes
    ----------
    name : str
        What the move is called (``dispatch``).
    roles : frozenset of str
        Roles that may make it.
    carries : frozenset of str
        Fields of the move besides note and version it takes, all required
        (``reason``: a rejection reason; ``opd_code``: the OPD assigned).
    """

    name: str
    roles: frozenset[str]
    carries: frozenset[str] = frozenset()


REASON = frozenset({"reason"})
TARGET_OPD = frozenset({"opd_code"})
TRANSITIONS: dict[tuple[State, State], Transition] = {
    (State.BARU, State.DIVERIFIKASI): Transition("verify", STAFF),
    (State.BARU, State.DITOLAK): Transition("reject", STAFF, REASON),
    (State.DIVERIFIKASI, State.DIDISPOSISIKAN): Transition(
        "dispatch", STAFF, TARGET_OPD
    ),
    (State.DIVERIFIKASI, State.DITOLAK): Transition("reject", STAFF, REASON),
    (State.DIDISPOSISIKAN, State.DIPROSES): Transition("start", OPD),
    (State.DIDISPOSISIKAN, State.KOORDINASI): Transition("hand_off", OPD),
    (State.DIPROSES, State.KOORDINASI): Transition("hand_off", OPD),
    (State.KOORDINASI, State.DIDISPOSISIKAN): Transition("reassign", STAFF, TARGET_OPD),
    (State.DIPROSES, State.SELESAI): Transition("finish", OPD),
    (State.SELESAI, State.DIPROSES): Transition("reopen", STAFF | {REPORTER_ROLE}),
    (State.DITOLAK, State.BARU): Transition("unreject", STAFF),
}


#: what each move's button says (msgids), by move name
MOVE_LABELS = {
    "verify": N_("Verify"),
    "reject": N_("Reject"),
    "dispatch": N_("Dispatch"),
    "start": N_("Start work"),
    "hand_off": N_("Hand over"),
    "reassign": N_("Assign again"),
    "finish": N_("Finish"),
    "reopen": N_("Reopen"),
    "unreject": N_("Take back"),
}


def transition_of(source: str, target: str) -> Transition | None:
    """The move from ``source`` to ``target``, ``None`` if there is none."""
    return TRANSITIONS.get((State(source), State(target)))


# --- SQL -----------------------------------------------------------------------


def sql_in(states: Iterable[str]) -> str:
    """``('baru', 'diverifikasi')``: a SQL list of ``states`` in :class:`State`
    order; only state names get through (anything else raises ``ValueError``)."""
    chosen = {State(s) for s in states}
    if not chosen:
        raise ValueError("an empty state set has no SQL list")
    return "(" + ", ".join(f"'{s.value}'" for s in State if s in chosen) + ")"


def sql_group(column: str = "status") -> str:
    """A SQL ``CASE`` giving the group of the state in ``column``."""
    return (
        "CASE"
        + "".join(
            f" WHEN {column} IN {sql_in(states_of(g))} THEN '{g.value}'" for g in Group
        )
        + " END"
    )


#: the order the console's inbox lists states in: what waits for the command
#: centre first
WORK_ORDER: tuple[State, ...] = (
    State.BARU,
    State.DIVERIFIKASI,
    State.KOORDINASI,
    State.DIDISPOSISIKAN,
    State.DIPROSES,
    State.SELESAI,
    State.DITOLAK,
)


def sql_work_rank(column: str = "status") -> str:
    """A SQL ``CASE`` giving the place of the state in ``column`` in
    :data:`WORK_ORDER` (0 first). The inbox's index is built on this very text
    (``status``), so the inbox can read its page in order from the index."""
    # laid out as PostgreSQL prints it back (a line per branch, ELSE NULL), so the
    # model's index compares equal to the migration's
    return (
        f"CASE {column}\n"
        + "\n".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(WORK_ORDER))
        + "\nELSE NULL\nEND"
    )


#: the state sets SQL rules may name, ``{{NAME}}`` in ``layers/sql/*.sql``
SQL_SETS: dict[str, frozenset[State]] = {
    "STATES": frozenset(State),
    "UNHANDLED": UNHANDLED,
    "OPEN": OPEN,
    "CLOSED": CLOSED,
    **{f"GROUP_{g.name}": frozenset(states_of(g)) for g in Group},
}
