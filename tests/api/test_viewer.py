"""The map viewer as a planner and a resident use it, in real Chromium at the
desktop (1440×900) and phone (390×844) sizes: a grouped layer tree with one
category choice, legends that load, a click panel in Indonesian words and
formats, a period of WITA days that filters what is drawn and clicked, playback
by week, and on a phone a panel that folds away. Screenshots go to
``var/screenshots/viewer-*.png``."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from gis.timeutil import WITA
from layers.status import label
from tests.browser import (
    horizontal_overflow,
    screenshot,
    severe_console_errors,
)

GROUPS = [
    "Batas administrasi",
    "Jaringan kota",
    "Aduan",
    "Analisis per kategori",
    "Data kota",
]
LOADED_TILES = (
    "return [...document.querySelectorAll('img.leaflet-tile-loaded')]"
    ".filter(i => i.src.includes('/wms?') && i.naturalWidth > 0).length"
)
LEGENDS_LOADED = (
    "return [...document.querySelectorAll('#legend img')]"
    ".map(i => i.complete && i.naturalHeight > 0)"
)


@pytest.fixture(scope="module")
def complaint(demo_city):
    """A complaint of the demo city alone within 30 m, the newest such."""
    with get_engine(demo_city).connect() as conn:
        return (
            conn.execute(
                sa.text(
                    "SELECT c.ticket, c.status, c.reported_at, ST_X(c.geom) AS lon,"
                    " ST_Y(c.geom) AS lat FROM complaints c WHERE NOT EXISTS"
                    " (SELECT 1 FROM complaints o WHERE o.id <> c.id AND"
                    " ST_DWithin(o.geom::geography, c.geom::geography, 30))"
                    " ORDER BY c.reported_at DESC LIMIT 1"
                )
            )
            .mappings()
            .one()
        )


SETTLED = (
    "return [...document.querySelectorAll('#map img.leaflet-tile, #legend img')]"
    ".every(i => i.complete)"
    " && document.querySelectorAll('img.leaflet-tile-loaded').length > 0"
)


def _settled(driver) -> None:
    """Wait until the map's tiles and the legends have loaded (for screenshots)."""
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(SETTLED))


def _open(driver, base: str) -> None:
    driver.get(base + "/viewer")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(LOADED_TILES) >= 1)


def _click(driver, lon: float, lat: float, zoom: int = 17) -> str:
    driver.execute_script(
        "document.getElementById('info').textContent = '';"
        "map.setView([arguments[1], arguments[0]], arguments[2], {animate: false});"
        "map.fire('click', {latlng: L.latLng(arguments[1], arguments[0])});",
        lon,
        lat,
        zoom,
    )
    WebDriverWait(driver, 20).until(lambda d: d.find_element("id", "info").text)
    return driver.find_element("id", "info").text


def _tick(driver, name: str, on: bool = True, kind: str = "layer") -> None:
    """Tick (or untick) the box of layer ``name``; ``kind="kind"``: the box of
    a per-category template."""
    driver.execute_script(
        "const box = document.querySelector(`input.${arguments[2]}"
        "[value='${arguments[0]}']`);"
        "if (box.checked !== arguments[1]) box.click();",
        name,
        on,
        kind,
    )


def _period(driver, start: str, end: str) -> None:
    driver.execute_script(
        "const [s, e] = [document.getElementById('start'),"
        " document.getElementById('end')];"
        "s.value = arguments[0]; e.value = arguments[1];"
        "e.dispatchEvent(new Event('change'));",
        start,
        end,
    )


def test_desktop_shows_a_grouped_tree_a_legend_and_no_overflow(demo_server, desktop):
    _open(desktop, demo_server)
    summaries = desktop.execute_script(
        "return [...document.querySelectorAll('details.group > summary')]"
        ".map(s => s.firstChild.textContent.trim())"
    )
    assert summaries == GROUPS
    # one category choice instead of a box per category and analysis
    boxes = desktop.execute_script(
        "return document.querySelectorAll('input[type=checkbox]').length"
    )
    options = desktop.execute_script(
        "return document.querySelectorAll('#category option').length"
    )
    assert boxes < 30 and options >= 10
    WebDriverWait(desktop, 20).until(
        lambda d: d.execute_script(LEGENDS_LOADED) == [True]
    )
    assert desktop.find_element("css selector", "#legend figcaption").text == "Aduan"
    # the basemap draws SIGAP's kelurahan beneath
    assert desktop.execute_script(
        "return document.querySelector('#map canvas') !== null"
    )
    assert horizontal_overflow(desktop) == 0
    _settled(desktop)
    screenshot(desktop, "viewer-desktop")
    assert severe_console_errors(desktop) == []


