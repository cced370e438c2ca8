"""The citizen app ``/lapor`` as a resident's phone meets it, against ``sigap serve``
over a small demo city:

1. first-load transfer of the app (HTML + JS + CSS as sent, map data and images
   apart), measured by Chromium's network log, beside the 200 KB budget;
2. Lighthouse (npm, ``/usr/bin/chromium``, its default mobile profile with
   simulated slow 4G and a slowed CPU): performance and accessibility, beside 90;
3. a report with a 12 MP camera photo on a simulated 1.6 Mbit/s link (both ways,
   150 ms latency), from choosing the photo to the ticket number on screen, beside
   the 10 s target and beside what sending the photo whole would take on that link.

    python benchmarks/citizen.py [--runs 3]

Lighthouse 12.2.3 is installed into ``var/bench/lighthouse`` when missing (13
wants Node 22).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from common import CLEAN_ENV, ROOT, bench_settings, sigap_server
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine  # noqa: E402
from layers.demo import generate_demo  # noqa: E402
from tests.browser import PHONE  # noqa: E402
from tests.images import phone_jpeg  # noqa: E402

BUDGET_KB = 200
SCORE_TARGET = 90
SUBMIT_TARGET_S = 10
LINK = {"latency": 150, "bytes_per_s": 1_600_000 / 8}
LIGHTHOUSE = ROOT / "var" / "bench" / "lighthouse"
AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A346E) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)


def phone_browser() -> webdriver.Chrome:
    """Headless Chromium as a 390×844 touch phone, with its network log."""
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    width, height = PHONE
    options.add_experimental_option(
        "mobileEmulation",
        {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0},
            "userAgent": AGENT,
        },
    )
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _map_ready(driver) -> bool:
    return driver.execute_script(
        "return !!window.laporMap && !!document.querySelector("
        "'#map .leaflet-overlay-pane canvas')"
    )


def first_load(base: str) -> dict[str, object]:
    """Bytes on the wire (compressed, headers included) by kind, first visit."""
    driver = phone_browser()
    try:
        driver.get(base + "/lapor")
        driver.execute_script("document.getElementById('map').scrollIntoView()")
        WebDriverWait(driver, 30).until(_map_ready)
        time.sleep(1)
        kinds, sizes = {}, {}
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.responseReceived":
                kinds[params["requestId"]] = (params["type"], params["response"]["url"])
            elif message["method"] == "Network.loadingFinished":
                sizes[params["requestId"]] = params["encodedDataLength"]
        totals: dict[str, int] = {}
        files = []
        for request_id, size in sizes.items():
            kind, url = kinds.get(request_id, ("Other", "?"))
            group = {
                "Document": "app",
                "Script": "app",
                "Stylesheet": "app",
            }.get(kind, "map data" if "basemap" in url else "images and other")
            totals[group] = totals.get(group, 0) + size
            files.append((group, url.replace(base, ""), size))
        return {"totals": totals, "files": sorted(files)}
    finally:
        driver.quit()


def lighthouse(base: str) -> dict[str, float] | None:
    """Lighthouse's mobile scores of /lapor, or None when it cannot run."""
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE.mkdir(parents=True, exist_ok=True)
        (LIGHTHOUSE / "package.json").write_text('{"private": true}')
        installed = subprocess.run(
            ["npm", "i", "-E", "lighthouse@12.2.3", "--no-audit", "--no-fund"],
            cwd=LIGHTHOUSE,
            capture_output=True,
            text=True,
        )
        if installed.returncode != 0:
            print("lighthouse could not be installed:", installed.stderr[-500:])
            return None
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        run = subprocess.run(
            [
                str(binary),
                base + "/lapor",
                "--only-categories=performance,accessibility",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**CLEAN_ENV, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode != 0 or not report.exists():
            print("lighthouse failed:", run.stderr[-800:])
            return None
        result = json.loads(report.read_text())
    audits = result["audits"]
    failing = [
        a["id"]
        for a in audits.values()
        if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
    ]
    return {
        "performance": result["categories"]["performance"]["score"] * 100,
        "accessibility": result["categories"]["accessibility"]["score"] * 100,
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failing": failing,
    }


def submit_on_slow_link(base: str, photo: Path, point: tuple[float, float]) -> dict:
    """Seconds from choosing a 12 MP photo to the ticket on screen at 1.6 Mbit/s,
    and the bytes the browser made of the photo."""
    driver = phone_browser()
    try:
        driver.execute_cdp_cmd(
            "Browser.grantPermissions",
            {"origin": base, "permissions": ["geolocation"]},
        )
        driver.execute_cdp_cmd(
            "Emulation.setGeolocationOverride",
            {"latitude": point[1], "longitude": point[0], "accuracy": 10},
        )
        driver.get(base + "/lapor")
        driver.execute_script("document.getElementById('map').scrollIntoView()")
        WebDriverWait(driver, 30).until(_map_ready)
        driver.find_element(By.CSS_SELECTOR, ".tile[data-code=jalan_rusak]").click()
        driver.find_element(By.ID, "locate").click()
        WebDriverWait(driver, 10).until(
            lambda d: "Kel." in d.find_element(By.ID, "place").text
        )
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": LINK["latency"],
                "downloadThroughput": LINK["bytes_per_s"],
                "uploadThroughput": LINK["bytes_per_s"],
            },
        )
        start = time.perf_counter()
        driver.find_element(By.ID, "gallery").send_keys(str(photo))
        WebDriverWait(driver, 30).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#photos img")
        )
        shrunk = time.perf_counter() - start
        driver.find_element(By.ID, "send").click()
        WebDriverWait(driver, 60).until(
            lambda d: d.find_element(By.ID, "result").is_displayed()
        )
        seconds = time.perf_counter() - start
        ticket = re.search(
            r"KPG-\S+", driver.find_element(By.ID, "result-text").text
        ).group()
        # the bytes the page made of that photo, asked of the same code again
        driver.execute_script(
            "const i = document.createElement('input'); i.type = 'file';"
            " i.id = 'again-photo'; document.body.append(i);"
        )
        driver.find_element(By.ID, "again-photo").send_keys(str(photo))
        size = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "import('/static/js/lapor-photos.js').then(m => m.shrink("
            "document.getElementById('again-photo').files[0], 1600))"
            ".then(b => done(b.size));"
        )
        return {"seconds": seconds, "shrink_s": shrunk, "bytes": size, "ticket": ticket}
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = bench_settings("citizen")
    with get_engine(settings).begin() as conn:
        generate_demo(
            conn, settings, complaints=2000, seed=3, end_date=date(2026, 10, 31)
        )
        point = tuple(
            conn.exec_driver_sql(
                "SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(geom) AS c"
                " FROM kelurahan WHERE nama = 'Oebobo') k"
            ).one()
        )
    photo_path = Path(tempfile.mkdtemp()) / "IMG_12MP.jpg"
    photo_path.write_bytes(phone_jpeg(4.5))
    whole = photo_path.stat().st_size
    print("SIGAP citizen app /lapor — phone 390×844 (Chromium), gunicorn, 2 workers")
    with sigap_server(settings) as base:
        load = first_load(base)
        app_kb = load["totals"].get("app", 0) / 1000
        print("\n1. First load, bytes on the wire (compressed where the server does)")
        for group, url, size in load["files"]:
            print(f"   {group:18} {url:46} {size / 1000:7.1f} KB")
        for group, size in sorted(load["totals"].items()):
            print(f"   total {group:12} {size / 1000:7.1f} KB")
        print(
            f"   app (HTML+JS+CSS) {app_kb:.1f} KB   budget {BUDGET_KB} KB"
            f"   ratio {app_kb / BUDGET_KB:.2f}"
        )

        print("\n2. Lighthouse 12 (mobile profile, /usr/bin/chromium)")
        scores = lighthouse(base)
        if scores is None:
            print("   not measured")
        else:
            for name in ("performance", "accessibility"):
                print(
                    f"   {name:14} {scores[name]:5.0f}   target ≥ {SCORE_TARGET}"
                    f"   ratio {scores[name] / SCORE_TARGET:.2f}"
                )
            print(
                f"   FCP {scores['fcp_s']:.2f} s, LCP {scores['lcp_s']:.2f} s,"
                f" TBT {scores['tbt_ms']:.0f} ms, CLS {scores['cls']:.3f};"
                f" failing audits: {', '.join(scores['failing']) or 'none'}"
            )

        print(
            f"\n3. Report with a 12 MP photo ({whole / 1e6:.1f} MB, 4000×3000)"
            " at 1.6 Mbit/s up and down, 150 ms latency"
        )
        runs = [submit_on_slow_link(base, photo_path, point) for _ in range(args.runs)]
        median = statistics.median(r["seconds"] for r in runs)
        sent = runs[0]["bytes"]
        whole_s = whole / LINK["bytes_per_s"] + LINK["latency"] / 1000
        for r in runs:
            print(
                f"   {r['ticket']}: {r['seconds']:.2f} s end to end"
                f" (photo shrunk in {r['shrink_s']:.2f} s"
                f" to {r['bytes'] / 1000:.0f} KB)"
            )
        print(
            f"   median {median:.2f} s   target ≤ {SUBMIT_TARGET_S} s"
            f"   ratio {median / SUBMIT_TARGET_S:.2f}"
        )
        print(
            f"   the photo sent whole: {whole_s:.1f} s on the wire alone"
            f" ({whole / sent:.0f}× the {sent / 1000:.0f} KB the app sends)"
        )


if __name__ == "__main__":
    main()
