"""The real boundaries as loaded: codes, areas, a clean partition, exact nesting."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import count


def test_all_51_kelurahan_in_6_kecamatan_keep_their_kemendagri_codes(conn):
    assert count(conn, "kelurahan") == 51
    assert count(conn, "kecamatan") == 6
    assert count(conn, "kota") == 1
    rows = dict(
        conn.execute(
            sa.text(
                "SELECT kode, nama FROM kelurahan WHERE kode IN"
                " ('53.71.02.1003', '53.71.01.1008', '53.71.04.1011')"
            )
        ).all()
    )
    assert rows == {
        "53.71.02.1003": "Penfui",
        "53.71.01.1008": "Alak",
        "53.71.04.1011": "Fatululi",
    }
    per_kecamatan = dict(
        conn.execute(
            sa.text(
                "SELECT c.nama, count(*) FROM kelurahan k JOIN kecamatan c"
                " ON c.kode = k.kecamatan_kode GROUP BY c.nama"
            )
        ).all()
    )
    assert per_kecamatan == {
        "Alak": 12,
        "Maulafa": 9,
        "Kelapa Lima": 5,
        "Oebobo": 7,
        "Kota Raja": 8,
        "Kota Lama": 10,
    }


def test_areas_are_recorded_in_square_kilometres(conn):
    total, smallest = conn.execute(
        sa.text("SELECT sum(area_km2), min(area_km2) FROM kelurahan")
    ).one()
    assert 158 < total < 161  # the city is about 160 km²
    assert smallest > 0.05
    kota = conn.execute(sa.text("SELECT area_km2 FROM kota")).scalar_one()
    assert 159 < kota < 161


def test_kelurahan_do_not_overlap_after_cleaning(conn):
    overlap = conn.execute(
        sa.text(
            "SELECT coalesce(sum(ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom),"
            " 32751))), 0) FROM kelurahan a JOIN kelurahan b"
            " ON a.kode < b.kode AND ST_Intersects(a.geom, b.geom)"
        )
    ).scalar_one()
    assert overlap < 1.0  # square metres, the whole city
    assert count(conn, "kelurahan", "NOT ST_IsValid(geom)") == 0


def test_kecamatan_are_the_union_of_their_kelurahan(conn):
    mismatch = conn.execute(
        sa.text(
            "SELECT max(abs(c.area_km2 - s.total)) FROM kecamatan c JOIN (SELECT"
            " kecamatan_kode, sum(area_km2) AS total FROM kelurahan GROUP BY 1) s"
            " ON s.kecamatan_kode = c.kode"
        )
    ).scalar_one()
    assert mismatch < 0.001
    outside = count(
        conn,
        "kelurahan k JOIN kecamatan c ON c.kode = k.kecamatan_kode",
        "NOT ST_CoveredBy(ST_PointOnSurface(k.geom), c.geom)",
    )
    assert outside == 0


def test_every_kelurahan_has_its_own_office_as_an_opd(conn):
    assert count(conn, "opd", "kind = 'kelurahan'") == 51
    assert count(conn, "opd", "code = 'KEL-53.71.02.1003' AND name LIKE '%Penfui'") == 1


def test_categories_name_an_owner_sla_and_duplicate_radius(conn):
    row = conn.execute(
        sa.text(
            "SELECT name_id, name_en, opd_code, sla_days, duplicate_radius_m,"
            " red_flag_days FROM categories WHERE code = 'jalan_berlubang'"
        )
    ).one()
    assert tuple(row) == ("Jalan berlubang", "Pothole", "DPUPR", 10, 30.0, 7)


def test_every_interior_grid_cell_lies_in_the_kelurahan_the_function_gives(conn):
    """kelurahan_grid (bulk imports' shortcut) agrees with sigap_kelurahan_at at
    the centre and all four corners of every cell."""
    cells, wrong = conn.execute(
        sa.text(
            "WITH c AS (SELECT g.kode, ST_Translate(ST_MakePoint(g.cx * 360.0 / 1048576,"
            " g.cy * 360.0 / 1048576), dx * 360.0 / 1048576, dy * 360.0 / 1048576)"
            " AS p FROM kelurahan_grid g, (VALUES (0, 0), (1, 0), (0, 1), (1, 1),"
            " (0.5, 0.5)) AS d(dx, dy))"
            " SELECT count(*) / 5, count(*) FILTER (WHERE sigap_kelurahan_at("
            " ST_SetSRID(p, 4326)) IS DISTINCT FROM kode) FROM c"
        )
    ).one()
    assert cells > 90_000  # about 38 m cells over the ~180 km² city
    assert wrong == 0


def test_no_grid_cell_straddles_two_kelurahan(conn):
    straddling = conn.execute(
        sa.text(
            "SELECT count(*) FROM (SELECT 1 FROM kelurahan_grid g JOIN kelurahan_parts p"
            " ON ST_Intersects(p.geom, sigap_grid_cell(20, g.cx, g.cy))"
            " GROUP BY g.cx, g.cy HAVING count(DISTINCT p.kode) > 1) s"
        )
    ).scalar_one()
    assert straddling == 0


def test_reloading_unchanged_boundaries_leaves_the_grid_alone(conn, settings):
    from layers.boundaries import load_boundaries

    before = conn.execute(
        sa.text("SELECT xmin::text FROM kelurahan_grid LIMIT 1")
    ).scalar_one()
    load_boundaries(conn, settings.data_dir / "boundaries")
    after = conn.execute(
        sa.text("SELECT xmin::text FROM kelurahan_grid LIMIT 1")
    ).scalar_one()
    assert after == before
