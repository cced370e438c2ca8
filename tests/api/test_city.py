"""The city over its surfaces: ``sigap city analyze`` and ``/api/city/panel``."""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner

from api.cli import main


@pytest.fixture(scope="module")
def analyzed(demo_city):
    """A blackspot run of the demo city, committed (``sigap city analyze``)."""
    result = CliRunner().invoke(
        main,
        ["city", "analyze", "--weights", "10-5-1-1"],
        obj={"settings": demo_city},
        catch_exceptions=False,
    )
    return result


def test_the_command_says_what_it_found_and_which_weights_it_used(analyzed):
    assert analyzed.exit_code == 0
    assert "weights 10-5-1-1" in analyzed.output
    assert "2025-11-01 – 2026-11-01" in analyzed.output
    assert " segments and " in analyzed.output


def test_a_bad_weight_set_is_refused_naming_the_option(demo_city):
    result = CliRunner().invoke(
        main, ["city", "analyze", "--weights", "12,3"], obj={"settings": demo_city}
    )
    assert result.exit_code == 2
    assert "--weights '12,3'" in result.output


def test_the_panel_endpoint_serves_the_numbers_as_json(analyzed, demo_server):
    response = requests.get(demo_server + "/api/city/panel", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    panel = response.json()
    assert panel["as_of"] == "2026-11-01T08:00:00+08:00"
    assert panel["blackspots"]["weights"]["name"] == "10-5-1-1"
    assert panel["population"]["population"] == 455_502
    assert panel["streetlights"]["total"] > 0
    assert set(panel["accidents"]) == {"this_month", "last_month", "last_12_months"}
    assert "LP/B/" not in json.dumps(panel)  # aggregates, no single record


def test_the_panel_command_prints_the_same_numbers(analyzed, demo_city):
    result = CliRunner().invoke(main, ["city", "panel"], obj={"settings": demo_city})
    assert result.exit_code == 0
    assert json.loads(result.output)["population"]["poor_people"] == 40_380
