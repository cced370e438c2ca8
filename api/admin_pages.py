"""The admin console in the browser (``/staf/admin``, role ``admin`` only):
staff accounts, API keys, categories, routing rules, holidays, response
templates, the audit trail and the morning meeting's exports.

Server-side forms, each with the page's CSRF token (checked by
:mod:`api.security`); a change is one :mod:`layers.admin` (or
:mod:`layers.templates`) call, the same the JSON admin API makes, then a redirect
back with what happened. A refused change comes back as the message on the page,
with nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, flash, redirect, render_template, request

from api.db import get_connection, now, transaction
from api.pages import page_url
from api.staff import current_actor
from gis.errors import InvalidParameter, NotFound
from gis.i18n import N_, _
from gis.timeutil import wita_today
from layers import admin, templates
from layers.accounts import ROLES, Actor
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
ROLE_LABELS = {
    "operator": N_("Operator"),
    "opd_staff": N_("OPD staff"),
    "admin": N_("Administrator"),
}
HOLIDAY_KIND_LABELS = {
    "national": N_("National holiday"),
    "cuti_bersama": N_("Collective leave (cuti bersama)"),
}
TEMPLATE_KIND_LABELS = {"reject": N_("Rejection"), "answer": N_("Answer")}


def _admin() -> Actor:
    actor = current_actor()
    admin.require_admin(actor)
    return actor


def _number(name: str) -> float:
    """A form number, Indonesian (``2,5``) or not (``2.5``)."""
    raw = request.form.get(name, "").strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise InvalidParameter(
            _("{name} has an invalid value {value}", name=name, value=raw or "-"),
            field=name,
        ) from None
    return value


def _whole(name: str) -> int:
    value = _number(name)
    if not value.is_integer():
        raise InvalidParameter(
            _("{name} has an invalid value {value}", name=name, value=value),
            field=name,
        )
    return int(value)


def _done(section: str, change: Callable[[], str | None], **values: object) -> Response:
    """Run ``change`` (which returns the message to show); a refusal is shown
    instead and nothing is stored."""
    try:
        message = change()
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
            categories=admin.categories(conn),
            rules=admin.routing_rules(conn),
            holidays=admin.holidays(conn, today.year),
            year=today.year,
            response_templates=templates.response_templates(conn),
            audit=audit_log(conn, limit=10),
            exports=EXPORTS,
            periods=PERIODS,
            opds=_opd_list(),
            kelurahan=admin.kelurahan_choices(conn),
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
        actor = _admin()
        form = request.form

        def change() -> str:
            with transaction() as conn:
                admin.add_user(
                    conn,
                    actor,
                    form.get("username", ""),
                    form.get("name", ""),
                    form.get("password", ""),
                    form.get("role", ""),
                    form.get("opd_code") or None,
                    now(),
                )
            return _("Account {username} created", username=form.get("username"))

        return _done("admin_pages.users", change)

    @bp.post("/pengguna/<username>")
    def change_user(username: str) -> Response:
        actor = _admin()
        form = request.form
        action = form.get("action")

        def change() -> str:
            if action == "role":
                changes = {
                    "role": form.get("role", ""),
                    "opd_code": form.get("opd_code") or None,
                    "name": form.get("name", ""),
                }
            elif action == "password":
                changes = {"password": form.get("password", "")}
            elif action in ("deactivate", "activate"):
                changes = {"active": action == "activate"}
            else:
                raise InvalidParameter(_("Unknown action"), field="action")
            with transaction() as conn:
                ended = admin.change_user(conn, actor, username, changes, now())
            message = _("Account {username} changed", username=username)
            if ended:
                message += " · " + _("{n} sessions ended", n=ended)
            return message

        return _done("admin_pages.users", change)

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
                key = admin.add_api_key(
                    conn, actor, request.form.get("name", ""), now()
                )
        except InvalidParameter as refused:
            flash(refused.message, "error")
            return redirect(page_url("admin_pages.api_keys"))
        # shown in this answer only: never kept, never put in a cookie
        return _page(
            "api_keys.html",
            keys=admin.api_keys(get_connection()),
            new_key={"name": request.form.get("name", "").strip(), "key": key},
        ), 201

    @bp.post("/kunci-api/<prefix>/cabut")
    def revoke_api_key(prefix: str) -> Response:
        actor = _admin()

        def change() -> str:
            with transaction() as conn:
                name = admin.revoke_api_key(conn, actor, prefix, now())
            return _("Key {prefix}… of {name} revoked", prefix=prefix, name=name)

        return _done("admin_pages.api_keys", change)

    # -- categories ---------------------------------------------------------------

    @bp.get("/kategori")
    def categories() -> str:
        return _page(
            "categories.html",
            categories=admin.categories(get_connection()),
            opds=_opd_list(),
        )

    @bp.post("/kategori/<code>")
    def change_category(code: str) -> Response:
        actor = _admin()
        form = request.form

        def change() -> str:
            changes = {
                "name_id": form.get("name_id", "").strip(),
                "name_en": form.get("name_en", "").strip(),
                "opd_code": form.get("opd_code", ""),
                "sla_days": _whole("sla_days"),
                "red_flag_days": _whole("red_flag_days"),
                "duplicate_radius_m": _number("duplicate_radius_m"),
                "duplicate_days": _whole("duplicate_days"),
                "severity": _number("severity"),
                "active": form.get("active") == "1",
            }
            for name in ("name_id", "name_en"):
                if not changes[name]:
                    raise InvalidParameter(
                        _("{field} must not be empty", field=name), field=name
                    )
            with transaction() as conn:
                admin.change_category(conn, actor, code, changes, now())
            return _("Category {code} saved", code=code)

        return _done("admin_pages.categories", change)

    # -- routing rules ------------------------------------------------------------

    @bp.get("/rute")
    def routing() -> str:
        conn = get_connection()
        return _page(
            "routing.html",
            rules=admin.routing_rules(conn),
            categories=admin.categories(conn),
            road_classes=admin.ROAD_CLASSES,
            opds=_opd_list(),
        )

    def _rule_form() -> dict:
        form = request.form
        return {
            "category_code": form.get("category_code", ""),
            "road_class": form.get("road_class", ""),
            "within_m": _number("within_m"),
            "opd_code": form.get("opd_code", ""),
            "note": form.get("note", ""),
            "active": form.get("active", "1") == "1",
        }

    @bp.post("/rute")
    def add_rule() -> Response:
        actor = _admin()

        def change() -> str:
            with transaction() as conn:
                rule = admin.add_routing_rule(conn, actor, _rule_form(), now())
            return _("Routing rule {id} saved", id=rule["id"])

        return _done("admin_pages.routing", change)

    @bp.post("/rute/<int:rule_id>")
    def change_rule(rule_id: int) -> Response:
        actor = _admin()

        def change() -> str:
            with transaction() as conn:
                admin.change_routing_rule(conn, actor, rule_id, _rule_form(), now())
            return _("Routing rule {id} saved", id=rule_id)

        return _done("admin_pages.routing", change)

    # -- holidays -----------------------------------------------------------------

    @bp.get("/libur")
    def holidays() -> str:
        conn = get_connection()
        years = admin.holiday_years(conn)
        this_year = wita_today(now()).year
        raw = request.args.get("tahun", "")
        year = (
            int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 4 else this_year
        )
        return _page(
            "holidays.html",
            holidays=admin.holidays(conn, year),
            year=year,
            years=sorted(set(years) | {this_year, this_year + 1, year}),
            kinds=HOLIDAY_KIND_LABELS,
        )

    @bp.post("/libur")
    def set_holiday() -> Response:
        actor = _admin()
        form = request.form
        day = form.get("day", "")

        def change() -> str:
            with transaction() as conn:
                moved = admin.set_holiday(
                    conn,
                    actor,
                    day,
                    form.get("name", ""),
                    form.get("kind", ""),
                    now(),
                    active=form.get("active", "1") == "1",
                )
            return _("Holiday {day} saved; {n} deadlines moved", day=day, n=moved)

        year = day[:4] if day[:4].isdigit() else None
        return _done(
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
        form = request.form
        return {
            "kind": form.get("kind", ""),
            "reason": form.get("reason") or None,
            "title": form.get("title", ""),
            "public_note": form.get("public_note", ""),
            "active": form.get("active", "1") == "1",
        }

    @bp.post("/templat")
    def add_template() -> Response:
        actor = _admin()

        def change() -> str:
            values = _template_form()
            values.pop("active")
            with transaction() as conn:
                created = templates.add_response_template(conn, actor, values, now())
            return _("Template “{title}” saved", title=created["title"])

        return _done("admin_pages.response_templates", change)

    @bp.post("/templat/<int:template_id>")
    def change_template(template_id: int) -> Response:
        actor = _admin()

        def change() -> str:
            with transaction() as conn:
                saved = templates.change_response_template(
                    conn, actor, template_id, _template_form(), now()
                )
            return _("Template “{title}” saved", title=saved["title"])

        return _done("admin_pages.response_templates", change)

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
