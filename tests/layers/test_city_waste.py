"""Waste collection: points and routes imported with their schedule, coverage per
kelurahan, and a TPS whose rubbish reports fall on days without collection."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.errors import ImportFailed
from gis.importer import import_file
from gis.timeutil import WITA
from layers import get_layer
from layers.city.brief_lines import city_lines
from layers.city.panel import city_panel
from layers.city.waste_checks import (
    MANY_REPORTS,
    SCHEDULE_PROBLEM,
    WasteParameters,
    analyse_waste,
    benjamini_hochberg,
    coverage,
    schedule_checks,
)
from layers.complaints import create_complaint
from tests.conftest import NOW
from tests.kupang import FATULULI

pytestmark = pytest.mark.clock

ELSEWHERE = (123.5900, -10.1700)
#: Monday 19 October 2026, 10:00 WITA: day 1 of a whole week before NOW
MONDAY = datetime(2026, 10, 19, 10, 0, tzinfo=WITA)
WEEK = WasteParameters(window_days=21)


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _route(conn, tmp_path, days: str = "Senin, Kamis") -> None:
    lon, lat = FATULULI
    import_file(
        conn,
        get_layer("waste_routes"),
        _write(
            tmp_path,
            "rute.csv",
            [
                "kode;nama;hari;shift;wkt",
                f'R1;Rute Oebobo;"{days}";pagi;"LINESTRING({lon} {lat}, {lon + 0.01}'
                f' {lat})"',
            ],
        ),
    )


def _point(conn, lon_lat=FATULULI, code="TPS-1", route="R1") -> int:
    return conn.execute(
        sa.text(
            "INSERT INTO waste_points (code, name, kind, route_code, kelurahan_kode,"
            " geom) SELECT :code, :code, 'tps', :route, sigap_kelurahan_at(g), g FROM"
            " (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS g) x RETURNING id"
        ),
        {"code": code, "route": route, "lon": lon_lat[0], "lat": lon_lat[1]},
    ).scalar_one()


def _kelurahan(conn) -> str:
    return conn.execute(
        sa.text("SELECT sigap_kelurahan_at(ST_SetSRID(ST_MakePoint(:x, :y), 4326))"),
        {"x": FATULULI[0], "y": FATULULI[1]},
    ).scalar_one()


@pytest.fixture
def fatululi_residents(conn) -> str:
    """The TPS's kelurahan as the only one with indicators: 10 000 residents in
    a period after every other (its code is returned)."""
    kode = _kelurahan(conn)
    conn.execute(sa.text("DELETE FROM kelurahan_indicators"))
    conn.execute(
        sa.text(
            "INSERT INTO kelurahan_indicators (kelurahan_kode, period, population,"
            " source) VALUES (:k, '2099', 10000, 'uji')"
        ),
        {"k": kode},
    )
    return kode


def _road_east_of_fatululi(conn) -> None:
    """A straight 1 km road west → east starting at the TPS (1 km ≈ 0.00913°)."""
    lon, lat = FATULULI
    conn.execute(
        sa.text(
            "INSERT INTO roads (name, road_class, geom) VALUES ('Jl. Uji', 'lokal',"
            " ST_MakeLine(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),"
            " ST_Project(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography,"
            " 1000, radians(90))::geometry))"
        ),
        {"lon": lon, "lat": lat},
    )


def _rubbish(conn, weekday_counts: dict[int, int], where) -> None:
    """``weekday_counts``: ISO weekday → reports that day of the week of MONDAY."""
    for day, n in weekday_counts.items():
        for i in range(n):
            create_complaint(
                conn,
                category_code="kebersihan",
                lon=where[0] + 0.00005 * i,
                lat=where[1],
                reported_at=MONDAY + timedelta(days=day - 1, minutes=i),
            )


def test_points_and_routes_are_imported_with_their_days_and_bad_rows_named(
    conn, tmp_path
):
    lon, lat = FATULULI
    routes = _write(
        tmp_path,
        "rute.csv",
        [
            "kode_rute;nama_rute;hari_angkut;shift;kendaraan;wkt",
            f'R1;Rute 1;"Senin, Kamis";pagi;dump truck;"LINESTRING({lon} {lat},'
            f' {lon + 0.01} {lat})"',
            f'R2;Rute 2;"sabtu/SELASA";malam;;"LINESTRING({lon} {lat}, {lon} {lat + 0.01})"',
            f'R3;Rute 3;"Senin, Libur";pagi;;"LINESTRING({lon} {lat}, {lon} {lat + 0.01})"',
            f'R4;Rute 4;;pagi;;"LINESTRING({lon} {lat}, {lon} {lat + 0.01})"',
        ],
    )
    report = import_file(conn, get_layer("waste_routes"), routes)
    assert report.rows_written == 2
    assert [(r.row, r.field) for r in report.rejected] == [
        (3, "collection_days"),
        (4, "collection_days"),
    ]
    assert "Libur" in report.rejected[0].reason
    assert conn.execute(
        sa.text("SELECT code, collection_days, shift FROM waste_routes ORDER BY code")
    ).all() == [("R1", [1, 4], "pagi"), ("R2", [2, 6], "malam")]

    points = _write(
        tmp_path,
        "tps.csv",
        [
            "kode_tps;nama_tps;jenis;kapasitas;rute;hari;lon;lat",
            f"T1;TPS Fatululi;tps;6;R1;;{lon};{lat}",
            f"T2;Bak Oebobo;bak_sampah;1.5;;Rabu;{lon + 0.001};{lat}",
            f"T3;Gudang;gudang;6;R1;;{lon};{lat}",
            f"T4;TPS Laut;tps;6;R9;;{lon};{lat}",
        ],
    )
    report = import_file(conn, get_layer("waste_points"), points)
    assert report.rows_written == 2, report.rejected
    assert [(r.row, r.field) for r in report.rejected] == [
        (3, "kind"),
        (4, "route_code"),
    ]
    assert conn.execute(
        sa.text(
            "SELECT code, kind, capacity_m3, route_code, collection_days,"
            " kelurahan_kode FROM waste_points ORDER BY code"
        )
    ).all() == [
        ("T1", "tps", 6.0, "R1", None, _kelurahan(conn)),
        ("T2", "bak_sampah", 1.5, None, [3], _kelurahan(conn)),
    ]


def test_a_file_with_no_valid_row_changes_nothing(conn, tmp_path):
    _route(conn, tmp_path)
    bad = _write(
        tmp_path, "rute2.csv", ["kode;nama;hari;shift;wkt", "R9;X;Libur;pagi;"]
    )
    with pytest.raises(ImportFailed):
        import_file(conn, get_layer("waste_routes"), bad)
    assert conn.execute(sa.text("SELECT code FROM waste_routes")).all() == [("R1",)]


def test_off_day_reports_are_tested_against_the_citys_weekly_rhythm(conn, tmp_path):
    assert not conn.execute(
        sa.text("SELECT count(*) FROM complaints WHERE category_code = 'kebersihan'")
    ).scalar()
    _route(conn, tmp_path)  # Senin and Kamis
    point = _point(conn)
    _rubbish(conn, dict.fromkeys(range(1, 8), 2), ELSEWHERE)  # 14 far away
    _rubbish(conn, {1: 1, 2: 3, 3: 2, 5: 2, 6: 1, 7: 1}, FATULULI)  # 10 at the TPS
    [check] = schedule_checks(conn, NOW, WEEK)
    # city: Mon 3, Tue 5, Wed 4, Thu 2, Fri 4, Sat 3, Sun 3 of 24 → off share 19/24
    p = 19 / 24
    assert check["point_id"] == point
    assert (check["reports"], check["off_day_reports"]) == (10, 9)
    assert check["expected_off_share"] == pytest.approx(p)
    assert check["p_value"] == pytest.approx(10 * p**9 * (1 - p) + p**10)  # 0.351
    assert check["verdict"] == MANY_REPORTS


def test_a_tps_whose_reports_all_fall_on_days_without_collection_is_flagged(
    conn, tmp_path
):
    _route(conn, tmp_path)
    _point(conn)
    _rubbish(conn, dict.fromkeys(range(1, 8), 10), ELSEWHERE)
    _rubbish(conn, {2: 6, 3: 6, 5: 6, 6: 6, 7: 6}, FATULULI)
    [check] = schedule_checks(conn, NOW, WEEK)
    # city: Mon 10 and Thu 10 of 100 → off share 0.8; 30 of 30 off: 0.8^30
    assert check["expected_off_share"] == pytest.approx(0.8)
    assert check["p_value"] == pytest.approx(0.8**30)
    assert check["verdict"] == SCHEDULE_PROBLEM


def test_benjamini_hochberg_matches_hand_computed_q_values():
    import numpy as np

    q = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5]))
    # sorted 0.01, 0.03, 0.04, 0.5 → ×4/1, ×4/2, ×4/3, ×4/4 → 0.04, 0.06, 0.0533, 0.5
    # then the running minimum from the top: 0.04, 0.0533, 0.0533, 0.5
    assert q.tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])


def test_residents_covered_follow_the_road_length_within_walking_distance(
    conn, fatululi_residents
):
    kode = fatululi_residents
    _road_east_of_fatululi(conn)
    _point(conn, route=None)
    row = {r["kelurahan_kode"]: r for r in coverage(conn, NOW)}[kode]
    inside = conn.execute(
        sa.text(
            "SELECT sum(ST_Length(ST_Intersection(r.geom, k.geom)::geography))"
            " FROM roads r, kelurahan k WHERE k.kode = :k"
        ),
        {"k": kode},
    ).scalar_one()
    # 300 m of road are within walking distance of the TPS (buffer drawn as a
    # polygon: within 1 %)
    assert row["covered_share"] == pytest.approx(300 / inside, rel=0.01)
    assert row["residents_covered"] == pytest.approx(10000 * 300 / inside, rel=0.01)
    assert row["points"] == 1


def test_the_analysis_replaces_its_results(conn, tmp_path):
    _route(conn, tmp_path)
    _point(conn)
    _rubbish(conn, {1: 5, 4: 5}, ELSEWHERE)
    _rubbish(conn, {2: 9}, FATULULI)
    first = analyse_waste(conn, NOW, WEEK)
    again = analyse_waste(conn, NOW, WEEK)
    assert (
        first
        == again
        == {
            "points_checked": 1,
            "schedule_problems": 1,
            "kelurahan": 51,
        }
    )
    assert (
        conn.execute(sa.text("SELECT count(*) FROM waste_schedule_checks")).scalar()
        == 1
    )


def test_the_panel_and_the_brief_name_the_tps_whose_collection_days_to_check(
    conn, tmp_path, fatululi_residents
):
    kode = fatululi_residents
    _road_east_of_fatululi(conn)
    _route(conn, tmp_path)
    _point(conn)
    _rubbish(conn, dict.fromkeys(range(1, 8), 10), ELSEWHERE)
    _rubbish(conn, {2: 6, 3: 6, 5: 6, 6: 6, 7: 6}, FATULULI)
    analyse_waste(conn, NOW, WEEK)
    [check] = schedule_checks(conn, NOW, WEEK)
    waste = city_panel(conn, NOW)["waste"]
    # 300 m of the road's 683 m inside Fatululi are within a walk of the TPS
    assert waste["residents_covered"] == 4390
    assert (waste["points"], waste["population"], waste["share"]) == (1, 10000, 0.439)
    assert (waste["rubbish_reports"], waste["reports_covered"]) == (100, 30)
    assert waste["reports_share"] == 0.3
    assert waste["schedule_problems"] == [
        {
            "code": "TPS-1",
            "name": "TPS-1",
            "kode": kode,
            "nama": "Fatululi",
            "reports": 30,
            "off_day_reports": 30,
            "p_value": check["p_value"],
        }
    ]
    assert city_lines(conn, NOW) == [
        "Penduduk (2099): 10.000 penduduk; belum ada data kemiskinan.",
        "Angkutan sampah: 43,9% penduduk (4.390 dari 10.000) tinggal dalam 300 m"
        " jalan kaki dari titik sampah; 30,0% dari 100 laporan sampah berada di"
        " dekatnya. Periksa jadwal angkut TPS-1 (30 dari 30 laporan di hari tanpa"
        " angkutan).",
    ]
