"""``sigap ai train`` on the demo city and ``/api/ai/suggest`` on a real server."""

from __future__ import annotations

import pytest
import requests
from click.testing import CliRunner

from api.cli import main


@pytest.fixture(scope="module")
def trained(demo_city, demo_server) -> str:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["ai", "train", "--until", "2026-10-31", "--seed", "3"],
        obj={"settings": demo_city},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("text model ")
    assert "held out" in result.output and "macro-F1" in result.output
    again = runner.invoke(
        main, ["ai", "train", "--if-missing"], obj={"settings": demo_city}
    )
    assert again.output == "a text model exists; nothing to do\n"
    return demo_server


def test_suggestions_come_with_names_probabilities_and_danger(trained):
    response = requests.get(
        trained + "/api/ai/suggest",
        params={"text": "KABEL LISTRIK PUTUS, lampu jln mati sdh 3 hr 😡", "k": 2},
        timeout=30,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["model"]["trained_on"] > 1000
    assert [s["category"] for s in body["suggestions"]][0] == "lampu_jalan_mati"
    assert body["suggestions"][0]["name_id"] and len(body["suggestions"]) == 2
    assert 0.5 < body["suggestions"][0]["probability"] <= 1.0
    assert body["danger"] == [
        {
            "kind": "live_wire",
            "label": "kabel listrik berbahaya",
            "quote": "KABEL LISTRIK PUTUS",
        }
    ]


def test_post_json_gives_the_same_answer(trained):
    text = "sampah di pasar sonde diangkut su satu minggu, bau skali"
    got = requests.get(trained + "/api/ai/suggest", params={"text": text}, timeout=30)
    posted = requests.post(
        trained + "/api/ai/suggest", json={"text": text, "k": 3}, timeout=30
    )
    assert posted.json() == got.json()
    assert posted.json()["suggestions"][0]["category"] == "kebersihan"
    assert posted.json()["danger"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 4001}, "text"),
        ({"text": "lampu", "k": "lots"}, "k"),
        ({"text": "lampu", "k": "0"}, "k"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(trained, params, field):
    response = requests.get(trained + "/api/ai/suggest", params=params, timeout=30)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert field in response.json()["description"]
