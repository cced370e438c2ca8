"""Foundation: boundaries, OPD, categories, complaints with audit trail, networks.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTM = 32751
STATES = (
    "baru",
    "diverifikasi",
    "didisposisikan",
    "diproses",
    "koordinasi",
    "selesai",
    "ditolak",
)
CHANNELS = (
    "aplikasi",
    "web",
    "whatsapp",
    "telepon",
    "media_sosial",
    "open311",
    "import",
)


def geometry(kind: str) -> Geometry:
    return Geometry(kind, srid=4326, nullable=False, spatial_index=False)


def area_km2() -> sa.Computed:
    return sa.Computed(f"ST_Area(ST_Transform(geom, {UTM})) / 1e6", persisted=True)


def length_m() -> sa.Computed:
    return sa.Computed(f"ST_Length(ST_Transform(geom, {UTM}))", persisted=True)


def gist(table: str) -> None:
    op.create_index(f"idx_{table}_geom", table, ["geom"], postgresql_using="gist")


FUNCTIONS = """
CREATE FUNCTION sigap_refresh_kelurahan_parts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kelurahan_parts;
  INSERT INTO kelurahan_parts (kode, geom)
    SELECT kode, ST_Subdivide(geom, 64) FROM kelurahan;
  RETURN NULL;
END $$;

CREATE TRIGGER kelurahan_parts_refresh
  AFTER INSERT OR UPDATE OR DELETE ON kelurahan
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_refresh_kelurahan_parts();

-- The kelurahan a point belongs to. Inside a kelurahan: that one (the lowest code
-- on a shared edge or in an upstream overlap). In a hairline gap of the simplified
-- boundaries -- inside the city outline, or within 30 m of a kelurahan -- the
-- nearest one. Otherwise NULL: outside Kota Kupang.
CREATE FUNCTION sigap_kelurahan_at(p geometry) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  found text;
BEGIN
  SELECT min(kode) INTO found FROM kelurahan_parts WHERE ST_Intersects(geom, p);
  IF found IS NOT NULL THEN
    RETURN found;
  END IF;
  IF EXISTS (SELECT 1 FROM kota WHERE ST_Intersects(geom, p))
     OR EXISTS (SELECT 1 FROM kelurahan
                WHERE ST_DWithin(geom::geography, p::geography, 30)) THEN
    SELECT kode INTO found FROM kelurahan
      ORDER BY ST_Distance(geom::geography, p::geography), kode LIMIT 1;
  END IF;
  RETURN found;
END $$;

-- Whether a geometry of any type touches Kota Kupang (same tolerance as above).
CREATE FUNCTION sigap_in_city(g geometry) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (SELECT 1 FROM kelurahan_parts WHERE ST_Intersects(geom, g))
      OR EXISTS (SELECT 1 FROM kota WHERE ST_Intersects(geom, g))
      OR EXISTS (SELECT 1 FROM kelurahan
                 WHERE ST_DWithin(geom::geography, g::geography, 30))
$$;

CREATE FUNCTION sigap_complaints_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk import that assigned kelurahan set-based (same rule) sets
  -- sigap.kelurahan_assigned for its own transaction; everything else is looked up.
  IF TG_OP = 'INSERT' AND NEW.kelurahan_kode IS NOT NULL
     AND current_setting('sigap.kelurahan_assigned', true) = 'on' THEN
    NULL;
  ELSIF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    NEW.kelurahan_kode := sigap_kelurahan_at(NEW.geom);
    IF NEW.kelurahan_kode IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'SG001',
        MESSAGE = format('location %s is outside Kota Kupang', ST_AsText(NEW.geom));
    END IF;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.ticket IS NULL THEN
    NEW.ticket := 'KPG-'
      || to_char(NEW.reported_at AT TIME ZONE 'Asia/Makassar', 'YYMM') || '-'
      || lpad(NEW.id::text, greatest(6, length(NEW.id::text)), '0');
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER complaints_before_write
  BEFORE INSERT OR UPDATE ON complaints
  FOR EACH ROW EXECUTE FUNCTION sigap_complaints_before_write();

