"""One error model, each surface its own format: bad input, an unknown route, a
wrong method and a server fault (a route that raises, an unreachable database)
answer in JSON on ``/api``, OGC exception XML on WMS, OGC API JSON on
``/ogcapi``, the Open311 error list on ``/open311`` and an HTML page elsewhere;
every request is logged once with its id, every 5xx with its traceback."""

from __future__ import annotations

import json
import logging
import re
from xml.etree import ElementTree

import pytest
from flask import Flask

from api.app import create_app
from gis.config import Settings

OGC = "{http://www.opengis.net/ogc}"
#: a test-only route per surface that fails the way a bug would
FAULTS = {
    "api": "/api/test/fault",
    "wms": "/wms/test-fault",
    "ogcapi": "/ogcapi/test/fault",
    "open311": "/open311/v2/test-fault.xml",
    "pages": "/test/fault",
}


@pytest.fixture(scope="module")
def faulty(committed: Settings) -> Flask:
    """The platform plus one route per surface that raises a plain exception."""
    app = create_app(committed)

    def fault() -> None:
        raise RuntimeError("kaputt: a bug, not the client's fault")

    for surface, path in FAULTS.items():
        app.add_url_rule(path, f"fault_{surface}", fault)
    return app


@pytest.fixture(scope="module")
def unreachable(committed: Settings) -> Flask:
    """The platform pointed at a database port nobody listens on."""
    return create_app(
        committed.replace(database_url="postgresql://postgres@127.0.0.1:9/sigap")
    )


def _json_error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type.startswith("application/json")
    body = response.get_json()
    assert body["code"] == code
    return body["description"]


def _wms_error(response, status: int, code: str | None) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.data)
    assert root.tag == f"{OGC}ServiceExceptionReport"
    [exception] = list(root)
    assert exception.get("code") == code
    return exception.text


def _open311_error(response, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.data)
    assert root.tag == "errors"
    [error] = list(root)
    assert error.findtext("code") == str(status)
    return error.findtext("description")


def _page_error(response, status: int) -> str:
    assert response.status_code == status
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    # the site's own layout, not Werkzeug's bare page
    assert '<header class="top">' in page and 'name="viewport"' in page
    return re.search(r'<p class="error" id="error"[^>]*>(.*?)</p>', page).group(1)


# -- /api: JSON, Indonesian first -------------------------------------------------


def test_api_bad_input_is_a_json_400_in_indonesian_first(client):
    answer = client.get("/api/feeds/complaints", query_string={"limit": "banyak"})
    description = _json_error(answer, 400, "invalid_parameter")
    assert description == (
        "limit harus bilangan bulat dari 1 sampai 10000"
        " / limit must be a whole number from 1 to 10000"
    )


def test_api_unknown_route_is_a_json_404(client):
    answer = client.get("/api/feeds/nope")
    assert _json_error(answer, 404, "not_found") == "Tidak ditemukan / Not found"


def test_api_wrong_method_is_a_json_405_naming_the_allowed_ones(client):
    answer = client.post("/api/feeds/complaints")
    description = _json_error(answer, 405, "method_not_allowed")
    assert description == "Metode tidak diizinkan / Method not allowed"
    assert answer.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_api_server_fault_is_a_json_500_with_the_request_id(faulty):
    answer = faulty.test_client().get(FAULTS["api"], headers={"X-Request-Id": "r-1"})
    description = _json_error(answer, 500, "server_error")
    assert description == "Terjadi kesalahan pada server / Internal server error"
    assert answer.get_json()["request_id"] == "r-1"
    assert "kaputt" not in answer.get_data(as_text=True)


def test_api_without_database_is_a_json_503(unreachable):
    answer = unreachable.test_client().get("/api/layers")
    assert _json_error(answer, 503, "unavailable").startswith(
        "Basis data tidak dapat dihubungi"
    )


# -- WMS: OGC ServiceExceptionReport ----------------------------------------------


