"""Following a report: the reporter's ticket page (``/lapor/t/<follow token>``),
the public ticket page (``/aduan/<ticket>``), the reporter's answer to "Sudah
diperbaiki?" and the public list and map of reports (``/laporan``).

The pages are the view of :func:`layers.tickets.ticket_view`; the photo gallery
and the status timeline are partials in ``templates/parts/`` that other pages
(the staff console) include too.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    redirect,
    render_template,
    request,
    url_for,
)

from api import params
from api.db import get_connection, now, transaction
from api.pages import browser_locale, page_url
from gis.errors import InvalidParameter
from gis.i18n import _, bilingual
from layers.followers import MAX_COMMENT, answer, follower, parse_rating
from layers.intake import parse_coordinate
from layers.public_reports import ReportFilter, filter_choices, public_reports
from layers.status import group_of, label
from layers.tickets import ticket_id, ticket_view

#: the answers the "Sudah diperbaiki?" form sends
ANSWERS = {"ya": True, "belum": False}


def photo_src(photo: dict, thumbnail: bool = False) -> str | None:
    """Where the browser loads a stored photo (or its thumbnail) from."""
    if "url" in photo:
        return str(photo["url"])
    key = "thumbnail" if thumbnail and "thumbnail" in photo else "path"
    return url_for("open311.media", path=photo[key])


def _private(response: Response) -> Response:
    # the reporter's page holds their contact and the link that opens it
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def make_blueprint() -> Blueprint:
    """Blueprint with ``/lapor/t/<token>``, ``/aduan/<ticket>`` and ``/laporan``."""
    blueprint = Blueprint("tickets", __name__)
    blueprint.record_once(
        lambda state: state.app.jinja_env.globals.update(
            photo_src=photo_src,
            status_label=label,
            status_group=lambda state: group_of(state).value,
        )
    )

    @blueprint.get("/lapor/t/<token>")
    def reporter_page(token: str) -> Response:
        conn = get_connection()
        reader = follower(conn, token)
        view = ticket_view(conn, reader.complaint_id, now(), reader)
        html = render_template(
            "tickets/ticket.html",
            view=view,
            reporter=True,
            token=token,
            answered_now=request.args.get("dijawab"),
            max_comment=MAX_COMMENT,
        )
        return _private(Response(html, mimetype="text/html"))

    @blueprint.post("/lapor/t/<token>/jawab")
    def answer_fixed(token: str) -> Response:
        choice = request.form.get("fixed", "")
        if choice not in ANSWERS:
            raise InvalidParameter(
                bilingual("The answer must be yes or not yet"), field="fixed"
            )
        rating = parse_rating(request.form.get("rating"))
        with transaction() as conn:
            reader = follower(conn, token)
            answer(
                conn,
                reader,
                ANSWERS[choice],
                now(),
                rating=rating,
                comment=request.form.get("comment"),
            )
        return redirect(
            page_url("tickets.reporter_page", token=token, dijawab=choice), 303
        )

    @blueprint.get("/aduan/<ticket>")
    def public_page(ticket: str) -> Response:
        conn = get_connection()
        view = ticket_view(conn, ticket_id(conn, ticket), now())
        return Response(
            render_template("tickets/ticket.html", view=view, reporter=False),
            mimetype="text/html",
        )

    @blueprint.get("/laporan")
    def reports() -> Response:
        args = request.args
        near = None
        if args.get("lat") or args.get("lon"):
            near = (
                parse_coordinate(args.get("lon", ""), "lon"),
                parse_coordinate(args.get("lat", ""), "lat"),
            )
        where = ReportFilter(
            **params.drill_down(args),
            near=near,
            radius_m=params.integer(args, "radius", low=100, high=20000, default=2000),
        )
        conn = get_connection()
        rows, total = public_reports(conn, where, now())
        points = [
            {
                "ticket": r.ticket,
                "lon": round(r.lon, 6),
                "lat": round(r.lat, 6),
                "group": group_of(r.status).value,
                "category": r.service_name,
                "url": page_url("tickets.public_page", ticket=r.ticket),
            }
            for r in rows
        ]
        data = {
            "locale": browser_locale(),
            "points": points,
            "near": list(near) if near else None,
            "texts": {
                "locating": _("Finding your location…"),
                "noLocation": _("Your location is not available"),
            },
        }
        return Response(
            render_template(
                "laporan.html",
                rows=rows,
                total=total,
                where=where,
                choices=filter_choices(conn),
                data=data,
            ),
            mimetype="text/html",
        )

    return blueprint
