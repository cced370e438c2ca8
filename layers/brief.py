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
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table

from gis.config import Settings
from gis.formats import (
    format_date,
    format_datetime,
    format_days,
    format_number,
    format_percent,
    templates,
)
from gis.i18n import N_, _, current_language
from gis.layer import Layer
from gis.legend import FONT_PATH
from gis.render import MapRequest, Renderer
from gis.sld import Style
from gis.timeutil import WITA, wita_today
from layers.operations import default_period, scoreboard
from layers.status import FLAG_COLOURS, GROUP_COLOURS, GROUP_LABELS, Group
from layers.summary import (
    BACKLOG,
    backlog,
    flags_by_kelurahan,
    flow,
    hot_spot_news,
    map_layers,
    rule_sentence,
    top_flags,
)

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

#: city-wide view in EPSG:3857 (Kota Kupang with a margin)
CITY_3857 = (13_748_500.0, -1_152_500.0, 13_770_500.0, -1_128_500.0)
#: the maps' width in pixels (about twice what is printed; the height follows
#: the city's shape)
MAP_WIDTH = 760
FLAGS = {"red": N_("red"), "amber": N_("amber"), "green": N_("green")}


@dataclass
class Brief:
    """Everything the morning brief shows."""

    day: date
    made_at: datetime
    backlog: dict
    flow: dict
    flags: list[dict]  # the worst kelurahan × category flags, named
    hotspots: list[dict]  # rising hot spots, each with its sentence
    ranking: list[dict]
    city_share: float | None
    maps: dict[str, bytes]  # title → PNG
    rule: str = ""


def city_extent(conn: sa.Connection, margin: float = 0.03) -> tuple[float, ...]:
    """The kelurahan's extent in EPSG:3857 with a ``margin`` share around it."""
    row = conn.execute(
        sa.text(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM"
            " (SELECT ST_Extent(ST_Transform(geom, 3857)) AS e FROM kelurahan) x"
        )
    ).one()
    if row[0] is None:
        return CITY_3857
    dx, dy = (row[2] - row[0]) * margin, (row[3] - row[1]) * margin
    return (row[0] - dx, row[1] - dy, row[2] + dx, row[3] + dy)


def _pixel(
    lon: float, lat: float, size: tuple[int, int], bbox: tuple[float, ...]
) -> tuple[float, float]:
    """Where (lon, lat) falls on a map of ``bbox`` (EPSG:3857) ``size`` pixels big."""
    x = lon * 20_037_508.34 / 180
    y = math.log(math.tan((90 + lat) * math.pi / 360)) * 6_378_137.0
    minx, miny, maxx, maxy = bbox
    return (
        (x - minx) / (maxx - minx) * size[0],
        (maxy - y) / (maxy - miny) * size[1],
    )


def _annotate(
    png: bytes,
    bbox: tuple[float, ...],
    labels: list[tuple[float, float, str]],
    legend: list[tuple[str, str, str]],
    dots: list[tuple[float, float, str]] = (),
    marks: list[tuple[float, float]] = (),
) -> bytes:
    """The map with points, hot spot marks, place names and a legend drawn on:
    ``legend`` rows are (shape, colour, text) with shape box, dot or mark."""
    image = PILImage.open(io.BytesIO(png)).convert("RGBA")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_PATH), 17)
    bold = ImageFont.truetype(str(FONT_PATH.with_name("DejaVuSans-Bold.ttf")), 19)
    for lon, lat, colour in dots:
        x, y = _pixel(lon, lat, image.size, bbox)
        draw.ellipse((x - 3.5, y - 3.5, x + 3.5, y + 3.5), fill=colour)
    for lon, lat in marks:
        x, y = _pixel(lon, lat, image.size, bbox)
        draw.polygon(
            [(x, y - 11), (x - 10, y + 7), (x + 10, y + 7)],
            fill=HOT_COLOUR,
            outline="white",
        )
    for lon, lat, text in labels:
        x, y = _pixel(lon, lat, image.size, bbox)
        draw.text(
            (x, y - 16),
            text,
            font=bold,
            fill="#222222",
            anchor="ms",
            stroke_width=3,
            stroke_fill="white",
        )
    if legend:
        row = 26
        width = 44 + max(int(font.getlength(t)) for _, _, t in legend)
        top = image.size[1] - 12 - row * len(legend) - 10
        draw.rectangle(
            (10, top, 10 + width + 12, image.size[1] - 10),
            fill=(255, 255, 255, 235),
            outline="#888888",
        )
        for i, (shape, colour, text) in enumerate(legend):
            y = top + 8 + i * row
            if shape == "box":
                draw.rectangle((20, y + 3, 42, y + 17), fill=colour, outline="#555555")
            elif shape == "dot":
                draw.ellipse((25, y + 4, 37, y + 16), fill=colour)
            else:
                draw.polygon([(31, y + 1), (21, y + 18), (41, y + 18)], fill=colour)
            draw.text((50, y + 1), text, font=font, fill="#222222")
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


