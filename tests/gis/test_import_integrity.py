"""An import never loses a row: every row of the file is loaded, or rejected with
its row number and reason, or the whole file is refused and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from gis.errors import ImportFailed
from gis.importer import import_file
from layers import get_layer
from tests.conftest import NOW, count

CENTROIDS = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "boundaries"
    / "kupang_kelurahan_centroids.csv"
)
HEADER = "ticket,kategori,lon,lat,status,tanggal,deskripsi"


@pytest.fixture(scope="module")
def points() -> list[tuple[float, float]]:
    table = pd.read_csv(CENTROIDS)
    return list(zip(table.rep_point_lon, table.rep_point_lat))


def _rows(points, n: int, first: int = 1) -> list[str]:
    return [
        f"KPG-2610-9{i:05d},jalan_berlubang,{points[i % 40][0]},{points[i % 40][1]},"
        f"diproses,2026-10-{1 + i % 28:02d},lubang ke-{i}"
        for i in range(first, first + n)
    ]


def _write(tmp_path: Path, lines: list[str], name: str = "aduan.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(conn, path: Path, **options):
    return import_file(conn, get_layer("complaints"), path, now=NOW, **options)


@pytest.mark.parametrize("strict", [False, True])
def test_an_unterminated_quote_refuses_the_whole_file_naming_the_row(
    conn, tmp_path, points, strict
):
    lines = [HEADER, *_rows(points, 20)]
    lines[10] = lines[10].replace("jalan_berlubang", '"jalan_berlubang')
    before = count(conn, "complaints")
    with pytest.raises(ImportFailed, match=r"row 10: .*quote left open"):
        _import(conn, _write(tmp_path, lines), strict=strict)
    assert count(conn, "complaints") == before


def test_a_row_with_the_wrong_number_of_fields_refuses_the_file(conn, tmp_path, points):
    lines = [HEADER, *_rows(points, 5)]
    lines[3] += ",sisa"
    with pytest.raises(ImportFailed, match="row 3: 8 fields where the header has 7"):
        _import(conn, _write(tmp_path, lines))


def test_a_nul_byte_rejects_its_row_whole_and_the_rest_is_loaded(
    conn, tmp_path, points
):
    lines = [HEADER, *_rows(points, 5)]
    lines[3] = lines[3].replace("lubang ke-3", "lubang\x00 ke-3")
    report = _import(conn, _write(tmp_path, lines))
    assert report.rows_read == 5 and report.rows_written == 4
    [rejected] = report.rejected
    assert (rejected.row, rejected.field) == (3, "description")
    assert "NUL" in rejected.reason
    assert count(conn, "complaints", "ticket = 'KPG-2610-900003'") == 0
    assert count(conn, "complaints", "ticket = 'KPG-2610-900004'") == 1


def test_a_row_breaking_a_table_rule_is_a_rejection_not_a_traceback(
    conn, tmp_path, points
):
    lines = [HEADER + ",resolved_at", *(r + ",2026-10-20" for r in _rows(points, 3))]
    lines[2] = lines[2].replace(",2026-10-20", ",2026-09-01")  # before the report
    report = _import(conn, _write(tmp_path, lines))
    assert report.rows_written == 2
    [rejected] = report.rejected
    assert rejected.row == 2 and rejected.field == "reported_at, resolved_at"
    assert "complaints_resolved_after_report" in rejected.reason


def test_columns_that_feed_no_field_are_reported(conn, tmp_path, points):
    lines = [HEADER + ",catatan_internal", *(r + ",x" for r in _rows(points, 2))]
    report = _import(conn, _write(tmp_path, lines))
    assert report.ignored_columns == ["catatan_internal"]
    assert any("catatan_internal" in line for line in report.summary())


def test_quoted_line_breaks_and_semicolons_with_decimal_commas_are_read(
    conn, tmp_path, points
):
    x, y = (str(v).replace(".", ",") for v in points[7])
    lines = [
        "kategori;bujur;lintang;tanggal;deskripsi",
        f'kebersihan;{x};{y};2026-10-02;"sampah menumpuk,\nbau sekali"',
        f"kebersihan;{x};{y};2026-10-03;lagi",
    ]
    report = _import(conn, _write(tmp_path, lines))
    assert (report.rows_read, report.rows_written, report.rejected) == (2, 2, [])
    assert count(conn, "complaints", "description = 'sampah menumpuk,\nbau sekali'")


def test_a_file_that_is_not_utf8_is_refused_with_how_to_fix_it(conn, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "kategori,lon,lat,deskripsi\nkebersihan,1,2,caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(ImportFailed, match="not UTF-8 text .*CSV UTF-8"):
        _import(conn, path)
