"""The served platform: gunicorn answers with the Kupang overview."""

from __future__ import annotations

import json
import urllib.request


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return (
            response.status,
            response.headers["Content-Type"],
            response.read().decode(),
        )


def test_landing_page_lists_layers_and_complaint_states_in_indonesian(server):
    status, kind, body = _get(server + "/")
    assert status == 200 and kind.startswith("text/html")
    assert "SIGAP Kota Kupang" in body
    assert "Aduan menurut status" in body
    assert "Penerangan jalan umum (PJU)" in body and "belum disentuh" in body


def test_health_and_layer_summary(server):
    assert json.loads(_get(server + "/health")[2]) == {"status": "ok"}
    layers = {
        row["name"]: row
        for row in json.loads(_get(server + "/api/layers")[2])["layers"]
    }
    assert layers["kelurahan"]["features"] == 51
    assert layers["kecamatan"]["features"] == 6
