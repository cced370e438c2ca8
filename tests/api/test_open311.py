"""Open311 GeoReport v2 over HTTP, through Flask's test client."""

from __future__ import annotations

import io
from datetime import timedelta
from xml.etree import ElementTree

import pytest
import sqlalchemy as sa
from PIL import Image
from werkzeug.test import TestResponse

from gis.db import get_engine
from tests.conftest import NOW
from tests.images import bomb_png, encode, picture
from tests.kupang import OEBOBO

pytestmark = pytest.mark.clock

OEBOBO_KODE = "53.71.04.1001"


def _spot(n: int) -> tuple[float, float]:
    """A distinct spot inside Oebobo (~150 m apart), so tests do not merge."""
    return OEBOBO[0] + 0.0014 * (n % 5), OEBOBO[1] - 0.0014 * (n // 5)


def _form(data: dict, files: dict | None) -> dict:
    """A form with uploads as the test client takes it: ``files`` maps a field
    to ``(filename, bytes[, content type])``."""
    uploads = {
        name: (io.BytesIO(upload[1]), upload[0], *upload[2:])
        for name, upload in (files or {}).items()
    }
    return {**data, **uploads}


def _xml(response: TestResponse) -> ElementTree.Element:
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert response.data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.data)


def test_services_list_kupangs_categories_indonesian_first(client):
    services = client.get("/open311/v2/services.json").json
    pothole = next(s for s in services if s["service_code"] == "jalan_berlubang")
    assert pothole["service_name"] == "Jalan berlubang"
    assert pothole["description"].startswith("Jalan berlubang / Pothole.")
    assert pothole["type"] == "realtime" and pothole["metadata"] is True
    assert pothole["group"] == "Dinas PUPR"
    root = _xml(client.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert len(codes) == 11 and "lampu_jalan_mati" in codes
    water = root.find("service[service_code='air_bersih']")
    assert water.findtext("metadata") == "false"


def test_a_service_definition_lists_its_attributes_in_json_and_xml(client):
    flood = client.get("/open311/v2/services/banjir.json")
    assert flood.json["attributes"][0] == {
        "variable": True,
        "code": "kedalaman",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "Kedalaman genangan / Depth of the water",
        "values": [
            {"key": "mata_kaki", "name": "Semata kaki"},
            {"key": "lutut", "name": "Selutut"},
            {"key": "pinggang", "name": "Sepinggang atau lebih"},
        ],
    }
    root = _xml(client.get("/open311/v2/services/banjir.xml"))
    assert root.tag == "service_definition"
    keys = [
        v.findtext("key") for v in root.iterfind("attributes/attribute/values/value")
    ]
    assert keys == ["mata_kaki", "lutut", "pinggang"]
    missing = client.get("/open311/v2/services/gempa.xml")
    assert missing.status_code == 404
    assert _xml(missing).findtext("error/code") == "404"


def test_discovery_names_the_endpoint_and_formats(client):
    found = client.get("/open311/v2/discovery.json").json
    endpoint = found["endpoints"][0]
    assert endpoint["url"] == "http://localhost/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert "text/xml; charset=utf-8" in endpoint["formats"]


def test_round_trip_with_a_photo_in_json(client, api_key, committed):
    photo = encode(picture(1200, 900), "JPEG", gps=(123.61, -10.16), quality=90)
    lon, lat = _spot(0)
    posted = client.post(
        "/open311/v2/requests.json",
        data=_form(
            {
                "api_key": api_key,
                "service_code": "jalan_berlubang",
                "lat": lat,
                "long": lon,
                "description": "Lubang dalam di depan sekolah",
                "attribute[ukuran]": "besar",
                "first_name": "Maria",
                "last_name": "Nenobais",
                "phone": "081234567890",
                "email": "maria@example.id",
            },
            {"media": ("IMG_0042.HEIC", photo, "application/octet-stream")},
        ),
    )
    assert posted.status_code == 200, posted.text
    [created] = posted.json
    ticket = created["service_request_id"]
    assert ticket.startswith("KPG-") and "token" not in created
    assert created["service_notice"].startswith(f"Laporan {ticket} diterima")

    [request] = client.get(f"/open311/v2/requests/{ticket}.json?extensions=true").json
    assert request["status"] == "open" and request["service_code"] == "jalan_berlubang"
    assert (request["long"], request["lat"]) == (lon, lat)  # the form wins over EXIF
    assert request["requested_datetime"].endswith("+08:00")
    assert request["agency_responsible"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert request["status_notes"].startswith("Diterima, menunggu verifikasi")
    assert request["extended_attributes"]["sigap_status"] == "baru"
    assert request["extended_attributes"]["kelurahan_kode"] == OEBOBO_KODE
    assert request["extended_attributes"]["attributes"] == {"ukuran": "besar"}
    text = str(request)
    assert "Maria" not in text and "0812" not in text and "example.id" not in text

    media = client.get(request["media_url"])
    assert media.status_code == 200 and media.headers["Content-Type"] == "image/jpeg"
    stored = Image.open(io.BytesIO(media.data))
    assert stored.size == (1200, 900) and dict(stored.getexif()) == {}
    thumb = client.get(request["extended_attributes"]["photos"][0]["thumbnail"])
    assert max(Image.open(io.BytesIO(thumb.data)).size) == 320

    listed = client.get(
        "/open311/v2/requests.json",
        query_string={
            "service_code": "jalan_berlubang,kebersihan",
            "status": "open",
            "start_date": (NOW - timedelta(hours=1)).isoformat(),
            "end_date": (NOW + timedelta(hours=1)).isoformat(),
        },
    ).json
    assert ticket in [r["service_request_id"] for r in listed]
    closed = client.get(
        "/open311/v2/requests.json", query_string={"status": "closed"}
    ).json
    assert ticket not in [r["service_request_id"] for r in closed]
    with get_engine(committed).connect() as conn:
        contact = conn.execute(
            sa.text(
                "SELECT p.name, p.phone FROM complaint_contacts p JOIN complaints c"
                " ON c.id = p.complaint_id WHERE c.ticket = :t"
            ),
            {"t": ticket},
        ).one()
    assert tuple(contact) == ("Maria Nenobais", "081234567890")


def test_round_trip_in_xml_and_a_repeat_joins_the_ticket(client, api_key):
    lon, lat = _spot(1)
    form = {
        "api_key": api_key,
        "service_code": "kebersihan",
        "lat": str(lat),
        "long": str(lon),
        "description": "Sampah menumpuk di pasar",
        "address_string": "Pasar Oebobo",
    }
    root = _xml(client.post("/open311/v2/requests.xml", data=form))
    ticket = root.findtext("request/service_request_id")
    assert root.tag == "service_requests" and ticket.startswith("KPG-")
    again = _xml(
        client.post(
            "/open311/v2/requests.xml",
            data={**form, "description": "masih menumpuk"},
        )
    )
    assert again.findtext("request/service_request_id") == ticket
    assert "digabungkan" in again.findtext("request/service_notice")
    request = _xml(client.get(f"/open311/v2/requests/{ticket}.xml?extensions=1"))
    assert request.findtext("request/status") == "open"
    assert request.findtext("request/address") == "Pasar Oebobo"
    assert request.findtext("request/extended_attributes/supporters") == "1"
    many = _xml(
        client.get(
            "/open311/v2/requests.xml",
            query_string={"service_request_id": f"{ticket},KPG-0000-000000"},
        )
    )
    assert [r.findtext("service_request_id") for r in many] == [ticket]


def test_the_photos_gps_locates_a_report_without_coordinates(client, api_key):
    lon, lat = _spot(2)
    photo = encode(picture(800, 600), "HEIF", gps=(lon, lat))
    posted = client.post(
        "/open311/v2/requests.json",
        data=_form(
            {"api_key": api_key, "service_code": "fasilitas_umum"},
            {"media": ("foto.heic", photo)},
        ),
    )
    assert posted.status_code == 200, posted.text
    ticket = posted.json[0]["service_request_id"]
    [request] = client.get(f"/open311/v2/requests/{ticket}.json").json
    assert request["long"] == pytest.approx(lon, abs=1e-6)
    assert request["lat"] == pytest.approx(lat, abs=1e-6)


def test_a_reporter_follows_their_own_ticket_by_token(client, api_key):
    lon, lat = _spot(3)
    posted = client.post(
        "/open311/v2/requests.json",
        data={"api_key": api_key, "service_code": "drainase", "lat": lat, "long": lon},
    ).json[0]
    follow_url = posted["service_notice"].rsplit(" ", 1)[-1]
    [mine] = client.get(follow_url).json
    assert mine["service_request_id"] == posted["service_request_id"]
    assert [(e["action"], e["to"]) for e in mine["history"]] == [("created", "baru")]
    unknown = client.get("/open311/v2/follow/tebakan.json")
    assert unknown.status_code == 404


def test_paging_and_the_default_window(client, api_key):
    first = client.get(
        "/open311/v2/requests.json",
        query_string={"page_size": 2, "page": 1},
    ).json
    second = client.get(
        "/open311/v2/requests.json",
        query_string={"page_size": 2, "page": 2},
    ).json
    assert len(first) == 2 and first[0] != second[0]
    assert {r["service_request_id"] for r in first}.isdisjoint(
        r["service_request_id"] for r in second
    )


def _state(committed, media_dir) -> tuple:
    with get_engine(committed).connect() as conn:
        counts = tuple(
            conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in (
                "complaints",
                "complaint_supporters",
                "complaint_events",
                "complaint_contacts",
                "follow_tokens",
            )
        )
    files = sorted(p.name for p in media_dir.rglob("*")) if media_dir.exists() else []
    return counts, files


GOOD = {"service_code": "lampu_jalan_mati", "lat": "-10.1650", "long": "123.5950"}
BAD_INPUTS = [
    ("no api key", {**GOOD}, None, 403, "api_key"),
    ("wrong api key", {**GOOD, "api_key": "tebak"}, None, 403, "api_key"),
    ("no service code", {**GOOD, "service_code": ""}, None, 400, "service_code"),
    ("unknown service", {**GOOD, "service_code": "gempa"}, None, 404, "gempa"),
    ("no location", {"service_code": "kebersihan"}, None, 400, "Lokasi wajib"),
    ("lat without long", {**GOOD, "long": ""}, None, 400, "bersama"),
    ("NaN", {**GOOD, "lat": "NaN"}, None, 400, "terhingga"),
    ("not a number", {**GOOD, "lat": "-10,16"}, None, 400, "harus berupa angka"),
    ("swapped", {**GOOD, "lat": "123.5950", "long": "-10.1650"}, None, 400, "tertukar"),
    ("out of range", {**GOOD, "lat": "-100"}, None, 400, "antara -90 dan 90"),
    (
        "outside the city",
        {**GOOD, "lat": "-10.3000", "long": "123.7500"},
        None,
        400,
        "di luar Kota Kupang / Location",
    ),
    ("not an image", GOOD, b"%PDF-1.7 surat", 400, "bukan gambar"),
    ("decompression bomb", GOOD, "bomb", 413, "terlalu banyak piksel"),
    (
        "required attribute missing",
        {**GOOD, "service_code": "banjir"},
        None,
        400,
        "kedalaman wajib",
    ),
    (
        "unknown attribute",
        {**GOOD, "attribute[warna]": "biru"},
        None,
        400,
        "warna tidak dikenal",
    ),
    (
        "bad media_url",
        {**GOOD, "media_url": "file:///etc/passwd"},
        None,
        400,
        "media_url",
    ),
]


@pytest.mark.parametrize(
    ("case", "form", "photo", "status", "message"),
    BAD_INPUTS,
    ids=[c[0] for c in BAD_INPUTS],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_input_gets_the_spec_error_and_changes_nothing(
    client, api_key, committed, case, form, photo, status, message, fmt
):
    media_dir = committed.var_dir / "media"
    before = _state(committed, media_dir)
    data = (
        {"api_key": api_key, **form}
        if "api_key" not in form and status != 403
        else dict(form)
    )
    files = None
    if photo is not None:
        files = {"media": ("foto.jpg", bomb_png() if photo == "bomb" else photo)}
    response = client.post(f"/open311/v2/requests.{fmt}", data=_form(data, files))
    assert response.status_code == status, response.text
    if fmt == "json":
        [error] = response.json
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        code, description = error["code"], error["description"]
    else:
        root = _xml(response)
        assert root.tag == "errors"
        code, description = (
            int(root.findtext("error/code")),
            root.findtext("error/description"),
        )
    assert code == status and message in description
    assert _state(committed, media_dir) == before


def test_a_body_over_the_upload_limit_is_413(client, api_key):
    response = client.post(
        "/open311/v2/requests.json",
        data=_form(
            {"api_key": api_key, **GOOD}, {"media": ("big.jpg", b"\xff" * (14 * 2**20))}
        ),
    )
    assert response.status_code == 413
    assert "lebih besar dari 12 MB" in response.json[0]["description"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"status": "pending"}, "status harus open atau closed"),
        ({"start_date": "2026-10-01"}, "zona waktu"),
        ({"start_date": "kemarin+08:00"}, "waktu W3C"),
        (
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
            "90 hari",
        ),
        ({"page_size": "5000"}, "page_size"),
    ],
)
def test_bad_list_queries_are_400(client, query, message):
    response = client.get("/open311/v2/requests.xml", query_string=query)
    assert response.status_code == 400
    assert message in _xml(response).findtext("error/description")


def test_unknown_formats_and_missing_requests(client):
    assert client.get("/open311/v2/services.csv").status_code == 400
    missing = client.get("/open311/v2/requests/KPG-0000-000000.json")
    assert missing.status_code == 404
    assert "tidak ditemukan" in missing.json[0]["description"]
    token = client.get("/open311/v2/tokens/123.json")
    assert token.status_code == 404
