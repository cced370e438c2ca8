"""The admin console in the browser (``/staf/admin``, role ``admin`` only):
staff accounts, API keys, categories, routing rules, holidays, response
templates, the audit trail and the morning meeting's exports.

Server-side forms, each with the page's CSRF token (checked by
:mod:`api.security`); a change is one :mod:`layers.admin`, :mod:`layers.settings`
(or :mod:`layers.templates`) call, the same the JSON admin API makes, then a redirect
back with what happened. A refused change comes back as the message on the page,
with nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, Response, flash, redirect, render_template, request

from api.db import get_connection, now, transaction
from api.forms import checkbox, number, optional, read, stripped, switch, text, whole
from api.pages import page_url
from api.staff import current_actor
from gis.errors import InvalidParameter, NotFound
from gis.i18n import N_, _
from gis.timeutil import wita_today
from layers import admin, settings, templates
from layers.accounts import ROLE_LABELS, ROLES, Actor
from layers.audit import audit_log
from layers.exports import EXPORTS, PERIODS
from layers.status import REJECTION_REASONS

#: the console's sections: endpoint → label msgid
SECTIONS = (
    ("admin_pages.overview", N_("Overview")),
    ("admin_pages.users", N_("Users")),
    ("admin_pages.api_keys", N_("API keys")),
    ("admin_pages.categories", N_("Categories")),
    ("admin_pages.routing", N_("Routing rules")),
    ("admin_pages.holidays", N_("Holidays")),
    ("admin_pages.response_templates", N_("Response templates")),
    ("admin_pages.audit", N_("Audit trail")),
)
HOLIDAY_KIND_LABELS = {
    "national": N_("National holiday"),
    "cuti_bersama": N_("Collective leave (cuti bersama)"),
}
TEMPLATE_KIND_LABELS = {"reject": N_("Rejection"), "answer": N_("Answer")}


def _admin() -> Actor:
    actor = current_actor()
    admin.require_admin(actor)
    return actor


def _save(
    section: str, change: Callable[[sa.Connection, Actor], str], **values: object
) -> Response:
    """Make ``change`` in one transaction as the signed-in admin, then go back to
    ``section`` with the message it returns; a refusal is shown instead and
    nothing is stored."""
    actor = _admin()
    try:
        with transaction() as conn:
            message = change(conn, actor)
    except (InvalidParameter, NotFound) as refused:
        flash(refused.message, "error")
    else:
        if message:
            flash(message, "done")
    return redirect(page_url(section, **values))


def _page(template: str, **context: object) -> str:
    return render_template(
        f"staf/admin/{template}",
        sections=SECTIONS,
        role_labels=ROLE_LABELS,
        **context,
    )


def _opd_list() -> list:
    return admin.opd_choices(get_connection())


def make_blueprint() -> Blueprint:
    """Blueprint with ``/staf/admin`` and its sections."""
    bp = Blueprint("admin_pages", __name__, url_prefix="/staf/admin")

    @bp.before_request
    def only_admins() -> None:
        _admin()

    @bp.get("/")
    def overview() -> str:
        conn = get_connection()
        today = wita_today(now())
        return _page(
            "overview.html",
            users=admin.users(conn),
            keys=[k for k in admin.api_keys(conn) if k["revoked_at"] is None],
            categories=settings.categories(conn),
            rules=settings.routing_rules(conn),
            holidays=settings.holidays(conn, today.year),
            year=today.year,
            response_templates=templates.response_templates(conn),
            audit=audit_log(conn, limit=10),
            exports=EXPORTS,
            periods=PERIODS,
            opds=_opd_list(),
            kelurahan=settings.kelurahan_choices(conn),
        )

    # -- users --------------------------------------------------------------------

    @bp.get("/pengguna")
    def users() -> str:
        return _page(
            "users.html",
            users=admin.users(get_connection()),
            roles=ROLES,
            opds=_opd_list(),
        )

    @bp.post("/pengguna")
    def add_user() -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            admin.add_user(
                conn,
                actor,
                text("username"),
                text("name"),
                text("password"),
                text("role"),
                optional("opd_code"),
                now(),
            )
            return _("Account {username} created", username=text("username"))

        return _save("admin_pages.users", change)

    @bp.post("/pengguna/<username>")
    def change_user(username: str) -> Response:
        action = request.form.get("action")

        def change(conn: sa.Connection, actor: Actor) -> str:
            if action == "role":
                changes = read(role=text, opd_code=optional, name=text)
            elif action == "password":
                changes = read(password=text)
            elif action in ("deactivate", "activate"):
                changes = {"active": action == "activate"}
            else:
                raise InvalidParameter(_("Unknown action"), field="action")
            ended = admin.change_user(conn, actor, username, changes, now())
            message = _("Account {username} changed", username=username)
            if ended:
                message += " · " + _("{n} sessions ended", n=ended)
            return message

        return _save("admin_pages.users", change)

    # -- API keys -----------------------------------------------------------------

    @bp.get("/kunci-api")
    def api_keys() -> str:
        return _page(
            "api_keys.html", keys=admin.api_keys(get_connection()), new_key=None
        )

    @bp.post("/kunci-api")
    def add_api_key() -> Response | tuple[str, int]:
        actor = _admin()
        try:
            with transaction() as conn:
                key = admin.add_api_key(conn, actor, text("name"), now())
        except InvalidParameter as refused:
            flash(refused.message, "error")
            return redirect(page_url("admin_pages.api_keys"))
        # shown in this answer only: never kept, never put in a cookie
        return _page(
            "api_keys.html",
            keys=admin.api_keys(get_connection()),
            new_key={"name": stripped("name"), "key": key},
        ), 201

    @bp.post("/kunci-api/<prefix>/cabut")
    def revoke_api_key(prefix: str) -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            name = admin.revoke_api_key(conn, actor, prefix, now())
            return _("Key {prefix}… of {name} revoked", prefix=prefix, name=name)

        return _save("admin_pages.api_keys", change)

    # -- categories ---------------------------------------------------------------

    @bp.get("/kategori")
    def categories() -> str:
        return _page(
            "categories.html",
            categories=settings.categories(get_connection()),
            opds=_opd_list(),
        )

    @bp.post("/kategori/<code>")
    def change_category(code: str) -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            changes = read(
                name_id=stripped,
                name_en=stripped,
                opd_code=text,
                sla_days=whole,
                red_flag_days=whole,
                duplicate_radius_m=number,
                duplicate_days=whole,
                severity=number,
                active=checkbox,
            )
            for name in ("name_id", "name_en"):
                if not changes[name]:
                    raise InvalidParameter(
                        _("{field} must not be empty", field=name), field=name
                    )
            settings.change_category(conn, actor, code, changes, now())
            return _("Category {code} saved", code=code)

        return _save("admin_pages.categories", change)

    # -- routing rules ------------------------------------------------------------

    @bp.get("/rute")
    def routing() -> str:
        conn = get_connection()
        return _page(
            "routing.html",
            rules=settings.routing_rules(conn),
            categories=settings.categories(conn),
            road_classes=settings.ROAD_CLASSES,
            opds=_opd_list(),
        )

    def _rule_form() -> dict:
        return read(
            category_code=text,
            road_class=text,
            within_m=number,
            opd_code=text,
            note=text,
            active=switch,
        )

    @bp.post("/rute")
    def add_rule() -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            rule = settings.add_routing_rule(conn, actor, _rule_form(), now())
            return _("Routing rule {id} saved", id=rule["id"])

        return _save("admin_pages.routing", change)

    @bp.post("/rute/<int:rule_id>")
    def change_rule(rule_id: int) -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            settings.change_routing_rule(conn, actor, rule_id, _rule_form(), now())
            return _("Routing rule {id} saved", id=rule_id)

        return _save("admin_pages.routing", change)

    # -- holidays -----------------------------------------------------------------

    @bp.get("/libur")
    def holidays() -> str:
        conn = get_connection()
        years = settings.holiday_years(conn)
        this_year = wita_today(now()).year
        raw = request.args.get("tahun", "")
        year = (
            int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 4 else this_year
        )
        return _page(
            "holidays.html",
            holidays=settings.holidays(conn, year),
            year=year,
            years=sorted(set(years) | {this_year, this_year + 1, year}),
            kinds=HOLIDAY_KIND_LABELS,
        )

    @bp.post("/libur")
    def set_holiday() -> Response:
        day = text("day")

        def change(conn: sa.Connection, actor: Actor) -> str:
            moved = settings.set_holiday(
                conn,
                actor,
                day,
                text("name"),
                text("kind"),
                now(),
                active=switch("active"),
            )
            return _("Holiday {day} saved; {n} deadlines moved", day=day, n=moved)

        year = day[:4] if day[:4].isdigit() else None
        return _save(
            "admin_pages.holidays", change, **({"tahun": year} if year else {})
        )

    # -- response templates -------------------------------------------------------

    @bp.get("/templat")
    def response_templates() -> str:
        return _page(
            "templates.html",
            response_templates=templates.response_templates(
                get_connection(), include_inactive=True
            ),
            reasons=REJECTION_REASONS,
            kinds=TEMPLATE_KIND_LABELS,
        )

    def _template_form() -> dict:
        return read(
            kind=text, reason=optional, title=text, public_note=text, active=switch
        )

    @bp.post("/templat")
    def add_template() -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            values = _template_form()
            values.pop("active")
            created = templates.add_response_template(conn, actor, values, now())
            return _("Template “{title}” saved", title=created["title"])

        return _save("admin_pages.response_templates", change)

    @bp.post("/templat/<int:template_id>")
    def change_template(template_id: int) -> Response:
        def change(conn: sa.Connection, actor: Actor) -> str:
            saved = templates.change_response_template(
                conn, actor, template_id, _template_form(), now()
            )
            return _("Template “{title}” saved", title=saved["title"])

        return _save("admin_pages.response_templates", change)

    # -- audit --------------------------------------------------------------------

    @bp.get("/audit")
    def audit() -> str:
        entity = request.args.get("jenis") or None
        return _page(
            "audit.html",
            audit=audit_log(get_connection(), limit=500, entity=entity),
            entity=entity,
        )

    return bp