def test_wms_bad_input_is_a_service_exception_with_its_code_and_locator(client):
    answer = client.get(
        "/wms", query_string={"SERVICE": "WMS", "REQUEST": "GetMap", "LAYERS": "x"}
    )
    text = _wms_error(answer, 400, "LayerNotDefined")
    assert text == "Lapisan tidak dikenal: x / Unknown layer: x"
    root = ElementTree.fromstring(answer.data)
    assert root[0].get("locator") == "layers"


def test_wms_1_1_1_names_the_crs_error_invalid_srs(client):
    answer = client.get(
        "/wms",
        query_string={
            "SERVICE": "WMS",
            "VERSION": "1.1.1",
            "REQUEST": "GetMap",
            "LAYERS": "complaints",
            "SRS": "EPSG:1234",
        },
    )
    assert answer.status_code == 400
    assert answer.content_type == "application/vnd.ogc.se_xml; charset=utf-8"
    assert b'code="InvalidSRS" locator="srs"' in answer.data


def test_wms_unknown_route_is_a_service_exception_404(client):
    assert _wms_error(client.get("/wms/nope"), 404, None).endswith("Not found")


def test_wms_wrong_method_is_operation_not_supported(client):
    answer = client.post("/wms")
    _wms_error(answer, 405, "OperationNotSupported")
    assert answer.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_wms_server_fault_is_a_500_report_without_the_cause(faulty):
    answer = faulty.test_client().get(FAULTS["wms"])
    text = _wms_error(answer, 500, None)
    assert text == "Terjadi kesalahan pada server / Internal server error"


def test_wms_without_database_is_a_503_report(unreachable):
    answer = unreachable.test_client().get(
        "/wms", query_string={"SERVICE": "WMS", "REQUEST": "GetCapabilities"}
    )
    assert _wms_error(answer, 503, None).startswith("Basis data")


# -- OGC API: {"code", "description"} with the real status --------------------------


def test_ogcapi_bad_input_is_invalid_parameter_value(client):
    answer = client.get("/ogcapi/collections/complaints/items?limit=0")
    assert _json_error(answer, 400, "InvalidParameterValue").startswith(
        "limit harus bilangan bulat dari 1 sampai 10000"
    )


def test_ogcapi_unknown_collection_and_route_are_not_found(client):
    assert _json_error(client.get("/ogcapi/collections/nope"), 404, "NotFound")
    assert _json_error(client.get("/ogcapi/nope"), 404, "NotFound")


def test_ogcapi_wrong_method_is_405(client):
    _json_error(client.delete("/ogcapi/collections"), 405, "OperationNotSupported")


def test_ogcapi_server_fault_stays_a_500(faulty):
    answer = faulty.test_client().get(FAULTS["ogcapi"])
    _json_error(answer, 500, "NoApplicableCode")


def test_ogcapi_without_database_is_a_503_not_a_400(unreachable):
    answer = unreachable.test_client().get("/ogcapi/collections")
    _json_error(answer, 503, "NoApplicableCode")


# -- Open311: the spec's error list ---------------------------------------------------


def test_open311_bad_input_is_a_400_error_list(client):
    answer = client.get("/open311/v2/requests.xml?page_size=0")
    assert _open311_error(answer, 400).startswith("page_size harus bilangan bulat")


def test_open311_unknown_route_is_a_404_error_list_in_the_asked_format(client):
    answer = client.get("/open311/v2/nope.json")
    assert answer.status_code == 404
    assert answer.content_type == "application/json; charset=utf-8"
    assert json.loads(answer.data) == [
        {"code": 404, "description": "Tidak ditemukan / Not found"}
    ]


def test_open311_wrong_method_is_a_405_error_list(client):
    _open311_error(client.put("/open311/v2/services.xml"), 405)


def test_open311_server_fault_is_a_500_error_list(faulty):
    answer = faulty.test_client().get(FAULTS["open311"])
    assert _open311_error(answer, 500) == (
        "Terjadi kesalahan pada server / Internal server error"
    )


