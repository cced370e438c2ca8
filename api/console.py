"""The staff console (meja kerja): the operator inbox ``/staf`` and the OPD queue
``/staf/opd``, server-rendered pages whose buttons are forms.

Each button posts one action with the page's CSRF token and the version of the
ticket the page showed; the answer is the page again (a redirect after success,
the same page with the message and everything typed kept after a refusal — a
ticket someone else just changed answers 409 "tiket ini baru saja diubah oleh …,
muat ulang"). The lists, records and rules are
:mod:`layers.inbox`, :mod:`layers.opd_queue`, :mod:`layers.console_ticket`,
:mod:`layers.console_actions` and :mod:`layers.reference`.
"""

from __future__ import annotations

import functools
import urllib.parse

from flask import (
    Blueprint,
    Response,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
)
from werkzeug.datastructures import MultiDict

from api import params
from api.db import get_connection, now, transaction
from api.pages import browser_locale, page_url
from api.security import staff_session
from api.staff import move_requested
from gis.errors import Forbidden, InvalidParameter, SigapError
from gis.formats import format_number
from gis.i18n import _, bilingual, current_language
from layers import console_actions, console_ticket, opd_queue, reference
from layers import inbox as inbox_list
from layers.accounts import Actor
from layers.complaints import CHANNEL_LABELS
from layers.intake import split_supporter
from layers.queue import complaint_id
from layers.status import MOVE_LABELS, STATES, Group, State, group_label, label

#: the inbox's parameters besides the shared drill-down ones → Filters field
INBOX_PARAMS = {"kanal": "channel", "q": "search"}
#: keyboard shortcut per move name
MOVE_KEYS = {
    "verify": "v",
    "reject": "r",
    "dispatch": "d",
    "start": "s",
    "hand_off": "h",
    "reassign": "d",
    "finish": "f",
    "reopen": "o",
    "unreject": "u",
}


@functools.lru_cache(maxsize=4096)
def _count(value: int, language: str) -> str:
    # a page carries a count beside every filter value: CLDR formatting once each
    return format_number(value, language=language)


def count(value: int) -> str:
    """A whole number in the page's language (``18.768``), remembered."""
    return _count(int(value), current_language.get())


def _actor() -> Actor:
    signed_in = staff_session()
    if signed_in is None:
        raise Forbidden(bilingual("Staff login required"))
    return signed_in.actor


def filters_from(args) -> inbox_list.Filters:
    """The shared drill-down parameters of ``args`` as inbox filters."""
    own = {field: params.text(args, name) for name, field in INBOX_PARAMS.items()}
    return inbox_list.Filters(**params.drill_down(args), **own)


def _query(args, **changes) -> str:
    """The current list's URL with ``changes`` (None removes a parameter)."""
    kept = {k: v for k, v in args.items() if k in _KEPT}
    for key, value in changes.items():
        if value is None:
            kept.pop(key, None)
        else:
            kept[key] = value
    return "?" + urllib.parse.urlencode(kept) if kept else ""


_KEPT = {
    *params.DRILL_DOWN,
    *params.DRILL_DOWN_FLAGS,
    *INBOX_PARAMS,
    "sejak",
    "hal",
    "lang",
    "tiket",
}


def _common(actor: Actor, args) -> dict:
    lists = reference.reference_lists(get_connection())
    return {
        "actor": actor,
        "args": args,
        "query": lambda **changes: _query(args, **changes),
        "categories": lists["categories"],
        "opds": lists["opds"],
        "kelurahan_list": lists["kelurahan"],
        "state_label": label,
        "group_label": group_label,
        "states": list(State),
        "groups": list(Group),
        "state_groups": {s.value: i.group.value for s, i in STATES.items()},
        "move_labels": MOVE_LABELS,
        "move_keys": MOVE_KEYS,
        "channels": CHANNEL_LABELS,
        "rejections": lists["rejections"],
        "answers": lists["answers"],
        "messages": get_flashed_messages(with_categories=True),
        "locale": browser_locale(),
        "count": count,
        "now": now(),
        # where each form returns to: the list as the clerk sees it
        "back_url": request.full_path.rstrip("?")
        if request.method == "GET"
        else request.form.get("back", "/staf"),
    }


