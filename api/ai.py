"""What SIGAP reads in a complaint's text, over HTTP: ``/api/ai/suggest``.

``GET /api/ai/suggest?text=…&k=3`` (or ``POST`` a JSON object with ``text`` and
``k``) answers the likeliest categories with their probabilities and any
immediate danger the text describes. Public: the citizen app calls it as the
resident types; it reads no ticket and changes none.

``GET /api/ai/peringatan`` is the early warning: this week's kelurahan ×
category counts above the newest forecast's 95 % upper bound, each with its
sentence and the link to its tickets. Counts only, nothing personal.

``GET /api/ai/kata-baru`` (staff) lists the words whose share of this week's
complaint texts jumped against the eight weeks before, with example tickets.

``GET /api/ai/mirip/<ticket>`` (staff) lists the open tickets that may be the
same problem as ``ticket`` — near, recent and worded alike — each with its score
and its components, for the console's "mungkin sama dengan …".

``GET /api/ai/prioritas`` is the week's policy priorities: kelurahan × issue
ranked by volume, trend, hot spot, backlog, SLA breaches, severity and poverty
(weights in ``layers.policy.WEIGHTS``), each with its reasons. Counts only.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from api import params
from api.db import get_connection, now
from api.staff import current_actor
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from layers.ai.category import read_text
from layers.ai.duplicates import similar_reports
from layers.ai.forecast import early_warnings
from layers.ai.photos import ticket_photo_repeats
from layers.ai.words import emerging_words
from layers.policy import policy_priorities


def _arguments() -> tuple[str, str]:
    if request.method == "POST":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise InvalidParameter(bilingual("Send a JSON object"))
        return str(body.get("text") or ""), str(body.get("k") or "3")
    return request.args.get("text", ""), request.args.get("k", "3")


def make_blueprint() -> Blueprint:
    """Blueprint with ``/api/ai/suggest``, ``/peringatan``, ``/kata-baru``,
    ``/mirip/<ticket>``, ``/foto-sama/<ticket>`` and ``/prioritas``."""
    blueprint = Blueprint("ai", __name__, url_prefix="/api/ai")

    @blueprint.route("/suggest", methods=["GET", "POST"])
    def suggest() -> Response:
        text, k = _arguments()
        if not k.isdigit() or not 1 <= int(k) <= 11:
            raise InvalidParameter(
                bilingual(
                    "{name} must be a whole number up to {maximum}",
                    name="k",
                    maximum=11,
                ),
                field="k",
            )
        return jsonify(read_text(get_connection(), text, int(k)))

    @blueprint.get("/peringatan")
    def warnings() -> Response:
        return jsonify(early_warnings(get_connection(), now()))

    @blueprint.get("/kata-baru")
    def words() -> Response:
        current_actor()  # texts and tickets: staff only
        limit = params.integer(request.args, "limit", low=1, high=50, default=10)
        return jsonify(emerging_words(get_connection(), now(), limit))

    @blueprint.get("/mirip/<ticket>")
    def similar(ticket: str) -> Response:
        actor = current_actor()  # other residents' words and places: staff only
        return jsonify(similar_reports(get_connection(), ticket, actor))

    @blueprint.get("/foto-sama/<ticket>")
    def same_photo(ticket: str) -> Response:
        actor = current_actor()  # other tickets' photos: staff only
        return jsonify(ticket_photo_repeats(get_connection(), ticket, actor))

    @blueprint.get("/prioritas")
    def policy() -> Response:
        limit = params.integer(request.args, "limit", low=1, high=100, default=10)
        return jsonify(policy_priorities(get_connection(), now(), limit))

    return blueprint
