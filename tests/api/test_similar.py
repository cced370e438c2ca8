"""``/api/ai/mirip/<ticket>`` for staff, and the operator seeing "Mungkin sama
dengan …" on the ticket in real Chromium, then merging from it."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from gis.db import get_engine
from layers.complaints import create_complaint
from tests.api.conftest import STAFF_PASSWORD
from tests.browser import (
    DESKTOP,
    chromium,
    screenshot,
    severe_console_errors,
    sign_in,
)
from tests.conftest import NOW

pytestmark = pytest.mark.clock

SPOT = (123.6250, -10.1800)  # Kelurahan 53.71.04.1009, away from the other modules
TEXT = "Sampah menumpuk di pinggir jalan depan Pasar Oeba, bau busuk sekali"
SAME = "sampah su numpuk di pinggir jln depan pasar oeba, bau skali"


def _east(metres: float) -> float:
    return metres / (111_320 * math.cos(math.radians(SPOT[1])))


@pytest.fixture(scope="module")
def pair(committed) -> tuple[str, str]:
    """An older report and, 40 m away a day later, the same heap reworded
    (further than the kebersihan duplicate radius, so intake kept both)."""
    at = NOW - timedelta(days=3)
    with get_engine(committed).begin() as conn:
        older, newer = (
            create_complaint(
                conn,
                category_code="kebersihan",
                lon=SPOT[0] + _east(metres),
                lat=SPOT[1],
                description=text,
                reported_at=at + timedelta(days=days),
                reporter={"name": "Yohana", "phone": "081399900011"},
            ).ticket
            for text, metres, days in ((TEXT, 0, 0), (SAME, 40, 1))
        )
    return older, newer


def test_staff_get_the_scored_suggestions_and_the_public_a_refusal(server, staff, pair):
    older, newer = pair
    answer = requests.get(
        f"{server}/api/ai/mirip/{newer}", auth=staff["operator"], timeout=30
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["ticket"] == newer and body["text_basis"] == "candidates"
    [suggestion] = body["similar"]
    assert suggestion["ticket"] == older
    assert suggestion["message"] == f"Mungkin sama dengan {older} (skor 0,77)"
    assert suggestion["components"] == {
        "text": 0.687,
        "distance": 0.8667,
        "time": 0.9286,
    }
    assert suggestion["score"] == 0.7682 and suggestion["metres"] == 40
    # the reporter's contact is never part of it, not even for staff
    assert "081399900011" not in answer.text and "Yohana" not in answer.text

    public = requests.get(f"{server}/api/ai/mirip/{newer}", timeout=30)
    assert public.status_code == 403
    assert public.headers["Content-Type"].startswith("application/json")
    assert public.json()["code"] == "forbidden"
    assert public.json()["description"].startswith("Harus masuk sebagai petugas")

    other_opd = requests.get(
        f"{server}/api/ai/mirip/{newer}", auth=staff["pupr"], timeout=30
    )
    assert other_opd.status_code == 403
    assert (
        requests.get(
            f"{server}/api/ai/mirip/{newer}", auth=staff["dlhk"], timeout=30
        ).json()["similar"][0]["ticket"]
        == older
    )

    unknown = requests.get(
        f"{server}/api/ai/mirip/KPG-0000-000000", auth=staff["operator"], timeout=30
    )
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    assert unknown.json()["description"].startswith(
        "Aduan KPG-0000-000000 tidak ditemukan"
    )


def test_the_operator_sees_maybe_the_same_on_the_ticket_and_merges_from_it(
    server, committed, staff, pair
):
    older, newer = pair
    with chromium(DESKTOP) as driver:
        sign_in(driver, server, staff["operator"][0], STAFF_PASSWORD, "/staf")
        driver.get(f"{server}/staf?q={newer}&tiket={newer}")
        WebDriverWait(driver, 15).until(
            lambda d: d.find_element(By.ID, "similar").is_displayed()
        )
        [item] = driver.find_elements(By.CSS_SELECTOR, "#similar li")
        assert item.get_attribute("data-ticket") == older
        link = item.find_element(By.TAG_NAME, "a")
        assert link.text == f"Mungkin sama dengan {older} (skor 0,77)"
        assert f"tiket={older}" in link.get_attribute("href")
        assert "berjarak 40 m · selisih 1,0 hari" in item.text
        screenshot(driver, "console-similar")
        assert severe_console_errors(driver) == []

        button = item.find_element(By.TAG_NAME, "button")
        assert button.text == f"Tandai duplikat dari {older}"
        page = driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(driver, 20).until(staleness_of(page))
        WebDriverWait(driver, 15).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".flash.ok")
        )
        flash = driver.find_element(By.CSS_SELECTOR, ".flash.ok").text
        assert newer in flash and older in flash
    with get_engine(committed).connect() as conn:
        status, supporters = conn.execute(
            sa.text(
                "SELECT c.status, (SELECT count(*) FROM complaint_supporters s"
                " JOIN complaints o ON o.id = s.complaint_id WHERE o.ticket = :o)"
                " FROM complaints c WHERE c.ticket = :n"
            ),
            {"n": newer, "o": older},
        ).one()
    assert (status, supporters) == ("ditolak", 1)
