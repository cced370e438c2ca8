"""The morning brief on paper: one HTML page (``layers/templates/brief.html``) and
one A4 PDF, in the current language with its number formats."""

from __future__ import annotations

import base64
import html
import io

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table

from gis.formats import (
    format_date,
    format_datetime,
    format_days,
    format_number,
    format_percent,
    templates,
)
from gis.i18n import N_, _, current_language
from gis.legend import FONT_PATH
from layers.backlog import BACKLOG
from layers.brief.assemble import Brief
from layers.status import FLAG_COLOURS, GROUP_COLOURS, Group

# DejaVu has every Indonesian letter and the arrows and dashes the page uses
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
pdfmetrics.registerFont(
    TTFont(FONT_BOLD, str(FONT_PATH.with_name("DejaVuSans-Bold.ttf")))
)
#: the backlog tiles' colours (untouched, in progress, coordination, past SLA)
TILE_COLOURS = (
    GROUP_COLOURS[Group.UNTOUCHED],
    GROUP_COLOURS[Group.IN_PROGRESS],
    GROUP_COLOURS[Group.IN_PROGRESS],
    "#67001f",
)
FLAGS = {"red": N_("red"), "amber": N_("amber"), "green": N_("green")}


def _change(n: int) -> str:
    if not n:
        return _("same as yesterday")
    sign = "+" if n > 0 else "−"
    return _("{change} since yesterday", change=sign + format_number(abs(n)))


def _context(brief: Brief) -> dict:
    """What the HTML page and the PDF both print, in the current language."""
    return {
        "backlog": [
            {
                "key": key,
                "label": _(label),
                "count": format_number(brief.backlog[key]["count"]),
                "change": _change(brief.backlog[key]["change"]),
                "oldest": _("oldest {days}", days=format_days(oldest))
                if (oldest := brief.backlog[key]["oldest_days"]) is not None
                else "",
            }
            for key, label in BACKLOG.items()
        ],
        "flow": _(
            "Today: {new} new, {handled} handled, {rejected} rejected. Last 7 days:"
            " {week_new} new, {week_handled} handled, {week_rejected} rejected.",
            **_flow_numbers(brief.flow),
        ),
        "flags": [
            {
                "kelurahan": f["kelurahan"],
                "category": f["name"],
                "flag": _(FLAGS[f["flag"]]),
                "colour": f["flag"],
                "tickets": format_number(f["unhandled"]),
                "oldest": format_number(f["oldest_days"], 1),
                "opd": f["opd"],
            }
            for f in brief.flags
        ],
        "hotspots": [s["sentence"] for s in brief.hotspots[:6]],
        "warnings": brief.warnings[:8],
        "city": brief.city,
        "policy": [
            {
                "title": p["title"],
                "score": format_number(p["score"], 1),
                "why": "; ".join(r["reason"] for r in p["reasons"]),
                "why_short": "; ".join(r["reason"] for r in p["reasons"][:2]),
            }
            for p in brief.priorities
        ],
        "ranking": [
            {
                "rank": "–" if r["rank"] is None else str(r["rank"]),
                "opd": r["short_name"] or r["opd_code"],
                "total": format_number(r["total"]),
                "share": _("too few tickets to rank ({n})", n=r["sla_decided"])
                if r.get("few")
                else format_percent(r["within_sla_share"]),
                "trend": _trend(r),
                "resolution": format_days(r["resolution_median_h"] / 24)
                if r.get("resolution_median_h") is not None
                else "–",
                "reopen": format_percent(r.get("reopen_rate")),
                "few": bool(r.get("few")),
            }
            for r in brief.ranking[:10]
        ],
    }


def _flow_numbers(flow: dict) -> dict[str, str]:
    """The flow's numbers, formatted, by placeholder (``new``, ``week_new``…)."""
    today = {k: format_number(v) for k, v in flow["today"].items()}
    week = {"week_" + k: format_number(v) for k, v in flow["week"].items()}
    return today | week


