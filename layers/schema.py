"""Schema management: Alembic migrations and reference data, callable from code."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gis.config import Settings
from layers import boundaries, calendar, categories, opd, routing, templates

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config for SIGAP's migrations, bound to ``connection`` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: sa.Connection, revision: str = "head") -> None:
    """Migrate the database of ``connection`` up to ``revision``."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: sa.Connection, revision: str = "base") -> None:
    """Migrate the database of ``connection`` down to ``revision``."""
    command.downgrade(alembic_config(connection), revision)


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at (None when never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def load_reference(connection: sa.Connection, settings: Settings) -> dict[str, int]:
    """Upsert boundaries, OPD and categories from ``settings.data_dir``."""
    counts = boundaries.load_boundaries(connection, settings.data_dir / "boundaries")
    counts["opd"] = opd.load_opd(connection, settings.data_dir / "reference")
    counts["categories"] = categories.load_categories(
        connection, settings.data_dir / "reference"
    )
    counts["service attributes"] = categories.load_service_attributes(
        connection, settings.data_dir / "reference"
    )
    counts["routing rules"] = routing.load_routing_rules(
        connection, settings.data_dir / "reference"
    )
    counts["response templates"] = templates.load_response_templates(
        connection, settings.data_dir / "reference"
    )
    counts["due dates moved"] = calendar.load_calendar(
        connection, settings.data_dir / "reference" / "holidays.csv"
    )
    return counts
