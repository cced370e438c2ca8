"""The citizen app at ``/lapor``: an installable web app (manifest, service worker)
in which a resident reports with photos and a pin, without an account.

Pages and files: ``/lapor`` (``templates/lapor/index.html`` with
``static/js/lapor.js``), ``/lapor/manifest.webmanifest``, ``/lapor/sw.js``.
JSON for the page under ``/lapor/api``: ``token`` (a fresh CSRF token), ``tempat``
(what is at the pin), ``sekitar`` (open tickets nearby), and ``POST laporan``
(the report, through :func:`layers.citizen.submit_from_app`). The device cookie
and the client address feed the hourly limits; Open311's API keys are untouched.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from functools import cache
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    jsonify,
    render_template,
    request,
    url_for,
)

from api import params
from api.db import get_connection, now, settings, transaction
from api.pages import browser_locale, page_url
from api.security import csrf_token
from gis.errors import InvalidParameter
from gis.i18n import _, bilingual, current_language
from gis.photos import MAX_BYTES, MAX_EDGE
from layers.citizen import (
    MAX_PHOTOS,
    Limits,
    Sender,
    category_groups,
    nearby_open,
    place_at,
    submit_from_app,
)
from layers.intake import MAX_DESCRIPTION, Report, parse_coordinate

DEVICE_COOKIE = "sigap_device"
ATTRIBUTE = re.compile(r"^attribute\[(\w+)\]$")
STATIC = Path(__file__).resolve().parent / "static"
#: what the service worker keeps for use without signal (besides the page)
SHELL_ASSETS = (
    "css/sigap.css",
    "css/lapor.css",
    "css/basemap.css",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png",
    "js/lapor.js",
    "js/lapor-drafts.js",
    "js/lapor-photos.js",
    "js/basemap.js",
    "js/common.js",
    "lapor/icons.svg",
    "lapor/icon-192.png",
    "favicon.svg",
)


@cache
def _assets_version(root: Path) -> str:
    """A hash of the shell's files: a new one installs a new service worker."""
    digest = hashlib.sha256()
    for name in SHELL_ASSETS + ("../templates/lapor/index.html",):
        path = root / name
        digest.update(path.read_bytes() if path.exists() else name.encode())
    return digest.hexdigest()[:12]


def _texts() -> dict[str, str]:
    """What the page script says, in the page's language."""
    return {
        "locale": browser_locale(),
        "accuracy": _("Accuracy ± {m} m"),
        "locating": _("Finding your location…"),
        "no_location": _(
            "Your location is not available: tap the map where the problem is"
        ),
        "from_photo": _("Location taken from the photo"),
        "outside": _("This spot is outside Kota Kupang: move the pin onto the city"),
        "near_road": _("near {road} ({m} m)"),
        "kelurahan": _("Kel. {name}"),
        "photo_too_big": _("This photo is larger than {mb} MB: choose a smaller one"),
        "not_a_photo": _("This file is not a photo: choose a JPEG, PNG or HEIC image"),
        "max_photos": _("At most {n} photos"),
        "remove_photo": _("Remove photo"),
        "pick_category": _("Choose what the problem is"),
        "pick_place": _("Set the location: use your location or tap the map"),
        "sending": _("Sending…"),
        "waiting": _(
            "Waiting for signal: your report is kept on this phone and sent as soon"
            " as there is a connection"
        ),
        "waiting_count": _("{n} report(s) waiting for signal"),
        "sent": _("Thank you! Your report number is {ticket}"),
        "joined": _(
            "Thank you! Your report was added to report {ticket}, which others"
            " already sent"
        ),
        "follow": _("Follow your report"),
        "nearby_title": _("Already reported near here?"),
        "nearby_none": _("No open report of this kind near here yet."),
        "me_too": _("I have this problem too"),
        "supporters": _("{n} residents report this"),
        "meters": _("{m} m away"),
        "error": _("Sending failed: {message}"),
        "chars": _("{n} / {max} characters"),
        "required": _("Please answer: {question}"),
        "again": _("Send another report"),
        "suggestion": _("This sounds like: {category} ({share})"),
        "use_suggestion": _("Choose it"),
    }


def _sender() -> Sender:
    address = request.remote_addr or "unknown"
    return Sender(request.cookies.get(DEVICE_COOKIE) or "address:" + address, address)


def _with_device(response: Response) -> Response:
    """Give this browser its device id (the per-device limit) if it has none."""
    if not request.cookies.get(DEVICE_COOKIE):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(18),
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=settings().https,
            path="/lapor",
        )
    return response


def _point() -> tuple[float, float]:
    lon = params.text(request.args, "lon", required=True)
    lat = params.text(request.args, "lat", required=True)
    return parse_coordinate(lon, "lon"), parse_coordinate(lat, "lat")