def _selected(actor: Actor, args, rows: list[dict]) -> dict | None:
    chosen = params.text(args, "tiket") or (rows[0]["ticket"] if rows else None)
    if chosen is None:
        return None
    return console_ticket.ticket(get_connection(), chosen, actor, now=now())


def _map_data(rows: list[dict], selected: dict | None) -> dict:
    return {
        "locale": browser_locale(),
        "points": [
            {
                "ticket": r["ticket"],
                "lon": r["lon"],
                "lat": r["lat"],
                "status": r["status"],
                "group": STATES[State(r["status"])].group.value,
                "red": bool(r["red"]),
                "url": None,
            }
            for r in rows
        ],
        "selected": (
            {
                "ticket": selected["ticket"],
                "lon": selected["lon"],
                "lat": selected["lat"],
                "nearby": [
                    {"ticket": n["ticket"], "lon": n["lon"], "lat": n["lat"]}
                    for n in selected["nearby"]
                ],
            }
            if selected
            else None
        ),
        "texts": {
            "camera": _("Photo location recorded"),
            "no_location": _("Location not available: the photo is kept without it"),
        },
    }


def render_inbox(
    actor: Actor,
    args,
    *,
    error: SigapError | None = None,
    draft: dict | None = None,
) -> Response:
    """The inbox page for ``args`` (with an error and the typed form kept)."""
    page = params.integer(args, "hal", low=1, high=100000, default=1)
    filters = filters_from(args)
    found = inbox_list.inbox(
        get_connection(),
        actor,
        filters,
        now=now(),
        offset=(page - 1) * inbox_list.PAGE_SIZE,
    )
    selected = _selected(actor, args, found.rows)
    body = render_template(
        "staf/inbox.html",
        found=found,
        filters=filters,
        page=page,
        pages=max(1, -(-found.total // inbox_list.PAGE_SIZE)),
        selected=selected,
        map_data=_map_data(found.rows, selected),
        error=error.message if error else None,
        draft=draft or {},
        view="inbox",
        **_common(actor, args),
    )
    return Response(body, status=error.status if error else 200)


def render_queue(
    actor: Actor,
    args,
    *,
    error: SigapError | None = None,
    draft: dict | None = None,
) -> Response:
    """The OPD queue page for ``args``."""
    opd = params.text(args, "opd")
    if opd is None and actor.role != "opd_staff":
        opd = "DPUPR"
    with transaction() as conn:  # it may store the fixed points it worked out
        found = opd_queue.opd_queue(conn, actor, opd, now=now())
    selected = _selected(actor, args, found["rows"])
    body = render_template(
        "staf/opd.html",
        found=found,
        selected=selected,
        map_data=_map_data(found["rows"], selected),
        error=error.message if error else None,
        draft=draft or {},
        view="opd",
        **_common(actor, args),
    )
    return Response(body, status=error.status if error else 200)


def _back_args() -> tuple[str, MultiDict]:
    """Where the form came from: the list's path and its query parameters."""
    back = request.form.get("back", "")
    parts = urllib.parse.urlsplit(back)
    path = parts.path if parts.path in ("/staf", "/staf/opd") else "/staf"
    return path, MultiDict(urllib.parse.parse_qsl(parts.query))


def _after(action, ticket: str | None = None) -> Response:
    """Run ``action()``; then back to the list, or the list again with the error
    and the form as typed."""
    actor = _actor()
    path, args = _back_args()
    if ticket:
        args["tiket"] = ticket
    try:
        done = action(actor)
    except SigapError as error:
        draft = {k: v for k, v in request.form.items() if k != "csrf_token"}
        draft["ticket"] = ticket
        render = render_queue if path == "/staf/opd" else render_inbox
        return render(actor, args, error=error, draft=draft)
    flash(done, "ok")
    return redirect(path + _query(args))


def make_blueprint() -> Blueprint:
    """Blueprint with the console's pages and form actions under ``/staf``."""
    blueprint = Blueprint("console", __name__, url_prefix="/staf")

    @blueprint.before_request
    def signed_in() -> Response | None:
        if staff_session() is None:
            target = request.full_path if request.method == "GET" else "/staf"
            return redirect(page_url("auth.login_form", next=target.rstrip("?")))
        return None

    @blueprint.get("")
    def inbox() -> Response:
        actor = _actor()
        if actor.role == "opd_staff":
            # an OPD works from its queue; the inbox would show the same tickets
            return redirect(page_url("console.queue", **request.args))
        return render_inbox(actor, request.args)

    @blueprint.get("/opd")
    def queue() -> Response:
        return render_queue(_actor(), request.args)

    @blueprint.post("/aduan/<ticket>/pindah")
    def move(ticket: str) -> Response:
        def act(actor: Actor) -> str:
            updated = move_requested(ticket, actor)
            return _(
                "{ticket}: now {state}", ticket=ticket, state=label(updated.status)
            )

        return _after(act, ticket)

    @blueprint.post("/aduan/<ticket>/duplikat")
    def duplicate(ticket: str) -> Response:
        def act(actor: Actor) -> str:
            form = request.form
            original = params.text(form, "original", required=True)
            with transaction() as conn:
                console_actions.mark_duplicate(
                    conn,
                    complaint_id(conn, ticket),
                    original,
                    actor,
                    now(),
                    version=params.integer(form, "version", low=0, high=2**31),
                    public_note=params.text(form, "public_note"),
                    note=params.text(form, "note"),
                )
            return _("{ticket} joined {original}", ticket=ticket, original=original)

        return _after(act, ticket)

    @blueprint.post("/aduan/<ticket>/kategori")
    def category(ticket: str) -> Response:
        def act(actor: Actor) -> str:
            form = request.form
            with transaction() as conn:
                updated = console_actions.change_category(
                    conn,
                    complaint_id(conn, ticket),
                    params.text(form, "category", required=True),
                    actor,
                    now(),
                    version=params.integer(form, "version", low=0, high=2**31),
                    note=params.text(form, "note"),
                )
            return _(
                "{ticket}: category {category}, OPD {opd}",
                ticket=ticket,
                category=updated.category_code,
                opd=updated.opd_code or "-",
            )

        return _after(act, ticket)

    @blueprint.post("/pendukung/<int:supporter_id>/pisah")
    def split(supporter_id: int) -> Response:
        def act(actor: Actor) -> str:
            with transaction() as conn:
                row = split_supporter(
                    conn,
                    supporter_id,
                    actor,
                    params.text(request.form, "note"),
                    now=now(),
                )
            return _("Split off as {ticket}", ticket=row.ticket)

        return _after(act, request.form.get("ticket"))

    @blueprint.post("/disposisi")
    def bulk_dispatch() -> Response:
        """Dispatch many tickets to one OPD (new ones are verified first)."""

        def act(actor: Actor) -> str:
            form = request.form
            opd = params.text(form, "opd_code", required=True)
            chosen = form.getlist("pilih")
            if not chosen:
                raise InvalidParameter(
                    bilingual("Tick the tickets to dispatch"), field="pilih"
                )
            done = []
            with transaction() as conn:
                for ticket in chosen:
                    version = params.integer(
                        form, f"version_{ticket}", low=0, high=2**31
                    )
                    done.append(
                        console_actions.dispatch(
                            conn,
                            complaint_id(conn, ticket),
                            opd,
                            actor,
                            now(),
                            version=version,
                        )
                    )
            return _("{n} tickets dispatched to {opd}", n=len(done), opd=opd)

        return _after(act)

    return blueprint