def test_open311_without_database_is_a_503_error_list(unreachable):
    _open311_error(unreachable.test_client().get("/open311/v2/services.xml"), 503)


# -- pages: the error page in the base layout ---------------------------------------


def test_page_bad_input_is_an_html_page_with_its_4xx(app, client):
    too_big = b"username=" + b"x" * app.config["MAX_CONTENT_LENGTH"]
    answer = client.post(
        "/login", data=too_big, content_type="application/x-www-form-urlencoded"
    )
    assert _page_error(answer, 413).startswith("Unggahan lebih besar dari")


def test_page_unknown_route_is_an_html_404_in_the_visitors_language(client):
    assert _page_error(client.get("/nope"), 404) == "Tidak ditemukan / Not found"
    english = client.get("/nope?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Back to the home page" in english


def test_page_wrong_method_is_an_html_405(client):
    answer = client.post("/viewer")
    _page_error(answer, 405)
    assert answer.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_page_server_fault_is_an_html_500_quoting_the_request_id(faulty):
    answer = faulty.test_client().get(FAULTS["pages"], headers={"X-Request-Id": "p-9"})
    _page_error(answer, 500)
    assert '<code id="request-id">p-9</code>' in answer.get_data(as_text=True)


def test_page_without_database_is_an_html_503(unreachable):
    assert _page_error(unreachable.test_client().get("/"), 503).startswith(
        "Basis data tidak dapat dihubungi"
    )


# -- logging ----------------------------------------------------------------------


def test_every_request_is_logged_once_with_its_echoed_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="sigap")
    answer = client.get("/api/feeds/nope", headers={"X-Request-Id": "abc-123"})
    assert answer.headers["X-Request-Id"] == "abc-123"
    lines = [r.getMessage() for r in caplog.records if r.name == "sigap.request"]
    assert len(lines) == 1
    assert re.fullmatch(
        r"method=GET path=/api/feeds/nope status=404 duration_ms=\d+\.\d"
        r" request_id=abc-123",
        lines[0],
    )


def test_a_request_without_a_sane_id_gets_a_fresh_one(client, caplog):
    caplog.set_level(logging.INFO, logger="sigap")
    first = client.get("/health", headers={"X-Request-Id": "no spaces <allowed>"})
    second = client.get("/health")
    ids = [first.headers["X-Request-Id"], second.headers["X-Request-Id"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and ids[0] != ids[1]
    logged = [r.getMessage() for r in caplog.records if r.name == "sigap.request"]
    assert [line.rsplit("=", 1)[1] for line in logged] == ids


def test_a_server_fault_is_logged_with_its_traceback_and_request_id(faulty, caplog):
    caplog.set_level(logging.INFO, logger="sigap")
    faulty.test_client().get(FAULTS["api"], headers={"X-Request-Id": "t-5"})
    [fault] = [r for r in caplog.records if r.name == "sigap.errors"]
    assert fault.levelno == logging.ERROR
    assert fault.getMessage() == (
        "GET /api/test/fault failed: RuntimeError request_id=t-5"
    )
    assert fault.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text and "kaputt" in caplog.text
    [line] = [r.getMessage() for r in caplog.records if r.name == "sigap.request"]
    assert "status=500" in line and line.endswith("request_id=t-5")


def test_client_errors_are_not_logged_as_faults(client, caplog):
    caplog.set_level(logging.INFO, logger="sigap")
    client.get("/api/feeds/complaints?limit=x")
    client.get("/wms?REQUEST=GetMap")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_database_outage_is_logged_as_a_fault(unreachable, caplog):
    caplog.set_level(logging.INFO, logger="sigap")
    unreachable.test_client().get("/api/layers")
    [fault] = [r for r in caplog.records if r.name == "sigap.errors"]
    assert fault.getMessage().startswith("GET /api/layers failed: OperationalError")
    assert fault.exc_info is not None
