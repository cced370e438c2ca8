"""The morning brief: one page of HTML and PDF, written on demand and every day."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.db import get_engine
from gis.timeutil import WITA
from layers.brief import next_run
from tests.conftest import sigap_env

pytestmark = pytest.mark.clock


def test_sigap_brief_writes_a_one_page_html_and_pdf_the_server_shows(
    demo_city, demo_client
):
    env = sigap_env(demo_city)
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "brief"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    html_path, pdf_path = (
        Path(p.strip()) for p in done.stdout.strip().splitlines()[-2:]
    )
    page = html_path.read_text(encoding="utf-8")
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
    assert "Laporan pagi Wali Kota" in page
    assert page.count("data:image/png;base64,") == 2
    # backlog first, names instead of codes, the top flags with their OPD
    assert page.index("Tunggakan saat ini") < page.index("Lima bendera merah teratas")
    assert "Dinas PUPR" in page and "jalan_berlubang" not in page
    assert "Titik panas yang meningkat" in page
    with get_engine(demo_city).connect() as conn:
        red = conn.execute(
            sa.text(
                "SELECT k.nama FROM sigap_red_flags(:now, 2) f JOIN kelurahan k"
                " ON k.kode = f.kelurahan_kode WHERE f.flag = 'red'"
                " ORDER BY f.oldest_days DESC LIMIT 1"
            ),
            {"now": demo_city.clock},
        ).scalar()
    assert red is not None and red in page
    served = demo_client.get("/brief")
    assert served.status_code == 200 and "Laporan pagi Wali Kota" in served.text
    served_pdf = demo_client.get("/brief.pdf")
    assert served_pdf.headers["Content-Type"] == "application/pdf"
    assert served_pdf.data == pdf
    # the command room says when the brief it links to was made
    room = demo_client.get("/dashboard").text
    assert "Laporan pagi</a> · dibuat 1 Nov 2026 08.00 WITA" in room


def test_the_daily_job_writes_the_brief_when_six_oclock_wita_comes(demo_city, tmp_path):
    # the clock pinned two seconds before 06:00 WITA: the job wakes, writes
    early = demo_city.replace(clock=datetime(2026, 11, 1, 5, 59, 58, tzinfo=WITA))
    env = sigap_env(early, PYTHONUNBUFFERED="1")
    job = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "brief",
            "--daily",
            "--output",
            str(tmp_path),
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert job.stdout.readline().strip() == "next brief at 2026-11-01 06:00 WITA"
        written = [job.stdout.readline().strip() for _ in range(2)]
    finally:
        job.terminate()
        job.wait(timeout=30)
    assert [Path(p).name for p in written] == ["2026-11-01.html", "2026-11-01.pdf"]
    assert "dibuat 1 Nov 2026 05.59 WITA" in Path(written[0]).read_text()


def test_the_daily_brief_runs_at_six_in_the_morning_wita():
    at = time(6, 0)
    # 21:00 UTC is 05:00 WITA: the same morning, one hour later
    assert next_run(datetime(2026, 11, 29, 21, 0, tzinfo=UTC), at) == datetime(
        2026, 11, 29, 22, 0, tzinfo=UTC
    )
    # 23:00 UTC is 07:00 WITA: tomorrow morning
    assert next_run(datetime(2026, 11, 29, 23, 0, tzinfo=UTC), at) == datetime(
        2026, 11, 30, 22, 0, tzinfo=UTC
    )
    # exactly at six: the next one, not this one
    assert next_run(datetime(2026, 11, 29, 22, 0, tzinfo=UTC), at) == datetime(
        2026, 11, 30, 22, 0, tzinfo=UTC
    )
