"""What ``/health`` checks: the database answers, its schema is at the code's
migration head, and the photo folder can be written. Each check names itself
when it fails, so an operator sees *what* is down."""

from __future__ import annotations

import os
import tempfile
from functools import cache

import sqlalchemy as sa

from gis.config import Settings
from gis.db import is_unavailable
from layers import schema


@cache
def _head() -> str:
    return schema.head_revision()


def health(engine: sa.Engine, settings: Settings) -> dict[str, object]:
    """``{"status": "ok"}`` when all is well; otherwise ``status`` ``"down"``,
    ``down`` (the failed checks: ``database``, ``migrations``, ``media``) and
    ``checks`` (each check's finding)."""
    checks: dict[str, str] = {}
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            checks["database"] = "ok"
            current = schema.current_revision(conn)
            checks["migrations"] = (
                "ok" if current == _head() else f"at {current}, code needs {_head()}"
            )
    except sa.exc.SQLAlchemyError as error:
        if not is_unavailable(error):
            raise
        checks["database"] = "unreachable"
        checks["migrations"] = "unknown"
    checks["media"] = _writable(settings.media_dir)
    down = [name for name, finding in checks.items() if finding != "ok"]
    if not down:
        return {"status": "ok"}
    return {"status": "down", "down": down, "checks": checks}


def _writable(folder) -> str:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, path = tempfile.mkstemp(dir=folder, prefix=".health-")
        os.close(descriptor)
        os.unlink(path)
    except OSError as error:
        return f"not writable: {error.strerror or error}"
    return "ok"
