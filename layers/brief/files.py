"""Where briefs are kept and when the next is due: ``var/briefs/<date>.html``,
``.pdf`` and ``.json`` (when it was made), written every morning by the daily job."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from gis.timeutil import WITA
from layers.brief.assemble import Brief
from layers.brief.render import to_html, to_pdf


def write(brief: Brief, folder: Path) -> tuple[Path, Path]:
    """Write ``<date>.html`` and ``<date>.pdf`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{brief.day.isoformat()}.html"
    pdf_path = folder / f"{brief.day.isoformat()}.pdf"
    html_path.write_text(to_html(brief), encoding="utf-8")
    pdf_path.write_bytes(to_pdf(brief))
    # when it was made, by the platform's clock (a file's time is the wall's)
    (folder / f"{brief.day.isoformat()}.json").write_text(
        json.dumps({"made_at": brief.made_at.isoformat()})
    )
    return html_path, pdf_path


def next_run(now: datetime, at: time) -> datetime:
    """The next ``at`` o'clock WITA strictly after ``now``."""
    local = now.astimezone(WITA)
    candidate = datetime.combine(local.date(), at, WITA)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


def latest(folder: Path, suffix: str) -> Path | None:
    """The newest brief file with ``suffix`` in ``folder``."""
    found = sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []
    return found[-1] if found else None


def made_at(folder: Path) -> datetime | None:
    """When the newest brief in ``folder`` was written."""
    found = latest(folder, ".json")
    if found is None:
        return None
    return datetime.fromisoformat(json.loads(found.read_text())["made_at"])
