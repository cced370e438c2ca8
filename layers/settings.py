"""What the admin console changes about how the city works: categories, routing
rules and holidays, each change audited (:mod:`layers.audit`) field by field.

The admin pages (``/staf/admin``) and the JSON admin API (``/api/admin``) call
these same functions; both need the ``admin`` role
(:func:`layers.admin.require_admin`). A holiday moves the working-day calendar
and the open deadlines at once (:mod:`layers.calendar`).
"""

from __future__ import annotations

import math
from datetime import date, datetime

import sqlalchemy as sa

from gis.db import records
from gis.errors import InvalidParameter, NotFound
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.admin import require_admin
from layers.audit import record
from layers.calendar import FIRST_DAY, LAST_DAY, rebuild_calendar
from layers.categories import EDITABLE, update_category
from layers.routing import FIRST_ADMIN_ID

ROAD_CLASSES = ("arteri", "kolektor", "lokal", "lingkungan")
HOLIDAY_KINDS = ("national", "cuti_bersama")


def kelurahan_choices(conn: sa.Connection) -> list[sa.Row]:
    """``(kode, nama)`` of every kelurahan, by name."""
    return conn.execute(sa.text("SELECT kode, nama FROM kelurahan ORDER BY nama")).all()


# -- categories -------------------------------------------------------------------


def categories(conn: sa.Connection) -> list[dict]:
    """Every category with the settings an admin may change."""
    return records(
        conn.execute(
            sa.text(
                f"SELECT code, {', '.join(EDITABLE)}, edited_at FROM categories"
                " ORDER BY code"
            )
        )
    )


def change_category(
    conn: sa.Connection, actor: Actor, code: str, changes: dict, now: datetime
) -> dict:
    """Change a category's settings (:func:`layers.categories.update_category`),
    audited; from now on the reference file no longer overwrites it."""
    require_admin(actor)
    before = next((c for c in categories(conn) if c["code"] == code), None)
    if before is None:
        raise NotFound(bilingual("Unknown category {code}", code=code))
    for name, value in changes.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidParameter(
                bilingual(
                    "{name} has an invalid value {value}", name=name, value=value
                ),
                field=name,
            )
    after = update_category(conn, code, changes)
    conn.execute(
        sa.text("UPDATE categories SET edited_at = :now WHERE code = :c"),
        {"now": now, "c": code},
    )
    record(
        conn,
        actor,
        "category",
        code,
        "change",
        {f: before[f] for f in EDITABLE},
        {f: after[f] for f in EDITABLE},
        now,
    )
    return after


# -- routing rules ----------------------------------------------------------------

RULE_FIELDS = ("category_code", "road_class", "within_m", "opd_code", "note", "active")


def routing_rules(conn: sa.Connection) -> list[dict]:
    """Every routing rule in the order they are tried."""
    return records(
        conn.execute(
            sa.text(
                "SELECT id, category_code, road_class, within_m, opd_code, note,"
                " source, active FROM routing_rules ORDER BY id"
            )
        )
    )


def _rule_values(values: dict, partial: bool) -> dict:
    clean: dict[str, object] = {}
    required = ("category_code", "road_class", "within_m", "opd_code")
    missing = [f for f in required if not partial and values.get(f) in (None, "")]
    if missing:
        raise InvalidParameter(
            bilingual("Missing fields: {fields}", fields=", ".join(missing))
        )
    for field in RULE_FIELDS:
        if field not in values:
            continue
        value = values[field]
        if field == "within_m":
            try:
                value = float(value)
            except (TypeError, ValueError):
                value = math.nan
            if isinstance(values[field], bool) or not 0 < value <= 500:
                raise InvalidParameter(
                    bilingual("within_m must be a distance from 1 to 500 metres"),
                    field=field,
                )
        elif field == "road_class":
            if value not in ROAD_CLASSES:
                raise InvalidParameter(
                    bilingual(
                        "road_class must be one of {classes}",
                        classes=", ".join(ROAD_CLASSES),
                    ),
                    field=field,
                )
        elif field == "active":
            if not isinstance(value, bool):
                raise InvalidParameter(
                    bilingual("Wrong type for {field}", field=field), field=field
                )
        elif not isinstance(value, str):
            raise InvalidParameter(
                bilingual("Wrong type for {field}", field=field), field=field
            )
        else:
            value = value.strip()
        clean[field] = value
    return clean


def _write_rule(conn: sa.Connection, statement: str, params: dict) -> dict:
    try:
        with conn.begin_nested():
            row = conn.execute(sa.text(statement), params).one_or_none()
    except sa.exc.IntegrityError:
        raise InvalidParameter(
            bilingual(
                "Unknown category {category} or OPD {opd}",
                category=params.get("category_code"),
                opd=params.get("opd_code"),
            )
        ) from None
    if row is None:
        raise NotFound(bilingual("No routing rule {id}", id=params.get("id")))
    return dict(row._mapping)


