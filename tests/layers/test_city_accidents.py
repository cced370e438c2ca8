"""The accidents layer: police records in, placed on SIGAP's roads when they carry
no coordinates, rejected row by row with reasons, never with names or NIK."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from gis.errors import ImportFailed
from gis.importer import import_file
from layers import get_layer
from tests.conftest import NOW, count

#: two test roads in Oebobo that cross once, at (123.5900, -10.1700)
ROADS = (
    ("Jl. Uji Timur", "arteri", "LINESTRING(123.5800 -10.1700, 123.6000 -10.1700)"),
    ("Jl. Jend. Uji", "kolektor", "LINESTRING(123.5900 -10.1800, 123.5900 -10.1600)"),
)
HEADER = (
    "no_laka;tanggal_kejadian;jam_kejadian;jumlah_meninggal;jumlah_luka_berat;"
    "jumlah_luka_ringan;tingkat_kecelakaan;nama_jalan;km;simpang;nama_korban;nik;"
    "keterangan;bujur;lintang"
)


@pytest.fixture
def roads(conn):
    for name, road_class, wkt in ROADS:
        conn.execute(
            sa.text(
                "INSERT INTO roads (name, road_class, geom)"
                " VALUES (:n, :c, ST_GeomFromText(:w, 4326))"
            ),
            {"n": name, "c": road_class, "w": wkt},
        )


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "laka.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _import(conn, path: Path, **options):
    return import_file(conn, get_layer("accidents"), path, now=NOW, **options)


def test_records_are_placed_by_coordinates_km_or_junction(conn, roads, tmp_path):
    path = _write(
        tmp_path,
        [
            "LP/1;2026-10-05;21.30;1;0;2;Berat;Jl. Uji Timur;1+000;;;;SPM;;",
            "LP/2;2026-10-06;07:15;0;1;0;Sedang;jalan jenderal uji;;JL. UJI TIMUR;;;;;",
            "LP/3;2026-10-07;;0;0;0;Ringan;;;;;;;123,5950;-10,1650",
        ],
    )
    report = _import(conn, path)
    assert report.rows_written == 3
    assert report.rejected == []
    rows = conn.execute(
        sa.text(
            "SELECT a.report_no, a.location_method, a.pdo, a.severity,"
            " to_char(a.occurred_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD HH24:MI'),"
            " round(ST_Distance(ST_Transform(a.geom, 32751), ST_Transform("
            "  ST_SetSRID(ST_MakePoint(123.58, -10.17), 4326), 32751))::numeric, 1),"
            " round(ST_Distance(ST_Transform(a.geom, 32751), ST_Transform("
            "  ST_SetSRID(ST_MakePoint(123.59, -10.17), 4326), 32751))::numeric, 1),"
            " r.name FROM accidents a LEFT JOIN roads r ON r.id = a.road_id"
            " WHERE a.report_no LIKE 'LP/%' ORDER BY a.report_no"
        )
    ).all()
    # km 1+000 lies 1000 m from the road's start; the junction is the crossing
    assert [tuple(r[:5]) for r in rows] == [
        ("LP/1", "road_km", False, "berat", "2026-10-05 21:30"),
        ("LP/2", "junction", False, "sedang", "2026-10-06 07:15"),
        ("LP/3", "coordinates", True, "ringan", "2026-10-07 00:00"),
    ]
    assert float(rows[0][5]) == pytest.approx(1000.0, abs=0.5)
    assert float(rows[1][6]) == pytest.approx(0.0, abs=0.5)
    assert rows[0][7] == "Jl. Uji Timur"


def test_rows_that_cannot_be_used_are_rejected_naming_row_and_field(
    conn, roads, tmp_path
):
    path = _write(
        tmp_path,
        [
            "LP/1;2026-10-05;21.30;1;0;2;Berat;Jl. Uji Timur;0,5;;;;;;",
            "LP/2;2026-10-05;25:10;0;0;1;Ringan;Jl. Uji Timur;1;;;;;;",
            "LP/3;2026-10-05;10:00;0;0;1;Ringan;Jl. Tidak Ada;1;;;;;;",
            "LP/4;2026-10-05;10:00;0;0;1;Ringan;Jl. Uji Timur;;;;;;;",
            "LP/5;2026-10-05;10:00;0;0;1;Ringan;Jl. Uji Timur;9;;;;;;",
            "LP/6;2026-10-05;10:00;0;0;1;Ringan;;;;;;;;",
            "LP/7;2026-10-05;10:00;0;0;1;Ringan;Jl. Uji Timur;;Jl. Entah;;;;;",
            "LP/8;2026-10-05;10:00;0;0;1;Ringan;Jl. Uji Timur;km tiga;;;;;;",
            "LP/9;kemarin;10:00;0;0;1;Ringan;Jl. Uji Timur;1;;;;;;",
            "LP/10;2026-10-05;10:00;0;0;dua;Ringan;Jl. Uji Timur;1;;;;;;",
            "LP/11;2026-10-05;10:00;0;0;0;Parah;Jl. Uji Timur;1;;;;;;",
            "LP/1;2026-10-05;10:00;0;0;0;Ringan;Jl. Uji Timur;1;;;;;;",
            "LP/13;2026-10-05;10:00;0;0;0;Ringan;;;;;;;124,5;-10,1",
        ],
    )
    report = _import(conn, path)
    assert report.rows_written == 1
    assert [(r.row, r.field) for r in report.rejected] == [
        (2, "occurred_time"),
        (3, "road_name"),
        (4, "geometry"),
        (5, "km"),
        (6, "geometry"),
        (7, "simpang"),
        (8, "km"),
        (9, "occurred_at"),
        (10, "minor_injuries"),
        (11, "severity"),
        (12, "report_no"),
        (13, "geometry"),
    ]
    reasons = {r.row: r.reason for r in report.rejected}
    assert reasons[3].endswith(
        "road 'Jl. Tidak Ada' is not among SIGAP's roads: cannot be placed"
    )
    assert reasons[5].endswith(
        "km 9.0 is beyond the end of 'Jl. Uji Timur' (2.2 km long)"
    )
    # Indonesian first, both halves filled in
    assert reasons[5].startswith(
        "km 9.0 melewati ujung 'Jl. Uji Timur' (panjang 2.2 km) /"
    )
    assert reasons[12] == "'LP/1' repeats row 1"
    assert reasons[13].endswith("outside Kota Kupang")


def test_names_and_identity_numbers_never_reach_the_database(conn, roads, tmp_path):
    path = _write(
        tmp_path,
        [
            "LP/1;2026-10-05;21.30;1;0;2;Berat;Jl. Uji Timur;1;;Yohanes Bria;"
            "5371012345670001;SPM;;"
        ],
    )
    report = _import(conn, path)
    assert report.personal_columns == ["nama_korban", "nik"]
    assert any("nama_korban, nik" in line for line in report.summary())
    stored = conn.execute(
        sa.text("SELECT string_agg(row_to_json(a)::text, '') FROM accidents a")
    ).scalar_one()
    assert "Yohanes" not in stored and "5371012345670001" not in stored


def test_nothing_is_written_when_no_row_can_be_placed(conn, roads, tmp_path):
    path = _write(tmp_path, ["LP/1;2026-10-05;10:00;0;0;1;Ringan;Jl. Entah;1;;;;;;"])
    before = count(conn, "accidents")
    with pytest.raises(ImportFailed, match="No valid rows"):
        _import(conn, path)
    assert count(conn, "accidents") == before


def test_spreadsheets_and_geopackages_go_through_the_same_import(conn, roads, tmp_path):
    table = pd.DataFrame(
        {
            "No LAKA": ["LP/X1", "LP/X2"],
            "tanggal_kejadian": [
                pd.Timestamp("2026-10-05"),
                pd.Timestamp("2026-10-06"),
            ],
            "jam_kejadian": ["08:00", "19:45"],
            "jumlah_meninggal": [0, 2],
            "nama_jalan": ["Jl. Uji Timur", "Jl. Uji Timur"],
            "km": ["0+250", "2"],
        }
    ).rename(columns={"No LAKA": "no_laka"})
    xlsx = tmp_path / "laka.xlsx"
    table.to_excel(xlsx, index=False)
    report = _import(conn, xlsx)
    assert (report.rows_written, report.rejected) == (2, [])
    points = gpd.GeoDataFrame(
        {
            "no_laka": ["LP/G1"],
            "tanggal_kejadian": ["2026-10-07"],
            "jumlah_luka_ringan": [1],
        },
        geometry=[shapely.Point(123.5950, -10.1650)],
        crs=4326,
    )
    gpkg = tmp_path / "laka.gpkg"
    points.to_file(gpkg)
    assert _import(conn, gpkg).rows_written == 1
    assert (
        conn.execute(
            sa.text(
                "SELECT string_agg(report_no || ':' || location_method || ':' || died,"
                " ',' ORDER BY report_no) FROM accidents WHERE report_no LIKE 'LP/%'"
            )
        ).scalar_one()
        == "LP/G1:coordinates:0,LP/X1:road_km:0,LP/X2:road_km:2"
    )
