"""The morning brief's page: the catalogue's words and Indonesian number formats."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image

from gis.i18n import language
from layers.brief import Brief, to_html, to_pdf
from tests.conftest import NOW


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


BRIEF = Brief(
    day=date(2026, 11, 1),
    made_at=NOW,
    counts={
        "today": {"untouched": 1204, "in_progress": 3, "handled": 0, "rejected": 2},
        "week": {"untouched": 18768, "in_progress": 55, "handled": 45, "rejected": 7},
    },
    flags=[
        {
            "kelurahan": "Kolhua",
            "category_code": "jalan_rusak",
            "flag": "red",
            "unhandled": 5,
            "oldest_days": 19.73,
        }
    ],
    emerging=[
        {
            "kelurahan": "Namosain",
            "category": "Sampah menumpuk",
            "pattern": "intensifying hot spot",
        }
    ],
    ranking=[
        {
            "rank": 1,
            "short_name": "DLHK",
            "opd_code": "DLHK",
            "total": 1930,
            "within_sla_share": 0.874,
        }
    ],
    city_share=0.86,
    maps={"Bendera merah": _png(), "Aduan 30 hari terakhir": _png()},
)


def test_the_brief_reads_in_indonesian_with_indonesian_numbers_and_wita_times():
    page = to_html(BRIEF)
    assert '<html lang="id">' in page
    assert "<h1>Laporan pagi Wali Kota — 1 November 2026</h1>" in page
    assert "dibuat 1 Nov 2026 08.00 WITA. Bagian kota dalam SLA (30 hari): 86%." in page
    assert "<b>1.204</b> hari ini" in page and "18.768 dalam 7 hari" in page
    # rejected reports are a group of their own, never counted as handled
    assert (
        '<td class="handled"><b>0</b> hari ini<br>\n45 dalam 7 hari<br>'
        "<small>Selesai ditangani</small></td>\n"
        '<td class="rejected"><b>2</b> hari ini<br>\n7 dalam 7 hari<br>'
        "<small>Ditolak</small></td>"
    ) in page
    assert '<td>merah</td>\n<td class="n">5</td><td class="n">19,7</td>' in page
    assert "Namosain: Sampah menumpuk — titik panas menguat" in page
    assert '<td class="n">1.930</td><td class="n">87%</td>' in page
    assert page.count("data:image/png;base64,") == 2


def test_the_brief_in_english_uses_english_words_and_numbers():
    with language("en"):
        page = to_html(BRIEF)
    assert '<html lang="en">' in page
    assert "Mayor&#39;s morning brief — 1 November 2026" in page
    assert "18,768 in 7 days" in page and ">19.7</td>" in page
    assert "intensifying hot spot" in page and "Tepat SLA" not in page


def test_an_empty_morning_says_so():
    quiet = Brief(**{**BRIEF.__dict__, "flags": [], "emerging": []})
    page = to_html(quiet)
    assert "Tidak ada bendera merah." in page and "<li>Tidak ada.</li>" in page


def test_the_pdf_is_one_page():
    pdf = to_pdf(BRIEF)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