def _trend(row: dict) -> str:
    now, before = row.get("within_sla_share"), row.get("previous_within_sla_share")
    if row.get("few") or now is None or before is None:
        return ""
    if abs(now - before) < 0.005:
        return "="
    arrow = "▲" if now > before else "▼"
    return f"{arrow} {format_percent(abs(now - before))}"


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (maps embedded)."""
    return (
        templates("layers")
        .get_template("brief.html")
        .render(
            brief=brief,
            lang=current_language.get(),
            view=_context(brief),
            colours={g.value: c for g, c in GROUP_COLOURS.items()},
            maps={
                title: base64.b64encode(png).decode()
                for title, png in brief.maps.items()
            },
        )
    )


def to_pdf(brief: Brief) -> bytes:
    """The brief as one A4 page: numbers at the top, maps filling the rest."""
    view = _context(brief)
    sheet = getSampleStyleSheet()
    body = sheet["BodyText"].clone("body", fontName=FONT, fontSize=8.5, leading=10.5)
    small = body.clone("small", fontSize=7.5, leading=9)
    title = sheet["Title"].clone(
        "brief_title", fontName=FONT_BOLD, fontSize=16, leading=19, spaceAfter=2
    )
    head = body.clone(
        "head", fontName=FONT_BOLD, fontSize=10, leading=12, spaceBefore=4
    )
    width = A4[0] - 24 * mm
    grid = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    big = body.clone("big", fontName=FONT_BOLD, fontSize=20, leading=23)
    tiles = Table(
        [
            [
                [
                    Paragraph(f"<b>{html.escape(t['label'])}</b>", body),
                    Paragraph(t["count"], big),
                    Paragraph(html.escape(t["change"]), small),
                    Paragraph(html.escape(t["oldest"]), small),
                ]
                for t in view["backlog"]
            ]
        ],
        colWidths=[width / 4] * 4,
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f6f3")),
            *[
                ("LINEABOVE", (i, 0), (i, 0), 3, colors.HexColor(colour))
                for i, colour in enumerate(TILE_COLOURS)
            ],
            ("BOX", (0, 0), (-1, -1), 0.3, colors.lightgrey),
            ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.white),
        ],
    )
    flag_rows = [
        [
            _("Kelurahan"),
            _("Category"),
            _("Flag"),
            _("Tickets"),
            _("Oldest (days)"),
            "OPD",
        ]
    ] + [
        [
            f["kelurahan"],
            Paragraph(html.escape(f["category"]), small),
            f["flag"],
            f["tickets"],
            f["oldest"],
            f["opd"],
        ]
        for f in view["flags"]
    ]
    flags = (
        Table(
            flag_rows,
            colWidths=[28 * mm, 62 * mm, 14 * mm, 14 * mm, 22 * mm, width - 140 * mm],
            style=grid
            + [
                ("ALIGN", (3, 0), (4, -1), "RIGHT"),
                *[
                    (
                        "TEXTCOLOR",
                        (2, i),
                        (2, i),
                        colors.HexColor(FLAG_COLOURS[f["colour"]]),
                    )
                    for i, f in enumerate(view["flags"], 1)
                ],
            ],
        )
        if view["flags"]
        else Paragraph(html.escape(_("No red flags.")), body)
    )
    ranking = Table(
        [
            [
                "#",
                "OPD",
                _("Tickets"),
                _("Within SLA"),
                _("Trend"),
                _("Resolution (median)"),
                _("Reopened"),
            ]
        ]
        + [
            [
                r["rank"],
                r["opd"],
                r["total"],
                Paragraph(html.escape(r["share"]), small) if r["few"] else r["share"],
                r["trend"],
                r["resolution"],
                r["reopen"],
            ]
            for r in view["ranking"]
        ],
        colWidths=[
            8 * mm,
            36 * mm,
            16 * mm,
            44 * mm,
            18 * mm,
            34 * mm,
            width - 156 * mm,
        ],
        style=grid + [("ALIGN", (2, 0), (-1, -1), "RIGHT")],
    )
    hot = [
        Paragraph("• " + html.escape(sentence), body) for sentence in view["hotspots"]
    ] or [Paragraph(html.escape(_("None.")), body)]
    story = [
        Paragraph(
            html.escape(_("Mayor's morning brief — {day}", day=format_date(brief.day))),
            title,
        ),
        Paragraph(
            html.escape(
                _(
                    "SIGAP Kota Kupang, made {moment}. City share within SLA (30"
                    " days): {share}.",
                    moment=format_datetime(brief.made_at),
                    share=format_percent(brief.city_share),
                )
            ),
            small,
        ),
        Paragraph(html.escape(_("Backlog now: all open tickets")), head),
        Spacer(1, 1.5 * mm),
        tiles,
        Spacer(1, 1.5 * mm),
        Paragraph(html.escape(view["flow"]), body),
        Paragraph(html.escape(_("Top five red flags")), head),
        Paragraph(html.escape(brief.rule), small),
        flags,
        Paragraph(html.escape(_("Rising hot spots")), head),
        *hot,
        # the page is full already: warnings in one paragraph, the three first
        # priorities with their two strongest reasons (the HTML has them all)
        Paragraph(html.escape(_("Early warning")), head),
        Paragraph(html.escape(" · ".join(view["warnings"][:5]) or _("None.")), body),
        *(
            [Paragraph(html.escape(" ".join(view["city"])), small)]
            if view["city"]
            else []
        ),
        Paragraph(html.escape(_("This week's policy priorities")), head),
        Paragraph(
            " ".join(
                f"{i}. <b>{html.escape(p['title'])}</b> ({p['score']}):"
                f" {html.escape(p['why_short'])}."
                for i, p in enumerate(view["policy"][:3], 1)
            )
            or html.escape(_("None.")),
            body,
        ),
        Paragraph(
            html.escape(_("OPD ranking (30 days, fair to the number of complaints)")),
            head,
        ),
        ranking,
        Paragraph(
            html.escape(
                _(
                    "An agency with fewer than 10 decided tickets is listed without"
                    " a rank."
                )
            ),
            small,
        ),
    ]
    # the maps take whatever height the page has left, so it is filled: the
    # tallest that still keeps the brief on one page
    column = (width - 4 * mm) / 2
    first = PILImage.open(io.BytesIO(next(iter(brief.maps.values()))))
    ratio = first.height / first.width
    for height in range(int(column * ratio / mm), 25, -3):
        map_h = height * mm
        map_w = min(column, map_h / ratio)
        pictures = Table(
            [
                [
                    Image(io.BytesIO(png), width=map_w, height=map_h)
                    for png in brief.maps.values()
                ],
                [Paragraph(html.escape(t), small) for t in brief.maps],
            ],
            colWidths=[width / 2] * 2,
            style=[("ALIGN", (0, 0), (-1, -1), "CENTER")],
        )
        out = io.BytesIO()
        document = _document(out, brief)
        document.build([*story, Spacer(1, 2 * mm), pictures])
        if document.page == 1:
            break
    return out.getvalue()


def _document(out: io.BytesIO, brief: Brief) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=10 * mm,
        bottomMargin=8 * mm,
        title=_("Morning brief {day}", day=format_date(brief.day)),
    )
