"""Complaint counts on a fine grid, kept current by the database, for city-zoom tiles.

Cells are 360 / 2^17 degrees wide (the 16-pixel cells of zoom-13 tiles, about
300 m); coarser tiles group them by integer division, so a city-wide tile reads a
few thousand cells instead of 100 000 points. A statement-level trigger with
transition tables maintains the counts set-based: one upsert per statement, so
bulk imports pay one GROUP BY, not a row trigger per complaint; status changes
(which do not move a complaint) do not touch it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CELL = "(360.0 / 131072)"  # 2^17 cells around the world
FUNCTIONS = f"""
CREATE FUNCTION sigap_cells_add(points geometry[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO complaint_cells AS c (cx, cy, n, sx, sy)
  SELECT floor(ST_X(p) / {CELL})::integer, floor(ST_Y(p) / {CELL})::integer,
         sign * count(*), sign * sum(ST_X(p)), sign * sum(ST_Y(p))
  FROM unnest(points) AS p GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (cx, cy) DO UPDATE SET n = c.n + excluded.n,
    sx = c.sx + excluded.sx, sy = c.sy + excluded.sy;
$$;
CREATE FUNCTION sigap_complaint_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM sigap_cells_add(ARRAY(SELECT geom FROM new_rows), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM sigap_cells_add(ARRAY(SELECT geom FROM old_rows), -1);
  ELSE
    -- only complaints that moved; a status change leaves the grid untouched
    PERFORM sigap_cells_add(ARRAY(SELECT o.geom FROM old_rows o JOIN new_rows n
      USING (id) WHERE NOT ST_Equals(o.geom, n.geom)), -1);
    PERFORM sigap_cells_add(ARRAY(SELECT n.geom FROM old_rows o JOIN new_rows n
      USING (id) WHERE NOT ST_Equals(o.geom, n.geom)), 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER complaints_cells_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_complaint_cells();
CREATE TRIGGER complaints_cells_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_complaint_cells();
CREATE TRIGGER complaints_cells_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION sigap_complaint_cells();
"""


def upgrade() -> None:
    op.create_table(
        "complaint_cells",
        sa.Column("cx", sa.Integer, primary_key=True),
        sa.Column("cy", sa.Integer, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("sx", sa.Float, nullable=False),
        sa.Column("sy", sa.Float, nullable=False),
    )
    op.execute(FUNCTIONS)
    op.execute(
        f"INSERT INTO complaint_cells SELECT floor(ST_X(geom) / {CELL})::integer,"
        f" floor(ST_Y(geom) / {CELL})::integer, count(*), sum(ST_X(geom)),"
        " sum(ST_Y(geom)) FROM complaints GROUP BY 1, 2"
    )


def downgrade() -> None:
    for name in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS complaints_cells_{name} ON complaints")
    op.execute("DROP FUNCTION IF EXISTS sigap_complaint_cells()")
    op.execute("DROP FUNCTION IF EXISTS sigap_cells_add(geometry[], integer)")
    op.drop_table("complaint_cells")
