"""Real Chromium for page tests, at the sizes people use SIGAP.

Phones (390×844, touch, mobile user agent) for residents and field staff, a
desktop for the office, the 1920×1080 wall for the command room. Screenshots go
to ``var/screenshots/`` so a person can look at what the test saw.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"

PHONE = (390, 844)
DESKTOP = (1440, 900)
WALL = (1920, 1080)

_PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A346E) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)


@contextmanager
def chromium(size: tuple[int, int] = DESKTOP, phone: bool = False) -> Iterator:
    """A headless Chromium whose viewport is ``size``; ``phone`` adds touch."""
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    options.add_argument("--lang=id-ID")
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    width, height = size
    if phone:
        options.add_experimental_option(
            "mobileEmulation",
            {
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0},
                "userAgent": _PHONE_AGENT,
            },
        )
    else:
        options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if not phone:
        # the window includes no chrome in headless mode, but pin the viewport
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
    try:
        yield driver
    finally:
        driver.quit()


def severe_console_errors(driver) -> list[dict]:
    """The page's console errors (read once: the log empties on reading)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def horizontal_overflow(driver) -> int:
    """How many CSS pixels the page is wider than its viewport (0 = none)."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )


def screenshot(driver, name: str) -> Path:
    """Save what the browser shows as ``var/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def sign_in(driver, server: str, username: str, password: str, page: str) -> None:
    """Sign ``username`` in through the login form (any earlier session's
    cookies gone first) and wait until ``page`` has loaded."""
    driver.delete_all_cookies()
    driver.get(f"{server}/login?next={page}")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 15).until(
        lambda d: (
            urlparse(d.current_url).path == page
            and d.execute_script("return document.readyState") == "complete"
        )
    )
