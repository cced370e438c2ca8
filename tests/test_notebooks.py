"""Analyst notebooks execute top to bottom against a demo database with a run."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gis.config import database_name, with_database
from gis.db import get_engine
from layers.analysis.pipeline import run_analysis
from layers.demo import generate_demo, read_manifest
from tests.conftest import fresh_database

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def analysed(settings, tmp_path_factory):
    url = with_database(
        settings.database_url, database_name(settings.database_url) + "_notebook"
    )
    local = fresh_database(url).replace(var_dir=tmp_path_factory.mktemp("nb"))
    with get_engine(local).begin() as conn:
        generate_demo(conn, local, complaints=4000, seed=5, end_date=date(2026, 10, 31))
        until = datetime.fromisoformat(read_manifest(local)["as_of"])
        run_analysis(conn, local, until=until, seed=5)
    return local


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(analysed, path, monkeypatch):
    assert NOTEBOOKS, "no notebooks found"
    monkeypatch.setenv("SIGAP_DATABASE_URL", analysed.database_url)
    monkeypatch.setenv("SIGAP_VAR_DIR", str(analysed.var_dir))
    monkeypatch.setenv("SIGAP_NOW", analysed.clock.isoformat())
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.parent)}},
    ).execute()
    outputs = [
        o
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5  # weights, Moran scatter, LISA map, Gi* map, emerging
    text = "".join(o.get("text", "") for o in outputs)
    assert "emerging kelurahan:" in text and os.environ.get("SIGAP_DATABASE_URL")
