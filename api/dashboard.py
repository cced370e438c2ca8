"""The command room: one screen with today's numbers, red flags, OPD performance,
emerging hot spots and the newest reports, updated live from ``/api/events``.

``/dashboard`` (Indonesian; ``?lang=en`` for English) is the public transparency
view: nothing on it is personal. The page (``templates/dashboard.html``) is a
frame that ``static/js/dashboard.js`` fills from ``/api/dashboard/summary``,
``/api/feeds/red-flags`` and ``/api/scoreboard``; Leaflet and Chart.js come from
``/static/vendor`` (no CDN).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
)

from api.db import get_connection, now
from api.pages import browser_locale
from gis.errors import NotFound
from gis.i18n import N_, _, bilingual
from layers.brief import latest
from layers.status import GROUP_LABELS
from layers.summary import dashboard_summary

#: the status groups, in order, by key (msgids)
LABELS = {group.value: label for group, label in GROUP_LABELS.items()}
#: words the page's script shows, by key (msgids)
TEXTS = {
    **LABELS,
    "none": N_("None at the moment"),
    "unhandled": N_("unhandled"),
    "kelurahan": N_("Kelurahan"),
    "no_reports_30": N_("No reports in the last 30 days"),
    "categories": N_("Categories"),
    "oldest": N_("Oldest (days)"),
    "reports": N_("Reports"),
    "within_sla": N_("Within SLA"),
    "response": N_("First response (median)"),
    "hours": N_("{n} h"),
    "new hot spot": N_("new hot spot"),
    "intensifying hot spot": N_("intensifying hot spot"),
    "consecutive hot spot": N_("consecutive hot spot"),
}


def make_blueprint() -> Blueprint:
    """The ``/dashboard`` page and its summary endpoint."""
    blueprint = Blueprint("dashboard", __name__)

    @blueprint.get("/dashboard")
    def page() -> str:
        texts = {key: _(msgid) for key, msgid in TEXTS.items()}
        texts["locale"] = browser_locale()
        texts["now"] = now().isoformat()
        texts["groups"] = list(LABELS)
        return render_template("dashboard.html", labels=LABELS, texts=texts)

    @blueprint.get("/brief")
    @blueprint.get("/brief.pdf")
    def latest_brief() -> Response:
        """The newest morning brief (``sigap brief`` writes them)."""
        pdf = request.path.endswith(".pdf")
        folder = current_app.config["SIGAP_SETTINGS"].var_dir / "briefs"
        found = latest(folder, ".pdf" if pdf else ".html")
        if found is None:
            raise NotFound(bilingual("No morning brief yet: run sigap brief"))
        return send_file(
            found, mimetype="application/pdf" if pdf else "text/html", max_age=0
        )

    @blueprint.get("/api/dashboard/summary")
    def summary() -> Response:
        return jsonify(dashboard_summary(get_connection(), now()))

    return blueprint
