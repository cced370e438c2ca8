"""The staff console over HTTP: the inbox and OPD queue pages, their forms, the
after-photo upload, scoping, stale pages and CSRF."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from gis.db import get_engine
from tests.api.conftest import STAFF_PASSWORD
from tests.images import encode, picture

pytestmark = pytest.mark.clock

#: Kelurahan Oebobo area, away from the other modules' spots
BASE = (123.6110, -10.1585)


def _report(client: FlaskClient, api_key, category: str, n: int, **extra) -> str:
    lon, lat = BASE[0] + 0.0011 * (n % 6), BASE[1] - 0.0011 * (n // 6)
    answer = client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": category,
            "lat": lat,
            "long": lon,
            "description": extra.pop("description", f"laporan uji konsol {n}"),
            **extra,
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json[0]["service_request_id"]


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _signed_in(app, username: str) -> FlaskClient:
    browser = app.test_client()
    form = browser.get("/login")
    done = browser.post(
        "/login",
        data={
            "username": username,
            "password": STAFF_PASSWORD,
            "csrf_token": _token(form.text),
            "next": "/staf",
        },
    )
    assert done.status_code == 302 and done.location == "/staf", done.text
    return browser


def _version(conn_settings, ticket: str) -> int:
    with get_engine(conn_settings).connect() as conn:
        return conn.execute(
            sa.text("SELECT version FROM complaints WHERE ticket = :t"), {"t": ticket}
        ).scalar_one()


def _post(browser, ticket, action="pindah", **form):
    page = browser.get(f"/staf?tiket={ticket}&q={ticket}")
    assert page.status_code == 200, page.text
    data = {"csrf_token": _token(page.text), "back": f"/staf?q={ticket}", **form}
    return browser.post(f"/staf/aduan/{ticket}/{action}", data=data)


@pytest.fixture(scope="module")
def operator(app, staff):
    return _signed_in(app, staff["operator"][0])


@pytest.fixture(scope="module")
def pupr(app, staff):
    return _signed_in(app, staff["pupr"][0])


@pytest.fixture(scope="module")
def dlhk(app, staff):
    return _signed_in(app, staff["dlhk"][0])


def test_the_inbox_needs_a_staff_session_and_shows_new_reports_with_counts(
    client, operator, api_key
):
    ticket = _report(client, api_key, "jalan_berlubang", 0, phone="081234567890")
    assert client.get("/staf").status_code == 302
    page = operator.get("/staf?kategori=jalan_berlubang&status=baru")
    assert page.status_code == 200
    assert ticket in page.text and "081234567890" in page.text
    first = re.search(r'data-ticket="(KPG-[0-9-]+)"', page.text).group(1)
    assert first == ticket  # the newest report first
    counted = int(
        re.search(r'id="total">([0-9.]+)<', page.text).group(1).replace(".", "")
    )
    assert counted >= 1
    assert re.search(
        r'id="state-baru"[^>]*>Baru <span class="count">[0-9.]+', page.text
    )


def test_verify_and_dispatch_by_form_carry_the_pages_version_and_are_audited(
    client, operator, api_key, committed
):
    ticket = _report(client, api_key, "jalan_berlubang", 1)
    verified = _post(operator, ticket, to="diverifikasi", version=1, note="cek lokasi")
    assert verified.status_code == 302, verified.text
    assert f"tiket={ticket}" in verified.location
    sent = _post(operator, ticket, to="didisposisikan", version=2, opd_code="DPUPR")
    assert sent.status_code == 302
    with get_engine(committed).connect() as conn:
        events = conn.execute(
            sa.text(
                "SELECT actor, changes, note FROM complaint_events e JOIN complaints c"
                " ON c.id = e.complaint_id WHERE c.ticket = :t AND action = 'status'"
                " ORDER BY e.id"
            ),
            {"t": ticket},
        ).all()
    assert [(e.actor, e.note) for e in events] == [
        ("operator:ops", "cek lokasi"),
        ("operator:ops", None),
    ]
    assert events[1].changes["status"] == ["diverifikasi", "didisposisikan"]


def test_a_stale_page_is_refused_with_who_changed_it_and_keeps_the_typed_note(
    client, operator, app, staff, api_key
):
    ticket = _report(client, api_key, "jalan_berlubang", 2)
    assert _post(operator, ticket, to="diverifikasi", version=1).status_code == 302
    stale = _post(
        operator,
        ticket,
        to="ditolak",
        version=1,
        reason="tidak_valid",
        public_note="Foto tidak jelas, mohon kirim ulang",
    )
    assert stale.status_code == 409
    assert "Tiket ini baru saja diubah oleh operator:ops, muat ulang" in stale.text
    assert "Foto tidak jelas, mohon kirim ulang" in stale.text


def test_a_post_without_the_csrf_token_is_refused(client, operator, api_key):
    ticket = _report(client, api_key, "jalan_berlubang", 3)
    refused = operator.post(
        f"/staf/aduan/{ticket}/pindah", data={"to": "diverifikasi", "version": 1}
    )
    assert refused.status_code == 403
    assert "kedaluwarsa" in refused.text or "csrf" in refused.text


def test_an_opd_sees_and_moves_only_its_own_tickets(
    client, operator, pupr, dlhk, api_key
):
    ticket = _report(client, api_key, "jalan_berlubang", 4)
    assert _post(operator, ticket, to="diverifikasi", version=1).status_code == 302
    assert (
        _post(
            operator, ticket, to="didisposisikan", version=2, opd_code="DPUPR"
        ).status_code
        == 302
    )
    own = pupr.get("/staf/opd")
    assert own.status_code == 200 and ticket in own.text
    # another OPD's clerk: not in the queue whatever is asked, and no moves
    theirs = dlhk.get("/staf/opd?opd=DPUPR")
    assert ticket not in theirs.text and "DLHK" in theirs.text
    assert dlhk.get(f"/staf/opd?tiket={ticket}").status_code == 403
    token = _token(theirs.text)
    moved = dlhk.post(
        f"/staf/aduan/{ticket}/pindah",
        data={"csrf_token": token, "to": "diproses", "version": 3, "back": "/staf/opd"},
    )
    assert moved.status_code == 403
    assert dlhk.get(f"/api/staff/complaints/{ticket}").status_code == 403


def test_finishing_needs_an_after_photo_and_stores_it_cleaned_with_its_place(
    client, operator, pupr, api_key, committed
):
    ticket = _report(client, api_key, "jalan_berlubang", 5)
    assert _post(operator, ticket, to="diverifikasi", version=1).status_code == 302
    assert (
        _post(
            operator, ticket, to="didisposisikan", version=2, opd_code="DPUPR"
        ).status_code
        == 302
    )
    page = pupr.get(f"/staf/opd?tiket={ticket}")
    token = _token(page.text)
    form = {"csrf_token": token, "back": "/staf/opd"}
    started = pupr.post(
        f"/staf/aduan/{ticket}/pindah", data={**form, "to": "diproses", "version": 3}
    )
    assert started.status_code == 302
    bare = pupr.post(
        f"/staf/aduan/{ticket}/pindah",
        data={**form, "to": "selesai", "version": 4, "public_note": "Sudah ditambal"},
    )
    assert bare.status_code == 400 and "foto" in bare.text.lower()
    photo = encode(picture(640, 480), "JPEG", gps=(123.6115, -10.1590))
    done = pupr.post(
        f"/staf/aduan/{ticket}/pindah",
        data={
            **form,
            "to": "selesai",
            "version": 4,
            "public_note": "Lubang sudah ditambal",
            "note": "pakai aspal dingin",
            "photo": (io.BytesIO(photo), "sesudah.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert done.status_code == 302, done.text
    with get_engine(committed).connect() as conn:
        event = conn.execute(
            sa.text(
                "SELECT e.photos, e.public_note, e.note, ST_X(e.photo_geom) AS lon,"
                " ST_Y(e.photo_geom) AS lat FROM complaint_events e JOIN complaints c"
                " ON c.id = e.complaint_id WHERE c.ticket = :t AND e.to_status ="
                " 'selesai'"
            ),
            {"t": ticket},
        ).one()
    assert event.public_note == "Lubang sudah ditambal"
    assert event.note == "pakai aspal dingin"
    assert (round(event.lon, 4), round(event.lat, 4)) == (123.6115, -10.159)
    [stored] = event.photos
    saved = committed.media_dir / stored["path"]
    assert saved.exists() and (committed.media_dir / stored["thumbnail"]).exists()
    assert b"Exif" not in saved.read_bytes()[:4096]
    assert b"KameraUji" not in saved.read_bytes()


def test_a_json_photo_is_refused_instead_of_dropped(client, staff, api_key):
    ticket = _report(client, api_key, "jalan_berlubang", 6)
    answer = client.post(
        f"/api/staff/complaints/{ticket}/transition",
        json={"to": "diverifikasi", "photo": "aGVsbG8="},
        auth=staff["operator"],
    )
    assert answer.status_code == 400 and "multipart" in answer.json["description"]
