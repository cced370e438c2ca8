"""The command room in a real browser: loads clean and shows a new report live."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from gis.timeutil import WITA
from layers.accounts import create_api_key
from tests.api.conftest import serving
from tests.browser import chromium, severe_console_errors

pytestmark = pytest.mark.clock


@pytest.fixture(scope="module")
def browser():
    with chromium((1300, 1000)) as driver:
        yield driver


#: ``EventSource.OPEN``: the stream is connected and will deliver the next event
EventSource_OPEN = 1


def _summary_shown(driver) -> bool:
    return driver.find_element("id", "today-untouched").text not in ("", "–")


def _loaded(driver) -> bool:
    """Every panel has its data: the panels load by separate requests."""
    return (
        _summary_shown(driver)
        and len(driver.find_elements("css selector", "#board tr")) > 1
        and len(driver.find_elements("css selector", "#live li")) > 0
        and len(driver.find_elements("css selector", ".leaflet-interactive")) > 0
    )


def test_the_dashboard_loads_in_indonesian_without_console_errors(demo_server, browser):
    browser.get(demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(_loaded)
    page = browser.page_source
    assert "Ruang komando" in page and "Belum disentuh" in page
    assert "Kinerja OPD, 30 hari terakhir" in page
    assert (
        browser.execute_script(
            "return document.querySelectorAll('.leaflet-interactive').length"
        )
        > 0
    )
    assert browser.execute_script("return Chart.getChart('trend') !== undefined")
    assert severe_console_errors(browser) == []
    browser.get(demo_server + "/dashboard?lang=en")
    WebDriverWait(browser, 15).until(_loaded)
    assert "Command room" in browser.page_source and "Untouched" in browser.page_source


def test_a_report_posted_through_open311_appears_live_without_a_reload(
    demo_server, demo_city, browser
):
    # how fast it appears is measured by benchmarks/live.py, not asserted here
    with get_engine(demo_city).begin() as conn:
        key = create_api_key(conn, "dashboard test")
    browser.get(demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(_loaded)
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return events.readyState") == EventSource_OPEN
    )
    posted = requests.post(
        demo_server + "/open311/v2/requests.json",
        data={
            "api_key": key,
            "service_code": "fasilitas_umum",
            "lat": "-10.1650",
            "long": "123.5850",
            "description": "Halte rusak",
        },
        timeout=10,
    )
    assert posted.status_code == 200, posted.text
    ticket = posted.json()[0]["service_request_id"]
    WebDriverWait(browser, 15).until(
        lambda d: ticket in d.find_element("id", "live").text
    )
    assert severe_console_errors(browser) == []


def test_the_viewer_draws_wms_layers_and_shows_details_on_click(
    demo_server, demo_city, known, browser
):
    from tests.api.conftest import SPOT

    browser.get(demo_server + "/viewer")
    loaded = (
        "return [...document.querySelectorAll('img.leaflet-tile-loaded')]"
        ".filter(i => i.src.includes('/wms?') && i.naturalWidth > 0).length"
    )
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(loaded) >= 3)
    page = browser.page_source
    assert f"{demo_server}/wms" in page and f"{demo_server}/ogcapi" in page
    assert "Klaster LISA" in page and "Bendera merah" in page
    browser.execute_script(
        "map.setView([arguments[1], arguments[0]], 18);"
        "map.fire('click', {latlng: L.latLng(arguments[1], arguments[0])});",
        *SPOT,
    )
    WebDriverWait(browser, 10).until(
        lambda d: known in d.find_element("id", "info").text
    )
    assert "Aduan" in browser.find_element("id", "info").text
    # a report posted now is on the map at once: the WMS answers from the database
    with get_engine(demo_city).begin() as conn:
        key = create_api_key(conn, "viewer test")
    lon, lat = SPOT[0] + 0.0020, SPOT[1] - 0.0020
    posted = requests.post(
        demo_server + "/open311/v2/requests.json",
        data={
            "api_key": key,
            "service_code": "ketertiban_umum",
            "lat": lat,
            "long": lon,
        },
        timeout=10,
    )
    assert posted.status_code == 200, posted.text
    ticket = posted.json()[0]["service_request_id"]
    browser.execute_script(
        "map.setView([arguments[1], arguments[0]], 18);"
        "map.fire('click', {latlng: L.latLng(arguments[1], arguments[0])});",
        lon,
        lat,
    )
    WebDriverWait(browser, 10).until(
        lambda d: ticket in d.find_element("id", "info").text
    )
    assert severe_console_errors(browser) == []


def test_staff_sign_in_adds_the_explained_priorities(demo_server, demo_city, browser):
    from layers.accounts import create_user

    with get_engine(demo_city).begin() as conn:
        create_user(conn, "ruangkomando", "Operator", "rahasia-kupang-1", "operator")
    browser.get(demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(_loaded)
    assert browser.find_elements("id", "priorities") == []
    assert requests.get(demo_server + "/api/priorities", timeout=10).status_code == 403
    browser.get(demo_server + "/login")
    browser.find_element("id", "username").send_keys("ruangkomando")
    browser.find_element("id", "password").send_keys("salah-sandi-99")
    browser.find_element("id", "submit").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements("id", "error"))
    assert (
        "Nama pengguna atau kata sandi salah"
        in browser.find_element("id", "error").text
    )
    # the refused sign-in itself is a 403, as it should
    refused = severe_console_errors(browser)
    assert len(refused) == 1 and "/login" in refused[0]["message"]
    browser.find_element("id", "username").send_keys("ruangkomando")
    browser.find_element("id", "password").send_keys("rahasia-kupang-1")
    browser.find_element("id", "submit").click()
    WebDriverWait(browser, 15).until(
        lambda d: len(d.find_elements("css selector", "#priorities li")) > 0
    )
    first = browser.find_element("css selector", "#priorities li").text
    assert "Tingkat keparahan" in first and "KPG-" in first
    assert "ruangkomando (operator)" in browser.page_source
    browser.find_element("id", "logout").click()  # a POST with the page's token
    WebDriverWait(browser, 15).until(lambda d: d.find_elements("id", "login"))
    WebDriverWait(browser, 15).until(_loaded)
    assert browser.find_elements("id", "priorities") == []
    assert severe_console_errors(browser) == []


def test_at_0350_wita_the_pages_show_wita_dates_and_say_when_nothing_is_recent(
    demo_city, browser
):
    # 03:50 WITA on 2 December is 19:50 UTC on 1 December; the demo data end on
    # 31 October, so the last 30 days hold no report at all
    early = datetime(2026, 12, 2, 3, 50, tzinfo=WITA)
    with serving(demo_city.replace(clock=early)) as base:
        browser.get(base + "/viewer")
        WebDriverWait(browser, 15).until(lambda d: d.find_element("id", "period").text)
        assert browser.find_element("id", "period").text == "2 Des 2025 – 2 Des 2026"
        browser.get(base + "/dashboard")
        WebDriverWait(browser, 15).until(
            lambda d: (
                (
                    "Tidak ada laporan dalam 30 hari terakhir"
                    in d.find_element("id", "board").text
                )
                and _summary_shown(d)
            )
        )
        assert browser.find_element("id", "today-untouched").text == "0"
        assert "2/12/2026" in browser.find_element("id", "clock").text
        assert severe_console_errors(browser) == []
