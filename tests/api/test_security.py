"""Security over real HTTP: sessions that end, sign-in throttling, CSRF, headers."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from gis.db import get_engine
from layers.accounts import create_user
from tests.api.conftest import serving
from tests.api.signin import csrf_token
from tests.api.signin import sign_in as signed_in
from tests.conftest import NOW

pytestmark = pytest.mark.clock

PASSWORD = "rahasia-sesi-123"
ADMIN = ("satpam", "rahasia-satpam-1")


@pytest.fixture(scope="module")
def accounts(committed) -> dict[str, tuple[str, str]]:
    """An admin and operators of this module's own, one per test that ends one."""
    with get_engine(committed).begin() as conn:
        create_user(conn, ADMIN[0], "Satpam", ADMIN[1], "admin")
        for name in ("sesi1", "sesi2", "sesi3", "sesi4", "sesi5", "sesi6", "sesi7"):
            create_user(conn, name, name.upper(), PASSWORD, "operator")
    return {"admin": ADMIN}


def sign_in(server: str, username: str, password: str = PASSWORD) -> requests.Session:
    """A browser-like client signed in through the /login form."""
    return signed_in(server, username, password)


def _cookie_of(browser: requests.Session) -> dict[str, str]:
    return {"sigap_session": browser.cookies["sigap_session"]}


def _me(server: str, cookies: dict[str, str]) -> int:
    return requests.get(
        server + "/api/staff/me", cookies=cookies, timeout=10
    ).status_code


def _csrf_of(browser: requests.Session, server: str) -> str:
    return csrf_token(browser.get(server + "/dashboard", timeout=10).text)


def test_logout_ends_the_session_for_every_copy_of_the_cookie(server, accounts):
    browser = sign_in(server, "sesi1")
    stolen = _cookie_of(browser)
    me = browser.get(server + "/api/staff/me", timeout=10)
    assert me.json() == {"username": "sesi1", "role": "operator", "opd_code": None}
    assert browser.get(server + "/logout", timeout=10).status_code == 405
    out = browser.post(
        server + "/logout",
        data={"csrf_token": _csrf_of(browser, server)},
        allow_redirects=False,
        timeout=10,
    )
    assert out.status_code == 302
    assert "sigap_session" not in browser.cookies
    assert _me(server, stolen) == 403


@pytest.mark.parametrize(
    ("username", "change"),
    [
        ("sesi2", {"active": False}),
        ("sesi3", {"role": "opd_staff", "opd_code": "DLHK"}),
        ("sesi4", {"password": "rahasia-baru-4567"}),
    ],
)
def test_deactivation_a_new_role_or_password_end_the_sessions_at_once(
    server, accounts, username, change
):
    browser = sign_in(server, username)
    assert _me(server, _cookie_of(browser)) == 200
    changed = requests.patch(
        f"{server}/api/admin/users/{username}", json=change, auth=ADMIN, timeout=10
    )
    assert changed.status_code == 200, changed.text
    assert changed.json() == {"username": username, "sessions_ended": 1}
    assert _me(server, _cookie_of(browser)) == 403
    if "password" in change:
        again = sign_in(server, username, change["password"])
        assert _me(server, _cookie_of(again)) == 200


def test_a_demoted_operator_no_longer_sees_every_opds_queue(server, accounts, staff):
    # the actor is read from the account on every request, not from the cookie
    browser = sign_in(server, "sesi5")
    city = browser.get(server + "/api/staff/queue", timeout=10)
    assert city.status_code == 200
    requests.patch(
        f"{server}/api/admin/users/sesi5",
        json={"role": "opd_staff", "opd_code": "DPUPR"},
        auth=ADMIN,
        timeout=10,
    ).raise_for_status()
    assert browser.get(server + "/api/staff/queue", timeout=10).status_code == 403


