"""The gettext catalogue holds exactly what the code says, all of it in Indonesian."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from api.dashboard import TEXTS as DASHBOARD_TEXTS
from api.pages import NAVIGATION
from gis.i18n import LOCALE_DIR, _, bilingual, catalogue, language
from layers import LAYERS
from layers.backlog import BACKLOG
from layers.brief import FLAGS
from layers.catalogue import BASE_LAYERS, GROUPS, PER_CATEGORY
from layers.status import GROUP_LABELS, REJECTION_REASONS, STATES
from layers.summary import FLOW

ROOT = Path(__file__).resolve().parents[2]
PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """The msgids ``pybabel extract`` (configured in pyproject.toml) finds in the
    code and templates."""
    template = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [Path(sys.executable).with_name("pybabel"), "-q", "extract", "-o", template],
        cwd=ROOT,
        check=True,
    )
    with template.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.fixture(scope="module")
def po():
    with PO.open("rb") as handle:
        return read_po(handle, locale="id")


def test_every_msgid_in_the_code_has_an_indonesian_translation(extracted, po):
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    assert sorted(extracted - translated) == []


def test_the_catalogue_has_no_entry_the_code_no_longer_uses(extracted, po):
    assert sorted({m.id for m in po if m.id} - extracted) == []
    assert list(po.obsolete) == []


def test_msgids_kept_as_data_are_marked_for_extraction(extracted):
    # a title in a table reaches _() as a variable: only N_() lets pybabel see it
    data = {layer.title for layer in LAYERS.values()}
    for spec in (*BASE_LAYERS, *PER_CATEGORY):
        data.update((spec.title, spec.abstract), (label for _, label in spec.columns))
    for info in STATES.values():
        data.update((info.label, info.note))
    for table in (
        REJECTION_REASONS,
        GROUPS,
        DASHBOARD_TEXTS,
        GROUP_LABELS,
        FLAGS,
        BACKLOG,
        FLOW,
        dict(NAVIGATION),
    ):
        data.update(table.values())
    assert sorted(data - extracted) == []


def test_translations_keep_every_placeholder(po):
    differing = [
        (m.id, m.string)
        for m in po
        if m.id
        and m.string
        and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert differing == []


def test_the_compiled_catalogue_is_the_one_in_the_po_file(po):
    # a .po edited without `pybabel compile` would silently show the old texts
    assert catalogue("id") == {m.id: m.string for m in po if m.id}


def test_no_json_catalogue_is_left_beside_the_po_file():
    leftovers = sorted(p.name for p in LOCALE_DIR.glob("*.json"))
    assert leftovers == [], (
        "bring them into the .po with scripts/json-to-po.py, then pybabel extract,"
        " update and compile"
    )


def test_translation_keeps_placeholders_and_bilingual_puts_indonesian_first():
    assert _(
        "Unknown layer {name}; known layers: {known}", "id", name="x", known="y"
    ).startswith("Lapisan x tidak dikenal")
    assert (
        bilingual("outside Kota Kupang") == "di luar Kota Kupang / outside Kota Kupang"
    )
    assert _("Command room", "en") == "Command room"
    with language("en"):
        assert _("Command room") == "Command room"
    assert _("Command room") == "Ruang komando"


#: words that mark Indonesian prose (a text outside the catalogue if found in code)
INDONESIAN = re.compile(
    r"\b(tidak|harus|belum|sudah|wajib|dengan|untuk|dalam|sedang|ditangani|lapisan"
    r"|laporan|aduan|bendera|hari ini|dilaporkan|dipisah|serupa|umur)\b",
    re.IGNORECASE,
)
#: modules whose Indonesian text is data, not interface: SQL and column names,
#: synthetic complaint descriptions, synthetic accident records in the traffic
#: police's own code lists, migrations, the text model's word lists
DATA_MODULES = (
    "layers/demo/",
    "layers/city/demo.py",
    "layers/migrations/",
    "layers/ai/danger_words.py",
    "layers/ai/danger_pairs.py",
    "layers/ai/undoing_words.py",
    "layers/ai/lexicon.py",
)


def _string_literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(
            node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef
        )
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_no_indonesian_sentence_is_written_outside_the_catalogue():
    found = []
    for folder in ("api", "gis", "layers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(DATA_MODULES):
                continue
            for line, text in _string_literals(path):
                # a single word is a value (a road condition "sedang"); SQL
                # names tables and columns
                if (
                    " " in text.strip()
                    and INDONESIAN.search(text)
                    and not re.search(r"\b(SELECT|INSERT|UPDATE|WHERE|FROM)\b", text)
                ):
                    found.append(f"{name}:{line}: {text!r}")
    assert found == []
