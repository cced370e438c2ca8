"""A citizen's report arriving: location checked, duplicates joined, owner routed.

:func:`submit_report` is the one door every channel (Open311, the web form, the
WhatsApp bridge) goes through. In one transaction it

1. validates the coordinates (numbers, range, a swapped pair named as such);
2. looks for an open ticket of the same category within the category's duplicate
   radius and window (or takes the one the reporter chose, ``Report.supports``) —
   found: the report becomes a *supporter* of that ticket and the
   reporter gets that ticket back; the intake of one category is serialised by an
   advisory lock so two identical reports a millisecond apart cannot both open one;
3. otherwise creates the ticket, routed to its OPD by :mod:`layers.routing`;
4. issues a private follow token (only its hash is stored) and notifies listeners.

Operators can undo a wrong merge with :func:`split_supporter`. A report that comes
with a photo (its GPS as the place, its files on disk) is
:mod:`layers.report_media`.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.events import notify
from gis.i18n import _, bilingual
from layers.accounts import Actor
from layers.complaints import create_complaint
from layers.routing import OWNER_SQL
from layers.status import OPEN, values

#: generous box around Kota Kupang, only to recognise a swapped lat/long pair
CITY_BOX = (123.4, -10.4, 123.8, -10.0)
MAX_DESCRIPTION = 4000


@dataclass(frozen=True)
class Report:
    """What a reporter sends (already parsed from the channel's format)."""

    category_code: str
    lon: float
    lat: float
    description: str = ""
    address: str | None = None
    channel: str = "open311"
    attributes: dict[str, object] = field(default_factory=dict)
    photos: list[dict[str, object]] = field(default_factory=list)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    reported_at: datetime | None = None
    #: the ticket the reporter chose to support ("me too") instead of a new one
    supports: str | None = None


@dataclass(frozen=True)
class Submission:
    """The outcome: the ticket the reporter follows, and whether it was new."""

    complaint_id: int
    ticket: str
    opd_code: str | None
    follow_token: str
    joined_existing: bool
    supporter_id: int | None = None


def parse_coordinate(value: object, name: str) -> float:
    """A finite float from a form value, or a 400 naming the parameter."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise InvalidParameter(
            bilingual(
                "{name} must be a number, not {value!r}", name=name, value=str(value)
            ),
            field=name,
        ) from None
    if not math.isfinite(number):
        raise InvalidParameter(
            bilingual("{name} must be a finite number", name=name), field=name
        )
    return number


def check_location(lon: float, lat: float) -> None:
    """Refuse out-of-range coordinates, naming a swapped lat/long pair as such."""
    west, south, east, north = CITY_BOX
    if west <= lat <= east and south <= lon <= north:
        raise InvalidParameter(
            bilingual(
                "lat and long look swapped: Kupang is at lat ≈ -10.2, long ≈ 123.6"
            ),
            field="lat",
        )
    if not -90 <= lat <= 90:
        raise InvalidParameter(
            bilingual("lat must be between -90 and 90, not {lat}", lat=lat), field="lat"
        )
    if not -180 <= lon <= 180:
        raise InvalidParameter(
            bilingual("long must be between -180 and 180, not {lon}", lon=lon),
            field="long",
        )


def _token() -> tuple[str, str]:
    token = secrets.token_urlsafe(18)
    return token, hashlib.sha256(token.encode()).hexdigest()


def _find_duplicate(conn: sa.Connection, report: Report, at: datetime) -> sa.Row | None:
    """The nearest open ticket reported within the category's duplicate window
    before ``at`` that this report repeats, locked, or ``None``."""
    return conn.execute(
        sa.text(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom)"
            " SELECT c.id, c.ticket, c.opd_code FROM complaints c, p, categories k"
            " WHERE k.code = :category AND c.category_code = k.code"
            " AND c.status IN :open AND k.duplicate_radius_m > 0"
            " AND c.reported_at >= CAST(:at AS timestamptz)"
            "   - make_interval(days => k.duplicate_days)"
            " AND c.geom && ST_Expand(p.geom, k.duplicate_radius_m / 100000.0)"
            " AND ST_DWithin(c.geom::geography, p.geom::geography,"
            " k.duplicate_radius_m)"
            " ORDER BY c.geom <-> p.geom, c.id LIMIT 1 FOR UPDATE OF c"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {
            "lon": report.lon,
            "lat": report.lat,
            "category": report.category_code,
            "open": values(OPEN),
            "at": at,
        },
    ).one_or_none()


def _find_supported(conn: sa.Connection, report: Report) -> sa.Row:
    """The open ticket the reporter chose to support, locked; refused when it
    is closed, of another category or not near the report."""
    row = conn.execute(
        sa.text(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom)"
            " SELECT c.id, c.ticket, c.opd_code, c.status IN :open AS open,"
            " c.category_code = :category AS same,"
            " ST_DWithin(c.geom::geography, p.geom::geography,"
            "   greatest(2 * k.duplicate_radius_m, 100)) AS near"
            " FROM complaints c JOIN categories k ON k.code = c.category_code, p"
            " WHERE c.ticket = :ticket FOR UPDATE OF c"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {
            "lon": report.lon,
            "lat": report.lat,
            "category": report.category_code,
            "ticket": report.supports,
            "open": values(OPEN),
        },
    ).one_or_none()
    if row is None or not (row.open and row.same and row.near):
        raise InvalidParameter(
            bilingual(
                "Report {ticket} can no longer be supported here: send yours as a"
                " new report",
                ticket=report.supports,
            ),
            field="supports",
        )
    return row


def _check_category(conn: sa.Connection, code: str) -> None:
    active = conn.execute(
        sa.text("SELECT active FROM categories WHERE code = :c"), {"c": code}
    ).scalar()
    if active is None:
        raise NotFound(
            bilingual("Unknown service_code {code}", code=code), field="service_code"
        )
    if not active:
        raise InvalidParameter(
            bilingual("Service {code} no longer accepts reports", code=code),
            field="service_code",
        )


def _routed_ticket(
    conn: sa.Connection, report: Report | sa.Row, reported_at: datetime, **more
) -> sa.Row:
    """A new ticket of ``report`` (a citizen's report, or a supporting report
    split off), routed to its OPD by the routing rules."""
    return create_complaint(
        conn,
        category_code=report.category_code,
        lon=report.lon,
        lat=report.lat,
        description=report.description,
        channel=report.channel,
        reported_at=reported_at,
        photos=report.photos,
        reporter={"name": report.name, "phone": report.phone, "email": report.email},
        owner_sql=OWNER_SQL.format(category=":category", point="p.geom"),
        **more,
    )


def submit_report(conn: sa.Connection, report: Report, now: datetime) -> Submission:
    """Take in one report received at ``now`` (see the module doc); the caller
    commits. The report is dated ``report.reported_at`` when the channel knows it,
    ``now`` otherwise."""
    check_location(report.lon, report.lat)
    if len(report.description) > MAX_DESCRIPTION:
        raise InvalidParameter(
            bilingual("description is longer than {n} characters", n=MAX_DESCRIPTION),
            field="description",
        )
    _check_category(conn, report.category_code)
    conn.execute(
        sa.text("SELECT pg_advisory_xact_lock(hashtext(:c))"),
        {"c": "intake:" + report.category_code},
    )
    token, token_hash = _token()
    at = report.reported_at or now
    duplicate = (
        _find_supported(conn, report)
        if report.supports
        else _find_duplicate(conn, report, at)
    )
    if duplicate is not None:
        supporter_id = conn.execute(
            sa.text(
                "INSERT INTO complaint_supporters (complaint_id, at, channel,"
                " description, lon, lat, name, phone, email, photos) VALUES (:id,"
                " :at, :channel, :text, :lon, :lat, :name, :phone, :email,"
                " CAST(:photos AS jsonb)) RETURNING id"
            ),
            {
                "id": duplicate.id,
                "at": at,
                "channel": report.channel,
                "text": report.description,
                "lon": report.lon,
                "lat": report.lat,
                "name": report.name,
                "phone": report.phone,
                "email": report.email,
                "photos": json.dumps(report.photos),
            },
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO complaint_events (complaint_id, at, actor, action, note)"
                " VALUES (:id, :at, 'warga', 'supported', :note)"
            ),
            {
                "id": duplicate.id,
                "at": now,
                # the audit trail is written once, in Indonesian
                "note": _("similar report #{id}", "id", id=supporter_id),
            },
        )
        conn.execute(
            sa.text(
                "INSERT INTO follow_tokens (token_hash, complaint_id, supporter_id)"
                " VALUES (:h, :id, :s)"
            ),
            {"h": token_hash, "id": duplicate.id, "s": supporter_id},
        )
        notify(
            conn,
            {
                "type": "supported",
                "id": duplicate.id,
                "ticket": duplicate.ticket,
                "category": report.category_code,
            },
        )
        return Submission(
            duplicate.id,
            duplicate.ticket,
            duplicate.opd_code,
            token,
            True,
            supporter_id,
        )
    row = _routed_ticket(
        conn, report, at, address=report.address, attributes=report.attributes
    )
    conn.execute(
        sa.text(
            "INSERT INTO follow_tokens (token_hash, complaint_id) VALUES (:h, :id)"
        ),
        {"h": token_hash, "id": row.id},
    )
    notify(
        conn,
        {
            "type": "created",
            "id": row.id,
            "ticket": row.ticket,
            "kelurahan": row.kelurahan_kode,
            "category": report.category_code,
            "opd": row.opd_code,
        },
    )
    return Submission(row.id, row.ticket, row.opd_code, token, False)


def ticket_for_token(conn: sa.Connection, token: str) -> int:
    """The complaint id a reporter's follow token opens; 404 otherwise."""
    complaint_id = conn.execute(
        sa.text("SELECT complaint_id FROM follow_tokens WHERE token_hash = :h"),
        {"h": hashlib.sha256(token.encode()).hexdigest()},
    ).scalar()
    if complaint_id is None:
        raise NotFound(bilingual("Unknown follow token"))
    return complaint_id


def split_supporter(
    conn: sa.Connection,
    supporter_id: int,
    actor: Actor,
    note: str | None = None,
    *,
    now: datetime,
) -> sa.Row:
    """Make a supporter its own ticket again (operators only); returns the new row.

    The reporter's follow token moves to the new ticket; both tickets get an audit
    event naming the other.
    """
    if actor.role not in ("operator", "admin"):
        raise Forbidden(bilingual("Only the command centre may split reports"))
    supporter = conn.execute(
        sa.text(
            "SELECT s.*, c.ticket, c.category_code FROM complaint_supporters s"
            " JOIN complaints c ON c.id = s.complaint_id WHERE s.id = :id"
            " FOR UPDATE OF s"
        ),
        {"id": supporter_id},
    ).one_or_none()
    if supporter is None:
        raise NotFound(bilingual("Supporting report not found"))
    if supporter.split_into is not None:
        raise InvalidParameter(bilingual("This report was already split off"))
    row = _routed_ticket(conn, supporter, supporter.at, actor=actor.label)
    conn.execute(
        sa.text("UPDATE complaint_supporters SET split_into = :new WHERE id = :id"),
        {"new": row.id, "id": supporter_id},
    )
    conn.execute(
        sa.text(
            "UPDATE follow_tokens SET complaint_id = :new WHERE supporter_id = :id"
        ),
        {"new": row.id, "id": supporter_id},
    )
    remark = f": {note}" if note else ""
    conn.execute(
        sa.text(
            "INSERT INTO complaint_events (complaint_id, at, actor, action, note)"
            " VALUES (:old, :now, :actor, 'split', :to_new),"
            " (:new, :now, :actor, 'split', :from_old)"
        ),
        {
            "old": supporter.complaint_id,
            "new": row.id,
            "now": now,
            "actor": actor.label,
            "to_new": _("split into {ticket}", "id", ticket=row.ticket) + remark,
            "from_old": _("split from {ticket}", "id", ticket=supporter.ticket)
            + remark,
        },
    )
    notify(
        conn,
        {
            "type": "split",
            "id": row.id,
            "ticket": row.ticket,
            "from": supporter.ticket,
            "category": supporter.category_code,
        },
    )
    return row
