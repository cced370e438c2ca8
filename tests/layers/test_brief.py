"""The morning brief's page: names instead of codes, backlog first, the catalogue's
words and Indonesian number formats, one filled A4 page."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image

from gis.i18n import language
from layers.brief import Brief, to_html, to_pdf
from tests.conftest import NOW


def _png(height: int = 420) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (380, height), "white").save(out, "PNG")
    return out.getvalue()


def _tile(count: int, change: int, oldest: float | None) -> dict:
    return {
        "count": count,
        "yesterday": count - change,
        "change": change,
        "oldest_days": oldest,
    }


BRIEF = Brief(
    day=date(2026, 11, 1),
    made_at=NOW,
    backlog={
        "untouched": _tile(18768, 12, 19.73),
        "in_progress": _tile(332, -4, 42.8),
        "coordination": _tile(22, 0, 40.5),
        "overdue": _tile(64, 1, 42.8),
    },
    flow={
        "today": {"new": 1204, "handled": 3, "rejected": 2},
        "week": {"new": 5120, "handled": 45, "rejected": 7},
    },
    flags=[
        {
            "kelurahan": "Kolhua",
            "code": "jalan_rusak",
            "name": "Jalan rusak / aspal terkelupas",
            "flag": "red",
            "unhandled": 5,
            "oldest_days": 19.73,
            "opd": "Dinas PUPR",
        }
    ],
    hotspots=[
        {
            "sentence": "Laporan sampah di sekitar Pasar Oeba (Fontein) meningkat 4"
            " minggu terakhir"
        }
    ],
    ranking=[
        {
            "rank": 1,
            "short_name": "DLHK",
            "opd_code": "DLHK",
            "total": 1930,
            "sla_decided": 1800,
            "within_sla_share": 0.874,
            "previous_within_sla_share": 0.85,
            "resolution_median_h": 36.0,
            "reopen_rate": 0.031,
            "few": False,
        },
        {
            "rank": None,
            "short_name": "Dinsos",
            "opd_code": "DINSOS",
            "total": 2,
            "sla_decided": 2,
            "within_sla_share": 1.0,
            "previous_within_sla_share": None,
            "resolution_median_h": 12.0,
            "reopen_rate": None,
            "few": True,
        },
    ],
    city_share=0.86,
    maps={"Bendera merah": _png(), "Tiket terbuka": _png()},
    rule="Merah: laporan yang belum mulai ditangani selama 7 hari atau lebih.",
)


def test_the_brief_reads_backlog_first_with_names_in_indonesian_formats():
    page = to_html(BRIEF)
    assert '<html lang="id">' in page
    assert "<h1>Laporan pagi Wali Kota — 1 November 2026</h1>" in page
    assert "dibuat 1 Nov 2026 08.00 WITA. Bagian kota dalam SLA (30 hari): 86%." in page
    # the backlog comes before the flow, the flags and the ranking
    assert page.index("Tunggakan saat ini") < page.index("Hari ini: 1.204 baru")
    assert (
        '<div class="tile untouched">Belum disentuh<b>18.768</b>'
        "<small>+12 sejak kemarin</small><small>tertua 19,7 hari</small></div>"
    ) in page
    assert "<small>sama dengan kemarin</small>" in page
    # rejected apart from handled
    assert "Hari ini: 1.204 baru, 3 selesai, 2 ditolak." in page
    assert (
        "<tr><td>Kolhua</td><td>Jalan rusak / aspal terkelupas</td>"
        '<td class="red">merah</td>\n<td class="n">5</td><td class="n">19,7</td>'
        "<td>Dinas PUPR</td></tr>"
    ) in page
    assert "jalan_rusak" not in page
    assert "<li>Laporan sampah di sekitar Pasar Oeba (Fontein) meningkat 4" in page
    assert (
        '<td class="n">1</td><td>DLHK</td><td class="n">1.930</td>'
        '<td class="n">87%</td><td class="n">▲ 2%</td><td class="n">1,5 hari</td>'
        '<td class="n">3%</td>'
    ) in page
    # one ticket out of two ranks nobody
    assert '<td class="n">–</td><td>Dinsos</td>' in page
    assert "terlalu sedikit tiket untuk diperingkat (2)" in page
    assert page.count("data:image/png;base64,") == 2


def test_the_brief_in_english_uses_english_words_and_numbers():
    with language("en"):
        page = to_html(BRIEF)
    assert '<html lang="en">' in page
    assert "Mayor&#39;s morning brief — 1 November 2026" in page
    assert "18,768" in page and ">19.7</td>" in page
    assert "Today: 1,204 new, 3 handled, 2 rejected." in page
    assert "too few tickets to rank (2)" in page and "Tepat SLA" not in page


def test_an_empty_morning_says_so():
    quiet = Brief(**{**BRIEF.__dict__, "flags": [], "hotspots": []})
    page = to_html(quiet)
    assert "Tidak ada bendera merah." in page and "<li>Tidak ada.</li>" in page


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def test_the_pdf_is_one_page_however_long_the_lists():
    pdf = to_pdf(BRIEF)
    assert pdf.startswith(b"%PDF") and _pages(pdf) == 1
    # a longer brief still fits one page: the maps give way
    crowded = Brief(**{**BRIEF.__dict__, "hotspots": BRIEF.hotspots * 6})
    assert _pages(to_pdf(crowded)) == 1


def test_the_brief_carries_early_warnings_and_the_weeks_policy_priorities():
    busy = Brief(
        **{
            **BRIEF.__dict__,
            "warnings": ["drainase di Oesapa: 14 laporan, perkiraan 0–1"] * 8,
            "priorities": [
                {
                    "title": "sampah di Sikumana",
                    "score": 73.6,
                    "reasons": [
                        {"reason": "115 laporan dalam 4 minggu terakhir"},
                        {"reason": "10 laporan belum selesai"},
                    ],
                }
            ]
            * 5,
        }
    )
    page = to_html(busy)
    assert "<h2>Peringatan dini</h2>" in page
    assert "<li>drainase di Oesapa: 14 laporan, perkiraan 0–1</li>" in page
    assert "<h2>Prioritas kebijakan minggu ini</h2>" in page
    assert (
        "<li><b>sampah di Sikumana</b> (73,6): 115 laporan dalam 4 minggu"
        " terakhir; 10 laporan belum selesai</li>"
    ) in page
    assert page.index("Peringatan dini") < page.index("Prioritas kebijakan")
    assert _pages(to_pdf(busy)) == 1


def test_the_city_lines_have_their_own_section():
    lines = ["Angkot: 37,6% penduduk …", "Penerangan jalan: 99,6% …"]
    page = to_html(Brief(**{**BRIEF.__dict__, "city": lines}))
    # a line per city layer, each the length of a real one, still one page
    long_line = "Kecelakaan: 12 bulan ini (bulan lalu 9); " + "x" * 240
    assert _pages(to_pdf(Brief(**{**BRIEF.__dict__, "city": [long_line] * 6}))) == 1
    assert (
        "<h2>Kota: kecelakaan, kemiskinan, penerangan jalan, angkot dan sampah</h2>"
        in page
    )
    assert "<li>Angkot: 37,6% penduduk …</li>" in page
    assert page.index("Kota: kecelakaan") < page.index("Prioritas kebijakan")
    assert "Kota: kecelakaan" not in to_html(BRIEF)  # no city data, no section
