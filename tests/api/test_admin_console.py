"""The admin console (/staf/admin), its exports and the demo staff accounts, as an
admin, an operator and a stranger meet them."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

import openpyxl
import pytest
import requests
import sqlalchemy as sa
from click.testing import CliRunner
from selenium.webdriver.support.ui import WebDriverWait

from api.app import create_app
from api.cli import main
from gis.db import get_engine
from layers.accounts import Actor, create_user
from layers.complaints import create_complaint
from layers.status import State
from layers.workflow import Move, transition
from tests.api.conftest import serving
from tests.api.signin import csrf_token, log_in, log_in_client, sign_in
from tests.browser import (
    DESKTOP,
    chromium,
    horizontal_overflow,
    screenshot,
    severe_console_errors,
)
from tests.conftest import NOW, own_database

pytestmark = pytest.mark.clock

ADMIN = ("kepala-admin", "rahasia-kepala-1")
OPERATOR = ("ops-admin-uji", "rahasia-operator-1")
CLERK = ("pupr-admin-uji", "rahasia-pupr-0001")
WITA_NOW = NOW.replace(tzinfo=None)


@pytest.fixture(scope="module")
def people(committed):
    with get_engine(committed).begin() as conn:
        create_user(conn, ADMIN[0], "Kepala Admin", ADMIN[1], "admin")
        create_user(conn, OPERATOR[0], "Operator Uji", OPERATOR[1], "operator")
        create_user(conn, CLERK[0], "Staf PUPR", CLERK[1], "opd_staff", "DPUPR")
        create_user(conn, "korban-uji", "Korban", "rahasia-korban-1", "operator")
    return committed


def _post(browser, base, path, **form) -> requests.Response:
    page = browser.get(base + "/staf/admin/", timeout=10)
    return browser.post(
        base + path, data={**form, "csrf_token": csrf_token(page.text)}, timeout=10
    )


def _audit(settings, entity: str, key: str) -> list[tuple]:
    with get_engine(settings).connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT actor, action, field, before, after FROM admin_audit"
                " WHERE entity = :e AND entity_key = :k ORDER BY id"
            ),
            {"e": entity, "k": key},
        ).all()


# -- sign-in lockout ---------------------------------------------------------------


def test_twenty_wrong_passwords_lock_the_account_for_the_configured_time(
    people, monkeypatch
):
    monkeypatch.setenv("SIGAP_LOGIN_FAILURES", "20")
    monkeypatch.setenv("SIGAP_LOGIN_WINDOW_MINUTES", "10")
    victim = ("korban-uji", "rahasia-korban-1")
    wrong = (victim[0], "salah-sandi-00")
    with serving(people) as base:
        # a success first: failures from this address before it no longer count
        assert log_in(base, *ADMIN).status_code == 302
        for _ in range(19):
            assert log_in(base, *wrong).status_code == 403
        # nineteen are not yet a lock: the right password still works
        assert log_in(base, *victim).status_code == 302
        for _ in range(20):
            assert log_in(base, *wrong).status_code == 403
        locked = log_in(base, *victim)
        assert locked.status_code == 429
        assert locked.headers["Retry-After"] == "600"
        assert "coba lagi dalam 10 menit" in locked.text
        basic = requests.get(base + "/api/staff/me", auth=victim, timeout=10)
        assert basic.status_code == 429
    # ten minutes and a second later the lock has run out
    with serving(people.replace(clock=NOW + timedelta(minutes=10, seconds=1))) as later:
        assert log_in(later, *victim).status_code == 302


# -- audit -------------------------------------------------------------------------


#: the category form for "fasilitas_umum" with its SLA moved from 10 to 12 days
FACILITIES = {
    "name_id": "Fasilitas umum rusak",
    "name_en": "Damaged public facility",
    "opd_code": "DISPERKIM",
    "sla_days": "12",
    "red_flag_days": "7",
    "duplicate_radius_m": "30",
    "duplicate_days": "30",
    "severity": "1,5",
    "active": "1",
}


def test_every_admin_change_is_audited_field_by_field(server, people):
    admin = sign_in(server, *ADMIN)
    saved = _post(admin, server, "/staf/admin/kategori/fasilitas_umum", **FACILITIES)
    assert saved.status_code == 200
    assert "Kategori fasilitas_umum disimpan" in saved.text
    assert _audit(people, "category", "fasilitas_umum") == [
        (f"admin:{ADMIN[0]}", "change", "sla_days", "10", "12")
    ]
    refused = _post(
        admin,
        server,
        "/staf/admin/kategori/fasilitas_umum",
        **{**FACILITIES, "sla_days": "0"},
    )
    assert 'class="notice error"' in refused.text and "sla_days" in refused.text
    assert len(_audit(people, "category", "fasilitas_umum")) == 1  # nothing stored
    with get_engine(people).begin() as conn:
        conn.execute(
            sa.text("UPDATE categories SET sla_days = 10 WHERE code = 'fasilitas_umum'")
        )

    # a clerk moved to another OPD: role unchanged, OPD audited, signed out at once
    clerk = sign_in(server, *CLERK)
    assert clerk.get(server + "/api/staff/me", timeout=10).status_code == 200
    moved = _post(
        admin,
        server,
        f"/staf/admin/pengguna/{CLERK[0]}",
        action="role",
        name="Staf PUPR",
        role="opd_staff",
        opd_code="DLHK",
    )
    assert "1 sesi diakhiri" in moved.text
    assert clerk.get(server + "/api/staff/me", timeout=10).status_code == 403
    rows = _audit(people, "user", CLERK[0])
    assert rows[0] == (f"admin:{ADMIN[0]}", "change", "opd_code", "DPUPR", "DLHK")
    assert rows[1][1:] == ("end_sessions", "sessions", None, "1")

    # a new password is recorded as changed, never as text
    _post(
        admin,
        server,
        f"/staf/admin/pengguna/{CLERK[0]}",
        action="password",
        password="rahasia-baru-9999",
    )
    assert _audit(people, "user", CLERK[0])[-1][2:] == ("password", "••••••", "••••••")
    with get_engine(people).connect() as conn:
        log = conn.execute(sa.text("SELECT string_agg(after, ' ') FROM admin_audit"))
        assert "rahasia-baru-9999" not in (log.scalar() or "")

    # a response template the operators will pick
    _post(
        admin,
        server,
        "/staf/admin/templat",
        kind="reject",
        reason="bukan_wewenang",
        title="Jalan nasional",
        public_note="Jalan ini jalan nasional; laporan diteruskan ke BPJN.",
    )
    with get_engine(people).connect() as conn:
        new_id = conn.execute(
            sa.text("SELECT id FROM response_templates WHERE title = 'Jalan nasional'")
        ).scalar_one()
    fields = {
        row[2]: row[4] for row in _audit(people, "response_template", str(new_id))
    }
    assert fields == {
        "kind": "reject",
        "reason": "bukan_wewenang",
        "title": "Jalan nasional",
        "public_note": "Jalan ini jalan nasional; laporan diteruskan ke BPJN.",
        "active": "true",
    }
    page = admin.get(server + "/staf/admin/audit", timeout=10)
    assert "Jalan nasional" in page.text and "DLHK" in page.text

    # the audit trail cannot be rewritten
    with (
        pytest.raises(sa.exc.DBAPIError, match="append-only"),
        get_engine(people).begin() as conn,
    ):
        conn.execute(sa.text("DELETE FROM admin_audit"))


def test_the_json_admin_api_writes_the_same_audit_trail(client, people):
    answer = client.post(
        "/api/admin/api-keys", json={"name": "Bot WA Kelurahan"}, auth=ADMIN
    )
    prefix = answer.json["prefix"]
    client.delete(f"/api/admin/api-keys/{prefix}", auth=ADMIN)
    assert [row[1:3] for row in _audit(people, "api_key", prefix)] == [
        ("create", "name"),
        ("revoke", "revoked"),
    ]


# -- roles -------------------------------------------------------------------------


def _admin_routes(app) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staf/admin"):
            continue
        path = re.sub(r"<int:[^>]+>", "1", rule.rule)
        path = re.sub(r"<[^>]+>", "demo-admin", path)
        for method in sorted(rule.methods & {"GET", "POST"}):
            routes.append((method, path))
    return routes


def test_a_non_admin_gets_403_on_every_admin_page_and_post(app, people):
    routes = _admin_routes(app)
    assert len(routes) >= 18  # every section's page and form
    for who in (OPERATOR, ("ops-admin-uji", None)):
        client = app.test_client()
        if who[1] is not None:
            log_in_client(client, *who)
        token = csrf_token(client.get("/login").text)
        for method, path in routes:
            answer = client.open(
                path, method=method, data={"csrf_token": token, "name": "x"}
            )
            assert answer.status_code == 403, (who[0], method, path)
            assert answer.mimetype == "text/html"
    with get_engine(people).connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM admin_audit WHERE actor LIKE :a"),
                {"a": f"%{OPERATOR[0]}"},
            ).scalar()
            == 0
        )


# -- exports -----------------------------------------------------------------------

OEBOBO = (123.6003, -10.1697)


@pytest.fixture(scope="module")
def city(settings, tmp_path_factory):
    """A city of its own with four known reports in one kelurahan."""
    local = own_database(settings, tmp_path_factory, "exports")
    operator, clerk = Actor("ops", "operator"), Actor("pupr", "opd_staff", "DPUPR")
    tickets = {}
    with get_engine(local).begin() as conn:
        create_user(conn, ADMIN[0], "Kepala Admin", ADMIN[1], "admin")
        create_user(conn, CLERK[0], "Staf PUPR", CLERK[1], "opd_staff", "DPUPR")
        for name, category, days_ago, dx in (
            ("fresh", "kebersihan", 2, 0.0),
            ("old", "kebersihan", 10, 0.0008),
            ("fixed", "jalan_berlubang", 5, 0.0016),
            ("drain", "drainase", 20, 0.0024),
        ):
            row = create_complaint(
                conn,
                category_code=category,
                lon=OEBOBO[0] + dx,
                lat=OEBOBO[1],
                reported_at=NOW - timedelta(days=days_ago),
            )
            tickets[name] = (row.id, row.ticket, row.kelurahan_kode)
        fixed = tickets["fixed"][0]
        at = NOW - timedelta(days=4)
        for to, actor, extra in (
            ("diverifikasi", operator, {}),
            ("didisposisikan", operator, {"opd_code": "DPUPR"}),
            ("diproses", clerk, {}),
        ):
            transition(conn, fixed, Move(to=State(to), **extra), actor, at)
        transition(conn, fixed, Move(to=State.SELESAI), clerk, NOW - timedelta(days=1))
    kelurahan = {t[2] for t in tickets.values()}
    assert len(kelurahan) == 1, kelurahan
    return local, {k: v[1] for k, v in tickets.items()}, kelurahan.pop()


@pytest.fixture(scope="module")
def city_client(city):
    app = create_app(city[0])
    return app.test_client()


def _workbook(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return book, sheet, rows


def test_the_queue_exports_to_xlsx_with_indonesian_headers_and_exact_numbers(
    city, city_client
):
    _, tickets, kelurahan = city
    answer = city_client.get(
        f"/api/staff/exports/queue.xlsx?kelurahan={kelurahan}&days=30", auth=ADMIN
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="sigap-queue-{kelurahan}-2026-11-01.xlsx"'
    )
    book, sheet, rows = _workbook(answer.data)
    assert sheet.title == "Antrean kerja"
    assert rows[0] == [
        "Tiket",
        "Kategori",
        "Status",
        "OPD",
        "Kelurahan",
        "Dilaporkan (WITA)",
        "Batas waktu (WITA)",
        "Terlambat",
        "Umur (hari)",
        "Pendukung",
    ]
    by_ticket = {r[0]: r for r in rows[1:]}
    assert set(by_ticket) == {tickets["fresh"], tickets["old"], tickets["drain"]}
    old = by_ticket[tickets["old"]]
    assert old[1:5] == ["Sampah menumpuk / kebersihan", "Baru", "DLHK", old[4]]
    # 22 Oct 08:00 WITA + 3 working days → due at midnight after 27 Oct
    assert old[5] == WITA_NOW - timedelta(days=10)
    assert old[6] == datetime(2026, 10, 28, 0, 0)
    assert old[7:] == ["ya", 10.0, 0]
    assert by_ticket[tickets["fresh"]][7:9] == ["tidak", 2.0]
    assert by_ticket[tickets["drain"]][8] == 20.0
    assert sheet["F2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["I2"].number_format == "#,##0.0"
    assert sheet["J2"].number_format == "#,##0"
    notes = dict(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert notes["Periode"] == "laporan 30 hari terakhir"
    assert notes["Baris"] == "3"
    # the period cuts: only the two reports of the last week
    week = city_client.get(
        f"/api/staff/exports/queue.xlsx?kelurahan={kelurahan}&days=7", auth=ADMIN
    )
    assert {r[0] for r in _workbook(week.data)[2][1:]} == {tickets["fresh"]}


def test_the_scoreboard_exports_per_opd_with_shares_as_percentages(city, city_client):
    _, tickets, kelurahan = city
    answer = city_client.get(
        "/api/staff/exports/scoreboard.xlsx?opd=DPUPR&days=30", auth=ADMIN
    )
    book, sheet, rows = _workbook(answer.data)
    assert rows[0][:10] == [
        "Peringkat",
        "OPD",
        "Laporan",
        "Belum disentuh",
        "Sedang diproses",
        "Selesai ditangani",
        "Ditolak",
        "Tepat SLA",
        "Skor adil",
        "Terlambat",
    ]
    assert len(rows) == 2
    dpupr = rows[1]
    # two reports: the fixed pothole (on time) and the drain (20 days, overdue)
    assert dpupr[1:7] == ["Dinas PUPR", 2, 1, 0, 1, 0]
    assert dpupr[7] == 0.5 and dpupr[9] == 1
    assert sheet["H2"].number_format == "0.0%"
    # 5 days from report to fix: 4 days later, the median resolution
    assert dpupr[11] == 4.0
    csv_answer = city_client.get(
        "/api/staff/exports/scoreboard.csv?opd=DPUPR&days=30", auth=ADMIN
    )
    text = csv_answer.data.decode("utf-8")
    assert text.startswith("\ufeffPeringkat;OPD;Laporan;")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table[0][7] == "Tepat SLA (%)"
    assert table[1][1:8] == ["Dinas PUPR", "2", "1", "0", "1", "0", "50,0"]
    assert table[1][11] == "4,0"


def test_red_flags_export_by_kelurahan_names_the_tickets_past_the_rule(
    city, city_client
):
    _, tickets, kelurahan = city
    answer = city_client.get(
        f"/api/staff/exports/red-flags.csv?kelurahan={kelurahan}", auth=ADMIN
    )
    table = list(
        csv.reader(io.StringIO(answer.data.decode().lstrip("\ufeff")), delimiter=";")
    )
    assert table[0] == [
        "Bendera",
        "Kelurahan",
        "Kategori",
        "OPD",
        "Laporan belum ditangani",
        "Tertua (hari)",
        "Ambang (hari)",
        "Tiket",
    ]
    flags = {row[2]: row for row in table[1:]}
    assert flags["Sampah menumpuk / kebersihan"][0] == "Merah"
    assert flags["Sampah menumpuk / kebersihan"][4:] == [
        "2",
        "10,0",
        "7",
        tickets["old"],
    ]
    assert flags["Saluran air / drainase tersumbat"][4:] == [
        "1",
        "20,0",
        "7",
        tickets["drain"],
    ]
    xlsx = city_client.get("/api/staff/exports/red-flags.xlsx?opd=DLHK", auth=ADMIN)
    rows = _workbook(xlsx.data)[2]
    assert [r[2] for r in rows[1:]] == ["Sampah menumpuk / kebersihan"]
    assert rows[1][5] == 10.0


def test_opd_staff_export_only_their_own_queue_and_bad_filters_are_a_400(
    city, city_client
):
    _, tickets, kelurahan = city
    own = city_client.get("/api/staff/exports/queue.xlsx?opd=DLHK", auth=CLERK)
    assert {r[3] for r in _workbook(own.data)[2][1:]} == {"Dinas PUPR"}
    for query, status in (
        ("queue.xlsx?days=9", 400),
        ("queue.pdf", 400),
        ("everything.csv", 404),
        ("queue.csv?kelurahan=0000", 404),
        ("queue.csv?opd=NOPE", 404),
    ):
        answer = city_client.get(f"/api/staff/exports/{query}", auth=ADMIN)
        assert answer.status_code == status, query
        assert answer.is_json
    assert city_client.get("/api/staff/exports/queue.csv").status_code == 403


def test_a_cuti_bersama_added_by_the_admin_moves_the_open_deadlines(city, city_client):
    settings, tickets, _ = city
    query = sa.text("SELECT due_at FROM complaints WHERE ticket = :t")
    with get_engine(settings).connect() as conn:
        before = conn.execute(query, {"t": tickets["fresh"]}).scalar_one()
    log_in_client(city_client, *ADMIN)
    token = csrf_token(city_client.get("/staf/admin/libur?tahun=2026").text)
    saved = city_client.post(
        "/staf/admin/libur",
        data={
            "csrf_token": token,
            "day": "2026-11-02",
            "name": "Cuti bersama uji",
            "kind": "cuti_bersama",
        },
        follow_redirects=True,
    )
    assert "Hari libur 2026-11-02 disimpan" in saved.text
    assert "Cuti bersama uji" in saved.text
    with get_engine(settings).connect() as conn:
        after = conn.execute(query, {"t": tickets["fresh"]}).scalar_one()
        kind = conn.execute(
            sa.text("SELECT kind, source FROM holidays WHERE day = '2026-11-02'")
        ).one()
    assert after - before == timedelta(days=1)
    assert tuple(kind) == ("cuti_bersama", "admin")
    # reloading the shipped calendar keeps the admin's day off
    from layers import schema

    with get_engine(settings).begin() as conn:
        schema.load_reference(conn, settings)
        assert conn.execute(query, {"t": tickets["fresh"]}).scalar_one() == after


# -- demo accounts -----------------------------------------------------------------


def test_the_demo_command_makes_a_signable_account_per_role_and_keeps_them(
    server, committed
):
    runner = CliRunner()

    def demo() -> str:
        result = runner.invoke(
            main,
            ["user", "demo", "--url", "http://127.0.0.1:8104"],
            obj={"settings": committed},
            catch_exceptions=False,
        )
        assert result.exit_code == 0
        return result.output

    first, second = demo(), demo()
    assert first == second  # idempotent: same accounts, same passwords
    assert "Admin console: http://127.0.0.1:8104/staf/admin" in first
    accounts = dict(re.findall(r"^  (demo-\S+)\s+(\S+)\s", first, re.MULTILINE))
    assert {"demo-admin", "demo-operator", "demo-dpupr", "demo-dlhk"} <= set(accounts)
    for username, role, opd in (
        ("demo-admin", "admin", None),
        ("demo-operator", "operator", None),
        ("demo-dpupr", "opd_staff", "DPUPR"),
        ("demo-dlhk", "opd_staff", "DLHK"),
    ):
        me = requests.get(
            server + "/api/staff/me", auth=(username, accounts[username]), timeout=10
        )
        assert me.json() == {"username": username, "role": role, "opd_code": opd}
    mode = (committed.var_dir / "demo_accounts.json").stat().st_mode & 0o777
    assert mode == 0o600


# -- pages in Chromium -------------------------------------------------------------

SECTIONS = (
    "",
    "pengguna",
    "kunci-api",
    "kategori",
    "rute",
    "libur",
    "templat",
    "audit",
)


def test_admin_pages_at_desktop_size(server, people):
    with chromium(DESKTOP) as driver:
        driver.get(server + "/login")
        driver.find_element("id", "username").send_keys(ADMIN[0])
        driver.find_element("id", "password").send_keys(ADMIN[1])
        driver.find_element("id", "submit").click()
        # every page's bar leads an admin to the console
        WebDriverWait(driver, 15).until(
            lambda d: d.find_elements("id", "admin-console")
        )
        driver.find_element("id", "admin-console").click()
        WebDriverWait(driver, 15).until(
            lambda d: d.current_url.endswith("/staf/admin/")
        )
        severe_console_errors(driver)  # the page signed in to is not under test
        for section in SECTIONS:
            driver.get(f"{server}/staf/admin/{section}")
            assert "Administrasi" in driver.find_element("tag name", "h1").text
            current = driver.find_element(
                "css selector", ".admin-sections a[aria-current=page]"
            )
            assert current.get_attribute("href").endswith(f"/staf/admin/{section}")
            assert horizontal_overflow(driver) <= 0, section
            assert severe_console_errors(driver) == [], section
            screenshot(driver, f"admin-{section or 'overview'}")
        driver.get(server + "/staf/admin/kunci-api")
        driver.find_element("css selector", "#new-key-form input[name=name]").send_keys(
            "Bot WA Uji"
        )
        driver.find_element("css selector", "#new-key-form button").click()
        # the form posts and the next page shows the key once
        WebDriverWait(driver, 15).until(
            lambda d: d.find_elements("css selector", "#new-key code")
        )
        key = driver.find_element("css selector", "#new-key code").text
        assert len(key) >= 40
        # made at the platform's clock (pinned by the suite), not the database's
        made = driver.find_element(
            "xpath", "//table[@id='keys']//tr[td[2]='Bot WA Uji']/td[3]"
        )
        assert made.text == "1 Nov 2026 08.00 WITA"
        screenshot(driver, "admin-new-key")
