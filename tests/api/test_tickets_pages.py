"""The ticket pages and the public list: what the reporter and the public read,
on a phone, and what they may not."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
import requests
import sqlalchemy as sa
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gis.config import Settings
from gis.db import get_engine
from gis.photos import prepare_photo
from layers.accounts import create_user
from layers.intake import Report, submit_report
from layers.status import State
from layers.workflow import Move, transition
from tests.api.signin import csrf_token
from tests.browser import (
    horizontal_overflow,
    screenshot,
    severe_console_errors,
)
from tests.conftest import NOW, last_event
from tests.images import encode, picture
from tests.kupang import OPERATOR

pytestmark = pytest.mark.clock

CONTACT = {
    "name": "Agustina Ndolu",
    "phone": "081337001122",
    "email": "agus@example.org",
}
_spots = count()


def _report(committed: Settings, category: str = "pohon_tumbang"):
    """A committed report with contact details at a spot of its own."""
    n = next(_spots)
    lon, lat = 123.5950 + 0.004 * (n % 6), -10.1700 - 0.004 * (n // 6)
    with get_engine(committed).begin() as conn:
        return submit_report(
            conn,
            Report(
                category, lon, lat, description="Pohon tumbang menutup jalan", **CONTACT
            ),
            NOW - timedelta(hours=6),
        )


def _finish(
    committed: Settings, complaint_id: int, photo: bool = True, last: bool = True
) -> None:
    """Staff take the ticket to done this morning, before the server's "now",
    the last move with its after-photo."""
    settings = committed
    after = ()
    if photo:
        prepared = prepare_photo(encode(picture(900, 600, seed=7), "JPEG"))
        after = (prepared.save(settings.media_dir, NOW),)
    with get_engine(committed).begin() as conn:
        opd = conn.execute(
            sa.text("SELECT opd_code FROM complaints WHERE id = :id"),
            {"id": complaint_id},
        ).scalar_one()
        for hours, move in enumerate(
            [
                Move(State.DIVERIFIKASI),
                Move(State.DIDISPOSISIKAN, opd_code=opd),
                Move(State.DIPROSES),
                Move(
                    State.SELESAI,
                    note="internal: dua orang, satu gergaji",
                    public_note="Pohon sudah dipotong dan diangkut",
                    photos=after,
                    photo_at=(123.57, -10.16),
                ),
            ][: None if last else 3],
            1,
        ):
            transition(
                conn, complaint_id, move, OPERATOR, NOW - timedelta(hours=6 - hours)
            )


@pytest.fixture(scope="module")
def operator(committed: Settings) -> tuple[str, str]:
    """An operator's HTTP Basic credentials in the committed database."""
    with get_engine(committed).begin() as conn:
        create_user(conn, "ops_tiket", "Operator Uji", "rahasia-uji-123", "operator")
    return "ops_tiket", "rahasia-uji-123"


def _finish_through_api(server: str, committed: Settings, sent, operator) -> None:
    """Staff move the ticket on, the last move (done, with its public note and
    after-photo) through the staff API as the console sends it."""
    _finish(committed, sent.complaint_id, photo=False, last=False)
    answer = requests.post(
        f"{server}/api/staff/complaints/{sent.ticket}/transition",
        auth=operator,
        data={
            "to": State.SELESAI.value,
            "note": "internal: dua orang, satu gergaji",
            "public_note": "Pohon sudah dipotong dan diangkut",
            "lat": "-10.1700",
            "long": "123.5950",
        },
        files={"photo": ("sesudah.jpg", encode(picture(900, 600, seed=7), "JPEG"))},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text


def _status(committed: Settings, complaint_id: int) -> str:
    with get_engine(committed).connect() as conn:
        return conn.execute(
            sa.text("SELECT status FROM complaints WHERE id = :id"),
            {"id": complaint_id},
        ).scalar_one()


def test_the_public_page_shows_the_ticket_without_contact_or_token(committed, client):
    sent = _report(committed)
    _finish(committed, sent.complaint_id)
    page = client.get(f"/aduan/{sent.ticket}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for shown in (
        sent.ticket,
        "Pohon tumbang / membahayakan",
        "Pohon sudah dipotong dan diangkut",
        "Foto setelah perbaikan",
        "Diterima",
        "Diverifikasi",
        "Didisposisikan ke",
        # 2 working days from Sunday 1 November: Monday and Tuesday
        "3 November 2026",
    ):
        assert shown in html, shown
    for hidden in (
        *CONTACT.values(),
        sent.follow_token,
        "gergaji",
        "Sudah diperbaiki?",
    ):
        assert hidden not in html, hidden


def test_the_reporters_page_shows_their_contact_only_to_them_and_is_not_cached(
    committed, client
):
    sent = _report(committed)
    page = client.get(f"/lapor/t/{sent.follow_token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert all(value in html for value in CONTACT.values())
    assert page.headers["Cache-Control"] == "no-store"
    assert 'name="robots" content="noindex"' in html


def test_a_bad_link_gets_an_indonesian_404_page(client):
    page = client.get("/lapor/t/bukan-token-yang-benar")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Tidak ada laporan dengan tautan pelacakan ini" in page.get_data(
        as_text=True
    )
    page = client.get("/aduan/KPG-0000-000000")
    assert page.status_code == 404
    assert "Laporan KPG-0000-000000 tidak ditemukan" in page.get_data(as_text=True)


def test_open311_follow_keeps_its_json_and_html_goes_to_the_page(committed, client):
    sent = _report(committed)
    page = client.get(f"/open311/v2/follow/{sent.follow_token}.html")
    assert page.status_code == 302
    assert page.headers["Location"].endswith(f"/lapor/t/{sent.follow_token}")
    body = client.get(f"/open311/v2/follow/{sent.follow_token}.json").get_json()
    assert body[0]["service_request_id"] == sent.ticket


def test_the_answer_needs_the_pages_csrf_token_and_a_rating_from_1_to_5(
    committed, client
):
    sent = _report(committed)
    _finish(committed, sent.complaint_id, photo=False)
    url = f"/lapor/t/{sent.follow_token}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    refused = client.post(url + "/jawab", data={"fixed": "belum"})
    assert refused.status_code == 403
    assert "reload the page" in refused.get_data(as_text=True)
    bad = client.post(
        url + "/jawab", data={"fixed": "ya", "rating": "9", "csrf_token": token}
    )
    assert bad.status_code == 400
    assert "Nilai harus bilangan bulat 1 sampai 5" in bad.get_data(as_text=True)
    unknown = client.post(
        url + "/jawab", data={"fixed": "mungkin", "csrf_token": token}
    )
    assert unknown.status_code == 400
    assert _status(committed, sent.complaint_id) == State.SELESAI.value
    done = client.post(
        url + "/jawab", data={"fixed": "ya", "rating": "5", "csrf_token": token}
    )
    assert done.status_code == 303
    again = client.post(url + "/jawab", data={"fixed": "belum", "csrf_token": token})
    assert again.status_code == 409
    assert _status(committed, sent.complaint_id) == State.SELESAI.value


def test_the_public_list_filters_by_the_drill_down_parameters(committed, client):
    sent = _report(committed, category="fasilitas_umum")
    with get_engine(committed).connect() as conn:
        kelurahan = conn.execute(
            sa.text("SELECT kelurahan_kode FROM complaints WHERE id = :id"),
            {"id": sent.complaint_id},
        ).scalar_one()
    listed = client.get(f"/laporan?kategori=fasilitas_umum&kelurahan={kelurahan}")
    html = listed.get_data(as_text=True)
    assert listed.status_code == 200 and f"/aduan/{sent.ticket}" in html
    assert not any(value in html for value in CONTACT.values())
    assert sent.ticket not in client.get("/laporan?kelompok=handled").get_data(
        as_text=True
    )
    assert sent.ticket in client.get(
        "/laporan?status=baru&kategori=fasilitas_umum"
    ).get_data(as_text=True)
    bad = client.get("/laporan?kelompok=semua")
    assert bad.status_code == 400 and "semua" in bad.get_data(as_text=True)


# --- on a phone ----------------------------------------------------------------


def _shown(driver, selector: str):
    return WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, selector)
    )


