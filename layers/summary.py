"""What is in the database: per-layer feature counts, for the landing page and CLI."""

from __future__ import annotations

import sqlalchemy as sa

from layers import LAYERS


def layer_counts(conn: sa.Connection) -> list[dict[str, object]]:
    """Name, title msgid, feature count and synthetic count of every layer."""
    rows = []
    for layer in LAYERS.values():
        has_synthetic = layer.table not in (
            "kota",
            "kecamatan",
            "kelurahan",
            "opd",
            "categories",
        )
        synthetic = "count(*) FILTER (WHERE synthetic)" if has_synthetic else "0"
        total, fake = conn.execute(
            sa.text(f"SELECT count(*), {synthetic} FROM {layer.table}")
        ).one()
        rows.append(
            {
                "name": layer.name,
                "title": layer.title,
                "features": total,
                "synthetic": fake,
                "geometry": layer.geometry_type,
            }
        )
    return rows


def complaint_status_counts(conn: sa.Connection) -> dict[str, int]:
    """Number of complaints in each state."""
    return dict(
        conn.execute(
            sa.text("SELECT status, count(*) FROM complaints GROUP BY status")
        ).all()
    )
