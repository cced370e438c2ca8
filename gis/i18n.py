"""Message catalogue: English msgids in code, Indonesian (``id``) shown by default.

User-facing text is never a literal: ``_("Complaint not found")`` looks the msgid up
in the gettext catalogue ``gis/locale/<lang>/LC_MESSAGES/messages.mo`` (compiled by
``pybabel compile`` from the ``.po`` beside it; ``scripts/setup.sh`` does it);
English is the msgid itself. Msgids are ``str.format`` templates
(``"Unknown layer {name}"``). A msgid kept as data, a layer title in a table say,
is marked ``N_("Roads")`` so that ``pybabel extract`` finds it.
"""

from __future__ import annotations

import contextvars
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel.support import Translations

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
LANGUAGES = ("id", "en")
current_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "sigap_language", default="id"
)


def N_(msgid: str) -> str:  # noqa: N802  (gettext's name for a mark-only call)
    """Mark ``msgid`` for extraction without translating it (yet)."""
    return msgid


def catalogue_path(language: str) -> Path:
    """Where the compiled catalogue of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (none for English, the msgid
    language)."""
    if language == "en":
        return gettext.NullTranslations()
    path = catalogue_path(language)
    if not path.is_file():
        raise RuntimeError(
            f"{path} is missing: compile the catalogues with `.venv/bin/pybabel"
            " compile` (scripts/setup.sh does it)"
        )
    with path.open("rb") as handle:
        return Translations(handle, DOMAIN)


def catalogue(language: str) -> dict[str, str]:
    """All translations of ``language``, msgid → text (empty for English)."""
    found = translations(language)
    entries = getattr(found, "_catalog", {})
    return {k: v for k, v in entries.items() if isinstance(k, str) and k}


def _(msgid: str, language: str | None = None, **values: object) -> str:
    """Translate ``msgid`` and fill ``{placeholders}`` from ``values``."""
    text = translations(language or current_language.get()).gettext(msgid)
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