def test_on_a_phone_the_reporter_sees_the_fix_and_not_yet_reopens_it(
    committed, server, phone, operator
):
    sent = _report(committed)
    _finish_through_api(server, committed, sent, operator)
    phone.get(f"{server}/lapor/t/{sent.follow_token}")
    _shown(phone, "#ask-fixed")
    timeline = phone.find_element(By.CSS_SELECTOR, ".timeline").text
    assert "Pohon sudah dipotong dan diangkut" in timeline
    assert "Diselesaikan oleh" in timeline
    after = phone.find_element(By.CSS_SELECTOR, "#after-photos img")
    WebDriverWait(phone, 20).until(
        lambda d: d.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", after
        )
    )
    assert phone.find_element(By.ID, "status").text == "Selesai"
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "ticket-reporter-done-phone")
    assert severe_console_errors(phone) == []

    phone.find_element(By.ID, "comment-no").send_keys("Batangnya masih di selokan")
    button = phone.find_element(By.ID, "answer-no")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    _shown(phone, "#answer-thanks")
    assert phone.find_element(By.ID, "status").text == "Diproses"
    assert (
        "Dibuka kembali oleh pelapor"
        in phone.find_element(By.CSS_SELECTOR, ".timeline").text
    )
    assert phone.find_elements(By.ID, "ask-fixed") == []
    screenshot(phone, "ticket-reporter-reopened-phone")

    with get_engine(committed).connect() as conn:
        event = last_event(conn, sent.complaint_id)
        opd = conn.execute(
            sa.text("SELECT opd_code FROM complaints WHERE id = :id"),
            {"id": sent.complaint_id},
        ).scalar_one()
    assert tuple(event) == (
        "reporter:pelapor",
        State.SELESAI.value,
        State.DIPROSES.value,
        "Batangnya masih di selokan",
    )
    board = requests.get(f"{server}/api/scoreboard?days=30", timeout=30).json()
    row = next(r for r in board["opd"] if r["opd_code"] == opd)
    assert row["reopens"] >= 1 and row["reopen_rate"] > 0


def test_on_a_phone_the_public_page_and_list_show_no_personal_data(
    committed, server, phone, operator
):
    sent = _report(committed)
    _finish_through_api(server, committed, sent, operator)
    phone.get(f"{server}/aduan/{sent.ticket}")
    _shown(phone, "#after-photos img")
    source = phone.page_source
    for hidden in (*CONTACT.values(), sent.follow_token):
        assert hidden not in source
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "ticket-public-phone")
    timeline = phone.find_element(By.CSS_SELECTOR, ".timeline")
    phone.execute_script("arguments[0].scrollIntoView()", timeline)
    screenshot(phone, "ticket-public-timeline-phone")
    assert severe_console_errors(phone) == []

    phone.get(f"{server}/laporan?kategori=pohon_tumbang")
    _shown(phone, f'a[href="/aduan/{sent.ticket}"]')
    # the report's marker, and SIGAP's own basemap drawn on its canvas
    assert phone.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")
    WebDriverWait(phone, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#map canvas")
    )
    assert not any(value in phone.page_source for value in CONTACT.values())
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "laporan-phone")
    assert severe_console_errors(phone) == []
