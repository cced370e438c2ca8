"""A complaint row: kelurahan assigned by the database, ticket, audit, privacy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from gis.errors import InvalidParameter, OutsideCity
from gis.i18n import _
from layers.complaints import CHANNEL_LABELS, CHANNELS, create_complaint
from tests.conftest import NOW, count

EL_TARI_AIRPORT = (123.6711, -10.1716)
TENAU_PORT = (123.5300, -10.2000)
JL_LALAMENTIK = (123.6075, -10.1620)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (EL_TARI_AIRPORT, "Penfui"),
        (TENAU_PORT, "Alak"),
        (JL_LALAMENTIK, "Fatululi"),
    ],
)
def test_the_database_assigns_the_kelurahan_of_known_places(conn, place, expected):
    row = create_complaint(
        conn,
        category_code="jalan_berlubang",
        lon=place[0],
        lat=place[1],
        description="uji",
        reported_at=NOW,
    )
    name = conn.execute(
        sa.text("SELECT nama FROM kelurahan WHERE kode = :k"), {"k": row.kelurahan_kode}
    ).scalar_one()
    assert name == expected


def test_a_point_on_a_shared_edge_goes_to_the_lowest_code(conn):
    # a vertex shared by two neighbouring kelurahan
    lon, lat, codes = conn.execute(
        sa.text(
            "SELECT ST_X(p), ST_Y(p), array_agg(k.kode ORDER BY k.kode) FROM"
            " (SELECT (ST_DumpPoints(ST_Intersection(a.geom, b.geom))).geom AS p"
            "  FROM kelurahan a JOIN kelurahan b ON a.kode < b.kode"
            "  AND ST_Touches(a.geom, b.geom) LIMIT 1) v"
            " JOIN kelurahan k ON ST_Intersects(k.geom, v.p) GROUP BY p"
        )
    ).one()
    assert len(codes) >= 2
    row = create_complaint(
        conn, category_code="kebersihan", lon=lon, lat=lat, reported_at=NOW
    )
    assert row.kelurahan_kode == min(codes)
    again = create_complaint(
        conn, category_code="drainase", lon=lon, lat=lat, reported_at=NOW
    )
    assert again.kelurahan_kode == row.kelurahan_kode


def test_a_point_in_a_hairline_gap_goes_to_the_nearest_kelurahan(conn):
    lon, lat, nearest = conn.execute(
        sa.text(
            "WITH gap AS (SELECT (ST_Dump(ST_Difference(ST_Buffer(ST_Union(geom), 0.0003),"
            " ST_Union(geom)))).geom AS g FROM kelurahan),"
            " p AS (SELECT ST_PointOnSurface(g) AS p FROM gap WHERE ST_Area(g) > 0"
            "       AND EXISTS (SELECT 1 FROM kota WHERE ST_Intersects(kota.geom,"
            "       ST_PointOnSurface(g))) LIMIT 1)"
            " SELECT ST_X(p), ST_Y(p), (SELECT kode FROM kelurahan ORDER BY"
            " ST_Distance(geom::geography, p::geography) LIMIT 1) FROM p"
        )
    ).one()
    row = create_complaint(
        conn, category_code="kebersihan", lon=lon, lat=lat, reported_at=NOW
    )
    assert row.kelurahan_kode == nearest


def test_a_point_outside_the_city_is_refused_and_nothing_is_written(conn):
    before = count(conn, "complaints"), count(conn, "complaint_events")
    with pytest.raises(OutsideCity) as error:
        create_complaint(
            conn, category_code="kebersihan", lon=123.40, lat=-10.20, reported_at=NOW
        )
    assert "di luar Kota Kupang" in error.value.message
    assert "outside Kota Kupang" in error.value.message
    assert (count(conn, "complaints"), count(conn, "complaint_events")) == before


def test_an_unknown_category_is_refused(conn):
    with pytest.raises(InvalidParameter):
        create_complaint(
            conn,
            category_code="ufo",
            lon=EL_TARI_AIRPORT[0],
            lat=EL_TARI_AIRPORT[1],
            reported_at=NOW,
        )


def _at_lalamentik(conn, category: str, **fields):
    """A complaint of ``category`` on Jl. Lalamentik."""
    lon, lat = JL_LALAMENTIK
    return create_complaint(conn, category_code=category, lon=lon, lat=lat, **fields)


def test_ticket_number_carries_the_month_in_wita_and_the_id(conn):
    # 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Kupang
    row = _at_lalamentik(
        conn,
        "kebersihan",
        reported_at=datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
    )
    assert row.ticket == f"KPG-2701-{row.id:06d}"
    assert row.reported_at == datetime(2026, 12, 31, 20, 0, tzinfo=UTC)


def test_creation_writes_an_audit_event_and_keeps_the_contact_private(conn):
    row = _at_lalamentik(
        conn,
        "lampu_jalan_mati",
        reporter={"name": "Maria Ndolu", "phone": "081234567890"},
        actor="warga",
        reported_at=NOW,
    )
    event = conn.execute(
        sa.text(
            "SELECT actor, action, from_status, to_status FROM complaint_events"
            " WHERE complaint_id = :id"
        ),
        {"id": row.id},
    ).one()
    assert tuple(event) == ("warga", "created", None, "baru")
    columns = set(
        conn.execute(
            sa.text(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'complaints'"
            )
        ).scalars()
    )
    assert not columns & {"name", "phone", "email", "reporter_name"}
    contact = conn.execute(
        sa.text("SELECT name, phone FROM complaint_contacts WHERE complaint_id = :id"),
        {"id": row.id},
    ).one()
    assert tuple(contact) == ("Maria Ndolu", "081234567890")
    assert row.opd_code == "DISHUB"


def test_the_audit_trail_is_append_only(conn):
    row = _at_lalamentik(
        conn,
        "kebersihan",
        reported_at=NOW,
    )
    for statement in (
        "UPDATE complaint_events SET note = 'x' WHERE complaint_id = :id",
        "DELETE FROM complaint_events WHERE complaint_id = :id",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), conn.begin_nested():
            conn.execute(sa.text(statement), {"id": row.id})


def test_moving_a_complaint_reassigns_its_kelurahan(conn):
    row = _at_lalamentik(
        conn,
        "kebersihan",
        reported_at=NOW,
    )
    moved = conn.execute(
        sa.text(
            "UPDATE complaints SET geom = ST_SetSRID(ST_MakePoint(:x, :y), 4326)"
            " WHERE id = :id RETURNING kelurahan_kode"
        ),
        {"x": EL_TARI_AIRPORT[0], "y": EL_TARI_AIRPORT[1], "id": row.id},
    ).scalar_one()
    assert moved == "53.71.02.1003"


def test_the_count_grid_follows_inserts_moves_and_deletes_but_not_status(conn):
    import sqlalchemy as sa

    from layers.complaints import create_complaint

    recount = (
        "SELECT floor(ST_X(geom) / (360.0 / 131072))::int AS cx,"
        " floor(ST_Y(geom) / (360.0 / 131072))::int AS cy, count(*)::int"
        " FROM complaints GROUP BY 1, 2 ORDER BY 1, 2"
    )
    kept = "SELECT cx, cy, n FROM complaint_cells WHERE n <> 0 ORDER BY 1, 2"

    def same() -> bool:
        return conn.execute(sa.text(recount)).all() == conn.execute(sa.text(kept)).all()

    row = create_complaint(
        conn, category_code="kebersihan", lon=123.6000, lat=-10.1700, reported_at=NOW
    )
    assert same()
    conn.execute(
        sa.text(
            "UPDATE complaints SET status = 'diverifikasi',"
            " acknowledged_at = :now WHERE id = :id"
        ),
        {"id": row.id, "now": NOW},
    )
    assert same()
    conn.execute(
        sa.text(
            "UPDATE complaints SET geom = ST_SetSRID(ST_MakePoint("
            "123.5800, -10.1800), 4326) WHERE id = :id"
        ),
        {"id": row.id},
    )
    assert same()


def test_every_channel_has_its_name_on_the_staff_pages():
    assert tuple(CHANNEL_LABELS) == CHANNELS
    assert _(CHANNEL_LABELS["media_sosial"]) == "Media sosial"
