"""Weekly complaint counts per kelurahan × category: forecast and early warning.

``run_forecast`` reads the complete WITA weeks (Monday 00:00) of the window,
fits :mod:`gis.forecast` (one season per category, shared by its kelurahan;
Kupang's rainy season November–April and the holidays of SIGAP's working-day
calendar) and stores, as a run, the expected count and 95 % interval of the
week holding "now" and the one after. ``early_warnings`` then compares this
week's reports so far with the forecast scaled to the share of the week gone:
a count above the upper bound is a warning, in plain Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from gis import forecast as model
from gis.formats import format_number
from gis.i18n import _
from gis.runs import Timings, versions
from gis.timeutil import WITA
from layers.ai.tables import FORECAST_RUNS, FORECAST_WEEKS

LEVEL = 0.95
HORIZON_WEEKS = 2
#: fewer reports than this never make a warning, however quiet the forecast
MIN_REPORTS = 3
#: the short names a sentence uses ("drainase di Oesapa")
SHORT_NAMES = {
    "jalan_berlubang": "jalan berlubang",
    "jalan_rusak": "jalan rusak",
    "lampu_jalan_mati": "lampu jalan mati",
    "kebersihan": "sampah",
    "drainase": "drainase",
    "banjir": "banjir",
    "air_bersih": "air bersih",
    "pohon_tumbang": "pohon tumbang",
    "rambu_lalu_lintas": "rambu lalu lintas",
    "ketertiban_umum": "ketertiban umum",
    "fasilitas_umum": "fasilitas umum",
}


def week_of(moment: datetime) -> date:
    """The Monday (WITA) starting the week that holds ``moment``."""
    day = moment.astimezone(WITA).date()
    return day - timedelta(days=day.weekday())


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), WITA)


def weekly_counts(
    conn: sa.Connection, first: date, end: date
) -> tuple[list[date], list[tuple[str, str]], np.ndarray]:
    """Reports per WITA week [first, end) × (kelurahan, category): every
    kelurahan × active category is a series, zeros included."""
    starts = [first + timedelta(weeks=i) for i in range((end - first).days // 7)]
    series = [
        (k, c)
        for k, c in conn.execute(
            sa.text(
                "SELECT k.kode, c.code FROM kelurahan k CROSS JOIN categories c"
                " ORDER BY k.kode, c.code"
            )
        )
    ]
    index = {s: i for i, s in enumerate(series)}
    counts = np.zeros((len(starts), len(series)))
    rows = conn.execute(
        sa.text(
            "SELECT ((reported_at AT TIME ZONE 'Asia/Makassar')::date - :first) / 7"
            " AS week, kelurahan_kode, category_code, count(*) FROM complaints"
            " WHERE reported_at >= :since AND reported_at < :until"
            " AND kelurahan_kode IS NOT NULL GROUP BY 1, 2, 3"
        ),
        {"first": first, "since": _at(first), "until": _at(end)},
    )
    for week, kelurahan, category, n in rows:
        counts[week, index[(kelurahan, category)]] = n
    return starts, series, counts


def holidays(conn: sa.Connection) -> list[date]:
    """Active holidays of the working-day calendar."""
    return list(
        conn.execute(sa.text("SELECT day FROM holidays WHERE active")).scalars()
    )


@dataclass(frozen=True)
class ForecastRun:
    id: int
    week_start: date
    weeks: int
    series: int
    timings: dict


def run_forecast(conn: sa.Connection, *, now: datetime, weeks: int = 52) -> ForecastRun:
    """Fit on the ``weeks`` complete weeks before the one holding ``now`` and
    store the forecast of that week and the next."""
    timings = Timings()
    current = week_of(now)
    first = current - timedelta(weeks=weeks)
    starts, series, counts = weekly_counts(conn, first, current)
    off = holidays(conn)
    timings.lap("read")
    features = model.week_features(starts, off)
    groups = [c for _, c in series]
    fitted = model.fit(counts, features, groups)
    timings.lap("fit")
    ahead = [current + timedelta(weeks=i) for i in range(HORIZON_WEEKS)]
    mean = fitted.mean(model.week_features(ahead, off))
    alpha = fitted.series_alpha()
    lower, upper = model.interval(mean, np.broadcast_to(alpha, mean.shape), LEVEL)
    run_id = conn.execute(
        FORECAST_RUNS.insert()
        .values(
            started_at=now,
            window_start=_at(first),
            window_end=_at(current),
            week_start=current,
            parameters={
                "weeks": weeks,
                "level": LEVEL,
                "horizon_weeks": HORIZON_WEEKS,
                "terms": list(model.TERMS),
                "rainy_months": list(model.RAINY_MONTHS),
                "coefficients": {
                    g: dict(zip(model.TERMS, map(float, b), strict=True))
                    for g, b in fitted.coefficients.items()
                },
                "alpha": fitted.alpha,
            },
            versions=versions(conn, ("statsmodels", "scipy", "numpy")),
        )
        .returning(FORECAST_RUNS.c.id)
    ).scalar_one()
    conn.execute(
        FORECAST_WEEKS.insert(),
        [
            {
                "run_id": run_id,
                "week_start": week,
                "kelurahan_kode": kelurahan,
                "category_code": category,
                "expected": float(mean[h, s]),
                "alpha": float(alpha[s]),
                "lower": int(lower[h, s]),
                "upper": int(upper[h, s]),
            }
            for h, week in enumerate(ahead)
            for s, (kelurahan, category) in enumerate(series)
        ],
    )
    timings.lap("store")
    conn.execute(
        FORECAST_RUNS.update()
        .where(FORECAST_RUNS.c.id == run_id)
        .values(status="done", finished_at=now, timings=dict(timings))
    )
    return ForecastRun(run_id, current, len(starts), len(series), dict(timings))


def latest_run(conn: sa.Connection) -> int | None:
    """Id of the newest finished forecast run."""
    return conn.execute(
        sa.text("SELECT max(id) FROM forecast_runs WHERE status = 'done'")
    ).scalar()


def early_warnings(conn: sa.Connection, now: datetime) -> dict:
    """This week's kelurahan × category counts above the forecast's upper bound.

    The forecast of the whole week is scaled to the share of it gone by ``now``
    (a Monday-morning count is compared with a Monday-morning expectation).
    """
    week = week_of(now)
    elapsed = min((now - _at(week)).total_seconds() / (7 * 86400), 1.0)
    rows = conn.execute(
        sa.text(
            "SELECT f.kelurahan_kode, k.nama, f.category_code, f.expected, f.alpha,"
            " coalesce(n.reports, 0) AS reports"
            " FROM forecast_weeks f JOIN kelurahan k ON k.kode = f.kelurahan_kode"
            " LEFT JOIN (SELECT kelurahan_kode, category_code, count(*) AS reports"
            "   FROM complaints WHERE reported_at >= :since AND reported_at < :now"
            "   GROUP BY 1, 2) n USING (kelurahan_kode, category_code)"
            " WHERE f.run_id = (SELECT max(id) FROM forecast_runs"
            "   WHERE status = 'done' AND week_start <= :week)"
            " AND f.week_start = :week AND coalesce(n.reports, 0) >= :minimum"
        ),
        {"since": _at(week), "now": now, "week": week, "minimum": MIN_REPORTS},
    ).all()
    found = []
    if rows:
        expected = np.array([r.expected for r in rows]) * max(elapsed, 1e-6)
        alpha = np.array([r.alpha for r in rows])
        lower, upper = model.interval(expected, alpha, LEVEL)
        for r, mu, lo, hi in zip(rows, expected, lower, upper, strict=True):
            if r.reports <= hi:
                continue
            name = SHORT_NAMES.get(r.category_code, r.category_code)
            found.append(
                {
                    "kelurahan": r.kelurahan_kode,
                    "kelurahan_name": r.nama,
                    "category": r.category_code,
                    "reports": int(r.reports),
                    "expected": round(float(mu), 2),
                    "lower": int(lo),
                    "upper": int(hi),
                    "text": _(
                        "{category} in {kelurahan}: {n} reports, forecast {low}–{high}",
                        category=name,
                        kelurahan=r.nama,
                        n=format_number(r.reports),
                        low=format_number(int(lo)),
                        high=format_number(int(hi)),
                    ),
                    "link": f"/laporan?kelurahan={r.kelurahan_kode}"
                    f"&kategori={r.category_code}",
                    "filters": {
                        "kelurahan": r.kelurahan_kode,
                        "kategori": r.category_code,
                    },
                }
            )
    found.sort(key=lambda w: (-(w["reports"] - w["upper"]), w["text"]))
    return {
        "week_start": week.isoformat(),
        "share_of_week": round(elapsed, 3),
        "run_id": latest_run(conn),
        "warnings": found,
    }


def has_forecast(conn: sa.Connection, now: datetime) -> bool:
    """Whether a finished run forecasts the week holding ``now``."""
    return bool(
        conn.execute(
            sa.text(
                "SELECT EXISTS (SELECT 1 FROM forecast_runs r JOIN forecast_weeks f"
                " ON f.run_id = r.id WHERE r.status = 'done' AND f.week_start = :w)"
            ),
            {"w": week_of(now)},
        ).scalar()
    )
