"""Signing in as a browser does: the /login form with the CSRF token it carries."""

from __future__ import annotations

import re

import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    """The CSRF token the forms of ``page`` (its HTML) carry."""
    return _CSRF.search(page).group(1)


def log_in(base: str, username: str, password: str) -> requests.Response:
    """The answer to one /login form sent by a fresh browser, not followed."""
    browser = requests.Session()
    return _post_login(browser, base, username, password)


def sign_in(base: str, username: str, password: str) -> requests.Session:
    """A browser-like client signed in through the /login form."""
    browser = requests.Session()
    answer = _post_login(browser, base, username, password)
    assert answer.status_code == 302, answer.text
    return browser


def log_in_client(
    client: FlaskClient, username: str, password: str, next_page: str | None = None
) -> TestResponse:
    """The same /login form sent through Flask's test client, which keeps the
    session cookie for the requests after it; ``next_page`` is where the form
    asks to go after signing in."""
    form = client.get("/login")
    data = {"username": username, "password": password}
    if next_page:
        data["next"] = next_page
    return client.post("/login", data={**data, "csrf_token": csrf_token(form.text)})


def _post_login(
    browser: requests.Session, base: str, username: str, password: str
) -> requests.Response:
    form = browser.get(base + "/login", timeout=10)
    return browser.post(
        base + "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_token(form.text),
        },
        allow_redirects=False,
        timeout=10,
    )
