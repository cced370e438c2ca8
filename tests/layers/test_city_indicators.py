"""Population and poverty per kelurahan: aggregates in, matched to the real
kelurahan, individual records refused, a period replaced when imported again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from gis.errors import ImportFailed
from layers.city.indicators import import_indicators, per_1000

HEADER = "kode_kelurahan;nama_kelurahan;tahun;jumlah_penduduk;jumlah_kk;penduduk_miskin;kpm_pkh;sumber"


def _write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "indikator.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_rows_are_matched_by_code_or_name_and_the_rest_rejected(conn, tmp_path):
    path = _write(
        tmp_path,
        [
            "53.71.01.1001;;2024;12.345;3100;1.020;210;BPS 2024",
            ";kelurahan NUNBAUN SABU;2024;8000;2000;700;150;",
            "5371011003;;2024;6000;;;;",
            ";Namosein;2024;5000;;;;",
            ";Nunhila;2024;dua ribu;;;;",
            ";Nunhila;;4000;;;;",
            "53.71.01.1001;;2024;100;;;;",
            ";Nunhila;2024;400;;500;;",
        ],
    )
    report = import_indicators(conn, path, source="Bappeda")
    assert report.rows_written == 3
    assert [(r.row, r.field) for r in report.rejected] == [
        (4, "kelurahan"),
        (5, "population"),
        (6, "period"),
        (7, "kelurahan"),
        (8, "poor_people"),
    ]
    assert "Namosain" in report.rejected[0].reason  # the nearest real name
    rows = conn.execute(
        sa.text(
            "SELECT kelurahan_kode, population, households, poor_people,"
            " pkh_families, source, synthetic FROM kelurahan_indicators"
            " WHERE period = '2024' ORDER BY kelurahan_kode"
        )
    ).all()
    assert [tuple(r) for r in rows] == [
        ("53.71.01.1001", 12345, 3100, 1020, 210, "BPS 2024", False),
        ("53.71.01.1002", 8000, 2000, 700, 150, "Bappeda", False),
        ("53.71.01.1003", 6000, None, None, None, "Bappeda", False),
    ]


def test_importing_a_period_again_replaces_it_and_keeps_the_others(conn, tmp_path):
    import_indicators(conn, _write(tmp_path, ["53.71.01.1001;;2023;12000;;;;"]))
    import_indicators(conn, _write(tmp_path, ["53.71.01.1001;;2024;12100;;;;"]))
    import_indicators(conn, _write(tmp_path, ["53.71.01.1001;;2024;12200;;;;"]))
    assert (
        conn.execute(
            sa.text(
                "SELECT string_agg(period || '=' || population, ',' ORDER BY period)"
                " FROM kelurahan_indicators WHERE kelurahan_kode = '53.71.01.1001'"
            )
        ).scalar_one()
        == "2023=12000,2024=12200"
    )
    rates = per_1000(conn, pd.Series({"53.71.01.1001": 61, "53.71.01.1002": 3}))
    # the newest period: 61 / 12 200 · 1 000 = 5.0; no population → no rate
    assert rates.loc["53.71.01.1001", "per_1000"] == pytest.approx(5.0)
    assert pd.isna(rates.loc["53.71.01.1002", "per_1000"])


def test_individual_records_are_refused_whole(conn, tmp_path):
    path = _write(
        tmp_path,
        ["Nunhila;2024;1;5371012345670001;Maria;Jl. Sasando 3"],
        header="nama_kelurahan;tahun;jumlah_penduduk;nik;nama_lengkap;alamat",
    )
    with pytest.raises(
        ImportFailed,
        match=r"individual records \(nik, nama_lengkap,"
        r" alamat\).*nothing was imported",
    ):
        import_indicators(conn, path)
    assert (
        conn.execute(sa.text("SELECT count(*) FROM kelurahan_indicators")).scalar_one()
        == 0
    )


def test_a_spreadsheet_from_the_dinas_sosial_imports_the_same(conn, tmp_path):
    path = tmp_path / "dtsen.xlsx"
    pd.DataFrame(
        {
            "Kode_Kelurahan": ["5371011004"],
            "Tahun": [2025],
            "Jumlah_Penduduk": [9100],
            "Keluarga_Desil_1_4": [640],
            "P3KE_Miskin_Ekstrem": [31],
        }
    ).to_excel(path, index=False)
    assert import_indicators(conn, path).rows_written == 1
    assert conn.execute(
        sa.text(
            "SELECT period, population, dtsen_d1_4_families, p3ke_extreme_families"
            " FROM kelurahan_indicators WHERE kelurahan_kode = '53.71.01.1004'"
        )
    ).one() == ("2025", 9100, 640, 31)
