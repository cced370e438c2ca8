"""``/api/ai/foto-sama/<ticket>`` for staff, and the operator seeing on the
ticket, in real Chromium, that its photo is also on another ticket."""

from __future__ import annotations

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from gis.photos import prepare_photo
from layers.complaints import create_complaint
from tests.api.conftest import STAFF_PASSWORD
from tests.browser import screenshot, severe_console_errors, sign_in
from tests.conftest import NOW
from tests.gis.test_imagehash import scene
from tests.images import encode

pytestmark = pytest.mark.clock

SPOT = (123.6180, -10.1850)  # away from the other modules' tickets


@pytest.fixture(scope="module")
def pair(committed) -> tuple[str, str]:
    """A pothole reported with a photo, and a later report 300 m away sending
    the same picture again, shrunk and re-encoded."""
    picture = scene(21)
    copies = (encode(picture, "JPEG"), encode(picture.resize((800, 600)), "PNG"))
    with get_engine(committed).begin() as conn:
        first, second = (
            create_complaint(
                conn,
                category_code="jalan_berlubang",
                lon=SPOT[0] + 0.0027 * i,
                lat=SPOT[1],
                reported_at=NOW,
                photos=[prepare_photo(data).save(committed.media_dir, NOW)],
            ).ticket
            for i, data in enumerate(copies)
        )
    return first, second


def test_staff_get_the_photo_repeats_and_others_a_refusal(server, staff, pair):
    first, second = pair
    answer = requests.get(
        f"{server}/api/ai/foto-sama/{second}", auth=staff["operator"], timeout=30
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["ticket"] == second
    [repeat] = body["repeats"]
    assert (repeat["ticket"], repeat["kind"], repeat["other_kind"]) == (
        first,
        "report",
        "report",
    )
    assert repeat["distance"] <= 10
    assert repeat["message"] == (
        f"Gambar yang sama: foto laporan ini dan foto laporan tiket {first}"
    )
    public = requests.get(f"{server}/api/ai/foto-sama/{second}", timeout=30)
    assert public.status_code == 403 and public.json()["code"] == "forbidden"
    other_opd = requests.get(
        f"{server}/api/ai/foto-sama/{second}", auth=staff["dlhk"], timeout=30
    )
    assert other_opd.status_code == 403
    unknown = requests.get(
        f"{server}/api/ai/foto-sama/KPG-0000-000000",
        auth=staff["operator"],
        timeout=30,
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"


def test_the_operator_sees_the_repeated_photo_on_the_ticket(
    server, staff, pair, desktop
):
    first, second = pair
    sign_in(desktop, server, staff["operator"][0], STAFF_PASSWORD, "/staf")
    desktop.get(f"{server}/staf?q={second}&tiket={second}")
    WebDriverWait(desktop, 15).until(
        lambda d: d.find_element(By.ID, "photo-repeats").is_displayed()
    )
    [item] = desktop.find_elements(By.CSS_SELECTOR, "#photo-repeats li")
    assert item.get_attribute("data-ticket") == first
    link = item.find_element(By.TAG_NAME, "a")
    assert link.text == (
        f"Gambar yang sama: foto laporan ini dan foto laporan tiket {first}"
    )
    assert f"tiket={first}" in link.get_attribute("href")
    screenshot(desktop, "console-photo-repeats")
    assert severe_console_errors(desktop) == []
