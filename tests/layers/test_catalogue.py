"""The layer catalogue: one definition per layer, and keys that identify features."""

from __future__ import annotations

import json

import sqlalchemy as sa

from gis.config import Settings
from gis.features import columns, item
from gis.layer import Layer
from gis.sld import read_styles
from layers import LAYERS
from layers.catalogue import (
    BASE_LAYERS,
    PER_CATEGORY,
    layer_templates,
    published_layers,
)
from tests.conftest import NOW

STYLES = read_styles(Settings().styles_dir)
EXPECTED_KEYS = {
    "kota": "kode",
    "kecamatan": "kode",
    "kelurahan": "kode",
    "roads": "id",
    "streetlights": "pole_id",
    "transit_routes": "code",
    "transit_stops": "id",
    "complaints": "ticket",
    "red_flags": "kode",
    # the city beyond complaints
    "accidents": "id",
    "blackspot_segments": "road_id",
    "blackspot_junctions": "junction_id",
    "blackspot_clusters": "cluster_id",
    "accident_rates": "kelurahan_kode",
    "kelurahan_poverty": "kode",
    "kelurahan_population": "kode",
    "equity": "kode",
    "streetlight_status": "kode",
    "lit_roads": "piece_id",
    "angkot_coverage": "kode",
    "waste_routes": "id",
    "waste_points": "id",
    "waste_coverage": "kode",
}


def test_a_stored_layer_and_its_published_layer_are_one_definition(conn):
    catalogue = layer_templates(conn)
    for name, layer in LAYERS.items():
        if layer.published:
            assert catalogue[name] is layer
    assert {layer.name for layer in BASE_LAYERS} <= set(catalogue)
    assert [layer.name for layer in BASE_LAYERS] == list(catalogue)[: len(BASE_LAYERS)]


def test_the_keys_of_the_base_layers():
    assert {layer.name: layer.key for layer in BASE_LAYERS} == EXPECTED_KEYS


def test_every_category_gets_each_template_once(conn):
    codes = conn.execute(
        sa.text("SELECT code FROM categories WHERE active ORDER BY code")
    ).scalars()
    catalogue = layer_templates(conn)
    for code in codes:
        made = [layer for layer in catalogue.values() if layer.category == code]
        assert [layer.name for layer in made] == [
            f"{template.name}_{code}" for template in PER_CATEGORY
        ]
        assert all("{" not in layer.sql for layer in made)
        assert [layer.kind for layer in made] == [
            "polygon",
            "polygon",
            "polygon",
            "polygon",
            "polygon",
            "raster",
        ]


def test_every_key_column_and_listed_column_is_in_the_layer_sql(conn):
    for layer in published_layers(conn, NOW).values():
        if not layer.queryable:
            continue
        found = columns(conn, layer)
        assert layer.key in found, layer.name
        assert "geom" not in [c for c, _title in layer.columns], layer.name
        assert {c for c, _title in layer.columns} <= set(found), layer.name
        if layer.time_field:
            assert layer.time_field in found, layer.name


def test_every_style_a_layer_names_exists_and_suits_it(conn):
    for layer in layer_templates(conn).values():
        assert layer.styles, layer.name
        assert set(layer.styles) <= set(STYLES), layer.name


def _duplicates(conn: sa.Connection, layer: Layer) -> list:
    return conn.execute(
        sa.text(
            f'SELECT d."{layer.key}", count(*) FROM ({layer.sql}) AS d'
            f' GROUP BY d."{layer.key}" HAVING count(*) > 1'
        )
    ).all()


def test_keys_are_unique_in_the_data(conn):
    conn.execute(
        sa.text(
            "INSERT INTO streetlights (pole_id, lamp_type, wattage, geom) VALUES"
            " ('PJU-T-1', 'LED', 60, ST_SetSRID(ST_MakePoint(123.59, -10.17), 4326)),"
            " ('PJU-T-2', 'LED', 60, ST_SetSRID(ST_MakePoint(123.60, -10.17), 4326))"
        )
    )
    for layer in published_layers(conn, NOW).values():
        if layer.queryable:
            assert _duplicates(conn, layer) == [], layer.name


def test_a_streetlight_is_found_by_its_pole_number(conn):
    conn.execute(
        sa.text(
            "INSERT INTO streetlights (pole_id, lamp_type, wattage, status, geom)"
            " VALUES ('PJU-T-9', 'SON', 150, 'mati',"
            " ST_SetSRID(ST_MakePoint(123.59, -10.17), 4326))"
        )
    )
    layer = layer_templates(conn)["streetlights"]
    feature = json.loads(item(conn, layer, "PJU-T-9"))
    assert feature["id"] == "PJU-T-9"
    assert feature["properties"] == {
        "pole_id": "PJU-T-9",
        "lamp_type": "SON",
        "wattage": 150,
        "status": "mati",
    }
