"""Weekly forecasts per kelurahan × category and the early warning they give."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import numpy as np
import pytest
import sqlalchemy as sa

from gis import forecast as model
from gis.terms import emerging_terms
from gis.timeutil import WITA
from layers.ai.forecast import early_warnings, has_forecast, run_forecast, week_of
from layers.ai.lexicon import NORMAL_FORMS
from layers.ai.words import emerging_words
from layers.complaints import create_complaint
from layers.demo import generate_demo, manifest_path
from layers.policy import WEIGHTS, policy_priorities
from tests.conftest import NOW


def test_week_features_count_rainy_days_and_weekday_holidays():
    # 2026-10-26 is a Monday: its week ends on Sunday 1 November (rainy)
    starts = [date(2026, 10, 26), date(2026, 12, 21), date(2026, 6, 1)]
    holidays = [date(2026, 12, 25), date(2026, 12, 27), date(2026, 6, 1)]
    got = model.week_features(starts, holidays)
    assert got.tolist() == [[1 / 7, 0.0], [1.0, 1.0], [0.0, 1.0]]


def test_the_model_learns_the_rainy_season_and_gives_intervals():
    rng = np.random.default_rng(3)
    starts = [date(2025, 11, 3) + timedelta(weeks=i) for i in range(52)]
    x = model.week_features(starts, [])
    levels = np.array([0.5, 1.0, 2.0, 4.0] * 5)
    truth = levels[None, :] * np.exp(np.log(3.0) * x[:, :1])
    counts = rng.poisson(truth)
    fitted = model.fit(counts, x, ["a"] * 20)
    assert fitted.coefficients["a"][0] == pytest.approx(np.log(3.0), abs=0.15)
    assert fitted.alpha["a"] < 0.05  # Poisson data: no dispersion to speak of
    lower, upper = model.interval(np.array([4.0]), np.array([0.0]))
    assert (lower.tolist(), upper.tolist()) == ([1.0], [8.0])
    result = model.backtest(counts, x, ["a"] * 20, first=20)
    assert result["weeks"] == 32 and result["mae_ratio"] < 0.8


def test_seasonal_naive_repeats_the_latest_week_of_the_same_season():
    counts = np.array([[1], [2], [5], [7]])
    x = np.array([[1.0, 0], [1.0, 0], [0.0, 0], [0.0, 0]])
    assert model.seasonal_naive(counts, x, np.array([1.0, 0])).tolist() == [[2.0]]
    assert model.seasonal_naive(counts, x, np.array([0.0, 0])).tolist() == [[7.0]]


def _kelurahan(conn, name: str) -> tuple[str, float, float]:
    return conn.execute(
        sa.text(
            "SELECT kode, ST_X(p), ST_Y(p) FROM"
            " (SELECT kode, ST_PointOnSurface(geom) AS p FROM kelurahan"
            "  WHERE nama = :name) k"
        ),
        {"name": name},
    ).one()


def test_a_planted_drain_surge_is_the_weeks_first_early_warning(conn, settings):
    generate_demo(conn, settings, complaints=3000, seed=21, end_date=date(2026, 10, 31))
    kode, lon, lat = _kelurahan(conn, "Oesapa")
    # fourteen blocked drains in Oesapa this week (Mon 26 Oct – Sat 31 Oct)
    for i in range(14):
        create_complaint(
            conn,
            category_code="drainase",
            lon=lon,
            lat=lat,
            description="got tersumbat, air meluap ke jalan",
            reported_at=datetime(2026, 10, 26 + i % 6, 9, i, tzinfo=WITA),
        )
    assert not has_forecast(conn, NOW)
    run = run_forecast(conn, now=NOW)
    assert has_forecast(conn, NOW)
    assert run.week_start == week_of(NOW) == date(2026, 10, 26)
    assert run.weeks == 52
    stored = conn.execute(
        sa.text(
            "SELECT window_start, window_end, status, parameters, versions"
            " FROM forecast_runs WHERE id = :id"
        ),
        {"id": run.id},
    ).one()
    assert stored.window_start == datetime(2025, 10, 27, tzinfo=WITA)
    assert stored.window_end == datetime(2026, 10, 26, tzinfo=WITA)
    assert stored.status == "done"
    assert stored.parameters["rainy_months"] == [11, 12, 1, 2, 3, 4]
    assert {"statsmodels", "scipy", "postgis"} <= set(stored.versions)
    # the season is learnt where the demo put it: floods and drains in the rain
    assert stored.parameters["coefficients"]["banjir"]["rainy"] > 0.5
    assert stored.parameters["coefficients"]["drainase"]["rainy"] > 0.5

    found = early_warnings(conn, NOW)
    assert found["week_start"] == "2026-10-26"
    # the demo's own planted surge (rubbish round a market, its last four
    # weeks) comes first, the fourteen drains second, and nothing else
    rubbish = next(
        p
        for p in json.loads(manifest_path(settings).read_text())["patterns"]
        if p["id"] == "rubbish_emerging"
    )
    market = conn.execute(
        sa.text(
            "SELECT kode FROM kelurahan"
            " WHERE ST_Intersects(geom, ST_SetSRID(ST_Point(:lon, :lat), 4326))"
        ),
        {"lon": rubbish["centre"][0], "lat": rubbish["centre"][1]},
    ).scalar_one()
    assert [(w["kelurahan"], w["category"]) for w in found["warnings"]] == [
        (market, "kebersihan"),
        (kode, "drainase"),
    ]
    first = found["warnings"][1]
    base = conn.execute(
        sa.text(
            "SELECT count(*) FROM complaints WHERE kelurahan_kode = :k"
            " AND category_code = 'drainase' AND synthetic"
            " AND reported_at >= '2026-10-26T00:00+08:00'"
        ),
        {"k": kode},
    ).scalar_one()
    assert first["reports"] == base + 14
    assert first["upper"] < base + 14
    assert first["text"] == (
        f"drainase di Oesapa: {base + 14} laporan,"
        f" perkiraan {first['lower']}–{first['upper']}"
    )
    assert first["link"] == f"/laporan?kelurahan={kode}&kategori=drainase"


def test_a_new_word_this_week_is_an_emerging_word_with_its_tickets(conn, settings):
    generate_demo(conn, settings, complaints=3000, seed=21, end_date=date(2026, 10, 31))
    kode, lon, lat = _kelurahan(conn, "Lasiana")
    planted = [
        create_complaint(
            conn,
            category_code="banjir",
            lon=lon,
            lat=lat,
            description=text,
            reported_at=datetime(2026, 10, 27 + i % 4, 18, i, tzinfo=WITA),
        )
        for i, text in enumerate(
            [
                "Air rob naik sampai ke rumah warga",
                "rob lagi, aer laut masuk ke jalan",
                "Banjir rob di pesisir Lasiana",
                "ROB!! air laut naik",
                "air rob masuk rumah",
                "rob setinggi lutut di gang",
            ]
        )
    ]
    found = emerging_words(conn, NOW)
    assert found["week_start"] == "2026-10-26" and found["baseline_weeks"] == 8
    # the planted word emerges; nothing written all year does, nor the demo's
    # rubbish surge round a market: in its fourth week it is no longer new
    # against a baseline holding its first three (35 reports there, 16 now)
    assert [t["term"] for t in found["terms"]] == ["rob"]
    first = found["terms"][0]
    assert (first["tickets"], first["baseline_tickets"]) == (6, 0)
    assert first["text"] == "“rob”: 6 laporan minggu ini, 0 dalam 8 minggu sebelumnya"
    newest = sorted(planted, key=lambda c: c.reported_at, reverse=True)[:3]
    assert [e["ticket"] for e in first["examples"]] == [c.ticket for c in newest]
    assert first["examples"][0]["kelurahan"] == "Lasiana"


def test_terms_normalise_dialect_and_keep_a_pair_over_its_words():
    current = ["aer keruh dari pdam"] * 4 + ["lampu mati"] * 4
    baseline = ["lampu mati"] * 20 + ["air mengalir kecil"] * 20
    found = emerging_terms(current, baseline, lexicon=NORMAL_FORMS, min_count=3)
    assert [f["term"] for f in found][:1] == ["air keruh"]
    assert "keruh" not in {f["term"] for f in found}
    assert found[0]["examples"] == [0, 1, 2]


def test_policy_priorities_rank_a_rising_late_backlog_first_with_reasons(conn):
    kode, lon, lat = _kelurahan(conn, "Oesapa")
    # eight blocked drains in the last fortnight, none handled, four past SLA
    # (drainase: 7 working days), none in the eight weeks before
    for i in range(8):
        create_complaint(
            conn,
            category_code="drainase",
            lon=lon,
            lat=lat,
            description="got tersumbat",
            reported_at=NOW - timedelta(days=3 if i < 4 else 13, hours=i),
        )
    other, olon, olat = _kelurahan(conn, "Lasiana")
    # one old, handled-looking pothole elsewhere: little to say
    create_complaint(
        conn,
        category_code="jalan_berlubang",
        lon=olon,
        lat=olat,
        description="lubang",
        reported_at=NOW - timedelta(days=20),
    )
    found = policy_priorities(conn, NOW, limit=5)
    assert found["weights"] == WEIGHTS
    first = found["priorities"][0]
    assert (first["kelurahan"], first["category"]) == (kode, "drainase")
    assert first["title"] == "drainase di Oesapa"
    assert first["link"] == f"/laporan?kelurahan={kode}&kategori=drainase"
    assert [(r["signal"], r["points"], r["reason"]) for r in first["reasons"]] == [
        ("volume", 25.0, "8 laporan dalam 4 minggu terakhir"),
        ("trend", 20.0, "naik dari 0 dalam 8 minggu sebelumnya"),
        ("backlog", 15.0, "8 laporan belum selesai"),
        ("sla", 15.0, "4 laporan melewati batas waktu SLA"),
        ("severity", 2.5, "kategori dengan tingkat keparahan 2,5 dari 5"),
    ]
    assert first["score"] == 77.5
    second = found["priorities"][1]
    assert (second["kelurahan"], second["category"]) == (other, "jalan_berlubang")
    assert second["score"] < 30
