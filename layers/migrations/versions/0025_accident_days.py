"""Accidents per WITA calendar day, kept in step by the accidents table itself.

The "Kota" panel's accident windows (this month, last month, twelve months)
summed a year of accident rows on every refresh. ``accident_days`` holds one
row per WITA day with the accidents, MD, LB, LR and property-damage-only counts,
so a window is a few hundred rows. Statement-level triggers with transition
tables keep it in step with every write, whichever path makes it: the import's
INSERT, the demo's COPY and UPDATE, a DELETE or TRUNCATE; a statement adds or
takes away its rows grouped by day, once, not row by row.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from gis.timeutil import wita_day_sql

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

#: the rows of a transition table summed per WITA day, signed (+1 or -1)
_DELTA = (
    "INSERT INTO accident_days AS d (day, accidents, died, serious_injuries,"
    " minor_injuries, pdo) SELECT {day}, {sign} * count(*), {sign} * sum(died),"
    " {sign} * sum(serious_injuries), {sign} * sum(minor_injuries),"
    " {sign} * count(*) FILTER (WHERE pdo) FROM {rows} GROUP BY 1"
    " ON CONFLICT (day) DO UPDATE SET accidents = d.accidents + excluded.accidents,"
    " died = d.died + excluded.died,"
    " serious_injuries = d.serious_injuries + excluded.serious_injuries,"
    " minor_injuries = d.minor_injuries + excluded.minor_injuries,"
    " pdo = d.pdo + excluded.pdo;"
)
_DAY = wita_day_sql("occurred_at")

FUNCTIONS = f"""
CREATE FUNCTION sigap_accident_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {_DELTA.format(day=_DAY, sign=-1, rows="old_rows")}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {_DELTA.format(day=_DAY, sign=1, rows="new_rows")}
  END IF;
  DELETE FROM accident_days WHERE accidents = 0;
  RETURN NULL;
END $$;
CREATE FUNCTION sigap_accident_days_truncate() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN TRUNCATE accident_days; RETURN NULL; END $$;
CREATE TRIGGER accident_days_insert AFTER INSERT ON accidents
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_accident_days();
CREATE TRIGGER accident_days_update AFTER UPDATE ON accidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_accident_days();
CREATE TRIGGER accident_days_delete AFTER DELETE ON accidents
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_accident_days();
CREATE TRIGGER accident_days_truncate AFTER TRUNCATE ON accidents
  FOR EACH STATEMENT EXECUTE FUNCTION sigap_accident_days_truncate();
"""


def upgrade() -> None:
    op.create_table(
        "accident_days",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("accidents", sa.Integer, nullable=False),
        sa.Column("died", sa.Integer, nullable=False),
        sa.Column("serious_injuries", sa.Integer, nullable=False),
        sa.Column("minor_injuries", sa.Integer, nullable=False),
        sa.Column("pdo", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO accident_days SELECT"
        f" {_DAY}, count(*), sum(died), sum(serious_injuries), sum(minor_injuries),"
        " count(*) FILTER (WHERE pdo) FROM accidents GROUP BY 1"
    )
    op.execute(FUNCTIONS)


def downgrade() -> None:
    for event in ("insert", "update", "delete", "truncate"):
        op.execute(f"DROP TRIGGER accident_days_{event} ON accidents")
    op.execute("DROP FUNCTION sigap_accident_days()")
    op.execute("DROP FUNCTION sigap_accident_days_truncate()")
    op.drop_table("accident_days")
