"""Importers: every format round-trips; bad files and rows get clear reasons and
leave the database unchanged."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from gis.db import triggers_removed
from gis.errors import ImportFailed
from gis.export import export_layer
from gis.importer import import_file
from layers import get_layer
from tests.conftest import count

CENTROIDS = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "boundaries"
    / "kupang_kelurahan_centroids.csv"
)
OUTSIDE = (123.40, -10.20)  # in the sea west of Kupang


@pytest.fixture(scope="module")
def inside_points() -> list[tuple[float, float]]:
    """One point inside each kelurahan (from the shipped centroid table)."""
    table = pd.read_csv(CENTROIDS)
    return list(zip(table.rep_point_lon, table.rep_point_lat))


def _roads(points: list[tuple[float, float]]) -> gpd.GeoDataFrame:
    lines = [shapely.LineString([(x, y), (x + 0.001, y + 0.0005)]) for x, y in points]
    return gpd.GeoDataFrame(
        {
            "nama": [f"Jl. Uji {i}" for i in range(len(points))],
            "kelas": ["lokal"] * len(points),
            "kondisi": ["baik"] * len(points),
        },
        geometry=lines,
        crs=4326,
    )


@pytest.mark.parametrize(
    "suffix,driver",
    [(".gpkg", "GPKG"), (".shp", "ESRI Shapefile"), (".geojson", "GeoJSON")],
)
def test_roads_round_trip_through_every_vector_format(
    conn, tmp_path, inside_points, suffix, driver
):
    source = _roads(inside_points[:5])
    path = tmp_path / f"roads{suffix}"
    source.to_file(path, driver=driver)
    report = import_file(conn, get_layer("roads"), path)
    assert (report.rows_read, report.rows_written, report.rejected) == (5, 5, [])
    stored = conn.execute(
        sa.text(
            "SELECT name, road_class, condition, round(length_m) FROM roads"
            " WHERE source = :s ORDER BY name"
        ),
        {"s": path.name},
    ).all()
    assert [tuple(r[:3]) for r in stored] == [
        (f"Jl. Uji {i}", "lokal", "baik") for i in range(5)
    ]
    assert all(100 < r[3] < 140 for r in stored)  # ~123 m each, measured in UTM 51S
    out = tmp_path / f"export{suffix if suffix != '.shp' else '.gpkg'}"
    assert export_layer(conn, get_layer("roads"), out) >= 5
    back = gpd.read_file(out)
    assert set(source["nama"]) <= set(back["name"])


def test_csv_with_lon_lat_columns_imports_complaints(conn, tmp_path, inside_points):
    (x1, y1), (x2, y2) = inside_points[0], inside_points[30]
    path = tmp_path / "aduan.csv"
    path.write_text(
        "kategori,deskripsi,lon,lat,tanggal,nama_pelapor\n"
        f"jalan_berlubang,Lubang di jalan,{x1},{y1},2026-03-01 08:30,Yohanes\n"
        f"kebersihan,Sampah menumpuk,{x2},{y2},2026-03-02T09:00:00+08:00,\n"
    )
    report = import_file(conn, get_layer("complaints"), path)
    assert report.rows_written == 2 and report.rejected == []
    rows = conn.execute(
        sa.text(
            "SELECT category_code, kelurahan_kode, status, channel,"
            " to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
            " FROM complaints WHERE source = 'aduan.csv' ORDER BY reported_at"
        )
    ).all()
    assert [tuple(r) for r in rows] == [
        ("jalan_berlubang", "53.71.01.1001", "baru", "import", "2026-03-01 00:30"),
        ("kebersihan", "53.71.04.1011", "baru", "import", "2026-03-02 01:00"),
    ]
    assert (
        count(
            conn,
            "complaint_contacts c JOIN complaints k ON k.id = c.complaint_id",
            "k.source = 'aduan.csv'",
        )
        == 1
    )
    assert (
        count(
            conn,
            "complaint_events e JOIN complaints k ON k.id = e.complaint_id",
            "k.source = 'aduan.csv'",
        )
        == 2
    )


def test_rows_outside_the_city_are_rejected_with_their_row_number(
    conn, tmp_path, inside_points
):
    points = [inside_points[0], OUTSIDE, inside_points[1]]
    frame = gpd.GeoDataFrame(
        {"id_tiang": ["A1", "A2", "A3"], "daya": [90, 90, 120]},
        geometry=shapely.points(points),
        crs=4326,
    )
    path = tmp_path / "pju.geojson"
    frame.to_file(path)
    report = import_file(conn, get_layer("streetlights"), path)
    assert report.rows_written == 2
    assert [(r.row, r.field) for r in report.rejected] == [(2, "geometry")]
    assert "outside Kota Kupang" in report.rejected[0].reason
    assert count(conn, "streetlights", "source = 'pju.geojson'") == 2


def test_wrong_geometry_types_and_bad_values_are_rejected_per_row(
    conn, tmp_path, inside_points
):
    (x, y) = inside_points[3]
    geoms = [
        shapely.LineString([(x, y), (x + 0.001, y)]),
        shapely.Point(x, y).buffer(0.001),
        shapely.LineString([(x, y), (x, y + 0.001)]),
        shapely.LineString([(x, y), (x + 0.001, y + 0.001)]),
    ]
    frame = gpd.GeoDataFrame(
        {"kelas": ["arteri", "lokal", "tol", "kolektor"]}, geometry=geoms, crs=4326
    )
    path = tmp_path / "mixed.gpkg"
    frame.to_file(path)
    report = import_file(conn, get_layer("roads"), path)
    assert report.rows_written == 2
    reasons = {r.row: (r.field, r.reason) for r in report.rejected}
    assert reasons[2] == (
        "geometry",
        "wrong geometry type Polygon, expected LineString",
    )
    assert reasons[3][0] == "road_class" and "'tol'" in reasons[3][1]


def test_a_missing_required_column_refuses_the_file_and_names_the_field(
    conn, tmp_path, inside_points
):
    frame = gpd.GeoDataFrame(
        {"nama": ["Jl. A"]},
        geometry=[shapely.LineString([inside_points[0], inside_points[1]])],
        crs=4326,
    )
    path = tmp_path / "noclass.geojson"
    frame.to_file(path)
    before = count(conn, "roads")
    with pytest.raises(ImportFailed, match="road_class"):
        import_file(conn, get_layer("roads"), path)
    assert count(conn, "roads") == before


def test_map_option_names_the_source_column(conn, tmp_path, inside_points):
    frame = gpd.GeoDataFrame(
        {"FUNGSI_JLN": ["kolektor"], "NAMA_RUAS": ["Jl. B"]},
        geometry=[shapely.LineString([inside_points[0], inside_points[1]])],
        crs=4326,
    )
    path = tmp_path / "ruas.gpkg"
    frame.to_file(path)
    report = import_file(
        conn,
        get_layer("roads"),
        path,
        mapping={"road_class": "FUNGSI_JLN", "name": "NAMA_RUAS"},
    )
    assert report.rows_written == 1
    with pytest.raises(ImportFailed, match="no column NOPE"):
        import_file(conn, get_layer("roads"), path, mapping={"road_class": "NOPE"})
    with pytest.raises(ImportFailed, match="no field colour"):
        import_file(conn, get_layer("roads"), path, mapping={"colour": "NAMA_RUAS"})


def test_broken_files_are_refused_with_a_reason(conn, tmp_path):
    garbage = tmp_path / "broken.gpkg"
    garbage.write_bytes(b"this is not a geopackage")
    truncated = tmp_path / "cut.geojson"
    truncated.write_text('{"type": "FeatureCollection", "features": [{"type": "Fea')
    no_coords = tmp_path / "nocoords.csv"
    no_coords.write_text("kategori,deskripsi\nkebersihan,sampah\n")
    for path in (garbage, truncated, no_coords, tmp_path / "missing.shp"):
        with pytest.raises(ImportFailed) as error:
            import_file(conn, get_layer("complaints"), path)
        assert path.name in error.value.message


def test_a_multi_layer_geopackage_needs_a_source_layer(conn, tmp_path, inside_points):
    path = tmp_path / "two.gpkg"
    _roads(inside_points[:2]).to_file(path, layer="jalan_kota")
    _roads(inside_points[2:4]).to_file(path, layer="jalan_provinsi")
    with pytest.raises(ImportFailed, match="jalan_kota, jalan_provinsi"):
        import_file(conn, get_layer("roads"), path)
    report = import_file(conn, get_layer("roads"), path, source_layer="jalan_provinsi")
    assert report.rows_written == 2


def test_strict_import_writes_nothing_when_a_row_is_bad(conn, tmp_path, inside_points):
    frame = gpd.GeoDataFrame(
        {"id_tiang": ["S1", "S2"]},
        geometry=shapely.points([inside_points[0], OUTSIDE]),
        crs=4326,
    )
    path = tmp_path / "strict.geojson"
    frame.to_file(path)
    before = count(conn, "streetlights")
    with pytest.raises(ImportFailed, match="row 2"):
        import_file(conn, get_layer("streetlights"), path, strict=True)
    assert count(conn, "streetlights") == before


def test_invalid_geometry_is_repaired_and_reported(conn, tmp_path, inside_points):
    x, y = inside_points[5]
    bowtie_route = shapely.MultiLineString(
        [[(x, y), (x + 0.002, y + 0.001)], [(x + 0.002, y + 0.001), (x + 0.003, y)]]
    )
    degenerate = shapely.LineString([(x, y), (x, y)])
    frame = gpd.GeoDataFrame(
        {"trayek": ["R1", "R2"]}, geometry=[bowtie_route, degenerate], crs=4326
    )
    path = tmp_path / "routes.gpkg"
    frame.to_file(path)
    report = import_file(conn, get_layer("transit_routes"), path)
    assert report.rows_written == 1
    assert 2 in report.repaired
    assert [r.row for r in report.rejected] == [2]


def test_projected_sources_are_reprojected_to_wgs84(conn, tmp_path, inside_points):
    frame = gpd.GeoDataFrame(
        {"id_tiang": ["U1"]}, geometry=shapely.points([inside_points[7]]), crs=4326
    ).to_crs(32751)
    path = tmp_path / "utm.gpkg"
    frame.to_file(path)
    import_file(conn, get_layer("streetlights"), path)
    x, y = conn.execute(
        sa.text("SELECT ST_X(geom), ST_Y(geom) FROM streetlights WHERE pole_id = 'U1'")
    ).one()
    assert (x, y) == pytest.approx(inside_points[7], abs=1e-7)


def test_duplicate_keys_are_rejected_against_the_file_and_the_table(
    conn, tmp_path, inside_points
):
    frame = gpd.GeoDataFrame(
        {"id_tiang": ["D1", "D1", "D2"]},
        geometry=shapely.points(inside_points[:3]),
        crs=4326,
    )
    path = tmp_path / "dups.geojson"
    frame.to_file(path)
    first = import_file(conn, get_layer("streetlights"), path)
    assert first.rows_written == 2
    assert [(r.row, r.reason) for r in first.rejected] == [(2, "'D1' repeats row 1")]
    again = tmp_path / "again.geojson"
    frame.iloc[[2]].to_file(again)
    with pytest.raises(ImportFailed, match="No valid rows"):
        import_file(conn, get_layer("streetlights"), again)


def test_layers_that_are_not_importable_say_so(conn, tmp_path):
    with pytest.raises(ImportFailed, match="kelurahan cannot be imported"):
        import_file(conn, get_layer("kelurahan"), tmp_path / "x.gpkg")


def test_a_bulk_import_restores_indexes_keys_and_triggers_and_loses_nothing(
    conn, tmp_path
):
    def table_shape() -> tuple:
        return tuple(
            tuple(conn.execute(sa.text(query)).scalars())
            for query in (
                "SELECT indexdef FROM pg_indexes WHERE tablename IN ('complaints',"
                " 'complaint_events') ORDER BY indexname",
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN"
                " ('complaints'::regclass, 'complaint_events'::regclass) ORDER BY conname",
                "SELECT pg_get_triggerdef(oid) || tgenabled::text FROM pg_trigger WHERE"
                " tgrelid = 'complaints'::regclass AND NOT tgisinternal ORDER BY tgname",
            )
        )

    before = table_shape()
    rows = 60_000  # above gis.db.BULK_ROWS: indexes, keys and triggers are deferred
    cells_before = conn.execute(sa.text("SELECT sum(n) FROM complaint_cells")).scalar()
    x = np.linspace(123.585, 123.620, rows)
    y = np.full(rows, -10.165)
    frame = gpd.GeoDataFrame(
        {"kategori": ["kebersihan"] * rows}, geometry=shapely.points(x, y), crs=4326
    )
    path = tmp_path / "banyak.gpkg"
    frame.to_file(path)
    steps = []
    report = import_file(conn, get_layer("complaints"), path, progress=steps.append)
    assert report.rows_written == rows
    assert steps == ["read", "validate", "copy", "locate", "insert"]
    assert table_shape() == before
    assert count(conn, "complaints", "source = 'banyak.gpkg'") == rows
    assert (
        count(
            conn,
            "complaint_events e JOIN complaints c ON c.id = e.complaint_id",
            "c.source = 'banyak.gpkg'",
        )
        == rows
    )
    # the count grid the removed statement trigger keeps was kept by the import
    cells_after = conn.execute(sa.text("SELECT sum(n) FROM complaint_cells")).scalar()
    assert cells_after - (cells_before or 0) == rows
    # the database's own per-row rule agrees with the bulk assignment
    assert (
        count(
            conn,
            "complaints",
            "source = 'banyak.gpkg' AND kelurahan_kode <> sigap_kelurahan_at(geom)",
        )
        == 0
    )


def test_removing_a_trigger_the_table_lacks_fails_before_dropping_any(conn):
    def triggers() -> list[str]:
        return list(
            conn.execute(
                sa.text(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'complaints'::regclass"
                    " AND NOT tgisinternal ORDER BY tgname"
                )
            ).scalars()
        )

    before = triggers()
    with (
        pytest.raises(LookupError, match="complaints has no trigger complaints_x"),
        triggers_removed(conn, "complaints", ("complaints_due", "complaints_x")),
    ):
        pass
    assert triggers() == before and "complaints_due" in before


def test_roads_round_trip_through_csv_with_wkt(conn, tmp_path, inside_points):
    source = tmp_path / "roads.gpkg"
    _roads(inside_points[10:14]).to_file(source)
    import_file(conn, get_layer("roads"), source)
    exported = tmp_path / "roads.csv"
    export_layer(conn, get_layer("roads"), exported)
    table = pd.read_csv(exported)
    assert "wkt" in table.columns and len(table) == count(conn, "roads")
    conn.execute(sa.text("DELETE FROM roads"))
    report = import_file(conn, get_layer("roads"), exported)
    assert report.rows_written == len(table) and report.rejected == []
    names = conn.execute(sa.text("SELECT name FROM roads ORDER BY name")).scalars()
    assert list(names) == [f"Jl. Uji {i}" for i in range(4)]


def test_imported_poles_learn_their_nearest_road(conn, tmp_path, inside_points):
    x, y = inside_points[20]
    roads = gpd.GeoDataFrame(
        {"kelas": ["kolektor", "lokal"], "nama": ["Jl. Dekat", "Jl. Jauh"]},
        geometry=[
            shapely.LineString([(x - 0.001, y), (x + 0.001, y)]),
            shapely.LineString([(x - 0.001, y + 0.002), (x + 0.001, y + 0.002)]),
        ],
        crs=4326,
    )
    roads.to_file(tmp_path / "r.gpkg")
    import_file(conn, get_layer("roads"), tmp_path / "r.gpkg")
    poles = gpd.GeoDataFrame(
        {"id_tiang": ["N1", "N2"]},
        geometry=shapely.points([(x, y + 0.0001), (x + 0.01, y + 0.01)]),
        crs=4326,
    )
    poles.to_file(tmp_path / "p.gpkg")
    import_file(conn, get_layer("streetlights"), tmp_path / "p.gpkg")
    rows = dict(
        conn.execute(
            sa.text(
                "SELECT s.pole_id, r.name FROM streetlights s LEFT JOIN roads r"
                " ON r.id = s.road_id WHERE s.pole_id IN ('N1', 'N2')"
            )
        ).all()
    )
    assert rows == {"N1": "Jl. Dekat", "N2": None}  # N2 is > 60 m from any road


def test_imported_complaints_get_the_database_deadline(conn, tmp_path, inside_points):
    rows = 60_000  # the bulk path computes deadlines set-based
    frame = gpd.GeoDataFrame(
        {
            "kategori": ["banjir", "jalan_berlubang"] * (rows // 2),
            "tanggal": pd.date_range("2026-08-10", periods=rows, freq="min"),
        },
        geometry=shapely.points([inside_points[30]] * rows),
        crs=4326,
    )
    path = tmp_path / "deadline.gpkg"
    frame.to_file(path)
    import_file(conn, get_layer("complaints"), path)
    assert (
        count(
            conn,
            "complaints c JOIN categories k ON k.code = c.category_code",
            "c.source = 'deadline.gpkg' AND c.due_at IS DISTINCT FROM"
            " sigap_due_at(c.reported_at, k.sla_days)",
        )
        == 0
    )