def make_blueprint() -> Blueprint:
    """The ``/lapor`` blueprint."""
    blueprint = Blueprint("lapor", __name__)

    @blueprint.get("/lapor")
    def page() -> Response:
        conn = get_connection()
        groups = category_groups(conn, current_language.get())
        data = {
            "texts": _texts(),
            "groups": groups,
            "max_photos": MAX_PHOTOS,
            "max_bytes": MAX_BYTES,
            "max_edge": MAX_EDGE,
            "max_description": MAX_DESCRIPTION,
            "urls": {
                "token": url_for("lapor.token"),
                "place": url_for("lapor.place"),
                "nearby": url_for("lapor.nearby"),
                "suggest": url_for("ai.suggest"),
                "submit": url_for("lapor.submit"),
                "worker": url_for("lapor.service_worker"),
                "icons": url_for("static", filename="lapor/icons.svg"),
            },
        }
        body = render_template(
            "lapor/index.html",
            data=data,
            groups=groups,
            max_description=MAX_DESCRIPTION,
            max_photos=MAX_PHOTOS,
        )
        return _with_device(Response(body, content_type="text/html; charset=utf-8"))

    @blueprint.get("/lapor/manifest.webmanifest")
    def manifest() -> Response:
        response = jsonify(
            {
                "name": _("SIGAP Kupang: report a problem"),
                "short_name": _("Lapor Kupang"),
                "description": _(
                    "Report potholes, dead streetlights, rubbish and more to Kota"
                    " Kupang with a photo and a location"
                ),
                "lang": current_language.get(),
                "start_url": page_url("lapor.page"),
                "scope": "/lapor",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": "#0b5d75",
                "icons": [
                    {
                        "src": url_for("static", filename=f"lapor/icon-{size}.png"),
                        "sizes": f"{size}x{size}",
                        "type": "image/png",
                        "purpose": "any maskable",
                    }
                    for size in (192, 512)
                ],
            }
        )
        response.content_type = "application/manifest+json"
        return response

    @blueprint.get("/lapor/sw.js")
    def service_worker() -> Response:
        body = render_template(
            "lapor/sw.js",
            version=_assets_version(STATIC),
            assets=[url_for("static", filename=a) for a in SHELL_ASSETS],
            page=url_for("lapor.page"),
            basemap=url_for("basemap.document"),
        )
        return Response(
            body,
            content_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/lapor"},
        )

    @blueprint.get("/lapor/api/token")
    def token() -> Response:
        response = jsonify(csrf_token=csrf_token())
        response.headers["Cache-Control"] = "no-store"
        return _with_device(response)

    @blueprint.get("/lapor/api/tempat")
    def place() -> Response:
        lon, lat = _point()
        return jsonify(place_at(get_connection(), lon, lat))

    @blueprint.get("/lapor/api/sekitar")
    def nearby() -> Response:
        lon, lat = _point()
        category = params.text(request.args, "kategori", required=True)
        found = nearby_open(get_connection(), category, lon, lat)
        for item in found:
            thumb = item.pop("thumbnail")
            item["photo"] = url_for("open311.media", path=thumb) if thumb else None
        return jsonify(reports=found)

    @blueprint.post("/lapor/api/laporan")
    def submit() -> Response:
        form = request.form
        if form.get("website", "").strip():
            # the hidden field only a robot fills in
            raise InvalidParameter(bilingual("The report was refused"))
        code = form.get("kategori", "").strip()
        if not code:
            raise InvalidParameter(
                bilingual("Choose what the problem is"), field="kategori"
            )
        if not form.get("lat") or not form.get("lon"):
            raise InvalidParameter(
                bilingual("Set the location of the problem on the map"), field="lat"
            )
        answers: dict[str, list[str]] = {}
        for key in form:
            match = ATTRIBUTE.match(key)
            if match:
                answers.setdefault(match.group(1), []).extend(form.getlist(key))
        photos = [f.read() for f in request.files.getlist("photo") if f.filename]
        config = settings()
        submission = submit_from_app(
            transaction,
            Report(
                category_code=code,
                lon=parse_coordinate(form["lon"], "lon"),
                lat=parse_coordinate(form["lat"], "lat"),
                description=form.get("description", "").strip(),
                name=form.get("name", "").strip()[:200] or None,
                phone=form.get("phone", "").strip()[:40] or None,
                supports=form.get("supports", "").strip() or None,
            ),
            now(),
            sender=_sender(),
            limits=Limits(config.reports_per_hour, config.reports_per_address),
            answers=answers,
            photos=photos,
            media_dir=settings().media_dir,
        )
        # the follow page is /lapor/t/<token>; the token is shown only here
        return jsonify(
            ticket=submission.ticket,
            joined=submission.joined_existing,
            follow_url=f"/lapor/t/{submission.follow_token}",
        )

    return blueprint
