"""Open311 GeoReport v2 (``/open311/v2``): services, service definitions, requests.

Follows the reference copy in ``../shared/specs/open311-georeport-v2.md`` and
FixMyStreet's behaviour: every resource in ``.xml`` (required) and ``.json``;
errors as ``<errors><error><code/><description/></error></errors>`` with 404 for
what does not exist, 403 for a missing/wrong ``api_key`` and 400 for everything
else (413 when the upload itself is too large). Requests are ``realtime``: the
service_request_id (the public ticket number) comes back at once, so no tokens.
``extensions=true`` adds SIGAP's finer state in ``<extended_attributes>``, as
FixMyStreet does. Datetimes are W3C with the WITA offset.
"""

from __future__ import annotations

import re
from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    redirect,
    request,
    send_from_directory,
    url_for,
)

from api import params
from api.db import get_connection, now, settings, transaction
from api.open311_format import FORMATS, respond, w3c
from gis.errors import InvalidParameter, NotFound, SigapError
from gis.i18n import bilingual
from gis.photos import prepare_photo
from gis.weburl import http_url
from layers.accounts import check_api_key
from layers.categories import require_active, service_attributes, service_list
from layers.intake import Report, ticket_for_token
from layers.public_view import (
    RequestFilter,
    open311_status,
    public_complaint,
    public_complaints,
    public_history,
    status_notes,
)
from layers.report_media import report_point, submit_with_media

MAX_SPAN = timedelta(days=90)
MAX_PAGE_SIZE = 1000
ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidParameter(
            bilingual("Unknown format {fmt}; use xml or json", fmt=fmt)
        )
    return fmt


def _format_of_path() -> str:
    """The format of the current URL (xml when it has none we know)."""
    suffix = request.path.rsplit(".", 1)[-1] if "." in request.path else "xml"
    return suffix if suffix in FORMATS else "xml"


def exception_response(error: SigapError) -> Response:
    """The spec's error list, in the format the URL asked for, with the error's
    Open311 code as its status (400 for every client error but 403/404/405/413;
    server faults keep their 5xx)."""
    code = error.open311_code
    return respond(
        _format_of_path(),
        "errors",
        [{"code": code, "description": error.message}],
        code,
    )


def _media_url(reference: dict) -> str | None:
    if "url" in reference:
        # checked when it came in; encoded again for what was stored before
        try:
            return http_url(str(reference["url"]))
        except InvalidParameter:
            return None
    return url_for("open311.media", path=reference["path"], _external=True)


def _request_body(row, extensions: bool) -> dict[str, object]:
    photos = list(row.photos or [])
    body: dict[str, object] = {
        "service_request_id": row.ticket,
        "status": open311_status(row.status),
        "status_notes": status_notes(row.status, row.agency_short, row.sub_status),
        "service_name": row.service_name,
        "service_code": row.category_code,
        "description": row.description,
        "agency_responsible": row.agency,
        "service_notice": None,
        "requested_datetime": w3c(row.reported_at),
        "updated_datetime": w3c(row.resolved_at or row.updated_at),
        "expected_datetime": w3c(row.due_at),
        "address": row.address or f"Kel. {row.kelurahan}, Kota Kupang",
        "address_id": None,
        "zipcode": None,
        "lat": round(row.lat, 7),
        "long": round(row.lon, 7),
        "media_url": _media_url(photos[0]) if photos else None,
    }
    if extensions:
        body["extended_attributes"] = {
            "sigap_status": row.status,
            "sub_status": row.sub_status,
            "kelurahan_kode": row.kelurahan_kode,
            "kelurahan": row.kelurahan,
            "supporters": row.supporters,
            "attributes": dict(row.attributes or {}),
            "photos": [
                {
                    "url": _media_url(p),
                    "thumbnail": url_for(
                        "open311.media", path=p["thumbnail"], _external=True
                    )
                    if "thumbnail" in p
                    else None,
                }
                for p in photos
            ],
        }
    return body


