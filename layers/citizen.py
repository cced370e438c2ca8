"""The citizen app (``/lapor``): how residents see the categories, where their pin
is, what is already reported nearby, and how many reports one device or address
may send.

A report itself goes through :func:`layers.intake.submit_report` like every
channel's; :func:`submit_from_app` adds what only this channel needs — the hourly
limits (:data:`WINDOW`, counted in ``citizen_submissions``), up to
:data:`MAX_PHOTOS` photos through the photo pipeline, and the choice to support a
ticket the resident picked from the nearby list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base
from gis.errors import InvalidParameter
from gis.i18n import N_, _, bilingual
from gis.photos import prepare_photo, remove_saved
from layers.categories import check_attributes, service_attributes
from layers.intake import (
    MAX_DESCRIPTION,
    Report,
    Submission,
    check_location,
    submit_report,
)
from layers.sessions import TooManyAttempts
from layers.status import OPEN, label, values

CHANNEL = "aplikasi"
MAX_PHOTOS = 3
WINDOW = timedelta(hours=1)
#: a named road farther than this from the pin is not "near" it
ROAD_NEAR_M = 300
NEARBY_LIMIT = 5

#: the app's category groups (plain words), each with its categories and icon;
#: a category added later and listed nowhere shows under the last group
GROUPS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "jalan",
        N_("Road problems"),
        (("jalan_berlubang", "pothole"), ("jalan_rusak", "road")),
    ),
    ("lampu", N_("Lights"), (("lampu_jalan_mati", "lamp"),)),
    (
        "sampah",
        N_("Rubbish and drains"),
        (("kebersihan", "rubbish"), ("drainase", "drain")),
    ),
    ("air", N_("Water"), (("banjir", "flood"), ("air_bersih", "tap"))),
    ("pohon", N_("Trees"), (("pohon_tumbang", "tree"),)),
    ("lalu_lintas", N_("Traffic"), (("rambu_lalu_lintas", "traffic"),)),
    ("ketertiban", N_("Public order"), (("ketertiban_umum", "order"),)),
    ("fasilitas", N_("Facilities"), (("fasilitas_umum", "facility"),)),
)


class CitizenSubmission(Base):
    """One report the app took in: hashes of its device and address, for the
    hourly limits (nothing else, and kept only for the window)."""

    __tablename__ = "citizen_submissions"
    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    device_hash: Mapped[str] = mapped_column(sa.Text)
    address_hash: Mapped[str] = mapped_column(sa.Text)
    __table_args__ = (
        sa.Index("ix_citizen_submissions_device", "device_hash", "at"),
        sa.Index("ix_citizen_submissions_address", "address_hash", "at"),
    )


class TooManyReports(TooManyAttempts):
    """More reports from one device or address than the hourly limit."""

    code = "too_many_reports"


@dataclass(frozen=True)
class Sender:
    """Who sends a report, as far as the limits care: the device cookie and the
    client address."""

    device: str
    address: str

    def hashes(self) -> tuple[str, str]:
        return (
            hashlib.sha256(b"device:" + self.device.encode()).hexdigest(),
            hashlib.sha256(b"address:" + self.address.encode()).hexdigest(),
        )


@dataclass(frozen=True)
class Limits:
    """Reports per :data:`WINDOW` from one device and from one address."""

    per_device: int = 10
    per_address: int = 30


def _text_in(text: str, language: str) -> str:
    """The ``Indonesian / English`` text of a service definition in ``language``."""
    parts = [p.strip() for p in text.split(" / ", 1)]
    return parts[1] if language == "en" and len(parts) == 2 else parts[0]


def category_groups(conn: sa.Connection, language: str) -> list[dict[str, object]]:
    """The active categories in the app's groups, each with its name in
    ``language``, icon, duplicate radius and questions (its service definition)."""
    rows = conn.execute(
        sa.text(
            "SELECT code, name_id, name_en, duplicate_radius_m FROM categories"
            " WHERE active ORDER BY code"
        )
    ).all()
    questions = conn.execute(
        sa.text(
            'SELECT service_code, code, datatype, required, description, "values"'
            ' FROM service_attributes ORDER BY service_code, "order", code'
        )
    ).all()
    by_code = {r.code: r for r in rows}
    listed = {code for _, _, items in GROUPS for code, _ in items}
    groups = []
    for index, (key, title, items) in enumerate(GROUPS):
        entries = list(items)
        if index == len(GROUPS) - 1:
            entries += [(code, "facility") for code in by_code if code not in listed]
        categories = []
        for code, icon in entries:
            row = by_code.get(code)
            if row is None:
                continue
            categories.append(
                {
                    "code": code,
                    "name": row.name_en if language == "en" else row.name_id,
                    "icon": icon,
                    "radius_m": row.duplicate_radius_m,
                    "questions": [
                        {
                            "code": q.code,
                            "datatype": q.datatype,
                            "required": q.required,
                            "text": _text_in(q.description, language),
                            "values": [
                                {"key": v["key"], "name": v["name"]}
                                for v in q._mapping["values"]
                            ],
                        }
                        for q in questions
                        if q.service_code == code
                    ],
                }
            )
        if categories:
            groups.append({"key": key, "title": _(title), "categories": categories})
    return groups


def place_at(conn: sa.Connection, lon: float, lat: float) -> dict[str, object]:
    """What the app says about a pin: ``inside`` Kota Kupang or not, the
    kelurahan (by the same rule that files a complaint there) and kecamatan, and
    the nearest named road within :data:`ROAD_NEAR_M` with its distance."""
    check_location(lon, lat)
    row = conn.execute(
        sa.text(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom)"
            " SELECT kl.kode, kl.nama, kc.nama AS kecamatan, r.name AS road,"
            " r.road_class, round(ST_Distance(r.geom::geography,"
            "   p.geom::geography)) AS road_m"
            " FROM p LEFT JOIN kelurahan kl ON kl.kode = sigap_kelurahan_at(p.geom)"
            " LEFT JOIN kecamatan kc ON kc.kode = kl.kecamatan_kode"
            " LEFT JOIN LATERAL (SELECT name, road_class, geom FROM roads"
            "   WHERE name IS NOT NULL AND geom && ST_Expand(p.geom, 0.01)"
            "   ORDER BY geom <-> p.geom LIMIT 1) r ON kl.kode IS NOT NULL"
        ),
        {"lon": lon, "lat": lat},
    ).one()
    if row.kode is None:
        return {
            "inside": False,
            "message": _(
                "This spot is outside Kota Kupang: move the pin onto the city"
            ),
        }
    road = None
    if row.road is not None and row.road_m <= ROAD_NEAR_M:
        road = {"name": row.road, "class": row.road_class, "distance_m": row.road_m}
    return {
        "inside": True,
        "kelurahan": {"kode": row.kode, "nama": row.nama},
        "kecamatan": row.kecamatan,
        "road": road,
    }


def nearby_open(
    conn: sa.Connection, category: str, lon: float, lat: float
) -> list[dict[str, object]]:
    """Open tickets of ``category`` within its duplicate radius of the point,
    nearest first: what the resident may support instead of reporting again.
    Public fields only (no reporter, no follow token)."""
    check_location(lon, lat)
    rows = conn.execute(
        sa.text(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom)"
            " SELECT c.ticket, c.status, c.reported_at, c.photos, c.description,"
            " kl.nama AS kelurahan,"
            " round(ST_Distance(c.geom::geography, p.geom::geography)) AS distance_m,"
            " (SELECT count(*) FROM complaint_supporters s WHERE s.complaint_id"
            "   = c.id AND s.split_into IS NULL) AS supporters"
            " FROM complaints c JOIN categories k ON k.code = c.category_code"
            " JOIN kelurahan kl ON kl.kode = c.kelurahan_kode, p"
            " WHERE k.code = :category AND c.status IN :open"
            " AND k.duplicate_radius_m > 0"
            " AND c.geom && ST_Expand(p.geom, k.duplicate_radius_m / 100000.0)"
            " AND ST_DWithin(c.geom::geography, p.geom::geography,"
            "   k.duplicate_radius_m)"
            " ORDER BY c.geom <-> p.geom, c.id LIMIT :limit"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {
            "lon": lon,
            "lat": lat,
            "category": category,
            "open": values(OPEN),
            "limit": NEARBY_LIMIT,
        },
    ).all()
    return [
        {
            "ticket": r.ticket,
            "status": r.status,
            "status_label": label(r.status),
            "reported_at": r.reported_at,
            "kelurahan": r.kelurahan,
            "distance_m": r.distance_m,
            "supporters": r.supporters,
            "description": (r.description or "")[:160],
            "thumbnail": next(
                (p["thumbnail"] for p in r.photos or [] if "thumbnail" in p), None
            ),
        }
        for r in rows
    ]


def check_rate(
    conn: sa.Connection, sender: Sender, limits: Limits, now: datetime
) -> None:
    """Refuse (429) a report past the hourly limit of its device or address."""
    device, address = sender.hashes()
    # one device's reports are counted one at a time
    conn.execute(
        sa.text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "lapor:" + device}
    )
    row = conn.execute(
        sa.text(
            "SELECT count(*) FILTER (WHERE device_hash = :d) AS device,"
            " count(*) FILTER (WHERE address_hash = :a) AS address,"
            " min(at) AS oldest FROM citizen_submissions"
            " WHERE (device_hash = :d OR address_hash = :a) AND at > :since"
        ),
        {"d": device, "a": address, "since": now - WINDOW},
    ).one()
    if row.device >= limits.per_device or row.address >= limits.per_address:
        wait = (row.oldest + WINDOW - now).total_seconds() if row.oldest else 3600
        minutes = max(1, round(wait / 60))
        raise TooManyReports(
            bilingual(
                "Too many reports from this phone or network in one hour (at most {n})."
                " Try again in {minutes} minutes.",
                n=limits.per_device
                if row.device >= limits.per_device
                else limits.per_address,
                minutes=minutes,
            ),
            retry_after=int(max(60, wait)),
        )


def _record(conn: sa.Connection, sender: Sender, now: datetime) -> None:
    device, address = sender.hashes()
    conn.execute(
        sa.text("DELETE FROM citizen_submissions WHERE at < :old"),
        {"old": now - 24 * WINDOW},
    )
    conn.execute(
        sa.text(
            "INSERT INTO citizen_submissions (at, device_hash, address_hash)"
            " VALUES (:now, :d, :a)"
        ),
        {"now": now, "d": device, "a": address},
    )


def submit_from_app(
    transaction: Callable[[], AbstractContextManager[sa.Connection]],
    report: Report,
    now: datetime,
    *,
    sender: Sender,
    limits: Limits,
    answers: dict[str, list[str]],
    photos: list[bytes],
    media_dir: Path,
) -> Submission:
    """Take in a report from the citizen app, in one ``transaction()``: the hourly
    limits first (a refused sender's photos are never decoded), then the answers
    to the category's questions, the photos (checked, stripped of EXIF, stored),
    and :func:`layers.intake.submit_report`. When anything fails the stored
    photos are deleted again, so a refused report leaves nothing behind."""
    if len(report.description) > MAX_DESCRIPTION:
        raise InvalidParameter(
            bilingual(
                "The description is longer than {n} characters: please shorten it",
                n=MAX_DESCRIPTION,
            ),
            field="description",
        )
    if len(photos) > MAX_PHOTOS:
        raise InvalidParameter(
            bilingual("At most {n} photos per report", n=MAX_PHOTOS), field="photo"
        )
    saved: list[dict[str, object]] = []
    try:
        with transaction() as conn:
            check_rate(conn, sender, limits, now)
            attributes = check_attributes(
                service_attributes(conn, report.category_code), answers
            )
            prepared = [prepare_photo(data) for data in photos]
            for photo in prepared:
                saved.append(photo.save(media_dir, now))
            submission = submit_report(
                conn,
                replace(report, channel=CHANNEL, attributes=attributes, photos=saved),
                now,
            )
            _record(conn, sender, now)
            return submission
    except BaseException:
        for reference in saved:
            remove_saved(media_dir, reference)
        raise
