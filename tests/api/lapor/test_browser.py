"""The citizen app on a phone (Chromium, 390×844, touch): a resident reports with
a photo and their location, without signal, and joins a report already there."""

from __future__ import annotations

import io
import time

import requests
import sqlalchemy as sa
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from tests.api.lapor.conftest import SEA, quiet_spot, stored
from tests.browser import (
    horizontal_overflow,
    screenshot,
    severe_console_errors,
)
from tests.images import encode, phone_jpeg, picture


def _open(driver, base, lon, lat, accuracy=12):
    """The app, fresh (no cookies, no drafts), with the phone's GPS at (lon, lat)."""
    driver.get(base + "/health")
    driver.delete_all_cookies()
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": base, "permissions": ["geolocation"]},
    )
    driver.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": lat, "longitude": lon, "accuracy": accuracy},
    )
    driver.get(base + "/lapor")
    driver.execute_script("indexedDB.deleteDatabase('sigap-lapor')")
    driver.get(base + "/lapor")
    _map_shown(driver)


def _map_shown(driver):
    """Scroll to the map (drawn when it comes into view) and wait for it."""
    driver.execute_script("document.getElementById('map').scrollIntoView()")
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script(
            "return !!window.laporMap && document.querySelectorAll("
            "'#map .leaflet-overlay-pane canvas').length > 0"
        )
    )


def _text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def _choose(driver, code):
    driver.find_element(By.CSS_SELECTOR, f".tile[data-code={code}]").click()


def _locate(driver):
    driver.find_element(By.ID, "locate").click()
    WebDriverWait(driver, 10).until(lambda d: "±" in _text(d, "accuracy"))


def _named(driver, words):
    WebDriverWait(driver, 10).until(lambda d: words in _text(d, "place"))


def _send(driver):
    button = driver.find_element(By.ID, "send")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def _result(driver):
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.ID, "result").is_displayed()
    )
    return _text(driver, "result-text")


def _upload(driver, path):
    driver.find_element(By.ID, "gallery").send_keys(str(path))


def _ticket_row(settings, ticket):
    with get_engine(settings).connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT k.nama, c.photos, c.channel, ST_X(c.geom) AS lon,"
                " ST_Y(c.geom) AS lat FROM complaints c JOIN kelurahan k"
                " ON k.kode = c.kelurahan_kode WHERE c.ticket = :t"
            ),
            {"t": ticket},
        ).one()


def test_a_resident_reports_with_a_photo_and_their_location(
    lapor_city, lapor_server, phone, tmp_path
):
    lon, lat, kelurahan = quiet_spot(lapor_city, "kebersihan")
    # the photo was taken somewhere else: its GPS places the pin first
    photo_lon, photo_lat, photo_kelurahan = quiet_spot(lapor_city, "jalan_rusak")
    path = tmp_path / "IMG_20261101_0800.jpg"
    path.write_bytes(phone_jpeg(3, gps=(photo_lon, photo_lat)))
    _open(phone, lapor_server, lon, lat)
    assert "Apa masalahnya?" in phone.page_source
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "lapor-phone-start")
    _choose(phone, "kebersihan")
    _upload(phone, path)
    WebDriverWait(phone, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#photos img")) == 1
    )
    assert _text(phone, "accuracy") == "Lokasi diambil dari foto"
    _named(phone, f"Kel. {photo_kelurahan}")
    # then the phone's own position, with its accuracy
    _locate(phone)
    assert _text(phone, "accuracy") == "Akurasi ± 12 m"
    _named(phone, f"Kel. {kelurahan} · dekat Jl. ")
    phone.find_element(By.ID, "q-volume").send_keys("Banyak")
    phone.find_element(By.ID, "description").send_keys("Sampah menumpuk di got")
    phone.find_element(By.ID, "phone").send_keys("081234567890")
    screenshot(phone, "lapor-phone-filled")
    _send(phone)
    text = _result(phone)
    assert text.startswith("Terima kasih! Nomor laporan Anda KPG-")
    ticket = text.rsplit(" ", 1)[1]
    follow = phone.find_element(By.ID, "follow").get_attribute("href")
    assert "/lapor/t/" in follow
    screenshot(phone, "lapor-phone-sent")
    row = _ticket_row(lapor_city, ticket)
    assert (row.nama, row.channel) == (kelurahan, "aplikasi")
    assert abs(row.lon - lon) < 1e-5 and abs(row.lat - lat) < 1e-5
    [stored_photo] = row.photos
    image = Image.open(lapor_city.media_dir / stored_photo["path"])
    # shrunk in the browser to the long edge of 1600 px, no EXIF left (no GPS)
    assert image.size == (1600, 1200) and not image.getexif()
    assert severe_console_errors(phone) == []


