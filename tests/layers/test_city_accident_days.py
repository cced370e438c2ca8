"""Accidents per WITA day: ``accident_days`` follows every write to ``accidents``
and the "Kota" panel's accident windows read it, with the same answers as
summing the rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.importer import import_file
from gis.timeutil import WITA
from layers import get_layer
from layers.city.panel import COUNTED, city_panel
from tests.conftest import NOW

HEADER = (
    "no_laka;tanggal_kejadian;jam_kejadian;jumlah_meninggal;jumlah_luka_berat;"
    "jumlah_luka_ringan;bujur;lintang"
)
#: around the suite's now (1 November 2026 08:00 WITA); all in Oebobo
RECORDS = [
    # 1 November 00:30 WITA is 31 October 16:30 UTC: November's, in WITA
    "LP/D/1;2026-11-01;00:30;1;0;2;123,5950;-10,1650",
    # 31 October 23:50 WITA: October's last minutes
    "LP/D/2;2026-10-31;23:50;0;1;0;123,5950;-10,1650",
    "LP/D/3;2026-10-31;08:00;0;0;0;123,5950;-10,1650",
    # 1 October 00:10 WITA (30 September 16:10 UTC): last month's first
    "LP/D/4;2026-10-01;00:10;0;0;1;123,5950;-10,1650",
    # 30 September 23:59 WITA: neither this month nor last, within 12 months
    "LP/D/5;2026-09-30;23:59;2;0;0;123,5950;-10,1650",
    # 1 November 09:00 WITA: after now, not yet counted
    "LP/D/6;2026-11-01;09:00;0;0;3;123,5950;-10,1650",
    # 30 November 2025: outside the twelve months that start 1 December 2025
    "LP/D/7;2025-11-30;12:00;0;1;0;123,5950;-10,1650",
]


def _import(conn, tmp_path: Path, rows: list[str]):
    path = tmp_path / "laka.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return import_file(conn, get_layer("accidents"), path, now=NOW)


def _days(conn) -> dict[date, tuple[int, ...]]:
    rows = conn.execute(
        sa.text(f"SELECT day, {', '.join(COUNTED)} FROM accident_days ORDER BY day")
    ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def _raw_days(conn) -> dict[date, tuple[int, ...]]:
    rows = conn.execute(
        sa.text(
            "SELECT (occurred_at AT TIME ZONE 'Asia/Makassar')::date, count(*),"
            " sum(died), sum(serious_injuries), sum(minor_injuries),"
            " count(*) FILTER (WHERE pdo) FROM accidents GROUP BY 1 ORDER BY 1"
        )
    ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.fixture
def imported(conn, tmp_path):
    conn.execute(sa.text("DELETE FROM accidents"))
    assert _days(conn) == {}
    report = _import(conn, tmp_path, RECORDS)
    assert report.rows_written == len(RECORDS)
    return conn


def test_the_days_equal_the_rows_counted_by_wita_day_after_an_import(imported):
    assert _days(imported) == _raw_days(imported)
    assert _days(imported) == {
        date(2025, 11, 30): (1, 0, 1, 0, 0),
        date(2026, 9, 30): (1, 2, 0, 0, 0),
        date(2026, 10, 1): (1, 0, 0, 1, 0),
        date(2026, 10, 31): (2, 0, 1, 0, 1),
        date(2026, 11, 1): (2, 1, 0, 5, 0),
    }


def test_the_panel_counts_each_accident_in_its_wita_month_up_to_now(imported):
    accidents = city_panel(imported, NOW)["accidents"]
    # the 00:30 WITA accident only; the 09:00 one is after now
    assert accidents["this_month"] == {
        "accidents": 1,
        "died": 1,
        "serious_injuries": 0,
        "minor_injuries": 2,
        "pdo": 0,
    }
    # 1 October 00:10 to 31 October 23:50, not 30 September 23:59
    assert accidents["last_month"] == {
        "accidents": 3,
        "died": 0,
        "serious_injuries": 1,
        "minor_injuries": 1,
        "pdo": 1,
    }
    year = dict(accidents["last_12_months"])
    year.pop("per_1000_residents", None)
    assert year == {
        "accidents": 5,
        "died": 3,
        "serious_injuries": 1,
        "minor_injuries": 3,
        "pdo": 1,
    }


def test_later_in_the_day_the_same_days_count_what_has_happened_since(imported):
    evening = datetime(2026, 11, 1, 21, 0, tzinfo=WITA)
    accidents = city_panel(imported, evening)["accidents"]
    assert accidents["this_month"]["accidents"] == 2
    assert accidents["this_month"]["minor_injuries"] == 5
    # a month on, November is last month and October has left the window
    later = city_panel(imported, datetime(2026, 12, 1, 0, 30, tzinfo=WITA))
    assert later["accidents"]["this_month"]["accidents"] == 0
    assert later["accidents"]["last_month"]["accidents"] == 2


def test_importing_the_same_records_again_counts_nothing_twice(imported, tmp_path):
    before = _days(imported)
    report = _import(
        imported,
        tmp_path,
        [*RECORDS, "LP/D/8;2026-10-31;19:00;0;0;1;123,5950;-10,1650"],
    )
    # the seven known report numbers are rejected, the new one counts once
    assert report.rows_written == 1
    assert _days(imported) == {**before, date(2026, 10, 31): (3, 0, 1, 1, 1)}


def test_replacing_records_moves_their_counts_without_doubling(imported, tmp_path):
    before = _days(imported)
    imported.execute(sa.text("DELETE FROM accidents WHERE report_no LIKE 'LP/D/%'"))
    assert _days(imported) == {}
    _import(imported, tmp_path, RECORDS)
    assert _days(imported) == before
    # a corrected record: a day later and one more slightly injured
    imported.execute(
        sa.text(
            "UPDATE accidents SET occurred_at = occurred_at + interval '1 day',"
            " minor_injuries = minor_injuries + 1 WHERE report_no = 'LP/D/5'"
        )
    )
    after = _days(imported)
    assert date(2026, 9, 30) not in after
    assert after[date(2026, 10, 1)] == (2, 2, 0, 2, 0)
    assert after == _raw_days(imported)


def test_emptying_the_table_empties_the_days(imported):
    imported.execute(sa.text("TRUNCATE accidents"))
    assert _days(imported) == {}