def add_routing_rule(
    conn: sa.Connection, actor: Actor, values: dict, now: datetime
) -> dict:
    """A new rule, tried after the existing ones (audited)."""
    require_admin(actor)
    clean = _rule_values(values, partial=False)
    next_id = conn.execute(
        sa.text("SELECT greatest(coalesce(max(id), 0) + 1, :first) FROM routing_rules"),
        {"first": FIRST_ADMIN_ID},
    ).scalar_one()
    row = _write_rule(
        conn,
        "INSERT INTO routing_rules (id, category_code, road_class, within_m,"
        " opd_code, note, source) VALUES (:id, :category_code, :road_class,"
        " :within_m, :opd_code, :note, 'admin') RETURNING *",
        {"note": "", **clean, "id": next_id},
    )
    record(
        conn,
        actor,
        "routing_rule",
        next_id,
        "create",
        {},
        {f: row[f] for f in RULE_FIELDS},
        now,
    )
    return row


def change_routing_rule(
    conn: sa.Connection, actor: Actor, rule_id: int, changes: dict, now: datetime
) -> dict:
    """Change a rule (or switch it off with ``active``); audited. A shipped rule
    changed here keeps the admin's version when the reference data is reloaded."""
    require_admin(actor)
    before = next((r for r in routing_rules(conn) if r["id"] == rule_id), None)
    if before is None:
        raise NotFound(bilingual("No routing rule {id}", id=rule_id))
    clean = _rule_values(changes, partial=True)
    if not clean:
        raise InvalidParameter(bilingual("Nothing to change"))
    after = _write_rule(
        conn,
        "UPDATE routing_rules SET category_code = :category_code, road_class ="
        " :road_class, within_m = :within_m, opd_code = :opd_code, note = :note,"
        " active = :active, source = 'admin' WHERE id = :id RETURNING *",
        {**{f: before[f] for f in RULE_FIELDS}, **clean, "id": rule_id},
    )
    record(
        conn,
        actor,
        "routing_rule",
        rule_id,
        "change",
        {f: before[f] for f in RULE_FIELDS},
        {f: after[f] for f in RULE_FIELDS},
        now,
    )
    return after


# -- holidays ---------------------------------------------------------------------


def holidays(conn: sa.Connection, year: int | None = None) -> list[dict]:
    """The holidays (of ``year``), switched-off ones included, by day."""
    return records(
        conn.execute(
            sa.text(
                "SELECT day, name, kind, source, active FROM holidays"
                " WHERE CAST(:year AS int) IS NULL"
                " OR extract(year FROM day) = :year ORDER BY day"
            ),
            {"year": year},
        )
    )


def holiday_years(conn: sa.Connection) -> list[int]:
    """Years that have holidays, ascending."""
    return [
        int(y)
        for y in conn.execute(
            sa.text("SELECT DISTINCT extract(year FROM day) FROM holidays ORDER BY 1")
        ).scalars()
    ]


def _day(value: object) -> date:
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise InvalidParameter(
            bilingual("day must be a date (YYYY-MM-DD)"), field="day"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidParameter(
            bilingual(
                "day must lie between {first} and {last}",
                first=FIRST_DAY.isoformat(),
                last=LAST_DAY.isoformat(),
            ),
            field="day",
        )
    return day


def set_holiday(
    conn: sa.Connection,
    actor: Actor,
    day: object,
    name: str,
    kind: str,
    now: datetime,
    active: bool = True,
) -> int:
    """Add (or change, or switch off with ``active=False``) the holiday on
    ``day``; the working-day calendar and the open deadlines follow at once.
    Audited; returns how many complaints' deadlines moved."""
    require_admin(actor)
    day = _day(day)
    if kind not in HOLIDAY_KINDS:
        raise InvalidParameter(
            bilingual("kind must be one of {kinds}", kinds=", ".join(HOLIDAY_KINDS)),
            field="kind",
        )
    if not isinstance(name, str) or not name.strip():
        raise InvalidParameter(bilingual("Missing fields: {fields}", fields="name"))
    old = conn.execute(
        sa.text("SELECT name, kind, active FROM holidays WHERE day = :d"), {"d": day}
    ).one_or_none()
    conn.execute(
        sa.text(
            "INSERT INTO holidays (day, name, kind, source, active) VALUES"
            " (:d, :n, :k, 'admin', :a) ON CONFLICT (day) DO UPDATE SET"
            " name = EXCLUDED.name, kind = EXCLUDED.kind, source = 'admin',"
            " active = EXCLUDED.active"
        ),
        {"d": day, "n": name.strip(), "k": kind, "a": active},
    )
    before = dict(old._mapping) if old else {}
    after = {"name": name.strip(), "kind": kind, "active": active}
    record(
        conn,
        actor,
        "holiday",
        day.isoformat(),
        "change" if old else "create",
        before,
        after,
        now,
    )
    return rebuild_calendar(conn)
