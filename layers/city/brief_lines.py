"""The brief's city lines: one sentence per city layer that holds data, in
Bahasa Indonesia first, from the numbers of the "Kota" panel
(:func:`layers.city.panel.city_panel`)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gis.formats import format_number, format_percent
from gis.i18n import N_, _
from layers.city.panel import city_panel

ACCIDENTS_LINE = N_(
    "Accidents: {this_month} this month (last month {last_month}); in 12 months"
    " {year} accidents, {died} died, {serious} seriously and {minor} slightly"
    " injured ({per_1000} per 1,000 residents); worst blackspots: {sites}."
)
POPULATION_LINE = N_(
    "Population and poverty ({period}): {population} residents, {poor} poor"
    " ({share}); highest shares: {poorest}."
)
POPULATION_ONLY_LINE = N_(
    "Population ({period}): {population} residents; no poverty figures yet."
)
SYNTHETIC_NOTE = N_("per-kelurahan figures synthetic")
POLES_LINE = N_(
    "Streetlight poles: {total} recorded, {on} lit, {dead} dead, {damaged} damaged."
)
ANGKOT_LINE = N_(
    "Angkot: {share} of residents ({covered} of {population}) live within a"
    " 400 m walk of a stop; least served: {least}."
)
LIGHTING_LINE = N_(
    "Street lighting: {share} of {km} km of arterial and collector roads lit;"
    " {reports} dead-lamp reports in 365 days against {dead} poles recorded out;"
    " most reports: {busiest}."
)
WASTE_LINE = N_(
    "Waste collection: {share} of residents ({covered} of {population}) live"
    " within a 300 m walk of a waste point; {reports_share} of {reports} rubbish"
    " reports near one."
)
WASTE_CHECK = N_("Check the collection days of {problems}.")
WASTE_NO_PROBLEM = N_("No waste point's reports cluster on days without collection.")
WASTE_PROBLEM = N_("{name} ({off} of {reports} reports on days without collection)")


def _pct(v: float | None) -> str:
    # one decimal: 99.6 % lit is not "100 %"
    return format_percent(v) if v is None else f"{format_number(100 * v, 1)}%"


def _num(v: float) -> str:
    return format_number(v)


def _site_name(site: dict) -> str:
    names = " / ".join(site["road_names"]) or _("unnamed road")
    return f"{names} (AEK {format_number(site['aek'], 1)})"


def _by_kelurahan(rows: list[dict], key: str, show) -> str:
    """``Nama (value), …``: the kelurahan lists the sentences name."""
    return ", ".join(f"{k['nama']} ({show(k[key])})" for k in rows)


def _reach(template: str, part: dict, **more: str) -> str:
    """A sentence of the residents within a walk of a service (angkot stops,
    waste points): the share and the ``covered of population`` behind it."""
    return _(
        template,
        share=_pct(part["share"]),
        covered=_num(part["residents_covered"]),
        population=_num(part["population"]),
        **more,
    )


def city_lines(conn: sa.Connection, now: datetime) -> list[str]:
    """The brief's city lines, one per layer that holds data as of ``now``:
    accidents and blackspots, population and poverty, streetlight poles, and of
    the newest runs angkot coverage, street lighting and waste collection."""
    panel = city_panel(conn, now)
    lines = []
    accidents, spots = panel["accidents"], panel["blackspots"]
    year = accidents["last_12_months"]
    if year["accidents"] or spots["sites"]:
        lines.append(
            _(
                ACCIDENTS_LINE,
                this_month=_num(accidents["this_month"]["accidents"]),
                last_month=_num(accidents["last_month"]["accidents"]),
                year=_num(year["accidents"]),
                died=_num(year["died"]),
                serious=_num(year["serious_injuries"]),
                minor=_num(year["minor_injuries"]),
                per_1000=format_number(year.get("per_1000_residents") or 0, 2),
                sites=", ".join(_site_name(s) for s in spots["sites"][:3]) or "–",
            )
        )
    people = panel["population"]
    if people["population"]:
        line = (
            _(
                POPULATION_LINE,
                period=people["period"],
                population=_num(people["population"]),
                poor=_num(people["poor_people"]),
                share=_pct(people["poor_share"]),
                poorest=_by_kelurahan(people["poorest"][:3], "poor_share", _pct),
            )
            if people["poor_people"] is not None
            else _(
                POPULATION_ONLY_LINE,
                period=people["period"],
                population=_num(people["population"]),
            )
        )
        lines.append(
            line if not people["synthetic"] else f"{line} ({_(SYNTHETIC_NOTE)})"
        )
    poles = panel["streetlights"]
    if poles["total"]:
        lines.append(
            _(
                POLES_LINE,
                total=_num(poles["total"]),
                on=_num(poles["on"]),
                dead=_num(poles["dead"]),
                damaged=_num(poles["damaged"]),
            )
        )
    angkot, lighting = panel["angkot"], poles["lighting"]
    if angkot["run_id"] is not None:
        least = _by_kelurahan(angkot["least_covered"], "share", _pct)
        busiest = _by_kelurahan(lighting["report_gaps"], "reports", _num)
        lines += [
            _reach(ANGKOT_LINE, angkot, least=least or "–"),
            _(
                LIGHTING_LINE,
                share=_pct(lighting["lit_share"]),
                km=_num(lighting["road_km"]),
                reports=_num(lighting["reports"]),
                dead=_num(poles["dead"] + poles["damaged"]),
                busiest=busiest or "–",
            ),
        ]
    waste = panel["waste"]
    if waste["analysed"]:
        problems = ", ".join(
            _(
                WASTE_PROBLEM,
                name=p["name"],
                off=_num(p["off_day_reports"]),
                reports=_num(p["reports"]),
            )
            for p in waste["schedule_problems"]
        )
        lines.append(
            _reach(
                WASTE_LINE,
                waste,
                reports_share=_pct(waste["reports_share"]),
                reports=_num(waste["rubbish_reports"]),
            )
            + " "
            + (_(WASTE_CHECK, problems=problems) if problems else _(WASTE_NO_PROBLEM))
        )
    return lines
