"""``sigap ai forecast`` on the demo city and ``/api/ai/peringatan`` over HTTP."""

from __future__ import annotations

import json

import requests
import sqlalchemy as sa
from click.testing import CliRunner

from api.cli import main
from gis.db import get_engine
from layers.demo import manifest_path


def test_forecast_command_then_the_early_warning_endpoint(demo_city, demo_server):
    runner = CliRunner()
    result = runner.invoke(
        main, ["ai", "forecast"], obj={"settings": demo_city}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("forecast run ")
    assert "561 kelurahan × category series, 52 weeks learnt" in result.output
    assert "week of 2026-10-26" in result.output
    again = runner.invoke(
        main, ["ai", "forecast", "--if-missing"], obj={"settings": demo_city}
    )
    assert again.output == "a forecast of this week exists; nothing to do\n"

    response = requests.get(demo_server + "/api/ai/peringatan", timeout=30)
    assert response.status_code == 200
    body = response.json()
    assert body["week_start"] == "2026-10-26"
    # Sunday 08:00 WITA: six days and eight hours of the week are gone
    assert body["share_of_week"] == round((6 * 24 + 8) / (7 * 24), 3)
    first = body["warnings"][0]
    # the demo planted a rubbish surge round a market in its last four weeks
    centre = next(
        p["centre"]
        for p in json.loads(manifest_path(demo_city).read_text())["patterns"]
        if p["id"] == "rubbish_emerging"
    )
    with get_engine(demo_city).connect() as conn:
        market = conn.execute(
            sa.text(
                "SELECT kode FROM kelurahan"
                " WHERE ST_Intersects(geom, ST_SetSRID(ST_Point(:x, :y), 4326))"
            ),
            {"x": centre[0], "y": centre[1]},
        ).scalar_one()
    assert (first["kelurahan"], first["category"]) == (market, "kebersihan")
    assert first["link"] == f"/laporan?kelurahan={market}&kategori=kebersihan"
    assert first["reports"] > first["upper"] >= first["lower"] >= 0
    assert first["text"] == (
        f"sampah di {first['kelurahan_name']}: {first['reports']} laporan,"
        f" perkiraan {first['lower']}–{first['upper']}"
    )


def test_emerging_words_are_for_staff_with_their_tickets(demo_city, demo_server):
    from layers.accounts import create_user

    url = demo_server + "/api/ai/kata-baru"
    refused = requests.get(url, timeout=30)
    assert refused.status_code == 403
    with get_engine(demo_city).begin() as conn:
        create_user(conn, "katabaru", "Operator", "rahasia-kupang-7", "operator")
    response = requests.get(
        url, params={"limit": 5}, auth=("katabaru", "rahasia-kupang-7"), timeout=30
    )
    assert response.status_code == 200
    body = response.json()
    assert body["week_start"] == "2026-10-26" and body["baseline_weeks"] == 8
    assert body["current_tickets"] > 0 and len(body["terms"]) <= 5
    for term in body["terms"]:
        assert 1 <= len(term["examples"]) <= 3
        assert all(e["ticket"].startswith("KPG-") for e in term["examples"])
    bad = requests.get(
        url, params={"limit": "x"}, auth=("katabaru", "rahasia-kupang-7"), timeout=30
    )
    assert bad.status_code == 400
