"""The command room: backlog first, then the day's flow, red flags that name what
is red, OPD performance, rising hot spots and a labelled map, every number a link
to the tickets behind it; kept fresh over ``/api/events``.

``/dashboard`` (Indonesian; ``?lang=en`` for English) is the public transparency
view: nothing on it is personal. ``?layar=dinding`` is the wall screen (1920×1080,
large type, panels taking turns; ``putar=<seconds>`` sets the turn). The page
(``templates/dashboard.html``) is a frame that ``static/js/dashboard.js`` fills
from ``/api/dashboard/summary``, ``/api/dashboard/trend``, ``/api/dashboard/map``
and ``/api/scoreboard``. Drill-down links go to the public list ``/laporan`` or,
for signed-in staff, the inbox ``/staf``, with the filters the numbers carry.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    jsonify,
    render_template,
    request,
    send_file,
    session,
)

from api import params
from api.db import get_connection, now, settings
from api.pages import browser_locale
from gis.errors import NotFound
from gis.formats import format_datetime
from gis.i18n import N_, _, bilingual, current_language
from layers.backlog import BACKLOG
from layers.brief import latest, made_at
from layers.status import GROUP_COLOURS, GROUP_LABELS
from layers.summary import (
    FLOW,
    dashboard_summary,
    map_layers,
    rule_sentence,
    trend,
)

#: words the page's script shows, by key (msgids)
TEXTS = {
    **{group.value: label for group, label in GROUP_LABELS.items()},
    **{f"flow_{key}": label for key, label in FLOW.items()},
    "none": N_("None at the moment"),
    "unhandled": N_("unhandled"),
    "kelurahan": N_("Kelurahan"),
    "no_reports_30": N_("No reports in the last 30 days"),
    "categories": N_("Categories"),
    "oldest": N_("Oldest (days)"),
    "reports": N_("Reports"),
    "within_sla": N_("Within SLA"),
    "response": N_("First response (median / p90)"),
    "resolution": N_("Resolution (median / p90)"),
    "backlog_age": N_("Open by age (0–3 / 3–7 / 7–14 / 14+ days)"),
    "reopen": N_("Reopened"),
    "trend": N_("Within SLA, previous period"),
    "hours": N_("{n} h"),
    "days": N_("{n} days"),
    "oldest_days": N_("oldest {days}"),
    "since_yesterday": N_("{change} since yesterday"),
    "same_as_yesterday": N_("same as yesterday"),
    "few": N_("too few tickets to rank ({n})"),
    "red": N_("red"),
    "amber": N_("amber"),
    "tickets_of": N_("{n} tickets"),
    "unhandled_of": N_("{n} unhandled"),
    "opd_of": N_("OPD: {opd}"),
    "open_tickets": N_("Open tickets"),
    "red_flags": N_("Red flags"),
    "amber_flags": N_("Amber (2 days before red)"),
    "hot_spots": N_("Rising hot spots"),
    "kelurahan_names": N_("Kelurahan names"),
    "legend": N_("Legend"),
    "stale": N_("Data not refreshed since {time} — reconnecting…"),
    "updated": N_("Updated {time}"),
    "no_flags": N_("No red or amber flags."),
    "new_reports": N_("New reports"),
    "open_list": N_("Open tickets in {name}"),
    "no_warnings": N_("No kelurahan above its forecast this week."),
    "no_forecast": N_("No forecast yet: run sigap ai forecast"),
    "no_networks": N_("No networks run yet: run sigap city networks"),
    "angkot_note": N_(
        "{covered} of {population} residents within a 400 m walk of one of {stops}"
        " stops ({routes} routes), along the roads"
    ),
    "angkot_least": N_("{name}: {share} covered, {stops} stops"),
    "lighting_note": N_(
        "{lit} of {road} km lit by a working pole within 40 m; {reports} dead-lamp"
        " reports, {dead} poles recorded dead, {repeated} poles reported in two"
        " weeks or more"
    ),
    "lighting_gap": N_("{name}: {reports} reports, {dead} poles recorded out"),
    "lighting_corridor": N_("Dead-lamp corridor {roads}: {reports} reports over {m} m"),
    "no_accidents": N_("No accidents recorded: import them with sigap city accidents"),
    "accidents_note": N_(
        "Last month {last}; in 12 months {year} accidents, {died} died, {serious}"
        " seriously and {minor} slightly injured, {per_1000} per 1,000 residents"
    ),
    "blackspot": N_("{road}: AEK {aek}, {accidents} accidents, {died} died"),
    "unnamed_road": N_("unnamed road"),
    "no_indicators": N_("No indicators yet: import them with sigap city indicators"),
    "poverty_note": N_(
        "{poor} of {population} residents ({period}); the darker on the map, the"
        " higher the share"
    ),
    "synthetic": N_("per-kelurahan figures synthetic"),
    "poverty_item": N_("{name}: {share} poor"),
    "poles_note": N_("{dead} dead and {damaged} damaged of {total} poles; {on} lit"),
    "no_poles": N_("No streetlight poles recorded"),
    "no_waste": N_("No waste analysis yet: run sigap city waste"),
    "waste_note": N_(
        "{covered} of {population} residents within a 300 m walk of one of"
        " {points} waste points; {reports_share} of {reports} rubbish reports"
        " near one"
    ),
    "waste_problem": N_(
        "{name} ({kelurahan}): {off} of {reports} reports on days without collection"
        " — check the schedule"
    ),
    "waste_least": N_("{name}: {share} within reach, {points} points"),
    "legend_poverty": N_("Poor residents (%)"),
    "legend_density": N_("Residents per km²"),
    "angkot_route": N_(
        "Route {code} {name}: {complaints} complaints along it, {per_km} per km"
    ),
    "legend_blackspot": N_("Blackspot"),
}


def make_blueprint() -> Blueprint:
    """The ``/dashboard`` page, its data endpoints and the newest brief."""
    blueprint = Blueprint("dashboard", __name__)

    @blueprint.get("/dashboard")
    def page() -> str:
        wall = request.args.get("layar") == "dinding"
        texts = {key: _(msgid) for key, msgid in TEXTS.items()}
        texts |= {
            "locale": browser_locale(),
            "now": now().isoformat(),
            "groups": [g.value for g in GROUP_LABELS],
            "colours": {g.value: c for g, c in GROUP_COLOURS.items()},
            "wall": wall,
            "turn_seconds": params.integer(
                request.args, "putar", low=2, high=600, default=20
            ),
            # staff drill into their inbox, everybody else into the public list
            "tickets_url": "/staf" if session.get("staff") else "/laporan",
            "lang": current_language.get(),
        }
        folder = settings().var_dir / "briefs"
        made = made_at(folder)
        return render_template(
            "dashboard.html",
            texts=texts,
            wall=wall,
            backlog=BACKLOG,
            flow=FLOW,
            colours=texts["colours"],
            rule=rule_sentence(),
            brief_made=format_datetime(made) if made else None,
        )

    @blueprint.get("/brief")
    @blueprint.get("/brief.pdf")
    def latest_brief() -> Response:
        """The newest morning brief (``sigap brief`` writes them)."""
        pdf = request.path.endswith(".pdf")
        folder = settings().var_dir / "briefs"
        found = latest(folder, ".pdf" if pdf else ".html")
        if found is None:
            raise NotFound(bilingual("No morning brief yet: run sigap brief"))
        return send_file(
            found, mimetype="application/pdf" if pdf else "text/html", max_age=0
        )

    @blueprint.get("/api/dashboard/summary")
    def summary() -> Response:
        return jsonify(dashboard_summary(get_connection(), now()))

    @blueprint.get("/api/dashboard/trend")
    def daily() -> Response:
        days = params.integer(request.args, "days", low=1, high=366, default=30)
        return jsonify(days=trend(get_connection(), now(), days))

    @blueprint.get("/api/dashboard/map")
    def layers() -> Response:
        return jsonify(map_layers(get_connection(), now()))

    return blueprint
