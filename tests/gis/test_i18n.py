"""Every user-facing msgid has an Indonesian translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from api.dashboard import TEXTS as DASHBOARD_TEXTS
from gis.i18n import _, bilingual, catalogue
from layers import LAYERS
from layers.public_view import REASONS, STATE_NOTES
from layers.published import BASE_LAYERS, DENSITY, GROUPS, PER_CATEGORY

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_CALL = re.compile(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)')


def _msgids() -> set[str]:
    found: set[str] = set()
    for path in [
        *ROOT.glob("gis/**/*.py"),
        *ROOT.glob("layers/**/*.py"),
        *ROOT.glob("api/**/*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "bilingual")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(TEMPLATE_CALL.findall(node.value))
    found.update(layer.title for layer in LAYERS.values())
    found.update(
        STATE_NOTES.values(),
        REASONS.values(),
        GROUPS.values(),
        DASHBOARD_TEXTS.values(),
    )
    for spec in (*BASE_LAYERS, *PER_CATEGORY, *DENSITY):
        found.update((spec.title, spec.abstract), (label for _, label in spec.fields))
    found.update({"open", "in_progress", "closed"})
    return found


def test_every_msgid_has_an_indonesian_translation():
    missing = sorted(_msgids() - set(catalogue("id")))
    assert missing == []


def test_translation_keeps_placeholders_and_bilingual_puts_indonesian_first():
    assert _(
        "Unknown layer {name}; known layers: {known}", "id", name="x", known="y"
    ).startswith("Lapisan x tidak dikenal")
    text = bilingual("outside Kota Kupang")
    assert text == "di luar Kota Kupang / outside Kota Kupang"