def _attributes_from_form() -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for key in request.form:
        match = ATTRIBUTE_KEY.match(key)
        if match:
            answers.setdefault(match.group(1), []).extend(request.form.getlist(key))
    return answers


def _optional(name: str) -> str | None:
    """A form value, ``None`` when absent or blank (the spec's 'optional')."""
    value = request.form.get(name, "").strip()
    return value or None


def _create(fmt: str) -> Response:
    """POST requests: the report, its photo, duplicate check and routing."""
    form = request.form
    code = _optional("service_code")
    if code is None:
        raise InvalidParameter(
            bilingual("service_code is required"), field="service_code"
        )
    # the key first: a stranger's upload is never decoded
    check_api_key(get_connection(), form.get("api_key"))
    media_url = _optional("media_url")
    upload = request.files.get("media")
    photo = prepare_photo(upload.read()) if upload and upload.filename != "" else None
    lon, lat = report_point(_optional("long"), _optional("lat"), photo)
    name = " ".join(filter(None, (_optional("first_name"), _optional("last_name"))))
    submission = submit_with_media(
        transaction,
        Report(
            category_code=code,
            lon=lon,
            lat=lat,
            description=form.get("description", "").strip(),
            address=_optional("address_string"),
            name=name or None,
            phone=_optional("phone"),
            email=_optional("email"),
        ),
        now(),
        api_key=form.get("api_key"),
        answers=_attributes_from_form(),
        media_dir=settings().media_dir,
        photo=photo,
        media_url=http_url(media_url) if media_url else None,
    )
    follow = url_for(
        "open311.follow", token=submission.follow_token, fmt=fmt, _external=True
    )
    if submission.joined_existing:
        notice = bilingual(
            "Your report joined the existing report {ticket}; follow it at {url}",
            ticket=submission.ticket,
            url=follow,
        )
    else:
        notice = bilingual(
            "Report {ticket} received; follow it at {url}",
            ticket=submission.ticket,
            url=follow,
        )
    return respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": submission.ticket,
                "service_notice": notice,
                "account_id": None,
            }
        ],
    )


