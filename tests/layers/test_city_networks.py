"""Angkot coverage and street lighting, first on a hand-made network inside the
largest kelurahan (distances in metres around its centre c), then on the demo.

    H: (600,0)→(600,100)→(−250,100), a lane that passes 112 m from the stop
       but meets the rest only at (600,0): a 900 m walk away
    C: (0,0)→(0,200), lokal, crosses H on a bridge (no shared node)
    A: (−300,0)→(0,0) arteri, the stop S at (−300,0)
    B: (0,0)→(600,0) arteri

Walk from S: to (0,0) 300 m, so A whole (300), B and C 100 m each, H none:
500 of 2 050 road metres, 1 000 residents → 244 covered. A working pole at
(−150, 30) lights the two 25 m pieces of A whose midpoints are within 40 m
(x = −162.5 and −137.5: √(12.5² + 30²) = 32.5 m); a dead pole at (300, 5) lights nothing:
50 of the 900 arterial metres.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from gis.db import METRIC_SRID
from layers.city.brief_lines import city_lines
from layers.city.networks import run_networks
from layers.demo import generate_demo
from tests.conftest import NOW


def _line(cx: float, cy: float, *points: tuple[float, float]) -> str:
    inner = ", ".join(f"{cx + x} {cy + y}" for x, y in points)
    return f"SRID={METRIC_SRID};LINESTRING({inner})"


@pytest.fixture
def hand_made(conn):
    for table in ("streetlights", "transit_stops", "transit_routes", "roads"):
        conn.execute(sa.text(f"DELETE FROM {table}"))
    conn.execute(sa.text("DELETE FROM kelurahan_indicators"))
    kode, cx, cy = conn.execute(
        sa.text(
            f"SELECT kode, ST_X(c), ST_Y(c) FROM (SELECT kode, ST_Transform("
            f"ST_PointOnSurface(geom), {METRIC_SRID}) AS c, area_km2 FROM kelurahan) k"
            f" WHERE ST_Contains((SELECT ST_Transform(geom, {METRIC_SRID})"
            " FROM kelurahan WHERE kode = k.kode), ST_Buffer(c, 700))"
            " ORDER BY area_km2 DESC LIMIT 1"
        )
    ).one()
    roads = {
        "A": ("arteri", [(-300, 0), (0, 0)]),
        "B": ("arteri", [(0, 0), (600, 0)]),
        "C": ("lokal", [(0, 0), (0, 200)]),
        "H": ("lokal", [(600, 0), (600, 100), (-250, 100)]),
    }
    for name, (road_class, points) in roads.items():
        conn.execute(
            sa.text(
                "INSERT INTO roads (name, road_class, geom) VALUES (:name, :class,"
                " ST_Transform(ST_GeomFromEWKT(:wkt), 4326))"
            ),
            {"name": name, "class": road_class, "wkt": _line(cx, cy, *points)},
        )

    def point(x: float, y: float) -> str:
        return f"ST_Transform(ST_GeomFromEWKT('SRID={METRIC_SRID};POINT({cx + x} {cy + y})'), 4326)"

    conn.execute(
        sa.text(
            "INSERT INTO transit_stops (name, route_codes, geom) VALUES"
            f" ('S', ARRAY['T1'], {point(-300, 0)})"
        )
    )
    conn.execute(
        sa.text(
            "INSERT INTO transit_routes (code, name, geom) VALUES ('T1', 'Uji',"
            " ST_Multi(ST_Transform(ST_GeomFromEWKT(:wkt), 4326)))"
        ),
        {"wkt": _line(cx, cy, (-300, 0), (0, 0), (600, 0))},
    )
    conn.execute(
        sa.text(
            "INSERT INTO streetlights (pole_id, status, geom) VALUES"
            f" ('P1', 'menyala', {point(-150, 30)}), ('P2', 'mati', {point(300, 5)})"
        )
    )
    conn.execute(
        sa.text(
            "INSERT INTO kelurahan_indicators (kelurahan_kode, period, population,"
            " source) VALUES (:kode, '2024', 1000, 'uji')"
        ),
        {"kode": kode},
    )
    return kode


def _row(conn, table: str, run_id: int, kode: str) -> dict:
    return dict(
        conn.execute(
            sa.text(f"SELECT * FROM {table} WHERE run_id = :r AND kelurahan_kode = :k"),
            {"r": run_id, "k": kode},
        )
        .mappings()
        .one()
    )


def test_coverage_walks_the_roads_not_the_crow_flight(conn, hand_made):
    run_id = run_networks(conn, NOW)
    row = _row(conn, "angkot_coverage", run_id, hand_made)
    assert row["road_m"] == pytest.approx(2050.0, abs=0.5)
    assert row["covered_m"] == pytest.approx(500.0, abs=0.5)
    assert row["share"] == pytest.approx(500 / 2050, abs=1e-3)
    assert row["population"] == 1000
    assert row["residents_covered"] == 244
    assert row["stops"] == 1
    assert row["routes"] == ["T1"]
    summary = conn.execute(
        sa.text("SELECT kind, status, summary FROM city_runs WHERE id = :r"),
        {"r": run_id},
    ).one()
    assert summary.kind == "networks" and summary.status == "done"
    assert summary.summary["stops_placed"] == 1
    assert summary.summary["residents_covered"] == 244


def test_a_road_piece_is_lit_by_a_working_pole_within_40_m(conn, hand_made):
    run_id = run_networks(conn, NOW)
    row = _row(conn, "street_lighting", run_id, hand_made)
    assert row["road_m"] == pytest.approx(900.0, abs=0.5)
    assert row["lit_m"] == pytest.approx(50.0, abs=0.5)
    assert (row["poles"], row["dead"], row["damaged"]) == (2, 1, 0)
    lit = conn.execute(
        sa.text(
            "SELECT road_name, piece, round(nearest_working_m::numeric, 1)::float"
            " FROM lit_road_pieces WHERE run_id = :r AND lit ORDER BY piece"
        ),
        {"r": run_id},
    ).all()
    # A has 12 pieces of 25 m from (−300, 0): pieces 5 and 6 end and start at x = −150
    assert [tuple(r) for r in lit] == [("A", 5, 32.5), ("A", 6, 32.5)]
    assert (
        conn.execute(
            sa.text("SELECT count(*) FROM lit_road_pieces WHERE run_id = :r"),
            {"r": run_id},
        ).scalar()
        == 12 + 24
    )


def test_complaints_along_a_route_are_those_within_30_m(conn, hand_made):
    run_id = run_networks(conn, NOW)
    row = (
        conn.execute(
            sa.text("SELECT * FROM angkot_route_complaints WHERE run_id = :r"),
            {"r": run_id},
        )
        .mappings()
        .one()
    )
    assert row["route_code"] == "T1"
    assert row["length_m"] == pytest.approx(900.0, abs=0.5)


def test_the_brief_lines_word_the_run(conn, hand_made):
    before = city_lines(conn, NOW)
    assert before == [
        "Penduduk (2024): 1.000 penduduk; belum ada data kemiskinan.",
        "Tiang PJU: 2 tercatat, 1 menyala, 1 mati, 0 rusak.",
    ]
    run_networks(conn, NOW)
    lines = city_lines(conn, NOW)
    assert lines[: len(before)] == before
    angkot, lighting = lines[len(before) :]
    assert angkot.startswith(
        "Angkot: 24,4% penduduk (244 dari 1.000) tinggal dalam 400 m jalan kaki"
    )
    assert lighting.startswith(
        "Penerangan jalan: 5,6% dari 0,9 km jalan arteri dan kolektor terang;"
        " 0 laporan lampu mati dalam 365 hari, 1 tiang tercatat padam;"
    )


@pytest.fixture(scope="module")
def demo(engine, settings, tmp_path_factory):
    local = settings.replace(var_dir=tmp_path_factory.mktemp("var_networks"))
    with engine.connect() as connection:
        transaction = connection.begin()
        generate_demo(
            connection, local, complaints=1000, seed=11, end_date=date(2026, 10, 31)
        )
        run_id = run_networks(connection, NOW)
        yield connection, run_id
        transaction.rollback()


def test_demo_coverage_adds_up_to_the_city(demo):
    conn, run_id = demo
    summary = conn.execute(
        sa.text("SELECT summary FROM city_runs WHERE id = :r"), {"r": run_id}
    ).scalar()
    totals = conn.execute(
        sa.text(
            "SELECT count(*), sum(population), sum(residents_covered),"
            " bool_and(share BETWEEN 0 AND 1), sum(stops)"
            " FROM angkot_coverage WHERE run_id = :r"
        ),
        {"r": run_id},
    ).one()
    kelurahan = conn.execute(sa.text("SELECT count(*) FROM kelurahan")).scalar()
    stops = conn.execute(sa.text("SELECT count(*) FROM transit_stops")).scalar()
    assert totals[0] == kelurahan
    assert totals[1] == 455_502
    assert totals[2] == summary["residents_covered"]
    assert totals[3] is True
    assert totals[4] == stops == summary["stops_placed"]
    # every route crosses at least one kelurahan and has its complaints counted
    routes = conn.execute(
        sa.text("SELECT count(*) FROM angkot_route_complaints WHERE run_id = :r"),
        {"r": run_id},
    ).scalar()
    assert (
        routes == conn.execute(sa.text("SELECT count(*) FROM transit_routes")).scalar()
    )


def test_demo_walk_coverage_is_within_the_crow_flight_coverage(demo):
    """A 400 m walk never reaches farther than 400 m as the crow flies."""
    conn, run_id = demo
    walk_m, crow_m = conn.execute(
        sa.text(
            "SELECT (SELECT sum(covered_m) FROM angkot_coverage WHERE run_id = :r),"
            " (SELECT sum(ST_Length(ST_Intersection(ST_Transform(r.geom, :srid),"
            " b.geom))) FROM roads r, (SELECT ST_Union(ST_Buffer(ST_Transform(geom,"
            " :srid), 400.5)) AS geom FROM transit_stops) b)"
        ),
        {"r": run_id, "srid": METRIC_SRID},
    ).one()
    assert 0 < walk_m < crow_m


def test_demo_pju_reports_sit_beside_the_dead_poles(demo):
    conn, run_id = demo
    poles, dead, reports = conn.execute(
        sa.text(
            "SELECT sum(poles), sum(dead), sum(reports) FROM street_lighting"
            " WHERE run_id = :r"
        ),
        {"r": run_id},
    ).one()
    assert poles == conn.execute(sa.text("SELECT count(*) FROM streetlights")).scalar()
    assert (
        dead
        == conn.execute(
            sa.text("SELECT count(*) FROM streetlights WHERE status = 'mati'")
        ).scalar()
    )
    assert (
        reports
        == conn.execute(
            sa.text(
                "SELECT count(*) FROM complaints WHERE category_code = 'lampu_jalan_mati'"
                " AND reported_at >= :now - interval '365 days' AND reported_at < :now"
            ),
            {"now": NOW},
        ).scalar()
    )
