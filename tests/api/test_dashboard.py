"""The command room in a real browser: backlog first at every screen size, named
red flags, drill-down links to the tickets behind a number, live over SSE, the
wall screen that survives a server restart."""

from __future__ import annotations

import time
import urllib.parse
from datetime import datetime

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from gis.timeutil import WITA
from layers.accounts import create_api_key
from layers.operations import red_flags
from tests.api.conftest import serving
from tests.browser import (
    WALL,
    chromium,
    horizontal_overflow,
    screenshot,
    severe_console_errors,
)
from tests.server import free_port

pytestmark = pytest.mark.clock


@pytest.fixture(scope="module")
def browser(desktop):
    return desktop


#: ``EventSource.OPEN``: the stream is connected and will deliver the next event
EventSource_OPEN = 1
#: every panel of the command room
PANELS = (
    "panel-backlog",
    "panel-flow",
    "panel-map",
    "panel-flags",
    "panel-opd",
    "panel-hotspots",
    "panel-trend",
    "panel-warnings",
    "panel-policy",
    "panel-city",
    "panel-latest",
)


def _summary_shown(driver) -> bool:
    return driver.find_element(
        By.CSS_SELECTOR, "#backlog-untouched .tile-count"
    ).text not in ("", "–")


def _loaded(driver) -> bool:
    """Every panel has its data: the panels load by separate requests."""
    return bool(
        driver.execute_script("return window.dashboardLoaded !== undefined")
        and _summary_shown(driver)
        and len(driver.find_elements(By.CSS_SELECTOR, "#board tr")) > 1
        and len(driver.find_elements(By.CSS_SELECTOR, "#live li")) > 0
        and len(driver.find_elements(By.CSS_SELECTOR, ".leaflet-interactive")) > 0
    )


def _visible(driver, panel: str) -> bool:
    """The panel is shown with a size inside the viewport's width."""
    return driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.width > 0 && r.height > 0 && r.left >= 0"
        " && r.right <= window.innerWidth + 0.5",
        panel,
    )


def _open(driver, url: str) -> None:
    # leaving a page cuts its live event stream, which the browser logs as an
    # error of the *previous* page: leave it and drop that log first
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get(url)
    WebDriverWait(driver, 20).until(_loaded)


def _api(base: str, path: str) -> dict:
    return requests.get(base + path, timeout=10).json()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_panel_shows_without_overflow_backlog_first(
    demo_server, browser, phone, size
):
    driver = browser if size == "desktop" else phone
    _open(driver, demo_server + "/dashboard")
    assert horizontal_overflow(driver) <= 0
    for panel in PANELS:
        assert _visible(driver, panel), panel
    summary = _api(demo_server, "/api/dashboard/summary")
    tiles = {
        key: driver.find_element(By.CSS_SELECTOR, f"#backlog-{key} .tile-count").text
        for key in summary["backlog"]
    }
    assert tiles == {
        key: f"{tile['count']:,}".replace(",", ".")
        for key, tile in summary["backlog"].items()
    }
    # the backlog is the first thing on the screen, above the day's flow
    top = {
        p: driver.find_element(By.ID, p).rect["y"]
        for p in ("panel-backlog", "panel-flow", "panel-map")
    }
    assert top["panel-backlog"] <= top["panel-flow"] < top["panel-map"] + 1
    if size == "phone":
        # one column: every panel as wide as the backlog
        width = driver.find_element(By.ID, "panel-backlog").rect["width"]
        assert all(
            abs(driver.find_element(By.ID, p).rect["width"] - width) < 1 for p in PANELS
        )
        assert driver.find_element(By.ID, "trend").rect["height"] > 150
    page = driver.page_source
    assert "Tunggakan saat ini" in page and "Belum disentuh" in page
    assert "jalan_berlubang" not in driver.find_element(By.ID, "flags").text
    assert (
        "Merah: laporan yang belum mulai ditangani selama 7 hari"
        in driver.find_element(By.ID, "rule").text
    )
    screenshot(driver, f"dashboard-{size}")
    assert severe_console_errors(driver) == []