-- The audit trail is append-only. Only an explicit purge of synthetic demo data
-- (SET LOCAL sigap.purge = 'on', done by `sigap seed --demo --replace`) may delete.
CREATE FUNCTION sigap_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('sigap.purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'SG002',
    MESSAGE = format('%s is append-only: %s refused', TG_TABLE_NAME, TG_OP);
END $$;

CREATE TRIGGER complaint_events_append_only
  BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION sigap_append_only();
CREATE TRIGGER complaint_events_no_truncate
  BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_append_only();
"""


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table(
        "kota",
        sa.Column("kode", sa.Text, primary_key=True),
        sa.Column("nama", sa.Text, nullable=False),
        sa.Column("area_km2", sa.Float, area_km2()),
        sa.Column("geom", geometry("MULTIPOLYGON")),
    )
    op.create_table(
        "kecamatan",
        sa.Column("kode", sa.Text, primary_key=True),
        sa.Column("nama", sa.Text, nullable=False),
        sa.Column("kota_kode", sa.Text, sa.ForeignKey("kota.kode"), nullable=False),
        sa.Column("area_km2", sa.Float, area_km2()),
        sa.Column("geom", geometry("MULTIPOLYGON")),
    )
    op.create_table(
        "kelurahan",
        sa.Column("kode", sa.Text, primary_key=True),
        sa.Column("kode_bps", sa.Text, nullable=False, unique=True),
        sa.Column("nama", sa.Text, nullable=False),
        sa.Column(
            "kecamatan_kode", sa.Text, sa.ForeignKey("kecamatan.kode"), nullable=False
        ),
        sa.Column("kode_pos", sa.Text),
        sa.Column("area_km2", sa.Float, area_km2()),
        sa.Column("geom", geometry("MULTIPOLYGON")),
    )
    op.create_table(
        "kelurahan_parts",
        sa.Column("kode", sa.Text, nullable=False),
        sa.Column("geom", geometry("POLYGON")),
    )
    for table in ("kota", "kecamatan", "kelurahan", "kelurahan_parts"):
        gist(table)
    op.create_table(
        "opd",
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("short_name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode")),
        sa.CheckConstraint(
            "kind IN ('dinas', 'badan', 'satuan', 'bumd', 'kecamatan', 'kelurahan')",
            name="opd_kind",
        ),
    )
    op.create_table(
        "categories",
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name_id", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("opd_code", sa.Text, sa.ForeignKey("opd.code"), nullable=False),
        sa.Column("sla_days", sa.Integer, nullable=False),
        sa.Column("severity", sa.Float, nullable=False),
        sa.Column("duplicate_radius_m", sa.Float, nullable=False),
        sa.Column("red_flag_days", sa.Integer, nullable=False, server_default="7"),
        sa.Column("keywords", sa.Text, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.CheckConstraint("sla_days > 0", name="categories_sla_positive"),
        sa.CheckConstraint("severity > 0", name="categories_severity_positive"),
        sa.CheckConstraint("duplicate_radius_m >= 0", name="categories_radius"),
        sa.CheckConstraint("red_flag_days > 0", name="categories_red_flag_days"),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("ticket", sa.Text, nullable=False, unique=True),
        sa.Column(
            "category_code", sa.Text, sa.ForeignKey("categories.code"), nullable=False
        ),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column(
            "photos", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
        sa.Column("geom", geometry("POINT")),
        sa.Column(
            "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), nullable=False
        ),
        sa.Column("opd_code", sa.Text, sa.ForeignKey("opd.code")),
        sa.Column("status", sa.Text, nullable=False, server_default="baru"),
        sa.Column("sub_status", sa.Text),
        sa.Column("channel", sa.Text, nullable=False, server_default="web"),
        sa.Column(
            "reported_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.CheckConstraint(f"status IN {STATES}", name="complaints_status"),
        sa.CheckConstraint(f"channel IN {CHANNELS}", name="complaints_channel"),
        sa.CheckConstraint(
            "acknowledged_at IS NULL OR acknowledged_at >= reported_at",
            name="complaints_ack_after_report",
        ),
        sa.CheckConstraint(
            "resolved_at IS NULL OR resolved_at >= reported_at",
            name="complaints_resolved_after_report",
        ),
    )
    gist("complaints")
    op.create_index(
        "ix_complaints_category_reported",
        "complaints",
        ["category_code", "reported_at"],
    )
    op.create_index(
        "ix_complaints_kelurahan_category",
        "complaints",
        ["kelurahan_kode", "category_code"],
    )
    op.create_index("ix_complaints_status", "complaints", ["status"])
    op.create_index("ix_complaints_reported_at", "complaints", ["reported_at"])
    op.create_table(
        "complaint_contacts",
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.Text),
        sa.Column("phone", sa.Text),
        sa.Column("email", sa.Text),
    )
    op.create_table(
        "complaint_events",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id"),
            nullable=False,
        ),
        sa.Column(
            "at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("from_status", sa.Text),
        sa.Column("to_status", sa.Text),
        sa.Column("note", sa.Text),
    )
    op.create_index(
        "ix_complaint_events_complaint", "complaint_events", ["complaint_id", "at"]
    )
    op.create_table(
        "roads",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("road_class", sa.Text, nullable=False),
        sa.Column("surface", sa.Text),
        sa.Column("condition", sa.Text),
        sa.Column("length_m", sa.Float, length_m()),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("LINESTRING")),
        sa.CheckConstraint(
            "road_class IN ('arteri', 'kolektor', 'lokal', 'lingkungan')",
            name="roads_class",
        ),
        sa.CheckConstraint(
            "surface IN ('aspal', 'beton', 'paving', 'kerikil', 'tanah')",
            name="roads_surface",
        ),
        sa.CheckConstraint(
            "condition IN ('baik', 'sedang', 'rusak_ringan', 'rusak_berat')",
            name="roads_condition",
        ),
    )
    gist("roads")
    op.create_table(
        "streetlights",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("pole_id", sa.Text, nullable=False, unique=True),
        sa.Column("lamp_type", sa.Text),
        sa.Column("wattage", sa.Integer),
        sa.Column("status", sa.Text, nullable=False, server_default="menyala"),
        sa.Column(
            "road_id", sa.Integer, sa.ForeignKey("roads.id", ondelete="SET NULL")
        ),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("POINT")),
        sa.CheckConstraint(
            "lamp_type IN ('LED', 'SON', 'MH', 'merkuri', 'CFL')",
            name="streetlights_lamp",
        ),
        sa.CheckConstraint(
            "status IN ('menyala', 'mati', 'rusak')", name="streetlights_status"
        ),
        sa.CheckConstraint(
            "wattage > 0 AND wattage <= 1000", name="streetlights_wattage"
        ),
    )
    gist("streetlights")
    op.create_index("ix_streetlights_road", "streetlights", ["road_id"])
    op.create_table(
        "transit_routes",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("length_m", sa.Float, length_m()),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("MULTILINESTRING")),
    )
    gist("transit_routes")
    op.create_table(
        "transit_stops",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column(
            "route_codes",
            ARRAY(sa.Text),
            nullable=False,
            server_default=sa.text("'{}'::text[]"),
        ),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("POINT")),
    )
    gist("transit_stops")
    op.execute(FUNCTIONS)


def downgrade() -> None:
    for table in (
        "transit_stops",
        "transit_routes",
        "streetlights",
        "roads",
        "complaint_events",
        "complaint_contacts",
        "complaints",
        "categories",
        "opd",
        "kelurahan_parts",
        "kelurahan",
        "kecamatan",
        "kota",
    ):
        op.drop_table(table)
    for function in (
        "sigap_append_only()",
        "sigap_complaints_before_write()",
        "sigap_in_city(geometry)",
        "sigap_kelurahan_at(geometry)",
        "sigap_refresh_kelurahan_parts()",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
