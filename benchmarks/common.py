"""What every benchmark needs: its own migrated database next to SIGAP's."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gis.config import Settings, database_name, with_database  # noqa: E402
from gis.db import drop_database, ensure_database, get_engine  # noqa: E402
from layers import schema  # noqa: E402


def bench_settings(suffix: str, fresh: bool = True) -> Settings:
    """Settings of database ``<sigap db>_<suffix>``, migrated with reference data;
    dropped first when ``fresh``. Generated files go to a temporary folder."""
    base = Settings.from_env()
    url = with_database(base.database_url,
                        f"{database_name(base.database_url)}_{suffix}")
    if fresh:
        drop_database(url)
    ensure_database(url)
    settings = Settings(database_url=url,
                        var_dir=Path(tempfile.mkdtemp(prefix="sigap-bench-")))
    with get_engine(settings).begin() as conn:
        schema.upgrade(conn)
        schema.load_reference(conn, settings)
    return settings