def test_the_red_flags_name_kelurahan_category_age_and_opd(
    demo_server, demo_city, browser
):
    _open(browser, demo_server + "/dashboard")
    with get_engine(demo_city).connect() as conn:
        worst = next(f for f in red_flags(conn, demo_city.clock) if f["flag"] == "red")
    flags = browser.find_element(By.ID, "flags").text
    assert worst["kelurahan"] in flags and "Dinas PUPR" in flags
    oldest = f"{worst['oldest_days']:.1f}".replace(".", ",")
    assert f"tertua {oldest} hari" in flags


def test_a_drill_down_click_opens_the_tickets_behind_a_red_flag(demo_server, browser):
    _open(browser, demo_server + "/dashboard")
    summary = _api(demo_server, "/api/dashboard/summary")
    area = summary["flags"][0]
    category = area["categories"][0]
    link = browser.find_element(By.CSS_SELECTOR, "#flags .flag-categories a")
    assert link.text == category["name"]
    link.click()
    WebDriverWait(browser, 10).until(lambda d: "/laporan" in d.current_url)
    target = urllib.parse.urlsplit(browser.current_url)
    assert target.path == "/laporan"
    assert dict(urllib.parse.parse_qsl(target.query)) == {
        "kelurahan": area["kelurahan_kode"],
        "kategori": category["code"],
        "merah": "1",
    }
    # until the public list exists its address answers 404; nothing else fails
    assert all("/laporan?" in e["message"] for e in severe_console_errors(browser))


def test_every_number_links_to_its_ticket_list(demo_server, browser):
    _open(browser, demo_server + "/dashboard")

    def query(selector: str) -> tuple[str, dict]:
        href = browser.find_element(By.CSS_SELECTOR, selector).get_attribute("href")
        parts = urllib.parse.urlsplit(href)
        return parts.path, dict(urllib.parse.parse_qsl(parts.query))

    assert query("#backlog-untouched") == ("/laporan", {"kelompok": "untouched"})
    assert query("#backlog-in_progress") == ("/laporan", {"kelompok": "in_progress"})
    assert query("#backlog-coordination") == ("/laporan", {"status": "koordinasi"})
    assert query("#backlog-overdue") == ("/laporan", {"terlambat": "1"})
    path, opd = query("#board tr.link a")
    assert path == "/laporan" and set(opd) == {"opd"}
    path, spot = query("#emerging a")
    assert path == "/laporan" and set(spot) == {"kelurahan", "kategori"}
    # the hot spot and kelurahan marks on the map lead to the same lists
    assert browser.execute_script(
        "return document.querySelectorAll('.hot-mark').length"
    ) == len(browser.find_elements(By.CSS_SELECTOR, "#emerging a"))
    # at city zoom the flagged kelurahan are named; closer, the basemap names all
    flagged = {
        a["kelurahan"] for a in _api(demo_server, "/api/dashboard/summary")["flags"]
    }
    names = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".area-name")}
    assert names == flagged
    browser.execute_script("map.setZoom(13)")
    WebDriverWait(browser, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".sigap-label-kelurahan")) == 51
    )
    legend = browser.find_element(By.CSS_SELECTOR, ".legend").text
    assert "Bendera merah" in legend and "Tiket terbuka: Belum disentuh" in legend


def test_the_ticket_list_behind_a_red_flag_holds_its_tickets(demo_server, demo_city):
    summary = _api(demo_server, "/api/dashboard/summary")
    category = summary["flags"][0]["categories"][0]
    landing = requests.get(
        demo_server + "/laporan", params=category["filters"], timeout=10
    )
    if landing.status_code == 404:
        pytest.skip("the public ticket list (/laporan) is not on this branch yet")
    assert landing.status_code == 200
    with get_engine(demo_city).connect() as conn:
        flag = next(
            f
            for f in red_flags(conn, demo_city.clock)
            if (f["kelurahan_kode"], f["category_code"])
            == (category["filters"]["kelurahan"], category["code"])
        )
    assert flag["tickets"] and all(t in landing.text for t in flag["tickets"])


