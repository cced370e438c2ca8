"""The demo city: deterministic, synthetic, inside Kupang, and its manifest is true."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from layers.accounts import Actor
from layers.demo import generate_demo, read_manifest
from layers.status import State
from layers.workflow import Move, transition
from tests.conftest import NOW, count

END = date(2026, 10, 31)
N = 3000


def _seed(conn, settings, tmp_path, seed: int) -> dict:
    local = settings.replace(var_dir=tmp_path / f"var{seed}")
    generate_demo(conn, local, complaints=N, seed=seed, end_date=END)
    return read_manifest(local)


def _fingerprint(conn) -> tuple:
    queries = {
        "complaints": "SELECT md5(string_agg(concat_ws('|', category_code, description,"
        " ST_AsText(ST_SnapToGrid(geom, 1e-9)), kelurahan_kode, status,"
        " sub_status, reported_at, acknowledged_at, resolved_at),"
        " ';' ORDER BY reported_at, description)) FROM complaints",
        "roads": "SELECT md5(string_agg(concat_ws('|', name, road_class, surface,"
        " condition, ST_AsText(ST_SnapToGrid(geom, 1e-9))), ';'"
        " ORDER BY id)) FROM roads",
        "poles": "SELECT md5(string_agg(concat_ws('|', pole_id, lamp_type, wattage,"
        " status, ST_AsText(ST_SnapToGrid(geom, 1e-9))), ';' ORDER BY"
        " pole_id)) FROM streetlights",
        "routes": "SELECT md5(string_agg(code || ST_AsText(ST_SnapToGrid(geom, 1e-9)),"
        " ';' ORDER BY code)) FROM transit_routes",
        "events": "SELECT count(*) FROM complaint_events",
    }
    return tuple(conn.execute(sa.text(q)).scalar_one() for q in queries.values())


def _stable(manifest: dict) -> dict:
    """The manifest without database ids (sequences move on between runs)."""
    out = {**manifest, "patterns": []}
    for pattern in manifest["patterns"]:
        out["patterns"].append(
            {k: v for k, v in pattern.items() if k not in ("road_ids", "tickets")}
        )
    return out


def test_the_same_seed_builds_the_same_city(engine, settings, tmp_path):
    results = []
    for _ in range(2):
        with engine.connect() as conn:
            transaction = conn.begin()
            manifest = _seed(conn, settings, tmp_path, 7)
            results.append((_fingerprint(conn), _stable(manifest)))
            transaction.rollback()
    assert results[0] == results[1]
    with engine.connect() as conn:
        transaction = conn.begin()
        other = _seed(conn, settings, tmp_path, 8)
        assert _fingerprint(conn) != results[0][0]
        assert _stable(other) != results[0][1]
        transaction.rollback()


@pytest.fixture
def city(conn, settings, tmp_path, request):
    seed = getattr(request, "param", 11)
    return _seed(conn, settings, tmp_path, seed)


@pytest.mark.parametrize("city", [11, 12], indirect=True)
def test_everything_generated_is_synthetic_inside_the_city(conn, city):
    for table in (
        "roads",
        "streetlights",
        "transit_routes",
        "transit_stops",
        "complaints",
    ):
        assert count(conn, table) > 0
        assert count(conn, table, "NOT synthetic") == 0
    assert count(conn, "complaints") == N
    assert count(conn, "roads", "NOT sigap_in_city(geom)") == 0
    assert count(conn, "streetlights", "road_id IS NULL") == 0
    assert 8 <= count(conn, "transit_routes") <= 12
    classes = dict(
        conn.execute(sa.text("SELECT road_class, count(*) FROM roads GROUP BY 1")).all()
    )
    assert set(classes) == {"arteri", "kolektor", "lokal", "lingkungan"}
    # ~ one pole every 40 m along arterials and collectors
    poles_per_km = conn.execute(
        sa.text(
            "SELECT count(s.*) / (SELECT sum(length_m) / 1000 FROM roads"
            " WHERE road_class IN ('arteri', 'kolektor')) FROM streetlights s"
            " JOIN roads r ON r.id = s.road_id WHERE r.road_class IN"
            " ('arteri', 'kolektor')"
        )
    ).scalar_one()
    assert 22 <= poles_per_km <= 27
    north = conn.execute(
        sa.text(
            "SELECT sum(r.length_m) FILTER (WHERE c.nama IN ('Kota Lama', 'Oebobo',"
            " 'Kelapa Lima', 'Kota Raja')) / sum(r.length_m) FROM roads r"
            " JOIN kelurahan k ON ST_Intersects(k.geom, ST_LineInterpolatePoint(r.geom,"
            " 0.5)) JOIN kecamatan c ON c.kode = k.kecamatan_kode"
        )
    ).scalar_one()
    assert north > 0.5  # the urban north holds most of the streets


@pytest.mark.parametrize("city", [11, 12], indirect=True)
def test_the_manifest_matches_the_planted_data(conn, city):
    patterns = {p["id"]: p for p in city["patterns"]}
    as_of = datetime.fromisoformat(city["as_of"])

    corridor = patterns["streetlight_corridor"]
    dead = count(
        conn,
        "streetlights",
        "pole_id = ANY(:ids) AND status = 'mati'".replace(
            ":ids", "ARRAY" + str(corridor["pole_ids"])
        ),
    )
    assert dead >= 0.5 * len(corridor["pole_ids"])
    names = set(
        conn.execute(
            sa.text("SELECT name FROM roads WHERE id = ANY(:ids)"),
            {"ids": corridor["road_ids"]},
        ).scalars()
    )
    assert names == {corridor["road_name"]}
    near_corridor = conn.execute(
        sa.text(
            "SELECT count(*) FROM complaints c WHERE category_code = 'lampu_jalan_mati'"
            " AND reported_at >= :since AND EXISTS (SELECT 1 FROM streetlights s"
            " WHERE s.pole_id = ANY(:poles) AND ST_DWithin(s.geom::geography,"
            " c.geom::geography, 25))"
        ),
        {"since": corridor["since"], "poles": corridor["pole_ids"]},
    ).scalar_one()
    assert near_corridor >= corridor["complaints"]

    potholes = patterns["pothole_cluster"]
    a, b = potholes["kelurahan"]
    assert conn.execute(
        sa.text(
            "SELECT ST_DWithin(x.geom::geography, y.geom::geography, 20) FROM kelurahan x,"
            " kelurahan y WHERE x.kode = :a AND y.kode = :b"
        ),
        {"a": a, "b": b},
    ).scalar()
    # potholes per road-km: the pair is among the worst in the city
    top = (
        conn.execute(
            sa.text(
                "WITH road AS (SELECT k.kode, sum(ST_Length(ST_Intersection(r.geom, k.geom)"
                "::geography)) / 1000 AS km FROM kelurahan k JOIN roads r"
                " ON ST_Intersects(r.geom, k.geom) GROUP BY k.kode)"
                " SELECT road.kode FROM road JOIN complaints c ON c.kelurahan_kode = road.kode"
                " AND c.category_code = 'jalan_berlubang' WHERE road.km > 2"
                " GROUP BY road.kode, road.km ORDER BY count(*) / road.km DESC LIMIT 5"
            )
        )
        .scalars()
        .all()
    )
    assert a in top and b in top
    assert sum(potholes["complaints_by_kelurahan"].values()) == potholes["complaints"]

    rubbish = patterns["rubbish_emerging"]
    lon, lat = rubbish["centre"]
    near = (
        "category_code = 'kebersihan' AND ST_DWithin(geom::geography,"
        f" ST_MakePoint({lon}, {lat})::geography, {rubbish['radius_m'] * 3})"
    )
    recent = count(
        conn, "complaints", near + f" AND reported_at >= '{rubbish['since']}'"
    )
    earlier = count(
        conn, "complaints", near + f" AND reported_at < '{rubbish['since']}'"
    )
    assert recent >= rubbish["complaints"]
    assert earlier < recent / 4  # eleven months before the outbreak hold far fewer

    unhandled = patterns["unhandled_roads"]
    rows = conn.execute(
        sa.text(
            "SELECT kelurahan_kode, status, acknowledged_at, reported_at FROM complaints"
            " WHERE ticket = ANY(:t)"
        ),
        {"t": unhandled["tickets"]},
    ).all()
    assert len(rows) == unhandled["complaints"]
    assert {(r[0], r[1], r[2]) for r in rows} == {
        (unhandled["kelurahan"], "baru", None)
    }
    assert all((as_of - r[3]).days >= 8 for r in rows)
    stale = (
        conn.execute(
            sa.text(
                "SELECT DISTINCT kelurahan_kode FROM complaints WHERE category_code IN"
                " ('jalan_berlubang', 'jalan_rusak') AND status IN ('baru', 'diverifikasi',"
                " 'didisposisikan') AND reported_at < CAST(:as_of AS timestamptz)"
                " - interval '7 days'"
            ),
            {"as_of": as_of},
        )
        .scalars()
        .all()
    )
    assert stale == [unhandled["kelurahan"]]

    planted = {
        a,
        b,
        unhandled["kelurahan"],
        *rubbish["kelurahan"],
        *corridor["kelurahan"],
    }
    assert not set(city["controls"]) & set(potholes["halo"])
    for control in city["controls"]:
        assert control not in planted
        touching = conn.execute(
            sa.text(
                "SELECT count(*) FROM kelurahan x JOIN kelurahan y ON ST_DWithin("
                "x.geom::geography, y.geom::geography, 10) WHERE x.kode = :c"
                " AND y.kode = ANY(:p)"
            ),
            {"c": control, "p": list(planted)},
        ).scalar()
        assert touching == 0


def test_reseeding_needs_replace_and_if_empty_skips(conn, settings, tmp_path):
    local = settings.replace(var_dir=tmp_path)
    generate_demo(conn, local, complaints=500, seed=1, end_date=END)
    assert "already present" in generate_demo(
        conn, local, complaints=500, seed=1, end_date=END, if_empty=True
    )
    from gis.errors import InvalidParameter

    with pytest.raises(InvalidParameter, match="--replace"):
        generate_demo(conn, local, complaints=500, seed=1, end_date=END)
    generate_demo(conn, local, complaints=700, seed=2, end_date=END, replace=True)
    assert count(conn, "complaints") == 700


def test_replacing_the_demo_takes_the_notices_its_moves_queued(
    conn, settings, tmp_path
):
    local = settings.replace(var_dir=tmp_path)
    generate_demo(conn, local, complaints=300, seed=3, end_date=END)
    reported = conn.execute(
        sa.text(
            "SELECT c.id FROM complaints c JOIN complaint_contacts r"
            " ON r.complaint_id = c.id WHERE c.status = 'baru'"
            " AND (r.email IS NOT NULL OR r.phone IS NOT NULL) ORDER BY c.id LIMIT 1"
        )
    ).scalar_one()
    transition(conn, reported, Move(State.DIVERIFIKASI), Actor("ops", "operator"), NOW)
    assert count(conn, "outbox", f"complaint_id = {reported}") > 0
    generate_demo(conn, local, complaints=300, seed=4, end_date=END, replace=True)
    assert count(conn, "outbox") == 0


@pytest.mark.parametrize("city", [11, 12], indirect=True)
def test_the_planted_market_tps_is_the_one_schedule_problem(conn, city):
    from layers.city.waste_checks import SCHEDULE_PROBLEM, analyse_waste

    planted = city["city"]["waste"]["schedule_problem"]
    assert planted["collection_days"] == [1, 4]
    assert count(conn, "waste_points", "NOT synthetic OR NOT sigap_in_city(geom)") == 0
    assert count(conn, "waste_routes") == 6  # one per kecamatan
    done = analyse_waste(conn, datetime.fromisoformat(city["as_of"]))
    flagged = conn.execute(
        sa.text(
            "SELECT p.code FROM waste_schedule_checks c JOIN waste_points p"
            " ON p.id = c.point_id WHERE c.verdict = :verdict"
        ),
        {"verdict": SCHEDULE_PROBLEM},
    ).all()
    assert flagged == [(planted["code"],)]
    assert done["schedule_problems"] == 1
