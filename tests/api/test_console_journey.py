"""The console in real Chromium, as the people who use it all day: a resident
reports, the command centre's operator verifies and dispatches on a desktop, the
Dinas PUPR clerk starts and finishes on a phone with an after-photo, and the
public numbers move. Plus the refusals a clerk meets: another OPD's ticket, a
page someone else just changed."""

from __future__ import annotations

import pytest
import requests
import sqlalchemy as sa
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from tests.api.conftest import STAFF_PASSWORD
from tests.browser import (
    horizontal_overflow,
    screenshot,
    severe_console_errors,
    sign_in,
)
from tests.images import encode, picture

pytestmark = pytest.mark.clock

SPOT = (123.6072, -10.1622)  # Kelurahan Oebobo, away from the other modules
#: where the clerk's phone says it is when the after-photo is taken
SITE = (123.60725, -10.16215)


@pytest.fixture(scope="module")
def phone(phone):
    """The clerk's phone, at the site when the after-photo is taken."""
    phone.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["geolocation"]})
    phone.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": SITE[1], "longitude": SITE[0], "accuracy": 5},
    )
    return phone


def _sign_in(driver, server: str, username: str, page: str) -> None:
    sign_in(driver, server, username, STAFF_PASSWORD, page)


def _report(server: str, api_key: str, n: int, photo: bytes | None = None) -> str:
    answer = requests.post(
        f"{server}/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "jalan_berlubang",
            "lat": SPOT[1] - 0.0009 * n,
            "long": SPOT[0] + 0.0009 * n,
            "description": "Lubang besar di depan SD, motor sering jatuh",
            "phone": "081300000777",
            "first_name": "Maria",
        },
        files={"media": ("lubang.jpg", photo, "image/jpeg")} if photo else None,
        timeout=20,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()[0]["service_request_id"]


def _counts(server: str) -> dict[str, int]:
    """The command room's numbers this test moves: untouched backlog, and the
    reports made and handled today."""
    summary = requests.get(f"{server}/api/dashboard/summary", timeout=10).json()
    return {
        "untouched": summary["backlog"]["untouched"]["count"],
        "new": summary["flow"]["today"]["new"],
        "handled": summary["flow"]["today"]["handled"],
    }


def _click(driver, element_id: str) -> None:
    """Press a form's button and wait for the page the server answers with."""
    page = driver.find_element(By.TAG_NAME, "html")
    button = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(driver, 20).until(staleness_of(page))


