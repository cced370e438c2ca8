"""Bad input is the client's fault: a clear 4xx in the surface's own format, never
a 5xx or a dropped connection."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path, params",
    [
        ("/ogcapi/collections/complaints/items", {"datetime": "9999-12-31"}),
        ("/ogcapi/collections/complaints/items", {"datetime": "0001-01-01/.."}),
        ("/api/feeds/complaints", {"since": "9999-12"}),
        ("/open311/v2/requests.json", {"start_date": "9999-12-31T00:00:00Z"}),
        ("/open311/v2/requests.json", {"end_date": "0001-01-01T00:00:00+08:00"}),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_clearly(client, path, params):
    answer = client.get(path, query_string=params)
    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"].startswith("application/")


def test_a_wms_time_at_the_end_of_the_calendar_is_an_ogc_exception(client):
    answer = client.get(
        "/wms",
        query_string={
            "SERVICE": "WMS",
            "VERSION": "1.3.0",
            "REQUEST": "GetMap",
            "LAYERS": "complaints",
            "STYLES": "",
            "CRS": "EPSG:4326",
            "BBOX": "-10.2,123.5,-10.1,123.7",
            "WIDTH": "64",
            "HEIGHT": "64",
            "FORMAT": "image/png",
            "TIME": "9999-12-31",
        },
    )
    assert answer.status_code == 400
    assert 'code="InvalidDimensionValue"' in answer.text
