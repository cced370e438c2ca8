"""The floors import one way: api → layers → gis.

Parsed, not imported, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imported(path: Path) -> set[str]:
    """Top-level package names ``path`` imports (absolute imports)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("gis", {"layers", "api", "flask", "werkzeug"}), ("layers", {"api", "flask"})],
)
def test_no_module_imports_a_floor_above_it(package, forbidden):
    modules = _modules(package)
    assert len(modules) > 10
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported(path) & forbidden)
        for path in modules
        if _imported(path) & forbidden
    }
    assert wrong == {}


def test_the_check_sees_an_upward_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from layers.catalogue import x\n    import api.db\n"
    )
    assert _imported(sample) == {"layers", "api"}