def test_the_wall_fills_the_screen_rotates_and_says_when_it_is_stale(demo_city):
    port = free_port()
    with chromium(WALL) as wall:
        with serving(demo_city, port) as base:
            _open(wall, base + "/dashboard?layar=dinding&putar=2")
            assert horizontal_overflow(wall) <= 0
            assert wall.execute_script(
                "return document.documentElement.scrollHeight <= window.innerHeight"
            )
            assert not wall.find_element(By.CSS_SELECTOR, "header.top").is_displayed()
            size = wall.find_element(By.CSS_SELECTOR, "#backlog-untouched b")
            assert float(size.value_of_css_property("font-size")[:-2]) >= 60
            screenshot(wall, "dashboard-wall")
            seen = set()
            deadline = time.monotonic() + 30
            rotating = [
                p
                for p in PANELS
                if p not in ("panel-backlog", "panel-flow", "panel-map")
            ]
            city_fits = None
            while seen != set(rotating) and time.monotonic() < deadline:
                seen |= {p for p in rotating if _visible(wall, p)}
                if city_fits is None and _visible(wall, "panel-city"):
                    # the city's numbers fit their turn on the wall, none cut off
                    city_fits = wall.execute_script(
                        "const p = document.getElementById('panel-city');"
                        " return p.scrollHeight <= p.clientHeight + 1"
                    )
                    screenshot(wall, "dashboard-wall-city")
                for p in ("panel-backlog", "panel-flow", "panel-map"):
                    assert _visible(wall, p)
                time.sleep(0.5)
            assert seen == set(rotating)
            assert city_fits
            WebDriverWait(wall, 15).until(
                lambda d: (
                    d.execute_script("return events.readyState") == EventSource_OPEN
                )
            )
        # the server is gone: the wall says its numbers are old
        WebDriverWait(wall, 30).until(
            lambda d: (
                "stale" in d.find_element(By.ID, "freshness").get_attribute("class")
            )
        )
        assert (
            "Data belum diperbarui sejak" in wall.find_element(By.ID, "freshness").text
        )
        screenshot(wall, "dashboard-wall-stale")
        with serving(demo_city, port):
            # back on the same address: the stream reconnects and the data is fresh
            WebDriverWait(wall, 60).until(
                lambda d: (
                    "stale"
                    not in d.find_element(By.ID, "freshness").get_attribute("class")
                )
            )
            assert "Diperbarui" in wall.find_element(By.ID, "freshness").text
            assert wall.execute_script("return events.readyState") == EventSource_OPEN


def test_a_report_posted_through_open311_appears_live_without_a_reload(
    demo_server, demo_city, browser
):
    # how fast it appears is measured by benchmarks/live.py, not asserted here
    with get_engine(demo_city).begin() as conn:
        key = create_api_key(conn, "dashboard test")
    _open(browser, demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return events.readyState") == EventSource_OPEN
    )
    before = browser.find_element(
        By.CSS_SELECTOR, "#backlog-untouched .tile-count"
    ).text
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
        lambda d: ticket in d.find_element(By.ID, "live").text
    )
    after = browser.find_element(By.CSS_SELECTOR, "#backlog-untouched .tile-count").text
    assert int(after.replace(".", "")) == int(before.replace(".", "")) + 1
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