def make_blueprint() -> Blueprint:
    """The ``/open311/v2`` blueprint."""
    blueprint = Blueprint("open311", __name__, url_prefix="/open311/v2")

    @blueprint.get("/discovery.<fmt>")
    def discovery(fmt: str) -> Response:
        fmt = _format(fmt)
        base = url_for("open311.services", fmt="xml", _external=True).rsplit("/", 1)[0]
        return respond(
            fmt,
            "discovery",
            {
                "changeset": "2026-11-29T00:00:00+08:00",
                "contact": bilingual("Command centre of Kota Kupang (SIGAP)"),
                "key_service": bilingual(
                    "API keys are issued by the SIGAP administrator (sigap apikey add)"
                ),
                "endpoints": [
                    {
                        "specification": "http://wiki.open311.org/GeoReport_v2",
                        "url": base,
                        "changeset": "2026-11-29T00:00:00+08:00",
                        "type": "production",
                        "formats": list(FORMATS.values()),
                    }
                ],
            },
        )

    @blueprint.get("/services.<fmt>")
    def services(fmt: str) -> Response:
        fmt = _format(fmt)
        rows = service_list(get_connection())
        return respond(
            fmt,
            "services",
            [
                {
                    "service_code": r.code,
                    "service_name": r.name_id,
                    "description": f"{r.name_id} / {r.name_en}. "
                    + bilingual(
                        "Handled by {opd} within {days} working days",
                        opd=r.short_name,
                        days=r.sla_days,
                    ),
                    "metadata": r.metadata,
                    "type": "realtime",
                    "keywords": ", ".join(
                        k.strip() for k in r.keywords.split(";") if k.strip()
                    ),
                    "group": r.short_name,
                }
                for r in rows
            ],
        )

    @blueprint.get("/services/<code>.<fmt>")
    def service_definition(code: str, fmt: str) -> Response:
        fmt = _format(fmt)
        conn = get_connection()
        require_active(conn, code)
        return respond(
            fmt,
            "service_definition",
            {
                "service_code": code,
                "attributes": [
                    {
                        "variable": True,
                        "code": a.code,
                        "datatype": a.datatype,
                        "required": a.required,
                        "datatype_description": None,
                        "order": a.order,
                        "description": a.description,
                        "values": list(a._mapping["values"]),
                    }
                    for a in service_attributes(conn, code)
                ],
            },
        )

    @blueprint.route("/requests.<fmt>", methods=["GET", "POST"])
    def requests(fmt: str) -> Response:
        fmt = _format(fmt)
        if request.method == "POST":
            return _create(fmt)
        tickets = params.listed(request.args, "service_request_id")
        statuses = params.listed(request.args, "status")
        for status in statuses:
            if status not in ("open", "closed"):
                raise InvalidParameter(
                    bilingual(
                        "status must be open or closed, not {value}", value=status
                    ),
                    field="status",
                )
        end_at = params.moment(request.args, "end_date")
        start_at = params.moment(request.args, "start_date")
        start_given = start_at is not None
        if start_at and end_at and end_at - start_at > MAX_SPAN:
            raise InvalidParameter(
                bilingual("start_date and end_date may not span more than 90 days"),
                field="start_date",
            )
        if start_at and end_at and end_at < start_at:
            raise InvalidParameter(
                bilingual("end_date is before start_date"), field="end_date"
            )
        if not tickets:
            if start_at is None:
                start_at = (end_at or now()) - MAX_SPAN
            if end_at is None and start_given:
                end_at = start_at + MAX_SPAN
        page_size = params.integer(
            request.args, "page_size", low=1, high=MAX_PAGE_SIZE, default=MAX_PAGE_SIZE
        )
        page = params.integer(request.args, "page", low=1, high=10**6, default=1)
        rows = public_complaints(
            get_connection(),
            RequestFilter(
                tickets=tickets,
                categories=params.listed(request.args, "service_code"),
                statuses=statuses,
                start=start_at,
                end=end_at,
                limit=page_size,
                offset=(page - 1) * page_size,
            ),
        )
        extensions = params.boolean(request.args, "extensions")
        return respond(
            fmt, "service_requests", [_request_body(r, extensions) for r in rows]
        )

    @blueprint.get("/requests/<ticket>.<fmt>")
    def single_request(ticket: str, fmt: str) -> Response:
        fmt = _format(fmt)
        rows = public_complaints(get_connection(), RequestFilter(tickets=(ticket,)))
        if not rows:
            raise NotFound(
                bilingual("Service request {ticket} not found", ticket=ticket)
            )
        extensions = params.boolean(request.args, "extensions")
        return respond(fmt, "service_requests", [_request_body(rows[0], extensions)])

    @blueprint.get("/tokens/<token>.<fmt>")
    def token(token: str, fmt: str) -> Response:
        _format(fmt)
        raise NotFound(
            bilingual("Requests here are realtime: there are no tokens to look up")
        )

    @blueprint.get("/follow/<token>.<fmt>")
    def follow(token: str, fmt: str) -> Response:
        """A reporter's own view (SIGAP extension): the request and its history;
        ``.html`` is the reporter's ticket page."""
        if fmt == "html":
            return redirect(url_for("tickets.reporter_page", token=token), 302)
        fmt = _format(fmt)
        conn = get_connection()
        complaint_id = ticket_for_token(conn, token)
        row = public_complaint(conn, complaint_id)
        body = _request_body(row, extensions=True)
        body["history"] = [
            {
                "at": w3c(e.at),
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "by": e.role,
            }
            for e in public_history(conn, complaint_id)
        ]
        return respond(fmt, "service_requests", [body])

    @blueprint.get("/media/<path:path>")
    def media(path: str) -> Response:
        return send_from_directory(
            settings().media_dir,
            path,
            mimetype="image/jpeg",
            max_age=86400,
        )

    return blueprint
