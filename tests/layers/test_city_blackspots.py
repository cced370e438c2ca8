"""The blackspot run over the demo city finds the two planted blackspots, stores
itself as a run, and the "Kota" panel and the indicators add up."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from gis.blackspots import WEIGHT_SETS
from gis.timeutil import WITA
from layers.city.blackspots import Parameters, run_blackspots
from layers.city.panel import city_panel
from layers.demo import generate_demo, read_manifest
from tests.conftest import NOW

END = date(2026, 10, 31)


@pytest.fixture(scope="module")
def seeded(engine, settings, tmp_path_factory):
    """One demo city and one blackspot run for the module's read-only tests,
    rolled back at the end."""
    local = settings.replace(var_dir=tmp_path_factory.mktemp("var_city"))
    with engine.connect() as connection:
        transaction = connection.begin()
        generate_demo(connection, local, complaints=1000, seed=11, end_date=END)
        manifest = read_manifest(local)["city"]
        start = datetime(2025, 11, 1, tzinfo=WITA)
        run_id = run_blackspots(connection, Parameters(start, NOW), now=NOW)
        yield connection, manifest, run_id
        transaction.rollback()


@pytest.fixture
def conn(seeded):
    return seeded[0]


@pytest.fixture
def city(seeded):
    return seeded[1:]


def _nearest(conn, table: str, run_id: int, place: dict) -> sa.Row:
    return conn.execute(
        sa.text(
            f"SELECT * FROM {table} WHERE run_id = :run ORDER BY geom <->"
            " ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) LIMIT 1"
        ),
        {"run": run_id, **place},
    ).one()


def test_the_planted_segment_and_junction_top_the_ranking(conn, city):
    manifest, run_id = city
    planted = manifest["accidents"]
    where = {k: planted["segment"][k] for k in ("lon", "lat")}
    segment = _nearest(conn, "blackspot_segments", run_id, where)
    assert segment.road_name == "Jl. El Tari"
    assert segment.accidents >= planted["segment"]["accidents"]
    assert segment.blackspot and segment.above_ucl and segment.above_bka
    assert segment.eb_rank == 1
    where = {k: planted["junction"][k] for k in ("lon", "lat")}
    junction = _nearest(conn, "blackspot_junctions", run_id, where)
    assert "Jl. Timor Raya" in junction.road_names
    assert junction.accidents >= planted["junction"]["accidents"]
    assert junction.blackspot and junction.eb_rank == 1
    # the two biggest clusters along the roads are the two plants
    clusters = conn.execute(
        sa.text(
            "SELECT road_names FROM blackspot_clusters WHERE run_id = :run"
            " ORDER BY cluster_id LIMIT 2"
        ),
        {"run": run_id},
    ).scalars()
    names = [set(n) for n in clusters]
    assert any(n == {"Jl. El Tari"} for n in names)
    assert any("Jl. Timor Raya" in n for n in names)


def test_the_run_records_its_weights_and_every_accident(conn, city):
    manifest, run_id = city
    parameters, summary, status = conn.execute(
        sa.text("SELECT parameters, summary, status FROM city_runs WHERE id = :id"),
        {"id": run_id},
    ).one()
    assert status == "done"
    assert parameters["weights"] == WEIGHT_SETS["pd-t-09-2004-b"].as_dict()
    in_window = conn.execute(
        sa.text(
            "SELECT count(*) FROM accidents WHERE occurred_at >= :s AND"
            " occurred_at < :e"
        ),
        {"s": datetime(2025, 11, 1, tzinfo=WITA), "e": NOW},
    ).scalar_one()
    assert summary["accidents"] == in_window
    assert (
        summary["at_junctions"] + summary["on_segments"] + summary["unplaced"]
        == in_window
    )
    # every accident counted once: at a junction or on a segment
    stored = conn.execute(
        sa.text(
            "SELECT (SELECT sum(accidents) FROM blackspot_segments WHERE run_id = :r)"
            " + (SELECT sum(accidents) FROM blackspot_junctions WHERE run_id = :r),"
            " (SELECT sum(accidents) FROM accident_kelurahan WHERE run_id = :r)"
        ),
        {"r": run_id},
    ).one()
    assert stored == (in_window - summary["unplaced"], in_window)
    # the AEK of a segment is its victims weighed 12/3/3 plus its PDO accidents
    assert conn.execute(
        sa.text(
            "SELECT bool_and(aek = 12 * died + 3 * serious_injuries"
            " + 3 * minor_injuries + pdo) FROM blackspot_segments WHERE run_id = :r"
        ),
        {"r": run_id},
    ).scalar_one()


def test_the_indicators_add_up_to_the_city_and_say_they_are_synthetic(conn, city):
    manifest, _ = city
    assert manifest["kelurahan_indicators"]["synthetic"] is True
    totals = conn.execute(
        sa.text(
            "SELECT count(*), sum(population), sum(poor_people), bool_and(synthetic),"
            " bool_and(source LIKE 'SINTETIS%') FROM kelurahan_indicators"
            " WHERE period = '2024'"
        )
    ).one()
    assert tuple(totals) == (51, 455_502, 40_380, True, True)


def test_the_city_panel_reports_the_month_the_year_and_the_blackspots(conn, city):
    _, run_id = city
    panel = city_panel(conn, NOW)
    assert panel["as_of"] == "2026-11-01T08:00:00+08:00"
    october = conn.execute(
        sa.text(
            "SELECT count(*), sum(died) FROM accidents WHERE occurred_at >= :s"
            " AND occurred_at < :e"
        ),
        {
            "s": datetime(2026, 10, 1, tzinfo=WITA),
            "e": datetime(2026, 11, 1, tzinfo=WITA),
        },
    ).one()
    assert (
        panel["accidents"]["last_month"]["accidents"],
        panel["accidents"]["last_month"]["died"],
    ) == tuple(october)
    # 1 November 08:00 WITA: nothing yet this month (the demo ends on 31 October)
    assert panel["accidents"]["this_month"]["accidents"] == 0
    sites = panel["blackspots"]["sites"]
    assert panel["blackspots"]["run_id"] == run_id
    assert {s["kind"] for s in sites[:2]} == {"segment", "junction"}
    assert "Jl. El Tari" in sites[0]["road_names"] + sites[1]["road_names"]
    lights = conn.execute(
        sa.text(
            "SELECT count(*) FILTER (WHERE status = 'mati'),"
            " count(*) FILTER (WHERE status = 'rusak') FROM streetlights"
        )
    ).one()
    assert (panel["streetlights"]["dead"], panel["streetlights"]["damaged"]) == tuple(
        lights
    )
    population = panel["population"]
    assert (population["population"], population["poor_people"]) == (455_502, 40_380)
    assert population["poor_share"] == round(40_380 / 455_502, 4)
    assert population["synthetic"] is True


def test_the_panel_reads_the_clock_it_is_given(conn, city):
    later = NOW + timedelta(days=40)  # 11 December: November becomes last month
    panel = city_panel(conn, later)
    assert panel["accidents"]["last_month"]["accidents"] == 0
    assert panel["as_of"].startswith("2026-12-11T08:00")