HOT_COLOUR = "#7b3294"


def gather(
    conn: sa.Connection,
    settings: Settings,
    now: datetime,
    layers: dict[str, Layer],
    styles: dict[str, Style],
) -> Brief:
    """Everything the brief shows, as of ``now``."""
    areas = flags_by_kelurahan(conn, now)
    news = hot_spot_news(conn)
    board = scoreboard(conn, *default_period(now, 30))
    drawn = map_layers(conn, now)
    renderer = Renderer(settings)
    bbox = city_extent(conn)
    size = (MAP_WIDTH, round(MAP_WIDTH * (bbox[3] - bbox[1]) / (bbox[2] - bbox[0])))

    def picture(names: list[str]) -> bytes:
        chosen = tuple((layers[n], styles[layers[n].styles[0]]) for n in names)
        return renderer.render(
            MapRequest(chosen, "EPSG:3857", bbox, *size, transparent=False)
        )

    label_at = {
        f["properties"]["kode"]: f["properties"]["label"]
        for f in drawn["kelurahan"]["features"]
    }
    flag_labels = [(*label_at[a["kelurahan_kode"]], a["kelurahan"]) for a in areas]
    spot_labels = [
        (s["lon"], s["lat"] - 0.004, s["place"] or s["kelurahan"]) for s in news[:5]
    ]
    busiest = sorted(
        drawn["kelurahan"]["features"], key=lambda f: -f["properties"]["open"]
    )[:8]
    maps = {
        _("Red flags and rising hot spots"): _annotate(
            picture(["kelurahan", "red_flags"]),
            bbox,
            flag_labels + spot_labels,
            [
                ("box", FLAG_COLOURS["red"], _("Red flags")),
                ("box", FLAG_COLOURS["amber"], _("Amber (2 days before red)")),
                ("box", "#b8dcbf", _("Unhandled, not yet close to red")),
                ("mark", HOT_COLOUR, _("Rising hot spots")),
            ],
            marks=[(s["lon"], s["lat"]) for s in news],
        ),
        _("Open tickets now"): _annotate(
            picture(["kelurahan"]),
            bbox,
            [(*f["properties"]["label"], f["properties"]["nama"]) for f in busiest],
            [
                (
                    "dot",
                    GROUP_COLOURS[Group.UNTOUCHED],
                    _(GROUP_LABELS[Group.UNTOUCHED]),
                ),
                (
                    "dot",
                    GROUP_COLOURS[Group.IN_PROGRESS],
                    _(GROUP_LABELS[Group.IN_PROGRESS]),
                ),
            ],
            dots=[(lon, lat, GROUP_COLOURS[Group(g)]) for lon, lat, g in drawn["open"]],
        ),
    }
    return Brief(
        day=wita_today(now),
        made_at=now,
        backlog=backlog(conn, now),
        flow=flow(conn, now),
        flags=top_flags(areas, 5),
        hotspots=news,
        ranking=board.rows,
        city_share=board.city_within_sla,
        maps=maps,
        rule=rule_sentence(),
    )


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
    for height in range(int(column * ratio / mm), 40, -3):
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
