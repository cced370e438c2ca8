"""One clock: every "now" comes from the settings' clock, and WITA days are WITA's.

Kupang is UTC+8: from 00:00 to 08:00 WITA the UTC date is still the day before,
so every day boundary is checked at 23:59 and at 00:01 WITA.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from gis.config import Settings
from gis.db import get_engine
from gis.sld import read_styles
from gis.timeutil import WITA, now, parse_instant, wita_today
from layers import brief as briefs
from layers.catalogue import published_layers
from layers.complaints import create_complaint
from layers.operations import default_period, red_flags, scoreboard
from layers.summary import dashboard_summary, trend
from tests.conftest import NOW
from tests.kupang import OEBOBO

pytestmark = pytest.mark.clock

STYLES = read_styles(Settings().styles_dir)
BEFORE_MIDNIGHT = datetime(2026, 11, 1, 23, 59, tzinfo=WITA)  # 15:59 UTC, 1 Nov
AFTER_MIDNIGHT = datetime(2026, 11, 2, 0, 1, tzinfo=WITA)  # 16:01 UTC, still 1 Nov


def test_the_clock_is_the_pinned_one_when_sigap_now_is_set(monkeypatch):
    monkeypatch.setenv("SIGAP_NOW", "2026-11-01T08:00+08:00")
    assert now() == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert Settings.from_env().clock == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    pinned = datetime(2030, 1, 1, tzinfo=UTC)
    assert now(pinned) == pinned  # the settings' clock wins over the variable
    monkeypatch.delenv("SIGAP_NOW")
    running = now()  # unpinned: the real clock, which runs on
    assert running.tzinfo is UTC and running != datetime(2026, 11, 1, tzinfo=UTC)
    assert now() >= running


def test_a_pinned_clock_without_an_offset_is_wita_and_nonsense_is_refused():
    assert parse_instant("2026-11-02T00:30") == datetime(
        2026, 11, 1, 16, 30, tzinfo=UTC
    )
    with pytest.raises(ValueError, match="SIGAP_NOW must be an ISO 8601 time"):
        Settings.from_env({**os.environ, "SIGAP_NOW": "besok pagi"})


def test_the_wita_day_starts_at_midnight_wita_not_utc():
    assert wita_today(BEFORE_MIDNIGHT) == date(2026, 11, 1)
    assert wita_today(AFTER_MIDNIGHT) == date(2026, 11, 2)
    assert AFTER_MIDNIGHT.astimezone(UTC).date() == date(2026, 11, 1)


def _report(conn, at: datetime, category: str = "kebersihan"):
    return create_complaint(
        conn, category_code=category, lon=OEBOBO[0], lat=OEBOBO[1], reported_at=at
    )


def test_the_dashboards_today_is_the_wita_day_at_2359_and_at_0001(conn):
    _report(conn, datetime(2026, 11, 1, 23, 30, tzinfo=WITA))  # 15:30 UTC, 1 Nov
    _report(conn, datetime(2026, 11, 2, 0, 0, 30, tzinfo=WITA))  # 16:00 UTC, 1 Nov
    evening = dashboard_summary(conn, BEFORE_MIDNIGHT)["flow"]
    assert evening["today"]["new"] == 1 and evening["week"]["new"] == 1
    night = dashboard_summary(conn, AFTER_MIDNIGHT)["flow"]
    assert night["today"]["new"] == 1 and night["week"]["new"] == 2
    series = trend(conn, AFTER_MIDNIGHT, days=2)
    assert [(p["day"], p["new"]) for p in series] == [
        ("2026-11-01", 1),
        ("2026-11-02", 1),
    ]


def test_red_flag_ages_are_elapsed_time_at_2359_and_at_0001(conn):
    # reported 00:00 WITA on 26 Oct: seven days old at 00:00 WITA on 2 Nov
    reported = datetime(2026, 10, 26, 0, 0, tzinfo=WITA)
    row = _report(conn, reported, "jalan_berlubang")

    def flag_at(moment: datetime) -> dict:
        return next(
            f
            for f in red_flags(conn, moment)
            if (f["kelurahan_kode"], f["category_code"])
            == (row.kelurahan_kode, "jalan_berlubang")
        )

    evening, night = flag_at(BEFORE_MIDNIGHT), flag_at(AFTER_MIDNIGHT)
    assert evening["flag"] == "amber" and night["flag"] == "red"
    assert (evening["oldest_days"], night["oldest_days"]) == (6.99, 7.0)
    assert night["tickets"] == [row.ticket]


def test_the_briefs_date_is_the_wita_day_at_2359_and_at_0001(conn, settings):
    for moment, day in (
        (BEFORE_MIDNIGHT, date(2026, 11, 1)),
        (AFTER_MIDNIGHT, date(2026, 11, 2)),
    ):
        made = briefs.gather(
            conn, settings, moment, published_layers(conn, moment), STYLES
        )
        assert made.day == day and made.made_at == moment


def test_the_summary_and_scoreboard_answer_inside_the_data_and_400_days_after(
    demo_city,
):
    with get_engine(demo_city).connect() as conn:
        inside = dashboard_summary(conn, NOW)
        board = scoreboard(conn, *default_period(NOW, 30))
        assert sum(inside["flow"]["week"].values()) > 0 and inside["open"] > 0
        # the 30 WITA days up to today (1 Nov): the demo's reports end on 31 Oct,
        # so today holds only what other tests sharing the city posted (Open311
        # reports at the pinned clock, not synthetic), whichever ran first
        days = trend(conn, NOW, 30)
        assert (days[0]["day"], days[-1]["day"], len(days)) == (
            "2026-10-03",
            "2026-11-01",
            30,
        )
        posted_today = conn.execute(
            sa.text(
                "SELECT count(*) FILTER (WHERE synthetic),"
                " count(*) FILTER (WHERE NOT synthetic) FROM complaints"
                " WHERE reported_at >= :midnight AND reported_at <= :now"
            ),
            {"midnight": datetime(2026, 11, 1, 0, 0, tzinfo=WITA), "now": NOW},
        ).one()
        assert posted_today[0] == 0
        assert days[-1]["new"] == posted_today[1] and days[-2]["new"] > 0
        assert board.rows and board.city_within_sla is not None

        later = NOW + timedelta(days=400)
        empty = dashboard_summary(conn, later)
        assert empty["flow"] == {
            window: {"new": 0, "handled": 0, "rejected": 0}
            for window in ("today", "week")
        }
        assert not any(d["new"] for d in trend(conn, later, 30))
        # the newest reports are still the newest, however old they are now
        assert [r["ticket"] for r in empty["latest"]] == [
            r["ticket"] for r in inside["latest"]
        ]
        idle = scoreboard(conn, *default_period(later, 30))
        assert idle.rows == [] and idle.city_within_sla is None


def test_the_demo_city_ends_on_the_wita_yesterday_of_the_pinned_clock(
    conn, settings, tmp_path
):
    from layers.demo import generate_demo, read_manifest

    local = settings.replace(
        var_dir=tmp_path, clock=datetime(2026, 11, 2, 0, 30, tzinfo=WITA)
    )
    generate_demo(conn, local, complaints=300, seed=3)
    manifest = read_manifest(local)
    assert manifest["end_date"] == "2026-11-01"  # UTC's yesterday would be 31 Oct
    latest = conn.execute(sa.text("SELECT max(reported_at) FROM complaints")).scalar()
    assert latest <= datetime(2026, 11, 2, 0, 0, tzinfo=WITA)


#: SQL that may keep the database's own clock: records of when the machine did
#: a piece of work (when an analysis run finished), not the city's time
MACHINE_TIME = {"layers/analysis/runs.py"}
DATABASE_CLOCK = re.compile(
    r"\bnow\(\)|current_date|current_timestamp|localtimestamp"
    r"|clock_timestamp|statement_timestamp|transaction_timestamp",
    re.IGNORECASE,
)


def _in_sql_string(line: str) -> bool:
    """Whether the database's clock is named inside a string literal of ``line``
    (Python calls of :func:`gis.timeutil.now` are not)."""
    return any(
        line[: match.start()].count('"') % 2 == 1
        for match in DATABASE_CLOCK.finditer(line)
    )


def test_no_query_reads_the_database_clock():
    """Queries get "now" as a parameter (table defaults aside), so a pinned clock
    pins every answer."""
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for package in ("gis", "layers", "api")
        for path in sorted((root / package).rglob("*.py"))
        if "migrations" not in path.parts
        and str(path.relative_to(root)) not in MACHINE_TIME
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _in_sql_string(line)
    ]
    assert found == []
