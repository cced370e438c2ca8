"""Analysis runs on the demo city: the planted patterns are found, the controls
are not, and the numbers repeat exactly."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import rasterio
import sqlalchemy as sa

from layers.analysis.pipeline import run_analysis
from layers.demo import generate_demo, read_manifest

END = date(2026, 10, 31)
N = 6000
EMERGING = {"new hot spot", "consecutive hot spot", "intensifying hot spot"}


def _city(conn, settings, tmp_path, seed: int) -> tuple[dict, int, object]:
    local = settings.replace(var_dir=tmp_path / f"var{seed}")
    generate_demo(conn, local, complaints=N, seed=seed, end_date=END)
    manifest = read_manifest(local)
    run = run_analysis(
        conn, local, until=datetime.fromisoformat(manifest["as_of"]), seed=seed
    )
    return manifest, run.id, run


def _rows(conn, query: str, **params) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sa.text(query), params).all()]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_planted_patterns_are_found_and_controls_are_not_flagged(
    conn, settings, tmp_path, seed
):
    manifest, run_id, run = _city(conn, settings, tmp_path, seed)
    patterns = {p["id"]: p for p in manifest["patterns"]}
    controls = manifest["controls"]

    pair = patterns["pothole_cluster"]["kelurahan"]
    found = {
        r[0]: r[1:]
        for r in _rows(
            conn,
            "SELECT kelurahan_kode, lisa_class, gi_bin FROM kelurahan_stats"
            " WHERE run_id = :run AND category_code = 'jalan_berlubang'",
            run=run_id,
        )
    }
    for code in pair:  # HH after FDR, and a Gi* hot spot at 95 % or more
        assert found[code][0] == "HH" and found[code][1] >= 2, (code, found[code])
    for code in controls:
        assert found[code] == ("ns", 0), (code, found[code])

    rubbish = patterns["rubbish_emerging"]
    emerging = dict(
        _rows(
            conn,
            "SELECT kelurahan_kode, pattern FROM emerging_kelurahan WHERE"
            " run_id = :run AND category_code = 'kebersihan'",
            run=run_id,
        )
    )
    for code in rubbish["kelurahan"]:
        assert emerging[code] == "consecutive hot spot", (code, emerging[code])
    for code in controls:
        assert emerging[code] not in EMERGING, (code, emerging[code])
    lon, lat = rubbish["centre"]
    near_market = _rows(
        conn,
        "SELECT pattern, count(*) FROM latest_emerging_hex WHERE"
        " category_code = 'kebersihan' AND ST_DWithin(geom::geography,"
        " ST_MakePoint(:lon, :lat)::geography, 150) GROUP BY 1",
        lon=lon,
        lat=lat,
    )
    # the outbreak's hexagons are hot now, and only now
    assert sum(n for p, n in near_market if p in EMERGING) >= 3, near_market

    # Empirical-Bayes rates lie between the raw rate and the city rate, always
    inverted = _rows(
        conn,
        "SELECT category_code, kelurahan_kode, rate, eb_rate, city FROM (SELECT *,"
        " sum(complaints) OVER w / sum(exposure) OVER w AS city FROM"
        " kelurahan_stats WHERE run_id = :run WINDOW w AS (PARTITION BY"
        " category_code)) s WHERE eb_rate < least(rate, city) - 1e-9"
        " OR eb_rate > greatest(rate, city) + 1e-9",
        run=run_id,
    )
    assert inverted == []
    for category, prior in run.parameters["eb_prior"].items():
        assert prior["variance"] == max(prior["variance_estimate"], 0), category

    corridor = patterns["streetlight_corridor"]
    flagged = {
        r[0]
        for r in _rows(
            conn,
            "SELECT road_id FROM road_segment_stats WHERE run_id = :run AND"
            " category_code = 'lampu_jalan_mati' AND stands_out",
            run=run_id,
        )
    }
    assert len(flagged & set(corridor["road_ids"])) >= 0.5 * len(corridor["road_ids"])
    corridors = _rows(
        conn,
        "SELECT road_ids FROM road_corridors WHERE run_id = :run"
        " AND category_code = 'lampu_jalan_mati'",
        run=run_id,
    )
    assert any(len(set(ids) & set(corridor["road_ids"])) >= 3 for (ids,) in corridors)
    repeated = _rows(
        conn,
        "SELECT count(*) FROM pole_outages WHERE run_id = :run"
        " AND repeated AND pole_id = ANY(:poles)",
        run=run_id,
        poles=corridor["pole_ids"],
    )[0][0]
    assert repeated >= 0.3 * len(corridor["pole_ids"])


def test_the_same_inputs_and_seed_give_the_same_numbers(conn, settings, tmp_path):
    manifest, first, _ = _city(conn, settings, tmp_path, 21)
    until = datetime.fromisoformat(manifest["as_of"])
    second = run_analysis(
        conn, settings.replace(var_dir=tmp_path / "again"), until=until, seed=21
    ).id
    queries = {
        "kelurahan_stats": "category_code, kelurahan_kode",
        "hex_hotspots": "category_code, hex_id",
        "emerging_hex": "category_code, hex_id",
        "emerging_kelurahan": "category_code, kelurahan_kode",
        "road_segment_stats": "category_code, road_id",
        "pole_outages": "streetlight_id",
        "global_moran": "category_code",
    }
    for table, order in queries.items():
        names = list(conn.execute(sa.text(f"SELECT * FROM {table} LIMIT 0")).keys())
        columns = [c for c in names if c != "run_id"]
        select = ", ".join(columns)
        a = _rows(
            conn,
            f"SELECT {select} FROM {table} WHERE run_id = :r ORDER BY {order}",
            r=first,
        )
        b = _rows(
            conn,
            f"SELECT {select} FROM {table} WHERE run_id = :r ORDER BY {order}",
            r=second,
        )
        assert a and a == b, table


def test_a_run_is_recorded_and_published_through_the_latest_views(
    conn, settings, tmp_path
):
    manifest, run_id, run = _city(conn, settings, tmp_path, 31)
    record = conn.execute(
        sa.text(
            "SELECT status, seed, parameters, versions, timings FROM analysis_runs"
            " WHERE id = :id"
        ),
        {"id": run_id},
    ).one()
    assert record.status == "done" and record.seed == 31
    assert record.parameters["permutations"] == 9999
    assert record.parameters["alternative"] == "two-sided"
    assert record.parameters["correction"] == "fdr_bh"
    inference = record.parameters["inference"]
    for test in ("lisa", "gi_kelurahan"):
        assert inference[test]["alternative"] == "two-sided"
        assert inference[test]["permutations"] == 9999
        assert inference[test]["smallest_p"] == pytest.approx(0.0002)
        assert inference[test]["first_cutoff"] == pytest.approx(0.05 / 51)
    assert inference["reaches_first_cutoff"] is True
    assert inference["emerging"]["alternative"] == "two-sided"
    bins = record.parameters["weekly_bins"]  # window 2025-11-01 .. 2026-11-01
    assert bins == {
        "first": "2025-11-03T00:00:00+08:00",
        "count": 52,
        "final_exposure": round(6 / 7, 4),
    }
    assert set(record.parameters["eb_prior"]) == set(run.categories)
    few = conn.execute(
        sa.text(
            "SELECT count(*) FILTER (WHERE lisa_class <> 'ns' OR gi_bin <> 0"
            " OR lisa_p_adjusted IS NOT NULL), count(*) FROM kelurahan_stats"
            " WHERE run_id = :id AND NOT ranked AND lisa_i IS NOT NULL"
        ),
        {"id": run_id},
    ).one()
    assert few[0] == 0 and few[1] > 0  # min_count gates classification too
    assert {"esda", "libpysal", "numpy", "postgis"} <= set(record.versions)
    assert set(record.timings) >= {"kelurahan", "network", "density"}
    latest = conn.execute(
        sa.text("SELECT count(DISTINCT run_id), count(*) FROM latest_kelurahan_stats")
    ).one()
    assert tuple(latest) == (1, 51 * len(run.categories))
    assert (
        conn.execute(
            sa.text(
                "SELECT count(*) FROM latest_hex_hotspots WHERE NOT ST_IsValid(geom)"
            )
        ).scalar()
        == 0
    )
    for path, category in conn.execute(
        sa.text("SELECT path, category_code FROM latest_density_rasters")
    ).all():
        with rasterio.open(path) as raster:
            assert raster.crs.to_epsg() == 32751 and raster.res == (25.0, 25.0)
            assert raster.read(1).max() > 0, category


def test_bad_requests_are_refused_before_anything_is_written(conn, settings):
    from gis.errors import InvalidParameter

    before = conn.execute(sa.text("SELECT count(*) FROM analysis_runs")).scalar()
    with pytest.raises(InvalidParameter, match="ufo"):
        run_analysis(conn, settings, categories=["ufo"])
    with pytest.raises(InvalidParameter, match="correction"):
        run_analysis(conn, settings, correction="magic")
    assert (
        conn.execute(sa.text("SELECT count(*) FROM analysis_runs")).scalar() == before
    )