def test_a_category_choice_swaps_the_analysis_layers(demo_server, desktop):
    _open(desktop, demo_server)
    desktop.execute_script(
        "document.querySelector('details[data-group=per-category]').open = true;"
        "const select = document.getElementById('category');"
        "select.value = 'jalan_rusak'; select.dispatchEvent(new Event('change'));"
    )
    _tick(desktop, "red_flags", kind="kind")
    WebDriverWait(desktop, 20).until(
        lambda d: len(d.execute_script(LEGENDS_LOADED)) == 2
    )
    captions = [
        c.text for c in desktop.find_elements("css selector", "#legend figcaption")
    ]
    assert captions[0] == "Bendera merah: Jalan rusak / aspal terkelupas"
    desktop.execute_script(
        "const select = document.getElementById('category');"
        "select.value = 'kebersihan'; select.dispatchEvent(new Event('change'));"
    )
    captions = [
        c.text for c in desktop.find_elements("css selector", "#legend figcaption")
    ]
    assert captions[0] == "Bendera merah: Sampah menumpuk / kebersihan"
    assert len(captions) == 2
    _tick(desktop, "red_flags", False, kind="kind")


def test_a_click_on_a_kelurahan_reads_in_indonesian_words_and_numbers(
    demo_server, desktop
):
    _open(desktop, demo_server)
    _tick(desktop, "kelurahan")
    # inside Oebobo (1.876 km²)
    text = _click(desktop, 123.6011, -10.1689, 16)
    assert "Kelurahan" in text and "Nama Oebobo" in text
    assert "Luas 1,88 km²" in text
    assert "area_km2" not in text and "1.8764" not in text
    _settled(desktop)
    screenshot(desktop, "viewer-click-kelurahan")
    _tick(desktop, "kelurahan", False)


def test_a_complaint_click_links_its_ticket_page_with_wita_time(
    demo_server, desktop, complaint
):
    _open(desktop, demo_server)
    day = complaint["reported_at"].astimezone(WITA)
    _period(
        desktop, (day - timedelta(days=10)).date().isoformat(), day.date().isoformat()
    )
    text = _click(desktop, complaint["lon"], complaint["lat"], 18)
    assert complaint["ticket"] in text
    link = desktop.find_element("css selector", "#info a")
    assert link.get_attribute("href").endswith(f"/aduan/{complaint['ticket']}")
    assert requests.get(link.get_attribute("href"), timeout=30).status_code == 200
    assert f"{day:%H.%M} WITA" in text or f"{day:%H:%M} WITA" in text
    assert f"Status {label(complaint['status'])}" in text
    _settled(desktop)
    screenshot(desktop, "viewer-click-complaint")


def test_the_date_range_filters_what_a_click_finds(demo_server, desktop, complaint):
    _open(desktop, demo_server)
    day = complaint["reported_at"].astimezone(WITA).date()
    _period(
        desktop,
        (day - timedelta(days=30)).isoformat(),
        (day - timedelta(days=1)).isoformat(),
    )
    text = _click(desktop, complaint["lon"], complaint["lat"], 18)
    assert complaint["ticket"] not in text
    _period(desktop, day.isoformat(), day.isoformat())
    text = _click(desktop, complaint["lon"], complaint["lat"], 18)
    assert complaint["ticket"] in text
    # an end before the start is said, not sent
    _period(desktop, day.isoformat(), (day - timedelta(days=3)).isoformat())
    assert desktop.find_element("id", "period").text == (
        "Tanggal mulai harus sebelum tanggal akhir"
    )


def test_playback_steps_through_the_period_week_by_week(demo_server, desktop):
    _open(desktop, demo_server)
    _period(desktop, "2026-10-05", "2026-10-31")
    desktop.find_element("id", "step-forward").click()
    assert desktop.find_element("id", "period").text == "Minggu 5 Okt – 11 Okt 2026"
    desktop.find_element("id", "step-forward").click()
    assert desktop.find_element("id", "period").text == "Minggu 12 Okt – 18 Okt 2026"
    time_params = desktop.execute_script(
        "return [...document.querySelectorAll('img.leaflet-tile')]"
        ".map(i => new URL(i.src).searchParams.get('TIME')).filter(Boolean)"
    )
    assert "2026-10-12T00:00:00+08:00/2026-10-19T00:00:00+08:00" in time_params
    desktop.find_element("id", "play").click()
    assert desktop.find_element("id", "play").text == "Jeda"
    desktop.find_element("id", "play").click()
    assert desktop.find_element("id", "play").text == "Putar per minggu"


def test_the_phone_folds_the_panel_under_a_full_map(demo_server, phone):
    _open(phone, demo_server)
    panel = phone.find_element("id", "panel-toggle")
    assert panel.get_attribute("aria-expanded") == "false"
    assert not phone.find_element("id", "panel-body").is_displayed()
    height = phone.execute_script("return document.getElementById('map').offsetHeight")
    assert height > 500
    assert horizontal_overflow(phone) == 0
    _settled(phone)
    screenshot(phone, "viewer-phone")
    panel.click()
    assert phone.find_element("id", "panel-body").is_displayed()
    assert phone.find_element("css selector", "details.group").is_displayed()
    WebDriverWait(phone, 20).until(lambda d: d.execute_script(LEGENDS_LOADED) == [True])
    assert horizontal_overflow(phone) == 0
    _settled(phone)
    screenshot(phone, "viewer-phone-panel")
    assert severe_console_errors(phone) == []