def test_the_early_warning_panel_names_the_demos_rubbish_surge(
    demo_server, demo_city, browser
):
    from layers.ai.forecast import early_warnings, has_forecast, run_forecast

    with get_engine(demo_city).begin() as conn:
        if not has_forecast(conn, demo_city.clock):
            run_forecast(conn, now=demo_city.clock)
        expected = early_warnings(conn, demo_city.clock)["warnings"]
    assert expected and expected[0]["category"] == "kebersihan"
    _open(browser, demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#warnings li a")
    )
    items = browser.find_elements(By.CSS_SELECTOR, "#warnings li a")
    assert [a.text for a in items] == [w["text"] for w in expected]
    assert items[0].text.startswith("sampah di ")
    assert items[0].get_attribute("href").endswith(expected[0]["link"])
    assert "Peringatan dini" in browser.find_element(By.ID, "panel-warnings").text
    browser.execute_script("document.getElementById('panel-warnings').scrollIntoView()")
    screenshot(browser, "dashboard-warnings")
    assert severe_console_errors(browser) == []


def test_the_policy_panel_ranks_kelurahan_and_issue_with_reasons(demo_server, browser):
    expected = _api(demo_server, "/api/ai/prioritas?limit=8")["priorities"]
    assert len(expected) == 8
    _open(browser, demo_server + "/dashboard")
    WebDriverWait(browser, 15).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#policy li")) == 8
    )
    items = browser.find_elements(By.CSS_SELECTOR, "#policy li")
    titles = [li.find_element(By.TAG_NAME, "a").text for li in items]
    assert titles == [e["title"] for e in expected]
    first = items[0]
    assert (
        first.find_element(By.TAG_NAME, "a")
        .get_attribute("href")
        .endswith(expected[0]["link"])
    )
    assert expected[0]["reasons"][0]["reason"] in first.text
    assert "Prioritas kebijakan minggu ini" in browser.page_source
    browser.execute_script("document.getElementById('panel-policy').scrollIntoView()")
    screenshot(browser, "dashboard-policy")
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
    # signed in, the numbers lead to the staff inbox with the same filters
    inbox = browser.find_element(By.ID, "backlog-untouched").get_attribute("href")
    assert inbox.endswith("/staf?kelompok=untouched")
    assert "ruangkomando (Operator)" in browser.page_source
    browser.find_element("id", "logout").click()  # a POST with the page's token
    WebDriverWait(browser, 15).until(lambda d: d.find_elements("id", "login"))
    WebDriverWait(browser, 15).until(_loaded)
    assert browser.find_elements("id", "priorities") == []
    assert severe_console_errors(browser) == []


def test_at_0351_wita_the_backlog_still_counts_and_today_is_the_wita_day(
    demo_city, browser
):
    # 03:51 WITA on 2 December is 19:51 UTC on 1 December; the demo data end on
    # 31 October, so nothing is new today, while the backlog still waits
    early = datetime(2026, 12, 2, 3, 51, tzinfo=WITA)
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
        summary = _api(base, "/api/dashboard/summary")
        assert summary["windows"]["today"] == "2026-12-02T00:00:00+08:00"
        assert summary["flow"]["today"] == {"new": 0, "handled": 0, "rejected": 0}
        assert browser.find_element(By.ID, "flow-today-new").text == "0"
        untouched = summary["backlog"]["untouched"]["count"]
        assert untouched > 0
        assert browser.find_element(
            By.CSS_SELECTOR, "#backlog-untouched .tile-count"
        ).text == f"{untouched:,}".replace(",", ".")
        assert "2 Des 2026" in browser.find_element("id", "clock").text
        assert severe_console_errors(browser) == []


