"""Publishing: red flags as a SQL function every publisher (WMS, feeds, CLI) reads.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The mayor's rule: red when a report in a kelurahan × category has been unhandled
# (baru, diverifikasi, didisposisikan — the states of ix_complaints_open) for the
# category's red_flag_days; amber within amber_days of it; green otherwise.
RED_FLAGS = """
CREATE FUNCTION sigap_red_flags(at timestamptz, amber_days double precision)
RETURNS TABLE (kelurahan_kode text, category_code text, flag text,
               threshold_days integer, unhandled bigint, oldest_days double precision,
               tickets text[])
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT c.kelurahan_kode, c.category_code,
    CASE WHEN max(at - c.reported_at) >= make_interval(days => g.red_flag_days)
           THEN 'red'
         WHEN max(at - c.reported_at) >= make_interval(secs => (g.red_flag_days
           - amber_days) * 86400) THEN 'amber'
         ELSE 'green' END,
    g.red_flag_days, count(*),
    extract(epoch FROM max(at - c.reported_at)) / 86400,
    coalesce(array_agg(c.ticket ORDER BY c.reported_at) FILTER (WHERE c.reported_at
      <= at - make_interval(secs => (g.red_flag_days - amber_days) * 86400)),
      '{}')
  FROM complaints c JOIN categories g ON g.code = c.category_code
  WHERE c.status IN ('baru', 'diverifikasi', 'didisposisikan')
    AND c.reported_at <= at
  GROUP BY c.kelurahan_kode, c.category_code, g.red_flag_days
$$;
"""


#: Every change to a published table bumps one sequence: publishers key their
#: caches (and ETags) by its value. A sequence never blocks concurrent writers.
VERSIONED = (
    "kota",
    "kecamatan",
    "kelurahan",
    "complaints",
    "roads",
    "streetlights",
    "transit_routes",
    "transit_stops",
    "categories",
    "analysis_runs",
    "kelurahan_stats",
    "hex_cells",
    "hex_hotspots",
    "emerging_hex",
    "emerging_kelurahan",
    "density_rasters",
)
VERSION_FUNCTION = """
CREATE SEQUENCE sigap_data_version;
CREATE FUNCTION sigap_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('sigap_data_version');
  RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.execute(RED_FLAGS)
    op.execute(VERSION_FUNCTION)
    for table in VERSIONED:
        op.execute(
            f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR"
            f" DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT"
            " EXECUTE FUNCTION sigap_bump_data_version()"
        )


def downgrade() -> None:
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}")
    op.execute("DROP FUNCTION IF EXISTS sigap_bump_data_version()")
    op.execute("DROP SEQUENCE IF EXISTS sigap_data_version")
    op.execute("DROP FUNCTION IF EXISTS sigap_red_flags(timestamptz, double precision)")