def test_sessions_end_when_idle_and_after_their_lifetime(server, committed, accounts):
    idle, old = sign_in(server, "sesi6"), sign_in(server, "sesi6")
    assert _me(server, _cookie_of(idle)) == 200 and _me(server, _cookie_of(old)) == 200
    with get_engine(committed).begin() as conn:
        ids = conn.execute(
            sa.text(
                "SELECT s.id FROM staff_sessions s JOIN users u ON u.id = s.user_id"
                " WHERE u.username = 'sesi6' ORDER BY s.id"
            )
        ).scalars()
        first, second = list(ids)
        # 31 minutes without use (the default idle limit is 30)
        conn.execute(
            sa.text("UPDATE staff_sessions SET last_seen_at = :t WHERE id = :id"),
            {"t": NOW - timedelta(minutes=31), "id": first},
        )
        # signed in 12 h 1 min ago (the default lifetime is 12 h), used just now
        conn.execute(
            sa.text(
                "UPDATE staff_sessions SET created_at = :t, last_seen_at = :now"
                " WHERE id = :id"
            ),
            {"t": NOW - timedelta(hours=12, minutes=1), "now": NOW, "id": second},
        )
    assert _me(server, _cookie_of(idle)) == 403
    assert _me(server, _cookie_of(old)) == 403


def _attempts(committed, where: str, **values) -> list[str]:
    with get_engine(committed).connect() as conn:
        return list(
            conn.execute(
                sa.text(
                    f"SELECT outcome FROM login_attempts WHERE {where} ORDER BY id"
                ),
                values,
            ).scalars()
        )


def test_five_wrong_passwords_lock_the_username_and_are_audited(
    server, committed, accounts
):
    browser = requests.Session()
    for _ in range(5):
        form = browser.get(server + "/login", timeout=10)
        wrong = browser.post(
            server + "/login",
            data={
                "username": "sesi7",
                "password": "salah-sandi-99",
                "csrf_token": csrf_token(form.text),
            },
            timeout=10,
        )
        assert wrong.status_code == 403
    form = browser.get(server + "/login", timeout=10)
    locked = browser.post(
        server + "/login",
        data={
            "username": "sesi7",
            "password": PASSWORD,
            "csrf_token": csrf_token(form.text),
        },
        timeout=10,
    )
    assert locked.status_code == 429
    assert "Terlalu banyak kata sandi salah: coba lagi dalam 15 menit" in locked.text
    assert locked.headers["Retry-After"] == "900"
    basic = requests.get(server + "/api/staff/me", auth=("sesi7", PASSWORD), timeout=10)
    assert basic.status_code == 429 and basic.headers["Retry-After"] == "900"
    assert (
        _attempts(committed, "username = 'sesi7'") == ["failure"] * 5 + ["locked"] * 2
    )


def test_an_unknown_username_costs_as_long_as_a_known_one(server, accounts):
    def median_seconds(username: str) -> float:
        times = []
        for _ in range(4):  # fewer than the five that would lock the username
            started = time.perf_counter()
            answer = requests.get(
                server + "/api/staff/me", auth=(username, "salah-sandi-99"), timeout=10
            )
            times.append(time.perf_counter() - started)
            assert answer.status_code == 403
        return statistics.median(times)

    known, unknown = median_seconds("sesi1"), median_seconds("tidak-ada-orang")
    assert unknown > 0.6 * known, (known, unknown)


def test_one_client_with_many_wrong_passwords_is_locked_out(
    server, committed, accounts
):
    sign_in(server, "sesi6")  # a success from this client: its count starts at 0
    try:
        for n in range(30):  # a different username each time: not a per-user lock
            wrong = requests.get(
                server + "/api/staff/me",
                auth=(f"tebak{n}", "salah-sandi-99"),
                timeout=10,
            )
            assert wrong.status_code == 403
        right = requests.get(server + "/api/staff/me", auth=ADMIN, timeout=10)
        assert right.status_code == 429
        assert _attempts(committed, "username = :u", u=ADMIN[0])[-1] == "locked"
    finally:
        with get_engine(committed).begin() as conn:
            conn.execute(
                sa.text("DELETE FROM login_attempts WHERE username LIKE 'tebak%'")
            )
    assert (
        requests.get(server + "/api/staff/me", auth=ADMIN, timeout=10).status_code
        == 200
    )


def test_sign_in_needs_the_forms_token(server, accounts):
    forged = requests.post(
        server + "/login",
        data={"username": "satpam", "password": ADMIN[1]},
        allow_redirects=False,
        timeout=10,
    )
    assert forged.status_code == 403
    assert "Formulir sudah kedaluwarsa atau bukan dari SIGAP" in forged.text


