"""Message catalogue: English msgids in code, Indonesian (``id``) shown by default.

User-facing text is never a literal: ``_("Complaint not found")`` looks the msgid up in
``gis/locale/<lang>.json``; English is the msgid itself.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("id", "en")
current_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "sigap_language", default="id"
)


@cache
def catalogue(language: str) -> dict[str, str]:
    """All translations of ``language`` (empty for English, the msgid language)."""
    if language == "en":
        return {}
    return json.loads((LOCALE_DIR / f"{language}.json").read_text(encoding="utf-8"))


def _(msgid: str, language: str | None = None, **values: object) -> str:
    """Translate ``msgid`` and fill ``{placeholders}`` from ``values``."""
    text = catalogue(language or current_language.get()).get(msgid, msgid)
    return text.format(**values) if values else text


def bilingual(msgid: str, **values: object) -> str:
    """Indonesian first, English second: for errors a citizen or a clerk may read."""
    indonesian, english = _(msgid, "id", **values), _(msgid, "en", **values)
    return indonesian if indonesian == english else f"{indonesian} / {english}"


@contextmanager
def language(code: str) -> Iterator[str]:
    """Show user-facing text in ``code`` (``id`` or ``en``) inside the block."""
    token = current_language.set(code if code in LANGUAGES else "id")
    try:
        yield current_language.get()
    finally:
        current_language.reset(token)
