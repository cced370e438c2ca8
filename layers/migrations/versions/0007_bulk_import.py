"""What a fast bulk import of complaints needs from the database.

* ``kelurahan_grid``: the cells of a fine grid (360 / 2^20 degrees, about 38 m;
  ``sigap_grid_index`` gives a coordinate's column or row)
  that lie wholly inside one kelurahan and touch no other. A point in such a cell
  belongs to that kelurahan by ``sigap_kelurahan_at``'s own rule, so an import
  finds the kelurahan of most points with one hash join and asks the function
  only for the few near a boundary. The grid is built by quadtree refinement
  (coarse cells first, only boundary cells split) whenever ``kelurahan`` changes,
  by the statement triggers that keep ``kelurahan_parts``; they now see the
  changed rows (transition tables) and skip a statement that changed none.
* ``sigap_ticket(id, reported_at)``: the public ticket number, one definition
  shared by the insert trigger and set-based writers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: the grid's level: 2^20 cells around the world
GRID_LEVEL = 20

#: the complaints row trigger of 0001 with its ticket expression left open: this
#: revision makes it call sigap_ticket (the bulk import's definition too);
#: downgrade puts 0001's inline expression back
BEFORE_WRITE = """
CREATE OR REPLACE FUNCTION sigap_complaints_before_write() RETURNS trigger
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
    NEW.ticket := {ticket};
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
"""
TICKET_0001 = """'KPG-'
      || to_char(NEW.reported_at AT TIME ZONE 'Asia/Makassar', 'YYMM') || '-'
      || lpad(NEW.id::text, greatest(6, length(NEW.id::text)), '0')"""

FUNCTIONS = f"""
CREATE FUNCTION sigap_ticket(id bigint, reported timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'KPG-' || to_char(reported AT TIME ZONE 'Asia/Makassar', 'YYMM') || '-'
         || lpad(id::text, greatest(6, length(id::text)), '0')
$$;

-- Column or row of the kelurahan grid a longitude or latitude falls in.
CREATE FUNCTION sigap_grid_index(degrees double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(degrees * {1 << GRID_LEVEL} / 360.0)::integer
$$;

-- Cell (cx, cy) of the grid at ``level`` (2^level cells around the world),
-- widened by 1e-9 degrees so rounding at its edges cannot matter.
CREATE FUNCTION sigap_grid_cell(level integer, cx integer, cy integer)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Expand(ST_MakeEnvelope(cx * 360.0 / (1 << level),
    cy * 360.0 / (1 << level), (cx + 1) * 360.0 / (1 << level),
    (cy + 1) * 360.0 / (1 << level), 4326), 1e-9)
$$;

CREATE FUNCTION sigap_refresh_kelurahan_grid() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  finest constant integer := {GRID_LEVEL};
  level integer := 12;
  xs integer[];
  ys integer[];
  interior_x integer[];
  interior_y integer[];
  interior_kode text[];
BEGIN
  DELETE FROM kelurahan_grid;
  SELECT array_agg(x), array_agg(y) INTO xs, ys
    FROM (SELECT ST_Extent(geom) AS e FROM kelurahan) b,
    generate_series(floor(ST_XMin(b.e) * (1 << level) / 360.0)::integer,
                    floor(ST_XMax(b.e) * (1 << level) / 360.0)::integer) x,
    generate_series(floor(ST_YMin(b.e) * (1 << level) / 360.0)::integer,
                    floor(ST_YMax(b.e) * (1 << level) / 360.0)::integer) y;
  WHILE level <= finest AND xs IS NOT NULL LOOP
    -- cells touching exactly one kelurahan and covered by it are interior
    WITH touched AS (
      SELECT c.x, c.y, min(p.kode) AS kode, count(DISTINCT p.kode) AS n
      FROM unnest(xs, ys) AS c(x, y)
      JOIN kelurahan_parts p ON ST_Intersects(p.geom, sigap_grid_cell(level, c.x, c.y))
      GROUP BY c.x, c.y),
    classified AS (
      SELECT t.x, t.y, t.kode, t.n = 1 AND ST_CoveredBy(
        sigap_grid_cell(level, t.x, t.y), k.geom) AS interior
      FROM touched t JOIN kelurahan k ON k.kode = t.kode)
    SELECT array_agg(x) FILTER (WHERE interior), array_agg(y) FILTER (WHERE interior),
           array_agg(kode) FILTER (WHERE interior),
           array_agg(x) FILTER (WHERE NOT interior),
           array_agg(y) FILTER (WHERE NOT interior)
      INTO interior_x, interior_y, interior_kode, xs, ys FROM classified;
    -- an interior cell stands for all its cells at the finest level
    INSERT INTO kelurahan_grid (cx, cy, kode)
      SELECT c.x * (1 << (finest - level)) + i,
             c.y * (1 << (finest - level)) + j, c.kode
      FROM unnest(interior_x, interior_y, interior_kode) AS c(x, y, kode),
        generate_series(0, (1 << (finest - level)) - 1) i,
        generate_series(0, (1 << (finest - level)) - 1) j;
    -- boundary cells are split in four and looked at again one level finer
    SELECT array_agg(c.x * 2 + i), array_agg(c.y * 2 + j) INTO xs, ys
      FROM unnest(xs, ys) AS c(x, y), generate_series(0, 1) i, generate_series(0, 1) j;
    level := level + 1;
  END LOOP;
  ANALYZE kelurahan_grid;
END $$;

-- Rebuild the pieces and the grid when a statement changed kelurahan rows (a
-- statement that matched none, such as an unchanged reference reload, costs nothing).
CREATE OR REPLACE FUNCTION sigap_refresh_kelurahan_parts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
      RETURN NULL;
    END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  DELETE FROM kelurahan_parts;
  INSERT INTO kelurahan_parts (kode, geom)
    SELECT kode, ST_Subdivide(geom, 64) FROM kelurahan;
  PERFORM sigap_refresh_kelurahan_grid();
  RETURN NULL;
END $$;
DROP TRIGGER kelurahan_parts_refresh ON kelurahan;
CREATE TRIGGER kelurahan_parts_insert AFTER INSERT ON kelurahan
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_refresh_kelurahan_parts();
CREATE TRIGGER kelurahan_parts_update AFTER UPDATE ON kelurahan
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_refresh_kelurahan_parts();
CREATE TRIGGER kelurahan_parts_delete AFTER DELETE ON kelurahan
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_refresh_kelurahan_parts();

""" + BEFORE_WRITE.format(ticket="sigap_ticket(NEW.id, NEW.reported_at)")

PREVIOUS_FUNCTIONS = """
DROP TRIGGER kelurahan_parts_insert ON kelurahan;
DROP TRIGGER kelurahan_parts_update ON kelurahan;
DROP TRIGGER kelurahan_parts_delete ON kelurahan;
CREATE OR REPLACE FUNCTION sigap_refresh_kelurahan_parts() RETURNS trigger
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

""" + BEFORE_WRITE.format(ticket=TICKET_0001)


def upgrade() -> None:
    op.create_table(
        "kelurahan_grid",
        sa.Column("cx", sa.Integer, primary_key=True),
        sa.Column("cy", sa.Integer, primary_key=True),
        sa.Column("kode", sa.Text, nullable=False),
    )
    op.execute(FUNCTIONS)
    op.execute("SELECT sigap_refresh_kelurahan_grid()")


def downgrade() -> None:
    op.execute(PREVIOUS_FUNCTIONS)
    op.execute("DROP FUNCTION sigap_refresh_kelurahan_grid()")
    op.execute("DROP FUNCTION sigap_grid_cell(integer, integer, integer)")
    op.execute("DROP FUNCTION sigap_grid_index(double precision)")
    op.execute("DROP FUNCTION sigap_ticket(bigint, timestamptz)")
    op.drop_table("kelurahan_grid")
