"""Property: no request a stranger, an operator or an admin can write — any route
of the app's URL map, any path value, query string, form or JSON body — is
answered with a 5xx. Bad input is the client's fault and gets a 4xx.

Hypothesis draws the requests (a bounded number, so the suite stays fast); a
database of its own takes whatever the admin's random changes do to it.
"""

from __future__ import annotations

import re
import string

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from gis.db import get_engine
from layers.accounts import create_api_key, create_user
from tests.conftest import own_database

ADMIN = ("properti-admin", "rahasia-properti-1")
OPERATOR = ("properti-ops", "rahasia-properti-2")

#: parameter names the surfaces read (drawn alongside random ones)
NAMES = [
    "limit",
    "offset",
    "page",
    "page_size",
    "days",
    "bbox",
    "datetime",
    "f",
    "lang",
    "since",
    "until",
    "category",
    "kelurahan",
    "opd",
    "status",
    "kelompok",
    "service_code",
    "service_request_id",
    "start_date",
    "end_date",
    "extensions",
    "api_key",
    "lat",
    "long",
    "description",
    "first_name",
    "email",
    "phone",
    "media_url",
    "address_string",
    "SERVICE",
    "REQUEST",
    "VERSION",
    "LAYERS",
    "STYLES",
    "CRS",
    "SRS",
    "BBOX",
    "WIDTH",
    "HEIGHT",
    "FORMAT",
    "TIME",
    "QUERY_LAYERS",
    "I",
    "J",
    "X",
    "Y",
    "INFO_FORMAT",
    "FEATURE_COUNT",
    "EXCEPTIONS",
    "TRANSPARENT",
    "BGCOLOR",
    "RULE",
    "LAYER",
    "SLD_VERSION",
    "by",
    "flag",
    "last_event_id",
    "tahun",
    "jenis",
    "to",
    "note",
    "reason",
    "version",
    "opd_code",
    "public_note",
    "name",
    "role",
    "username",
    "password",
    "action",
    "kind",
    "title",
    "day",
    "within_m",
    "road_class",
    "sla_days",
    "red_flag_days",
    "severity",
    "duplicate_radius_m",
    "duplicate_days",
    "active",
    "csrf_token",
]
#: values that broke SIGAP before, or that sit on an edge
NASTY = (
    "",
    "0",
    "-1",
    "²",
    "١٢",
    "NaN",
    "Infinity",
    "-inf",
    "1e400",
    "9" * 40,
    "2147483648",
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "2026-10-01/2026-10-31",
    "../..",
    "..%2f..",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "true",
    "[]",
    "{}",
    "123.59,-10.17,123.60,-10.16",
    "EPSG:4326",
    "image/png",
    "baru",
    "kebersihan",
    "DPUPR",
    "KPG-2611-000001",
)
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=24),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(NAMES) | st.text(max_size=8), inner, max_size=4
        )
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def app(settings, tmp_path_factory):
    local = own_database(settings, tmp_path_factory, "props")
    with get_engine(local).begin() as conn:
        create_user(conn, ADMIN[0], "Admin Properti", ADMIN[1], "admin")
        create_user(conn, OPERATOR[0], "Operator Properti", OPERATOR[1], "operator")
        key = create_api_key(conn, "properti")
    application = create_app(local)
    application.config["TEST_API_KEY"] = key
    return application


def _routes(app) -> list:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"),
        key=lambda rule: rule.rule,
    )


def _path_value(converter: str) -> st.SearchStrategy[str]:
    if converter == "int":
        return st.integers(min_value=0, max_value=2**70).map(str)
    if converter in ("float",):
        return st.floats(min_value=0, allow_infinity=False).map(str)
    segment = st.text(
        alphabet=string.ascii_letters + string.digits + "-_.~²é%",
        min_size=1,
        max_size=16,
    )
    return st.one_of(st.sampled_from([n for n in NASTY if n and "/" not in n]), segment)


@st.composite
def requests_(draw, routes):
    rule = draw(st.sampled_from(routes))
    path = rule.rule
    for converter, name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", path):
        value = draw(_path_value(converter or "default"))
        path = re.sub(rf"<(?:\w+(?:\([^)]*\))?:)?{name}>", value, path, count=1)
    methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
    method = draw(st.sampled_from(methods))
    query = draw(
        st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=6), TEXT, max_size=5)
    )
    body = None
    if method != "GET":
        body = draw(
            st.one_of(
                st.none(),
                st.dictionaries(st.sampled_from(NAMES), TEXT, max_size=6).map(
                    lambda form: ("form", form)
                ),
                JSON.map(lambda value: ("json", value)),
            )
        )
    who = draw(st.sampled_from([None, OPERATOR, ADMIN]))
    return method, path, query, body, who


def test_no_request_gets_a_server_error(app):
    routes = _routes(app)
    assert len(routes) > 60
    client = app.test_client()
    key = app.config["TEST_API_KEY"]

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(requests_(routes))
    def check(request):
        method, path, query, body, who = request
        kwargs = {"query_string": query, "auth": who}
        if body is not None:
            kind, value = body
            if kind == "json":
                kwargs["json"] = value
            else:
                kwargs["data"] = {**value, "api_key": value.get("api_key", key)}
        answer = client.open(path, method=method, **kwargs)
        assert answer.status_code < 500, (
            method,
            path,
            query,
            body,
            who and who[0],
            answer.status_code,
            answer.get_data(as_text=True)[:400],
        )

    check()


def test_the_real_server_answers_every_read_route_over_one_kept_alive_connection(
    server, app
):
    """The same nasty values over real HTTP: no 5xx, and the connection the
    client keeps alive is never dropped (a worker crash would drop it)."""
    reads = [
        rule.rule
        for rule in _routes(app)
        if "GET" in rule.methods
        and "<" not in rule.rule
        and not rule.rule.startswith(("/api/events", "/maps/"))
    ]
    values = ("²", "\x00", "NaN", "9999-12-31T23:59:59Z", "' OR 1=1 --", "[]")
    with requests.Session() as http:
        for path in reads:
            for value in values:
                query = {"limit": value, "bbox": value, "datetime": value, "q": value}
                # a dropped connection raises here instead of answering
                answer = http.get(server + path, params=query, timeout=30)
                assert answer.status_code < 500, (path, value, answer.status_code)
