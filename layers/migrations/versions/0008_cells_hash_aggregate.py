"""``sigap_cells_add`` counts by hash, then sorts only the cells.

The planner cannot know how few cells a batch of points falls in (thousands, for a
million points), so ``GROUP BY ... ORDER BY`` sorted every point. Counting in a
materialized CTE first lets it hash the points and sort only the counted cells for
the upsert (which takes its row locks in cell order): 1.6 s -> 0.9 s for a
million points.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CELL = "(360.0 / 131072)"  # 2^17 cells around the world, as in 0006


def _cells_add(grouped: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION sigap_cells_add(points geometry[], sign integer)
RETURNS void LANGUAGE sql AS $$
  {grouped}
  ON CONFLICT (cx, cy) DO UPDATE SET n = c.n + excluded.n,
    sx = c.sx + excluded.sx, sy = c.sy + excluded.sy;
$$;
"""


def upgrade() -> None:
    op.execute(
        _cells_add(f"""WITH counted AS MATERIALIZED (
    SELECT floor(ST_X(p) / {CELL})::integer AS cx,
           floor(ST_Y(p) / {CELL})::integer AS cy,
           sign * count(*) AS n, sign * sum(ST_X(p)) AS sx, sign * sum(ST_Y(p)) AS sy
    FROM unnest(points) AS p GROUP BY 1, 2)
  INSERT INTO complaint_cells AS c (cx, cy, n, sx, sy)
  SELECT cx, cy, n, sx, sy FROM counted ORDER BY cx, cy""")
    )


def downgrade() -> None:
    op.execute(
        _cells_add(f"""INSERT INTO complaint_cells AS c (cx, cy, n, sx, sy)
  SELECT floor(ST_X(p) / {CELL})::integer, floor(ST_Y(p) / {CELL})::integer,
         sign * count(*), sign * sum(ST_X(p)), sign * sum(ST_Y(p))
  FROM unnest(points) AS p GROUP BY 1, 2 ORDER BY 1, 2""")
    )