def test_a_report_without_signal_waits_and_is_sent_when_back_online(
    lapor_city, lapor_server, phone
):
    lon, lat, kelurahan = quiet_spot(lapor_city, "lampu_jalan_mati")
    _open(phone, lapor_server, lon, lat)
    # the service worker is in charge before the signal goes
    WebDriverWait(phone, 15).until(
        lambda d: (
            d.execute_script("return !!navigator.serviceWorker.controller")
            or d.refresh()
        )
    )
    _choose(phone, "lampu_jalan_mati")
    _locate(phone)
    _named(phone, f"Kel. {kelurahan}")
    before = stored(lapor_city)
    offline = {
        "offline": True,
        "latency": 0,
        "downloadThroughput": 0,
        "uploadThroughput": 0,
    }
    phone.execute_cdp_cmd("Network.enable", {})
    phone.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        phone.find_element(By.ID, "description").send_keys("Lampu mati 3 tiang")
        _send(phone)
        WebDriverWait(phone, 10).until(
            lambda d: d.find_element(By.ID, "pending").is_displayed()
        )
        assert _text(phone, "pending").startswith("Menunggu sinyal")
        screenshot(phone, "lapor-phone-waiting")
        time.sleep(1)
        assert stored(lapor_city) == before
        # the app itself opens again without signal, from the service worker
        phone.refresh()
        WebDriverWait(phone, 10).until(
            lambda d: d.find_element(By.ID, "pending").is_displayed()
        )
        phone.execute_script("document.getElementById('map').scrollIntoView()")
        WebDriverWait(phone, 10).until(
            lambda d: d.execute_script(
                "return document.querySelectorAll('#map .leaflet-overlay-pane"
                " canvas').length > 0 && !!document.querySelector("
                "'.sigap-label-kelurahan')"
            )
        )
        screenshot(phone, "lapor-phone-offline-reopened")
    finally:
        phone.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {
                **offline,
                "offline": False,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
        )
    text = _result(phone)
    assert text.startswith("Terima kasih! Nomor laporan Anda KPG-")
    assert not phone.find_element(By.ID, "pending").is_displayed()
    row = _ticket_row(lapor_city, text.rsplit(" ", 1)[1])
    assert row.nama == kelurahan
    # what failed while offline were the requests the app expected to fail
    errors = severe_console_errors(phone)
    assert all("net::ERR_INTERNET_DISCONNECTED" in e["message"] for e in errors), errors


def test_me_too_on_a_nearby_report_makes_the_resident_a_supporter(
    lapor_city, lapor_server, phone
):
    lon, lat, _ = quiet_spot(lapor_city, "jalan_berlubang")
    session = requests.Session()
    token = session.get(lapor_server + "/lapor/api/token").json()["csrf_token"]
    photo = encode(picture(900, 700, seed=4), "JPEG")
    first = session.post(
        lapor_server + "/lapor/api/laporan",
        data={
            "kategori": "jalan_berlubang",
            "lat": lat,
            "lon": lon,
            "description": "Lubang besar di tengah jalan",
        },
        files={"photo": ("lubang.jpg", io.BytesIO(photo), "image/jpeg")},
        headers={"X-CSRF-Token": token},
    ).json()
    # the second resident stands 10 m away, inside the 30 m radius
    _open(phone, lapor_server, lon + 0.00009, lat)
    _choose(phone, "jalan_berlubang")
    _locate(phone)
    WebDriverWait(phone, 10).until(
        lambda d: d.find_element(By.ID, "nearby").is_displayed()
    )
    item = phone.find_element(By.CSS_SELECTOR, "#nearby-list li")
    assert first["ticket"] in item.text and "Lubang besar" in item.text
    assert item.find_element(By.TAG_NAME, "img").get_attribute("naturalWidth") != "0"
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
    screenshot(phone, "lapor-phone-nearby")
    before = stored(lapor_city)
    item.find_element(By.CSS_SELECTOR, "button.me-too").click()
    text = _result(phone)
    assert text == (
        f"Terima kasih! Laporan Anda digabungkan dengan laporan {first['ticket']}"
        " yang sudah dikirim warga lain"
    )
    after = stored(lapor_city)
    # no new ticket, one more supporter
    assert after[0][0] == before[0][0] and after[0][1] == before[0][1] + 1


