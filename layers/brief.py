"""The mayor's morning brief: one page, HTML and PDF, with the numbers, red flags,
new hot spots, the OPD ranking and two maps.

``sigap brief`` writes ``var/briefs/<date>.html`` and ``.pdf``; ``sigap brief
--daily`` keeps doing so every morning (06:00 WITA by default) and the server shows
the newest at ``/brief``. Maps are rendered by the WMS renderer from the same SLD
styles as everything else; the page is ``layers/templates/brief.html``, in the
current language (Indonesian unless asked otherwise) with its number formats.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table

from gis.config import Settings
from gis.formats import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    templates,
)
from gis.i18n import N_, _, current_language
from gis.layer import Layer
from gis.render import MapRequest, Renderer
from gis.sld import Style
from gis.timeutil import WITA, wita_today
from layers.operations import default_period, red_flags, scoreboard
from layers.status import GROUP_LABELS
from layers.summary import dashboard_summary

#: city-wide view in EPSG:3857 (Kota Kupang with a margin)
CITY_3857 = (13_748_500.0, -1_152_500.0, 13_770_500.0, -1_128_500.0)
FLAGS = {"red": N_("red"), "amber": N_("amber"), "green": N_("green")}
PATTERNS = {
    "new hot spot": N_("new hot spot"),
    "intensifying hot spot": N_("intensifying hot spot"),
    "consecutive hot spot": N_("consecutive hot spot"),
}


@dataclass
class Brief:
    day: date
    made_at: datetime
    counts: dict
    flags: list[dict]
    emerging: list[dict]
    ranking: list[dict]
    city_share: float | None
    maps: dict[str, bytes]  # title → PNG


def gather(
    conn: sa.Connection,
    settings: Settings,
    now: datetime,
    layers: dict[str, Layer],
    styles: dict[str, Style],
) -> Brief:
    """Everything the brief shows, as of ``now``."""
    summary = dashboard_summary(conn, now)
    flags = [f for f in red_flags(conn, now) if f["flag"] != "green"]
    board = scoreboard(conn, *default_period(now, 30))
    renderer = Renderer(settings)

    def picture(names: list[str], window=None) -> bytes:
        chosen = tuple((layers[n], styles[layers[n].styles[0]]) for n in names)
        return renderer.render(
            MapRequest(
                chosen, "EPSG:3857", CITY_3857, 640, 700, transparent=False, time=window
            )
        )

    maps = {
        _("Red flags"): picture(["kelurahan", "red_flags"]),
        _("Complaints, last 30 days"): picture(
            ["kelurahan", "complaints"], default_period(now, 30)
        ),
    }
    return Brief(
        wita_today(now),
        now,
        summary["counts"],
        flags,
        summary["emerging"],
        board.rows,
        board.city_within_sla,
        maps,
    )


def _pattern(name: str) -> str:
    return _(PATTERNS[name]) if name in PATTERNS else name


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (maps embedded)."""
    return (
        templates("layers")
        .get_template("brief.html")
        .render(
            brief=brief,
            lang=current_language.get(),
            groups=GROUP_LABELS,
            flags=FLAGS,
            patterns=PATTERNS,
            maps={
                title: base64.b64encode(png).decode()
                for title, png in brief.maps.items()
            },
        )
    )


def _count_cell(brief: Brief, group: str, name: str) -> str:
    today = format_number(brief.counts["today"][group])
    week = _("{n} in 7 days", n=format_number(brief.counts["week"][group]))
    label = _("today")
    return f"{_(name)}\n{today} {label} · {week}"


def to_pdf(brief: Brief) -> bytes:
    """The brief as a one-page A4 PDF."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9.5)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=_("Morning brief {day}", day=format_date(brief.day)),
    )
    grid = [
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    counts = Table(
        [[_count_cell(brief, group, name) for group, name in GROUP_LABELS.items()]],
        style=[
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ],
    )
    flags = Table(
        [[_("Kelurahan"), _("Category"), _("Flag"), _("Unhandled"), _("Oldest (days)")]]
        + [
            [
                f["kelurahan"],
                f["category_code"],
                _(FLAGS[f["flag"]]),
                format_number(f["unhandled"]),
                format_number(f["oldest_days"], 1),
            ]
            for f in brief.flags[:8]
        ]
        or [[_("No red flags.")]],
        style=grid,
    )
    ranking = Table(
        [["#", "OPD", _("Complaints"), _("Within SLA")]]
        + [
            [
                r["rank"],
                r["short_name"] or r["opd_code"],
                format_number(r["total"]),
                format_percent(r["within_sla_share"]),
            ]
            for r in brief.ranking[:8]
        ],
        style=grid,
    )
    emerging = "; ".join(
        f"{e['kelurahan']}: {e['category']} — {_pattern(e['pattern'])}"
        for e in brief.emerging[:6]
    ) or _("None.")
    pictures = Table(
        [
            [
                Image(io.BytesIO(png), width=88 * mm, height=96 * mm)
                for png in brief.maps.values()
            ],
            list(brief.maps),
        ],
        style=[
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ],
    )
    story = [
        Paragraph(
            html.escape(_("Mayor's morning brief — {day}", day=format_date(brief.day))),
            styles["Title"],
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
        Spacer(1, 2 * mm),
        counts,
        Spacer(1, 2 * mm),
        Table(
            [[flags, ranking]],
            colWidths=[110 * mm, 76 * mm],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
        ),
        Paragraph(
            f"<b>{html.escape(_('New and intensifying hot spots'))}:</b>"
            f" {html.escape(emerging)}",
            small,
        ),
        Spacer(1, 2 * mm),
        pictures,
    ]
    document.build(story)
    return out.getvalue()


def write(brief: Brief, folder: Path) -> tuple[Path, Path]:
    """Write ``<date>.html`` and ``<date>.pdf`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{brief.day.isoformat()}.html"
    pdf_path = folder / f"{brief.day.isoformat()}.pdf"
    html_path.write_text(to_html(brief), encoding="utf-8")
    pdf_path.write_bytes(to_pdf(brief))
    # when it was made, by the platform's clock (a file's time is the wall's)
    (folder / f"{brief.day.isoformat()}.json").write_text(
        json.dumps({"made_at": brief.made_at.isoformat()})
    )
    return html_path, pdf_path


def next_run(now: datetime, at: time) -> datetime:
    """The next ``at`` o'clock WITA strictly after ``now``."""
    local = now.astimezone(WITA)
    candidate = datetime.combine(local.date(), at, WITA)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


def latest(folder: Path, suffix: str) -> Path | None:
    """The newest brief file with ``suffix`` in ``folder``."""
    found = sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []
    return found[-1] if found else None


def made_at(folder: Path) -> datetime | None:
    """When the newest brief in ``folder`` was written."""
    found = latest(folder, ".json")
    if found is None:
        return None
    return datetime.fromisoformat(json.loads(found.read_text())["made_at"])
