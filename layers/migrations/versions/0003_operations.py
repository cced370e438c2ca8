"""Operations: working-day calendar and due dates, staff users and API keys,
supporters of duplicate reports.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

FUNCTIONS = """
-- Midnight (WITA) after the sla-th working day following the day of the report.
CREATE FUNCTION sigap_due_at(reported timestamptz, sla integer) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ((w2.day + 1)::timestamp AT TIME ZONE 'Asia/Makassar')
  FROM workdays w1 JOIN workdays w2
    ON w2.workday_index = w1.workday_index + sla AND w2.is_workday
  WHERE w1.day = (reported AT TIME ZONE 'Asia/Makassar')::date
$$;

CREATE FUNCTION sigap_complaints_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Bulk writers (import, demo) compute the same deadline set-based and pass it in.
  IF (TG_OP = 'INSERT' AND NEW.due_at IS NULL)
     OR (TG_OP = 'UPDATE' AND (NEW.category_code IS DISTINCT FROM OLD.category_code
         OR NEW.reported_at IS DISTINCT FROM OLD.reported_at)) THEN
    NEW.due_at := sigap_due_at(NEW.reported_at,
      (SELECT sla_days FROM categories WHERE code = NEW.category_code));
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER complaints_due
  BEFORE INSERT OR UPDATE ON complaints
  FOR EACH ROW EXECUTE FUNCTION sigap_complaints_due();
"""


def upgrade() -> None:
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "workdays",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("is_workday", sa.Boolean, nullable=False),
        sa.Column("workday_index", sa.Integer, nullable=False),
    )
    op.create_index("ix_workdays_index", "workdays", ["workday_index", "is_workday"])
    op.add_column("complaints", sa.Column("due_at", TS))
    op.create_index(
        "ix_complaints_open",
        "complaints",
        ["kelurahan_kode", "category_code", "reported_at"],
        postgresql_where=sa.text(
            "status IN ('baru', 'diverifikasi', 'didisposisikan')"
        ),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("username", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("opd_code", sa.Text, sa.ForeignKey("opd.code")),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint(
            "role IN ('operator', 'opd_staff', 'admin')", name="users_role"
        ),
        sa.CheckConstraint(
            "role <> 'opd_staff' OR opd_code IS NOT NULL",
            name="users_opd_staff_has_opd",
        ),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("key_hash", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("revoked_at", TS),
    )
    op.create_table(
        "complaint_supporters",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id"),
            nullable=False,
        ),
        sa.Column("at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
    )
    op.create_index(
        "ix_complaint_supporters_complaint", "complaint_supporters", ["complaint_id"]
    )
    op.execute(FUNCTIONS)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS complaints_due ON complaints")
    op.execute("DROP FUNCTION IF EXISTS sigap_complaints_due()")
    op.execute("DROP FUNCTION IF EXISTS sigap_due_at(timestamptz, integer)")
    for table in ("complaint_supporters", "api_keys", "users", "workdays", "holidays"):
        op.drop_table(table)
    op.drop_index("ix_complaints_open", "complaints")
    op.drop_column("complaints", "due_at")