def test_bad_photos_and_a_point_in_the_sea_are_refused_on_the_phone(
    lapor_city, lapor_server, phone, tmp_path
):
    _open(phone, lapor_server, *SEA)
    _choose(phone, "kebersihan")
    not_photo = tmp_path / "surat.jpg"
    not_photo.write_bytes(b"%PDF-1.4 ini surat, bukan foto" * 100)
    _upload(phone, not_photo)
    WebDriverWait(phone, 10).until(lambda d: _text(d, "photo-error"))
    assert _text(phone, "photo-error").startswith("Berkas ini bukan foto")
    big = tmp_path / "besar.jpg"
    big.write_bytes(phone_jpeg(3) + b"\0" * (20 * 2**20))
    _upload(phone, big)
    WebDriverWait(phone, 10).until(lambda d: "12 MB" in _text(d, "photo-error"))
    assert _text(phone, "photo-error").startswith("Foto ini lebih besar dari 12 MB")
    assert phone.find_elements(By.CSS_SELECTOR, "#photos img") == []
    _locate(phone)
    _named(phone, "di luar Kota Kupang")
    before = stored(lapor_city)
    _send(phone)
    WebDriverWait(phone, 20).until(lambda d: _text(d, "form-error"))
    assert _text(phone, "form-error").startswith("Titik ini di luar Kota Kupang")
    description = phone.find_element(By.ID, "description")
    assert description.get_attribute("maxlength") == "4000"
    screenshot(phone, "lapor-phone-refused")
    assert stored(lapor_city) == before


def test_the_description_suggests_a_category_the_resident_may_take(
    lapor_city, lapor_server, phone
):
    from datetime import timedelta

    from layers.ai.category import train

    now = lapor_city.clock
    with get_engine(lapor_city).begin() as conn:
        train(conn, since=now - timedelta(days=365), until=now, now=now, held_out=0.2)
    lon, lat, _ = quiet_spot(lapor_city, "kebersihan")
    _open(phone, lapor_server, lon, lat)
    _choose(phone, "kebersihan")
    phone.find_element(By.ID, "description").send_keys(
        "Lampu jalan mati total sudah seminggu, gelap sekali tiap malam"
    )
    WebDriverWait(phone, 20).until(
        lambda d: d.find_element(By.ID, "suggestion").is_displayed()
    )
    assert _text(phone, "suggestion").startswith("Sepertinya ini: Lampu jalan")
    phone.execute_script("document.getElementById('suggestion').scrollIntoView()")
    screenshot(phone, "lapor-phone-suggestion")
    # a suggestion only: the resident's choice stands until they take it
    chosen = phone.find_element(By.CSS_SELECTOR, ".tile[aria-pressed='true']")
    assert chosen.get_attribute("data-code") == "kebersihan"
    phone.find_element(By.ID, "use-suggestion").click()
    chosen = phone.find_element(By.CSS_SELECTOR, ".tile[aria-pressed='true']")
    assert chosen.get_attribute("data-code") == "lampu_jalan_mati"
    assert not phone.find_element(By.ID, "suggestion").is_displayed()
    assert severe_console_errors(phone) == []
