"""Which OPD owns a new complaint: the category's owner unless a location rule says
otherwise.

Rules live in ``data/reference/routing.csv`` (configuration, not code): a category,
a road class and a distance. A report of that category within ``within_m`` metres of
a road of that class goes to the rule's OPD — e.g. potholes on arterial roads, which
in Kupang are provincial roads, go to PUPR Provinsi instead of the city's Dinas PUPR.
The first matching rule (lowest id) wins; rules an admin adds in the console
come after the shipped ones, and a rule switched off there is skipped.
"""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import Base


class RoutingRule(Base):
    __tablename__ = "routing_rules"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    category_code: Mapped[str] = mapped_column(sa.ForeignKey("categories.code"))
    road_class: Mapped[str] = mapped_column(sa.Text)
    within_m: Mapped[float] = mapped_column(sa.Float)
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opd.code"))
    note: Mapped[str] = mapped_column(sa.Text, server_default="")
    #: ``reference`` (routing.csv) or ``admin`` (made or changed in the console)
    source: Mapped[str] = mapped_column(sa.Text, server_default="reference")
    active: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.true())
    __table_args__ = (
        sa.CheckConstraint(
            "within_m > 0 AND within_m <= 500", name="routing_rules_within"
        ),
    )


#: rules an admin adds are numbered from here, after the shipped ones
FIRST_ADMIN_ID = 1001


def load_routing_rules(conn: sa.Connection, reference_dir: Path) -> int:
    """Replace the shipped rules with ``routing.csv`` (rule ids follow the file's
    order); a rule an admin changed or switched off keeps the admin's version."""
    with open(reference_dir / "routing.csv", encoding="utf-8") as handle:
        rows = [
            {**row, "id": number}
            for number, row in enumerate(csv.DictReader(handle), start=1)
        ]
    conn.execute(sa.text("DELETE FROM routing_rules WHERE source = 'reference'"))
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO routing_rules (id, category_code, road_class, within_m,"
                " opd_code, note) VALUES (:id, :category_code, :road_class,"
                " CAST(:within_m AS float), :opd_code, :note)"
                " ON CONFLICT (id) DO NOTHING"
            ),
            rows,
        )
    return len(rows)


#: SQL for the owner of a report of category ``:category`` at point ``:point``
#: (an expression usable inside a larger statement). The bounding-box test lets the
#: roads' GIST index find candidates; the geography test is the exact metric one.
OWNER_SQL = (
    "coalesce((SELECT r.opd_code FROM routing_rules r"
    " WHERE r.category_code = {category} AND r.active"
    " AND EXISTS (SELECT 1 FROM roads d WHERE d.road_class = r.road_class"
    "   AND d.geom && ST_Expand({point}, r.within_m / 100000.0)"
    "   AND ST_DWithin(d.geom::geography, {point}::geography, r.within_m))"
    " ORDER BY r.id LIMIT 1),"
    " (SELECT k.opd_code FROM categories k WHERE k.code = {category}))"
)


def owner_of(
    conn: sa.Connection, category_code: str, lon: float, lat: float
) -> str | None:
    """The OPD a new report of ``category_code`` at (lon, lat) is routed to."""
    return conn.execute(
        sa.text(
            "SELECT "
            + OWNER_SQL.format(
                category=":category", point="ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)"
            )
        ),
        {"category": category_code, "lon": lon, "lat": lat},
    ).scalar()
