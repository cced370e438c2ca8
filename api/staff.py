"""Operations over HTTP: staff queue and workflow, red flags, scoreboard,
priorities, and the live change stream.

Staff authenticate with HTTP Basic (their SIGAP username and password); the role
rules themselves live in :mod:`layers.workflow` and :mod:`layers.queue`.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from api import params
from api.db import get_connection, now, settings, transaction
from api.security import staff_session
from gis.errors import Forbidden, InvalidParameter
from gis.i18n import bilingual
from gis.photos import PreparedPhoto, prepare_photo
from layers.accounts import Actor
from layers.complaints import State
from layers.console_actions import move_with_photos
from layers.intake import split_supporter
from layers.operations import default_period, red_flags, scoreboard
from layers.priority import area_priorities, priorities
from layers.queue import complaint_id, queue, record
from layers.report_media import report_point
from layers.sessions import sign_in
from layers.workflow import Move, transition


def current_actor() -> Actor:
    """The staff member of this request: a live browser session (``/login``) or
    HTTP Basic credentials (throttled like sign-in); 403 otherwise."""
    signed_in = staff_session()
    if signed_in is not None:
        return signed_in.actor
    auth = request.authorization
    if auth is None or auth.type != "basic":
        raise Forbidden(bilingual("Staff login required"))
    with transaction() as conn:
        attempt = sign_in(
            conn,
            auth.username or "",
            auth.password or "",
            request.remote_addr,
            now(),
            settings(),
            record_success=False,
        )
    return attempt.accepted()[1]


def _text_field(body: dict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise InvalidParameter(
            bilingual("{field} must be text", field=name), field=name
        )
    return value or None


def move_from_request() -> tuple[Move, list[PreparedPhoto], tuple[float, float] | None]:
    """The move a request asks for: a JSON object, or a form (``multipart``,
    the after-photo as file field ``photo``, its place as ``lat``/``long``)."""
    photos: list[PreparedPhoto] = []
    at = None
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = request.form
        body: dict = {k: form.get(k) for k in form if k != "csrf_token"}
        if "version" in body:
            body["version"] = params.integer(form, "version", low=0, high=2**31)
        for upload in request.files.getlist("photo"):
            if upload.filename:
                photos.append(prepare_photo(upload.read()))
        lat, lon = params.text(form, "lat"), params.text(form, "long")
        if lat is not None or lon is not None:
            at = report_point(lon, lat, None)
    else:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise InvalidParameter(bilingual("Send a JSON object"))
        if "photo" in body or "photos" in body:
            # a photo inside JSON used to be dropped without a word
            raise InvalidParameter(
                bilingual(
                    "Send the after-photo as multipart/form-data, file field photo"
                ),
                field="photo",
            )
    try:
        to = State(str(body.get("to", "")))
    except ValueError:
        raise InvalidParameter(
            bilingual("Unknown status {status}", status=body.get("to")), field="to"
        ) from None
    version = body.get("version")
    if version is not None and (
        not isinstance(version, int) or isinstance(version, bool)
    ):
        raise InvalidParameter(
            bilingual("version must be a whole number"), field="version"
        )
    move = Move(
        to=to,
        note=_text_field(body, "note"),
        reason=_text_field(body, "reason"),
        opd_code=_text_field(body, "opd_code"),
        expected_version=version,
        public_note=_text_field(body, "public_note"),
    )
    return move, photos, at


def _reasons(reasons: list[tuple[float, str]]) -> list[dict]:
    return [{"points": points, "reason": text} for points, text in reasons]


def move_requested(ticket: str, actor: Actor, **how: object):
    """Make the move the request asks for on ``ticket``; its after-photo is
    written through the photo pipeline only once the move is accepted."""
    wanted, photos, at = move_from_request()
    return move_with_photos(
        transaction,
        lambda conn: complaint_id(conn, ticket),
        wanted,
        actor,
        now(),
        media_dir=settings().media_dir,
        photos=photos,
        at=at,
        **how,
    )


def make_blueprint() -> Blueprint:
    """Blueprint with ``/api/staff/…``, ``/api/red-flags``, ``/api/scoreboard``
    and ``/api/priorities`` (``/api/events`` is :mod:`api.events`)."""
    blueprint = Blueprint("staff", __name__, url_prefix="/api")

    @blueprint.get("/staff/me")
    def me() -> Response:
        actor = current_actor()
        return jsonify(username=actor.name, role=actor.role, opd_code=actor.opd_code)

    @blueprint.get("/staff/queue")
    def work_queue() -> Response:
        actor = current_actor()
        statuses = tuple(s for s in request.args.get("status", "").split(",") if s)
        rows = queue(
            get_connection(),
            actor,
            statuses,
            limit=params.integer(request.args, "limit", low=0, high=1000, default=100),
            offset=params.integer(request.args, "offset", low=0, high=10**9, default=0),
            now=now(),
        )
        return jsonify(complaints=rows)

    @blueprint.get("/staff/complaints/<ticket>")
    def complaint(ticket: str) -> Response:
        actor = current_actor()
        conn = get_connection()
        return jsonify(record(conn, ticket, actor, now=now()))

    @blueprint.post("/staff/complaints/<ticket>/transition")
    def move(ticket: str) -> Response:
        """A move (JSON, or multipart with the after-photo ``photo``)."""
        updated = move_requested(ticket, current_actor(), apply=transition)
        return jsonify(dict(updated._mapping))

    @blueprint.post("/staff/supporters/<int:supporter_id>/split")
    def split(supporter_id: int) -> Response:
        actor = current_actor()
        body = request.get_json(silent=True)
        if body is not None and not isinstance(body, dict):
            # no body is no note; a body that is not an object is a mistake
            raise InvalidParameter(bilingual("Send a JSON object"))
        note = body.get("note") if isinstance(body, dict) else None
        if not isinstance(note, str | None):
            raise InvalidParameter(bilingual("{field} must be text", field="note"))
        with transaction() as conn:
            row = split_supporter(conn, supporter_id, actor, note, now=now())
        return jsonify(
            ticket=row.ticket, opd_code=row.opd_code, kelurahan_kode=row.kelurahan_kode
        ), 201

    @blueprint.get("/red-flags")
    def flags() -> Response:
        """Every kelurahan × category with unhandled reports (no personal data)."""
        return jsonify(flags=red_flags(get_connection(), now()))

    @blueprint.get("/scoreboard")
    def opd_scoreboard() -> Response:
        start, end = default_period(
            now(), params.integer(request.args, "days", low=0, high=3660, default=30)
        )
        board = scoreboard(get_connection(), start, end)
        return jsonify(
            period={"start": start, "end": end},
            city_within_sla_share=board.city_within_sla,
            opd=board.rows,
        )

    @blueprint.get("/priorities")
    def priority_list() -> Response:
        """Open tickets (``?by=area``: kelurahan × category) by explainable score."""
        actor = current_actor()
        # OPD staff see their own OPD's tickets only
        opd = actor.opd_code if actor.role == "opd_staff" else None
        at, limit = (
            now(),
            params.integer(request.args, "limit", low=0, high=1000, default=50),
        )
        if request.args.get("by", "ticket") == "area":
            areas = area_priorities(get_connection(), at, limit, opd_code=opd)
            return jsonify(
                priorities=[
                    {
                        "kelurahan_kode": a.kelurahan_kode,
                        "category_code": a.category_code,
                        "score": a.score,
                        "open_tickets": a.open_tickets,
                        "tickets": a.tickets,
                        "reasons": _reasons(a.reasons),
                    }
                    for a in areas
                ]
            )
        found = priorities(get_connection(), at, limit, opd_code=opd)
        return jsonify(
            priorities=[
                {
                    "ticket": p.ticket,
                    "kelurahan_kode": p.kelurahan_kode,
                    "category_code": p.category_code,
                    "score": p.score,
                    "reasons": _reasons(p.reasons),
                }
                for p in found
            ]
        )

    return blueprint