def _whole(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _percent(share: float) -> str:
    """A share as the page writes it in Indonesian: one decimal at most."""
    text = f"{100 * share:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_city_panel_shows_accidents_poverty_lighting_angkot_and_waste(
    demo_server, browser, phone, size
):
    driver = browser if size == "desktop" else phone
    _open(driver, demo_server + "/dashboard")
    panel = _api(demo_server, "/api/city/panel")
    angkot, lighting = panel["angkot"], panel["streetlights"]["lighting"]
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "angkot-share").text not in ("", "–")
    )
    assert driver.find_element(By.ID, "angkot-share").text == _percent(angkot["share"])
    assert driver.find_element(By.ID, "lighting-share").text == _percent(
        lighting["lit_share"]
    )
    note = driver.find_element(By.ID, "angkot-note").text
    assert note.startswith(
        f"{angkot['residents_covered']:,}".replace(",", ".")
        + " dari "
        + f"{angkot['population']:,}".replace(",", ".")
        + " penduduk"
    )
    least = driver.find_elements(By.CSS_SELECTOR, "#angkot-least li a")
    assert [a.text.split(":")[0] for a in least] == [
        k["nama"] for k in angkot["least_covered"]
    ]
    gaps = driver.find_elements(By.CSS_SELECTOR, "#lighting-gaps li a")
    assert [a.text.split(":")[0] for a in gaps] == [
        k["nama"] for k in lighting["report_gaps"]
    ]
    assert "kategori=lampu_jalan_mati" in gaps[0].get_attribute("href")

    def shown(element_id: str) -> str:
        return driver.find_element(By.ID, element_id).text

    accidents, sites = panel["accidents"], panel["blackspots"]["sites"]
    assert sites, "the demo plants two blackspots"
    assert shown("accidents-month") == _whole(accidents["this_month"]["accidents"])
    assert shown("accidents-note").startswith(
        f"Bulan lalu {_whole(accidents['last_month']['accidents'])}; dalam 12 bulan"
        f" {_whole(accidents['last_12_months']['accidents'])} kecelakaan"
    )
    spots = driver.find_elements(By.CSS_SELECTOR, "#blackspot-list li")
    assert [li.text.split(":")[0] for li in spots] == [
        " / ".join(s["road_names"]) or "jalan tanpa nama" for s in sites[:3]
    ]
    people = panel["population"]
    assert shown("poverty-share") == _percent(people["poor_share"])
    assert shown("poverty-note").startswith(
        f"{_whole(people['poor_people'])} dari {_whole(people['population'])} penduduk"
    )
    assert "angka per kelurahan sintetis" in shown("poverty-note")
    poorest = driver.find_elements(By.CSS_SELECTOR, "#poverty-list li a")
    assert [a.text.split(":")[0] for a in poorest] == [
        k["nama"] for k in people["poorest"][:3]
    ]
    assert f"kelurahan={people['poorest'][0]['kode']}" in poorest[0].get_attribute(
        "href"
    )
    poles = panel["streetlights"]
    assert shown("poles-out") == _whole(poles["dead"] + poles["damaged"])
    waste = panel["waste"]
    assert shown("waste-share") == _percent(waste["share"])
    problems = driver.find_elements(By.CSS_SELECTOR, "#waste-list li.problem a")
    assert [a.text.split(" (")[0] for a in problems] == [
        p["name"] for p in waste["schedule_problems"]
    ]
    assert problems, "the demo plants a market TPS whose collection days are wrong"
    assert "kategori=kebersihan" in problems[0].get_attribute("href")
    # no block runs off the side of the screen
    assert driver.execute_script(
        "return Math.max(...[...document.querySelectorAll('#panel-city > *')]"
        ".map(e => e.getBoundingClientRect().right))"
    ) <= driver.execute_script("return window.innerWidth")
    # the small map: poverty in five classes and the blackspots, with its legend
    WebDriverWait(driver, 10).until(
        lambda d: (
            len(d.find_elements(By.CSS_SELECTOR, "#city-legend .legend-item")) == 6
        )
    )
    assert driver.find_element(By.ID, "city-legend").text.startswith(
        "Penduduk miskin (%)"
    )
    # the same map coloured by population density instead
    driver.find_elements(By.CSS_SELECTOR, "#city-measure button")[1].click()
    assert driver.find_element(By.ID, "city-legend").text.startswith("Penduduk per km²")
    assert horizontal_overflow(driver) <= 0
    driver.execute_script(
        "document.getElementById('panel-city').scrollIntoView({block: 'start'})"
    )
    screenshot(driver, f"dashboard-city-{size}")
    assert severe_console_errors(driver) == []
