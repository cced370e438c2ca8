"""The staff console over HTTP: the inbox and OPD queue pages, their forms, the
after-photo upload, scoping, stale pages and CSRF."""

from __future__ import annotations

import io
import re

import pytest
from flask.testing import FlaskClient

from tests.api.conftest import STAFF_PASSWORD, open311_report
from tests.api.signin import csrf_token, log_in_client
from tests.conftest import query
from tests.images import encode, picture

pytestmark = pytest.mark.clock

#: Kelurahan Oebobo area, away from the other modules' spots
BASE = (123.6110, -10.1585)


def _report(client: FlaskClient, api_key, category: str, n: int, **extra) -> str:
    lon, lat = BASE[0] + 0.0011 * (n % 6), BASE[1] - 0.0011 * (n // 6)
    extra.setdefault("description", f"laporan uji konsol {n}")
    return open311_report(client, api_key, category, lon, lat, **extra)


def _signed_in(app, username: str) -> FlaskClient:
    browser = app.test_client()
    done = log_in_client(browser, username, STAFF_PASSWORD, next_page="/staf")
    assert done.status_code == 302 and done.location == "/staf", done.text
    return browser


def _version(conn_settings, ticket: str) -> int:
    [(version,)] = query(
        conn_settings, "SELECT version FROM complaints WHERE ticket = :t", t=ticket
    )
    return version


def _post(browser, ticket, action="pindah", **form):
    page = browser.get(f"/staf?tiket={ticket}&q={ticket}")
    assert page.status_code == 200, page.text
    data = {"csrf_token": csrf_token(page.text), "back": f"/staf?q={ticket}", **form}
    return browser.post(f"/staf/aduan/{ticket}/{action}", data=data)


def _dispatch_to_pupr(operator, ticket: str) -> None:
    """The operator verifies a new ticket and dispatches it to Dinas PUPR."""
    assert _post(operator, ticket, to="diverifikasi", version=1).status_code == 302
    sent = _post(operator, ticket, to="didisposisikan", version=2, opd_code="DPUPR")
    assert sent.status_code == 302


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
    events = query(
        committed,
        "SELECT actor, changes, note FROM complaint_events e JOIN complaints c"
        " ON c.id = e.complaint_id WHERE c.ticket = :t AND action = 'status'"
        " ORDER BY e.id",
        t=ticket,
    )
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
    _dispatch_to_pupr(operator, ticket)
    own = pupr.get("/staf/opd")
    assert own.status_code == 200 and ticket in own.text
    # another OPD's clerk: not in the queue whatever is asked, and no moves
    theirs = dlhk.get("/staf/opd?opd=DPUPR")
    assert ticket not in theirs.text and "DLHK" in theirs.text
    assert dlhk.get(f"/staf/opd?tiket={ticket}").status_code == 403
    token = csrf_token(theirs.text)
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
    _dispatch_to_pupr(operator, ticket)
    page = pupr.get(f"/staf/opd?tiket={ticket}")
    token = csrf_token(page.text)
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
    [event] = query(
        committed,
        "SELECT e.photos, e.public_note, e.note, ST_X(e.photo_geom) AS lon,"
        " ST_Y(e.photo_geom) AS lat FROM complaint_events e JOIN complaints c"
        " ON c.id = e.complaint_id WHERE c.ticket = :t AND e.to_status = 'selesai'",
        t=ticket,
    )
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


def _moved(browser, ticket, *moves) -> None:
    version = 1
    for to, extra in moves:
        answer = _post(browser, ticket, to=to, version=version, **extra)
        assert answer.status_code == 302, answer.text
        version += 1


def test_marking_a_duplicate_makes_the_report_a_supporter_its_reporter_follows(
    client, operator, api_key, committed
):
    original = _report(client, api_key, "kebersihan", 7)
    # far enough apart that intake kept them apart, near enough to be offered
    again = _report(
        client, api_key, "kebersihan", 8, phone="0812999888", description="sampah lagi"
    )
    page = operator.get(f"/staf?tiket={again}&q={again}")
    assert f'value="{original}"' in page.text  # offered from the nearby list
    merged = _post(operator, again, "duplikat", version=1, original=original)
    assert merged.status_code == 302, merged.text
    rows = query(
        committed,
        "SELECT c.ticket, c.status, c.sub_status,"
        " (SELECT count(*) FROM follow_tokens f WHERE f.complaint_id = c.id)"
        " AS followers FROM complaints c WHERE c.ticket IN (:a, :b)"
        " ORDER BY c.ticket",
        a=original,
        b=again,
    )
    [supporter] = query(
        committed,
        "SELECT s.phone, s.description FROM complaint_supporters s"
        " JOIN complaints c ON c.id = s.complaint_id WHERE c.ticket = :t",
        t=original,
    )
    [(note,)] = query(
        committed,
        "SELECT public_note FROM complaint_events e JOIN complaints c"
        " ON c.id = e.complaint_id WHERE c.ticket = :t AND e.to_status = 'ditolak'",
        t=again,
    )
    assert [(r.ticket, r.status, r.sub_status, r.followers) for r in rows] == [
        (original, "baru", None, 2),
        (again, "ditolak", "duplikat", 0),
    ]
    assert (supporter.phone, supporter.description) == ("0812999888", "sampah lagi")
    assert original in note


def test_changing_the_category_reroutes_and_names_every_changed_field(
    client, operator, api_key, committed
):
    ticket = _report(client, api_key, "jalan_berlubang", 9)
    changed = _post(
        operator, ticket, "kategori", version=1, category="kebersihan", note="salah"
    )
    assert changed.status_code == 302, changed.text
    [row] = query(
        committed,
        "SELECT c.category_code, c.opd_code, e.actor, e.changes, e.note"
        " FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id"
        " WHERE c.ticket = :t AND e.action = 'category'",
        t=ticket,
    )
    assert (row.category_code, row.opd_code, row.actor, row.note) == (
        "kebersihan",
        "DLHK",
        "operator:ops",
        "salah",
    )
    assert row.changes["category_code"] == ["jalan_berlubang", "kebersihan"]
    assert row.changes["opd_code"] == ["DPUPR", "DLHK"]
    assert "due_at" in row.changes


def test_bulk_dispatch_verifies_and_sends_every_ticked_report(
    client, operator, api_key, committed
):
    tickets = [_report(client, api_key, "jalan_berlubang", n) for n in (12, 13)]
    page = operator.get("/staf?status=baru&kategori=jalan_berlubang")
    sent = operator.post(
        "/staf/disposisi",
        data={
            "csrf_token": csrf_token(page.text),
            "back": "/staf?status=baru",
            "opd_code": "DPUPR",
            "pilih": tickets,
            **{f"version_{t}": 1 for t in tickets},
        },
    )
    assert sent.status_code == 302, sent.text
    states = query(
        committed,
        "SELECT status, opd_code, (SELECT count(*) FROM complaint_events e"
        " WHERE e.complaint_id = c.id AND e.action = 'status') FROM"
        " complaints c WHERE ticket = ANY(:t)",
        t=tickets,
    )
    assert [tuple(s) for s in states] == [("didisposisikan", "DPUPR", 2)] * 2


def test_the_inbox_takes_the_shared_drill_down_parameters(client, operator, api_key):
    ticket = _report(client, api_key, "jalan_berlubang", 14)
    listed = operator.get("/staf?kelompok=untouched&kategori=jalan_berlubang")
    assert ticket in listed.text
    assert ticket not in operator.get("/staf?kelompok=handled").text
    assert ticket not in operator.get("/staf?terlambat=1&kategori=jalan_berlubang").text
    assert ticket not in operator.get("/staf?merah=1").text
    assert operator.get("/staf?kelompok=bogus").status_code == 400


def test_the_opd_queue_ranks_as_the_priority_list_does(pupr, staff, client, app):
    from api.db import now as _  # noqa: F401  (the app's clock is the suite's NOW)

    page = pupr.get("/staf/opd")
    shown = re.findall(r'<li class="row[^"]*" data-ticket="([^"]+)"', page.text)
    ranked = client.get(
        "/api/priorities", query_string={"limit": 50}, auth=staff["pupr"]
    ).json["priorities"]
    assert shown == [p["ticket"] for p in ranked]


def test_splitting_a_supporter_off_gives_its_reporter_a_ticket_of_their_own(
    client, operator, api_key, committed
):
    first = _report(client, api_key, "lampu_jalan_mati", 20)
    joined = _report(client, api_key, "lampu_jalan_mati", 20, phone="0813111222")
    assert joined == first  # the same spot: intake made it a supporter
    page = operator.get(f"/staf?tiket={first}&q={first}")
    [supporter] = re.findall(r"/staf/pendukung/([0-9]+)/pisah", page.text)
    split = operator.post(
        f"/staf/pendukung/{supporter}/pisah",
        data={
            "csrf_token": csrf_token(page.text),
            "ticket": first,
            "back": f"/staf?q={first}",
            "note": "lampu lain",
        },
    )
    assert split.status_code == 302, split.text
    [new] = query(
        committed,
        "SELECT c.ticket, r.phone FROM complaint_supporters s"
        " JOIN complaints c ON c.id = s.split_into"
        " JOIN complaint_contacts r ON r.complaint_id = c.id WHERE s.id = :s",
        s=int(supporter),
    )
    actors = query(
        committed,
        "SELECT DISTINCT e.actor FROM complaint_events e JOIN complaints c"
        " ON c.id = e.complaint_id WHERE e.action = 'split' AND c.ticket IN (:a, :b)",
        a=first,
        b=new.ticket,
    )
    assert new.phone == "0813111222" and new.ticket != first
    assert [a.actor for a in actors] == ["operator:ops"]