def test_a_cross_site_form_cannot_act_with_the_session_cookie(
    server, api_key, accounts
):
    browser = sign_in(server, ADMIN[0], ADMIN[1])
    # a page elsewhere posting a form: the browser sends the cookie and its Origin
    cross = browser.post(
        server + "/api/staff/supporters/1/split",
        data={"note": "x"},
        headers={"Origin": "https://jahat.example"},
        timeout=10,
    )
    assert cross.status_code == 403
    assert cross.json() == {
        "code": "csrf",
        "description": "Permintaan dari situs lain ditolak / Requests from another"
        " site are refused",
    }
    # without Origin (older browsers) the missing token refuses it just the same
    tokenless = browser.post(
        server + "/api/staff/supporters/1/split", data={"note": "x"}, timeout=10
    )
    assert tokenless.status_code == 403 and tokenless.json()["code"] == "csrf"
    # a page of SIGAP's own sends the token in a header and gets through
    own = browser.post(
        server + "/api/staff/supporters/999999/split",
        json={"note": "x"},
        headers={"X-CSRF-Token": _csrf_of(browser, server)},
        timeout=10,
    )
    assert own.status_code == 404


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


@pytest.mark.parametrize(
    "path", ["/", "/login", "/dashboard", "/health", "/ogcapi", "/nowhere"]
)
def test_every_response_carries_the_security_headers(server, path):
    response = requests.get(server + path, timeout=10)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "Strict-Transport-Security" not in response.headers


def test_the_session_cookie_is_httponly_and_samesite(server):
    cookie = requests.get(server + "/login", timeout=10).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_behind_https_cookies_are_secure_and_hsts_is_sent(committed):
    with serving(committed.replace(https=True)) as base:
        response = requests.get(base + "/login", timeout=10)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "; Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(
    "photo", ["bomb", "damaged"], ids=["50-megapixel bomb", "damaged photo"]
)
def test_open311_refuses_a_wrong_key_before_it_decodes_the_photo(server, photo):
    from tests.images import bomb_png, encode, picture

    data = bomb_png() if photo == "bomb" else encode(picture(800, 600), "PNG")[:-400]
    response = requests.post(
        server + "/open311/v2/requests.json",
        data={"api_key": "salah", "service_code": "kebersihan"},
        files={"media": ("foto.png", data)},
        timeout=20,
    )
    assert response.status_code == 403
    assert "api_key" in response.json()[0]["description"]


def _report_with_media(server: str, api_key: str, url: str) -> requests.Response:
    return requests.post(
        server + "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "lampu_jalan_mati",
            "lat": "-10.1600",
            "long": "123.6150",
            "media_url": url,
        },
        timeout=10,
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://",
        "https://pemilik:sandi@foto.example/a.jpg",
        "https://foto.example:99999/a.jpg",
        "https://foto.example/a\x07.jpg",
    ],
)
def test_a_media_url_that_is_not_a_web_address_is_refused(server, api_key, url):
    response = _report_with_media(server, api_key, url)
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith(
        "media_url harus berupa URL http(s) sebuah host"
    )


def test_a_media_url_is_republished_percent_encoded(server, api_key):
    created = _report_with_media(
        server, api_key, 'HTTPS://Foto.Example/lampu mati"><b>.jpg?x=<1>'
    )
    assert created.status_code == 200, created.text
    ticket = created.json()[0]["service_request_id"]
    [shown] = requests.get(
        f"{server}/open311/v2/requests/{ticket}.json", timeout=10
    ).json()
    assert shown["media_url"] == (
        "https://foto.example/lampu%20mati%22%3E%3Cb%3E.jpg?x=%3C1%3E"
    )


def test_nul_bytes_in_sign_in_basic_auth_and_parameters_are_a_clear_400(server):
    form = requests.Session()
    token = csrf_token(form.get(server + "/login", timeout=10).text)
    login = form.post(
        server + "/login",
        data={"username": "ops\x00", "password": "x", "csrf_token": token},
        timeout=10,
    )
    assert login.status_code == 400
    assert "username tidak boleh memuat karakter NUL" in login.text
    basic = requests.get(server + "/api/staff/me", auth=("ops\x00", "x"), timeout=10)
    assert basic.status_code == 400
    assert basic.json()["description"].startswith(
        "Authorization tidak boleh memuat karakter NUL"
    )
    ticket = requests.get(server + "/open311/v2/requests/KPG%00.json", timeout=10)
    assert ticket.status_code == 400 and "path" in ticket.json()[0]["description"]
    listed = requests.get(
        server + "/open311/v2/requests.json", params={"status": "open\x00"}, timeout=10
    )
    assert listed.status_code == 400 and "status" in listed.json()[0]["description"]
