"""The mayor's morning brief: one page, HTML and PDF, with the numbers, red flags,
new hot spots, the OPD ranking and two maps.

``sigap brief`` writes ``var/briefs/<date>.html`` and ``.pdf``; ``sigap brief
--daily`` keeps doing so every morning (06:00 WITA by default) and the server shows
the newest at ``/brief``. Maps are rendered by the WMS renderer from the same SLD
styles as everything else.
"""

from __future__ import annotations

import base64
import html
import io
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
from gis.render import MapRequest, Renderer
from gis.sld import Style
from gis.timeutil import WITA, format_wita, wita_today
from layers.operations import default_period, red_flags, scoreboard
from layers.published import PublishedLayer
from layers.summary import dashboard_summary

#: city-wide view in EPSG:3857 (Kota Kupang with a margin)
CITY_3857 = (13_748_500.0, -1_152_500.0, 13_770_500.0, -1_128_500.0)
GROUP_NAMES = {
    "open": "Belum disentuh",
    "in_progress": "Sedang diproses",
    "closed": "Sudah ditangani",
}
FLAGS = {"red": "merah", "amber": "kuning", "green": "hijau"}
PATTERNS = {
    "new hot spot": "titik panas baru",
    "intensifying hot spot": "titik panas menguat",
    "consecutive hot spot": "titik panas berturut-turut",
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
    layers: dict[str, PublishedLayer],
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
        "Bendera merah": picture(["kelurahan", "red_flags"]),
        "Aduan 30 hari terakhir": picture(
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


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (maps embedded)."""
    counts = "".join(
        f"<td><b>{brief.counts['today'][g]}</b> hari ini<br>"
        f"{brief.counts['week'][g]} dalam 7 hari<br><small>{name}</small></td>"
        for g, name in GROUP_NAMES.items()
    )
    flags = (
        "".join(
            f"<tr><td>{html.escape(f['kelurahan'])}</td><td>{f['category_code']}</td>"
            f"<td>{FLAGS[f['flag']]}</td><td>{f['unhandled']}</td>"
            f"<td>{f['oldest_days']:.1f}</td></tr>"
            for f in brief.flags[:15]
        )
        or "<tr><td colspan=5>Tidak ada bendera merah.</td></tr>"
    )
    emerging = (
        "".join(
            f"<li>{html.escape(e['kelurahan'])}: {html.escape(e['category'])} —"
            f" {PATTERNS.get(e['pattern'], e['pattern'])}</li>"
            for e in brief.emerging
        )
        or "<li>Tidak ada.</li>"
    )
    ranking = "".join(
        f"<tr><td>{r['rank']}</td><td>{html.escape(r['short_name'] or r['opd_code'])}"
        f"</td><td>{r['total']}</td><td>{_percent(r['within_sla_share'])}</td></tr>"
        for r in brief.ranking[:10]
    )
    maps = "".join(
        f"<figure><img src='data:image/png;base64,"
        f"{base64.b64encode(png).decode()}' alt='{html.escape(title)}'>"
        f"<figcaption>{html.escape(title)}</figcaption></figure>"
        for title, png in brief.maps.items()
    )
    return (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>Laporan pagi {brief.day:%d-%m-%Y}</title><style>"
        "body{font:12px sans-serif;max-width:190mm;margin:auto}table{border-collapse:"
        "collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:2px 4px;"
        "text-align:left}figure{display:inline-block;width:48%;margin:0}"
        "img{width:100%}</style></head><body>"
        f"<h1>Laporan pagi Wali Kota — {brief.day:%d-%m-%Y}</h1>"
        f"<p>SIGAP Kota Kupang, dibuat {format_wita(brief.made_at)}. Bagian kota"
        f" dalam SLA (30 hari): {_percent(brief.city_share)}.</p>"
        f"<table><tr>{counts}</tr></table>"
        "<h2>Bendera merah (aturan 7 hari)</h2><table><tr><th>Kelurahan</th>"
        "<th>Kategori</th><th>Bendera</th><th>Belum ditangani</th>"
        f"<th>Tertua (hari)</th></tr>{flags}</table>"
        f"<h2>Titik panas baru dan menguat</h2><ul>{emerging}</ul>"
        "<h2>Peringkat OPD (30 hari, adil terhadap jumlah aduan)</h2><table><tr>"
        f"<th>#</th><th>OPD</th><th>Aduan</th><th>Tepat SLA</th></tr>{ranking}"
        f"</table>{maps}</body></html>"
    )


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
        title=f"Laporan pagi {brief.day:%d-%m-%Y}",
    )
    grid = [
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    counts = Table(
        [
            [
                f"{name}\n{brief.counts['today'][g]} hari ini ·"
                f" {brief.counts['week'][g]} dalam 7 hari"
                for g, name in GROUP_NAMES.items()
            ]
        ],
        style=[
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ],
    )
    flags = Table(
        [["Kelurahan", "Kategori", "Bendera", "Belum", "Tertua (hari)"]]
        + [
            [
                f["kelurahan"],
                f["category_code"],
                FLAGS[f["flag"]],
                f["unhandled"],
                f"{f['oldest_days']:.1f}",
            ]
            for f in brief.flags[:8]
        ]
        or [["Tidak ada bendera merah."]],
        style=grid,
    )
    ranking = Table(
        [["#", "OPD", "Aduan", "Tepat SLA"]]
        + [
            [
                r["rank"],
                r["short_name"] or r["opd_code"],
                r["total"],
                _percent(r["within_sla_share"]),
            ]
            for r in brief.ranking[:8]
        ],
        style=grid,
    )
    emerging = (
        "; ".join(
            f"{e['kelurahan']}: {e['category']} —"
            f" {PATTERNS.get(e['pattern'], e['pattern'])}"
            for e in brief.emerging[:6]
        )
        or "Tidak ada."
    )
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
        Paragraph(f"Laporan pagi Wali Kota — {brief.day:%d-%m-%Y}", styles["Title"]),
        Paragraph(
            f"SIGAP Kota Kupang, dibuat {format_wita(brief.made_at)}. Bagian"
            f" kota dalam SLA (30 hari): {_percent(brief.city_share)}.",
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
            f"<b>Titik panas baru dan menguat:</b> {html.escape(emerging)}", small
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