def _press(driver, key: str) -> None:
    """Type a shortcut on the page and wait for the page it leads to."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.TAG_NAME, "body").send_keys(key)
    WebDriverWait(driver, 20).until(staleness_of(page))


def _flash(driver) -> str:
    WebDriverWait(driver, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".flash.ok, #move-error")
    )
    return driver.find_element(By.CSS_SELECTOR, ".flash.ok, #move-error").text


def test_a_report_travels_from_resident_to_operator_to_opd_and_back_to_the_public(
    server, committed, api_key, staff, desktop, phone, tmp_path
):
    before = _counts(server)
    ticket = _report(server, api_key, 0, encode(picture(800, 600), "JPEG"))
    reported = _counts(server)
    assert reported["untouched"] == before["untouched"] + 1
    assert reported["new"] == before["new"] + 1

    # the operator, at the office: the new report is on top, with all it says
    _sign_in(desktop, server, staff["operator"][0], "/staf")
    desktop.get(f"{server}/staf?kategori=jalan_berlubang&status=baru")
    first = desktop.find_element(By.CSS_SELECTOR, "#rows li.row")
    assert first.get_attribute("data-ticket") == ticket
    assert desktop.find_element(By.ID, "ticket-number").text == ticket
    assert "Maria" in desktop.find_element(By.ID, "ticket-contact").text
    assert "081300000777" in desktop.find_element(By.ID, "ticket-contact").text
    assert desktop.find_elements(By.CSS_SELECTOR, ".photos img")
    assert (
        "Tingkat keparahan" in desktop.find_element(By.CSS_SELECTOR, ".priority").text
    )
    WebDriverWait(desktop, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#map .leaflet-marker-pane path")
    )
    screenshot(desktop, "console-inbox-desktop")
    assert horizontal_overflow(desktop) <= 0
    _click(desktop, "do-verify")
    assert "Diverifikasi" in _flash(desktop)
    Select(desktop.find_element(By.ID, "opd-dispatch")).select_by_value("DPUPR")
    _click(desktop, "do-dispatch")
    assert "Didisposisikan" in _flash(desktop)
    assert severe_console_errors(desktop) == []

    # the Dinas PUPR clerk, in the field: the queue on a phone
    _sign_in(phone, server, staff["pupr"][0], "/staf/opd")
    phone.get(f"{server}/staf/opd?tiket={ticket}")
    assert ticket in phone.find_element(By.ID, "rows").text
    assert "hari kerja" in phone.find_element(By.ID, "rows").text
    _click(phone, "do-start")
    assert "Diproses" in _flash(phone)
    after = tmp_path / "sesudah.jpg"
    after.write_bytes(encode(picture(1200, 900, seed=4), "JPEG"))
    phone.find_element(By.ID, "photo-finish").send_keys(str(after))
    WebDriverWait(phone, 15).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".photo-where").text
    )
    phone.find_element(By.ID, "public-finish").send_keys(
        "Lubang sudah ditambal dengan aspal, terima kasih laporannya"
    )
    phone.find_element(By.ID, "note-finish").send_keys("2 karung aspal dingin")
    screenshot(phone, "console-finish-phone")
    assert horizontal_overflow(phone) <= 0
    _click(phone, "do-finish")
    assert "Selesai" in _flash(phone)
    WebDriverWait(phone, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "img.after-photo")
    )
    screenshot(phone, "console-done-phone")
    assert severe_console_errors(phone) == []

    # what the public gets: the after-photo, the public note, not the internal one
    with get_engine(committed).connect() as conn:
        event = conn.execute(
            sa.text(
                "SELECT e.photos, e.public_note, e.note, e.actor,"
                " ST_X(e.photo_geom) AS lon, ST_Y(e.photo_geom) AS lat"
                " FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id"
                " WHERE c.ticket = :t AND e.to_status = 'selesai'"
            ),
            {"t": ticket},
        ).one()
    assert event.actor == "opd_staff:pupr"
    assert event.public_note.startswith("Lubang sudah ditambal")
    assert event.note == "2 karung aspal dingin"
    assert (round(event.lon, 5), round(event.lat, 5)) == SITE
    [photo] = event.photos
    shown = requests.get(f"{server}/open311/v2/media/{photo['path']}", timeout=10)
    assert shown.status_code == 200 and shown.headers["Content-Type"] == "image/jpeg"
    # the citizen's ticket page shows the proof of the fix and the public note
    phone.delete_all_cookies()
    phone.get(f"{server}/aduan/{ticket}")
    gallery = phone.find_element(By.ID, "after-photos")
    assert gallery.find_elements(By.TAG_NAME, "img")
    assert photo["thumbnail"] in gallery.get_attribute("innerHTML")
    page = phone.find_element(By.TAG_NAME, "main").text
    assert "Lubang sudah ditambal" in page
    assert "2 karung" not in page and "081300000777" not in page
    screenshot(phone, "console-public-ticket-phone")
    public = requests.get(f"{server}/open311/v2/requests/{ticket}.json", timeout=10)
    assert public.json()[0]["status"] == "closed"
    assert "2 karung" not in public.text and "081300000777" not in public.text
    after_all = _counts(server)
    assert after_all["untouched"] == before["untouched"]
    assert after_all["handled"] == before["handled"] + 1


def test_a_clerk_neither_sees_nor_moves_another_opds_ticket_in_the_browser(
    server, api_key, staff, desktop, phone
):
    ticket = _report(server, api_key, 2)
    _sign_in(desktop, server, staff["operator"][0], "/staf")
    desktop.get(f"{server}/staf?tiket={ticket}&q={ticket}")
    # the keyboard: "v" verifies the ticket on screen
    _press(desktop, "v")
    assert "Diverifikasi" in _flash(desktop)
    Select(desktop.find_element(By.ID, "opd-dispatch")).select_by_value("DPUPR")
    _click(desktop, "do-dispatch")
    _flash(desktop)
    _sign_in(phone, server, staff["dlhk"][0], "/staf/opd")
    assert ticket not in phone.find_element(By.ID, "rows").text
    assert "DLHK" in phone.find_element(By.ID, "queue-title").text
    phone.get(f"{server}/staf/opd?opd=DPUPR")
    assert ticket not in phone.find_element(By.ID, "rows").text
    phone.get(f"{server}/staf/opd?tiket={ticket}")
    assert "OPD lain" in phone.find_element(By.TAG_NAME, "main").text
    assert phone.find_elements(By.ID, "do-start") == []


def test_a_stale_page_says_who_changed_the_ticket_and_keeps_what_was_typed(
    server, api_key, staff, desktop
):
    ticket = _report(server, api_key, 3)
    _sign_in(desktop, server, staff["operator"][0], "/staf")
    desktop.get(f"{server}/staf?tiket={ticket}&q={ticket}")
    # meanwhile a colleague verifies it through the API
    verified = requests.post(
        f"{server}/api/staff/complaints/{ticket}/transition",
        json={"to": "diverifikasi", "version": 1},
        auth=staff["operator"],
        timeout=10,
    )
    assert verified.status_code == 200
    Select(desktop.find_element(By.ID, "reason-reject")).select_by_value("tidak_valid")
    note = desktop.find_element(By.ID, "public-reject")
    note.clear()
    note.send_keys("Mohon kirim foto yang lebih jelas")
    _click(desktop, "do-reject")
    message = _flash(desktop)
    assert "Tiket ini baru saja diubah oleh operator:ops, muat ulang" in message
    kept = desktop.find_element(By.ID, "public-reject").get_attribute("value")
    assert kept == "Mohon kirim foto yang lebih jelas"
    screenshot(desktop, "console-stale-desktop")
    # the page now shows the ticket as it is: verified, the reject form still there
    assert desktop.find_element(By.ID, "ticket-status").text == "Diverifikasi"
