"""Staff console benchmark on 1 000 000 demo complaints.

    .venv/bin/python benchmarks/console.py [--complaints 1000000] [--repeat 30]

Uses its own database (``<SIGAP database>_bench_console``; kept between runs so
the million-row demo is generated once). Signs in an operator and a Dinas PUPR
clerk and times, in the server process (Flask's WSGI call, no network), the
inbox page (default view, a filtered view, a text search), the OPD queue page
and a move made from the console's form — median and p95 — beside the targets
(pages: median ≤ 50 ms, p95 ≤ 150 ms; a move: median ≤ 20 ms) and beside the
baseline the queue replaces, ranking every open ticket of the OPD with
:func:`layers.priority.priorities`. First, in the same run, the inbox's and
the queue's statements beside the ones they replaced — before migration 0023's
indexes the page sorted out of every match, the filter counts and the state
tabs were separate passes; before 0026 the queue fetched every open ticket's
points and sorted them in Python — checked to give the same answers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from common import bench_settings, demo_city  # noqa: E402

from api.app import create_app  # noqa: E402
from gis.db import get_engine  # noqa: E402
from gis.timeutil import WITA  # noqa: E402
from layers import inbox, opd_queue  # noqa: E402
from layers.accounts import Actor, create_user  # noqa: E402
from layers.priority import priorities  # noqa: E402
from layers.status import (  # noqa: E402
    INITIAL,
    OPEN,
    State,
    sql_in,
    sql_work_rank,
    states_of,
    values,
)
from tests.api.signin import csrf_token, log_in_client  # noqa: E402

END = date(2026, 10, 31)
AT = datetime(2026, 11, 1, 8, 0, tzinfo=WITA)  # the day after the seeded data
PASSWORD = "bangku-kerja-2026"


def _client(app, username: str):
    client = app.test_client()
    done = log_in_client(client, username, PASSWORD)
    assert done.status_code == 302, done.text
    return client


def _times(call, repeat: int) -> list[float]:
    call()  # warm: templates compiled, connections open
    found = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        found.append((time.perf_counter() - started) * 1000)
    return found


def _line(name: str, times: list[float], median_target: float, p95_target=None):
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
    target = f"median <= {median_target:.0f} ms"
    if p95_target:
        target += f", p95 <= {p95_target:.0f} ms"
    verdict = median <= median_target and (p95_target is None or p95 <= p95_target)
    print(
        f"{name:<42} median {median:7.1f} ms  p95 {p95:7.1f} ms"
        f"  ({median / median_target:4.2f}x of target)  [{target}]"
        f"  {'ok' if verdict else 'MISSED'}"
    )
    return median


#: the inbox's statements before its indexes (migration 0023): the page picked
#: by sorting every match, the counts beside the filters and the state tabs as
#: two more passes over the complaints
_PREVIOUS_ORDER = f"{sql_work_rank('c.status')}, c.reported_at DESC, c.id DESC"


def previous_inbox(conn, actor: Actor, filters: inbox.Filters, now: datetime):
    """The inbox page as it was read before: three statements."""
    where, params = inbox._where(filters, actor)
    params.update(now=now, limit=inbox.PAGE_SIZE, offset=0)
    rows = conn.execute(
        inbox._statement(
            inbox.LIST_SELECT
            + " WHERE c.id IN (SELECT c.id FROM complaints c JOIN categories g"
            f" ON g.code = c.category_code WHERE {where} ORDER BY {_PREVIOUS_ORDER}"
            f" LIMIT :limit OFFSET :offset) ORDER BY {_PREVIOUS_ORDER}",
            params,
        ),
        params,
    ).all()
    facets = conn.execute(
        inbox._statement(
            "SELECT c.category_code, c.kelurahan_kode, c.opd_code, c.channel,"
            " grouping(c.category_code, c.kelurahan_kode, c.opd_code, c.channel)"
            " AS level, count(*) AS n,"
            f" count(*) FILTER (WHERE {inbox._OVERDUE}) AS overdue,"
            f" count(*) FILTER (WHERE {inbox._RED}) AS red"
            " FROM complaints c JOIN categories g ON g.code = c.category_code"
            f" WHERE {where} GROUP BY GROUPING SETS ((c.category_code),"
            " (c.kelurahan_kode), (c.opd_code), (c.channel), ())",
            params,
        ),
        params,
    ).all()
    counts = {"category": {}, "kelurahan": {}, "opd": {}, "channel": {}}
    total = overdue = red = 0
    levels = {
        0b0111: ("category", "category_code"),
        0b1011: ("kelurahan", "kelurahan_kode"),
        0b1101: ("opd", "opd_code"),
        0b1110: ("channel", "channel"),
    }
    for row in facets:
        if row.level == 0b1111:
            total, overdue, red = row.n, row.overdue, row.red
        else:
            name, column = levels[row.level]
            counts[name][getattr(row, column) or ""] = row.n
    where_all, params_all = inbox._where(filters, actor, states=False)
    counted = set(OPEN)
    if filters.status:
        counted.add(State(filters.status))
    if filters.group:
        counted.update(states_of(filters.group))
    where_all += " AND c.status IN :states"
    params_all.update(now=now, states=values(counted))
    counts["status"] = dict(
        conn.execute(
            inbox._statement(
                "SELECT c.status, count(*) FROM complaints c JOIN categories g"
                f" ON g.code = c.category_code WHERE {where_all} GROUP BY c.status",
                params_all,
            ),
            params_all,
        ).all()
    )
    return inbox.InboxPage(
        [dict(r._mapping) for r in rows], total, counts, overdue, red
    )


#: the OPD queue's ranking before migration 0026: every open ticket's points
#: fetched (the ones that do not age kept in the process), sorted in Python
_PREVIOUS_POINTS = (
    "SELECT c.id, c.ticket,"
    " CASE WHEN c.due_at IS NULL THEN 0 ELSE 40 * LEAST("
    "   extract(epoch FROM CAST(:now AS timestamptz) - c.reported_at)"
    "   / GREATEST(extract(epoch FROM c.due_at - c.reported_at), 43200), 2) END"
    " + LEAST(5 * coalesce(sp.n, 0), 25) + 5 * g.severity"
    " + CASE WHEN st.lisa_class = 'HH' OR coalesce(st.gi_bin, 0) >= 2 THEN 20"
    "   ELSE 0 END AS points, c.fixed_points" + opd_queue.QUEUE_TICKETS
)


def previous_queue(conn, limit: int = inbox.PAGE_SIZE) -> list:
    rows = conn.execute(
        sa.text(_PREVIOUS_POINTS).bindparams(sa.bindparam("open", expanding=True)),
        {"opd": "DPUPR", "open": values(OPEN), "now": AT},
    ).all()
    scored = sorted(
        (-round(float(points) + fixed, 1), ticket, id_)
        for id_, ticket, points, fixed in rows
    )
    return priorities(conn, AT, limit, ids=[e[2] for e in scored[: limit + 10]])


def _compare(name: str, previous: list[float], now: list[float]) -> None:
    before, after = statistics.median(previous), statistics.median(now)
    print(
        f"{name:<42} median {after:7.1f} ms, previous statements"
        f" {before:7.1f} ms  ({before / after:4.1f}x faster)"
    )


def layer_comparison(engine, repeat: int) -> None:
    """The new statements beside the previous ones, same answers, in-process."""
    operator = Actor("bench_ops", "operator")
    views = {
        "inbox() default": inbox.Filters(),
        "inbox() category + past SLA": inbox.Filters(
            category="jalan_berlubang", overdue=True
        ),
        "inbox() text search": inbox.Filters(search="lubang"),
    }
    with engine.connect() as conn:
        for name, filters in views.items():
            assert previous_inbox(conn, operator, filters, AT) == inbox.inbox(
                conn, operator, filters, now=AT
            ), name
            _compare(
                name,
                _times(lambda f=filters: previous_inbox(conn, operator, f, AT), repeat),
                _times(
                    lambda f=filters: inbox.inbox(conn, operator, f, now=AT), repeat
                ),
            )
        assert previous_queue(conn) == opd_queue.ranked_queue(conn, "DPUPR", AT)[0]
        _compare(
            "OPD queue ranking (Dinas PUPR)",
            _times(lambda: previous_queue(conn), repeat),
            _times(lambda: opd_queue.ranked_queue(conn, "DPUPR", AT)[0], repeat),
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    settings = bench_settings("bench_console", fresh=False).replace(clock=AT)
    engine = get_engine(settings)
    demo_city(settings, args.complaints, END)
    with engine.begin() as conn:
        for username, role, opd in (
            ("bench_ops", "operator", None),
            ("bench_pupr", "opd_staff", "DPUPR"),
        ):
            known = conn.execute(
                sa.text("SELECT 1 FROM users WHERE username = :u"), {"u": username}
            ).scalar()
            if not known:
                create_user(conn, username, username, PASSWORD, role, opd)
        total, open_, dpupr = conn.execute(
            sa.text(
                f"SELECT count(*), count(*) FILTER (WHERE status IN {sql_in(OPEN)}),"
                " count(*) FILTER (WHERE opd_code = 'DPUPR'"
                f" AND status IN {sql_in(OPEN)}) FROM complaints"
            )
        ).one()
        fresh = conn.execute(
            sa.text(
                "SELECT ticket, version FROM complaints WHERE status = :initial"
                " ORDER BY id DESC LIMIT :n"
            ),
            {"n": args.repeat + 1, "initial": INITIAL.value},
        ).all()
    with engine.begin() as conn:  # what the first queue page after the load does
        opd_queue.store_fixed_points(conn, "DPUPR", opd_queue.fixed_points_basis(conn))
    # what autovacuum does to a live database soon enough: mark the pages
    # all-visible, so migration 0023's index-only scans stay index-only
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM (ANALYZE) complaints, complaint_events"))
    print(
        f"{total:,} complaints, {open_:,} open, {dpupr:,} open at Dinas PUPR;"
        f" {args.repeat} requests each, server time in-process"
    )
    layer_comparison(engine, args.repeat)
    app = create_app(settings)
    operator = _client(app, "bench_ops")
    clerk = _client(app, "bench_pupr")

    def get(client, url):
        def call():
            answer = client.get(url)
            assert answer.status_code == 200, (url, answer.status_code)

        return call

    _line(
        "inbox /staf (open, new first)",
        _times(get(operator, "/staf"), args.repeat),
        50,
        150,
    )
    _line(
        "inbox filtered (category + past SLA)",
        _times(
            get(operator, "/staf?kategori=jalan_berlubang&terlambat=1"), args.repeat
        ),
        50,
        150,
    )
    _line(
        "inbox text search (q=lubang)",
        _times(get(operator, "/staf?q=lubang"), args.repeat),
        50,
        150,
    )
    queue = _line(
        "OPD queue /staf/opd (Dinas PUPR)",
        _times(get(clerk, "/staf/opd"), args.repeat),
        50,
        150,
    )
    with engine.connect() as conn:
        baseline = _times(lambda: priorities(conn, AT, 50, opd_code="DPUPR"), 5)
    print(
        f"{'baseline: priorities() over every open ticket':<42} median"
        f" {statistics.median(baseline):7.1f} ms  (queue page is"
        f" {statistics.median(baseline) / queue:.1f}x faster)"
    )
    token = csrf_token(operator.get(f"/staf?tiket={fresh[0].ticket}").text)
    moves = iter(fresh[1:])

    def verify() -> None:
        row = next(moves)
        answer = operator.post(
            f"/staf/aduan/{row.ticket}/pindah",
            data={
                "csrf_token": token,
                "to": State.DIVERIFIKASI.value,
                "version": row.version,
                "back": "/staf",
            },
        )
        assert answer.status_code == 302, answer.text[:300]

    moved = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        verify()
        moved.append((time.perf_counter() - started) * 1000)
    _line("move from the console (verify, POST)", moved, 20)


if __name__ == "__main__":
    main()
