"""The ``sigap`` command as a clerk uses it: clear output, clear refusals."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa
from click.testing import CliRunner

from api.cli import main
from gis.db import get_engine
from layers.schema import head_revision

CENTROIDS = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "boundaries"
    / "kupang_kelurahan_centroids.csv"
)


@pytest.fixture
def sigap(committed):
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(
            main, list(args), obj={"settings": committed}, catch_exceptions=False
        )

    return run


def _count(settings, table: str, where: str = "true") -> int:
    with get_engine(settings).connect() as conn:
        return conn.execute(
            sa.text(f"SELECT count(*) FROM {table} WHERE {where}")
        ).scalar_one()


def test_import_reports_written_and_rejected_rows(sigap, committed, tmp_path):
    table = pd.read_csv(CENTROIDS)
    points = list(zip(table.rep_point_lon, table.rep_point_lat))[:3] + [(123.4, -10.2)]
    frame = gpd.GeoDataFrame(
        {
            "id_tiang": ["C1", "C2", "C3", "C4"],
            "jenis_lampu": ["LED", "SON", "neon", "LED"],
        },
        geometry=shapely.points(points),
        crs=4326,
    )
    path = tmp_path / "pju_cli.gpkg"
    frame.to_file(path)
    report = tmp_path / "rejected.csv"
    result = sigap("import", "streetlights", str(path), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "2 of 4 rows imported into streetlights" in result.output
    # where the time went, step by step
    assert re.search(
        r"\n  read \d+\.\d s, validate \d+\.\d s, copy \d+\.\d s,"
        r" locate \d+\.\d s, insert \d+\.\d s\n",
        result.output,
    )
    assert "baris/row 3, lamp_type: 'neon': must be one of" in result.output
    assert (
        "baris/row 4, geometry: di luar Kota Kupang / outside Kota Kupang"
        in result.output
    )
    with open(report, encoding="utf-8") as handle:
        assert [r["row"] for r in csv.DictReader(handle)] == ["3", "4"]
    assert _count(committed, "streetlights", "source = 'pju_cli.gpkg'") == 2


def test_a_refused_import_exits_2_names_the_problem_and_writes_nothing(
    sigap, committed, tmp_path
):
    path = tmp_path / "bad.csv"
    path.write_text("deskripsi,lon,lat\nsampah,123.6,-10.16\n")
    before = _count(committed, "complaints")
    result = sigap("import", "complaints", str(path))
    assert result.exit_code == 2
    assert "GAGAL / FAILED" in result.output
    assert "category_code" in result.output
    assert _count(committed, "complaints") == before
    unknown = sigap("import", "trees", str(path))
    assert unknown.exit_code == 2 and "known layers" in unknown.output
    bad_map = sigap("import", "complaints", str(path), "--map", "nonsense")
    assert bad_map.exit_code == 2 and "FIELD=COLUMN" in bad_map.output


def test_seed_then_export_never_writes_personal_data(sigap, committed, tmp_path):
    result = sigap(
        "seed",
        "--demo",
        "--complaints",
        "1500",
        "--seed",
        "3",
        "--end-date",
        "2026-10-31",
        "--replace",
    )
    assert result.exit_code == 0, result.output
    assert "1,500 complaints" in result.output
    out = tmp_path / "aduan.csv"
    assert sigap("export", "complaints", str(out)).exit_code == 0
    exported = pd.read_csv(out)
    assert len(exported) == 1500
    assert {"lon", "lat", "ticket", "kelurahan_kode"} <= set(exported.columns)
    assert not {"name", "phone", "email"} & set(exported.columns)
    gpkg = tmp_path / "jalan.gpkg"
    assert sigap("export", "roads", str(gpkg)).exit_code == 0
    assert len(gpd.read_file(gpkg)) == _count(committed, "roads")
    wrong = sigap("export", "roads", str(tmp_path / "jalan.xlsx"))
    assert wrong.exit_code == 2 and ".gpkg" in wrong.output


def test_db_upgrade_is_idempotent(sigap):
    first = sigap("db", "upgrade")
    assert first.exit_code == 0 and f"at {head_revision()}" in first.output
    assert sigap("db", "upgrade").output == first.output


def test_staff_accounts_and_api_keys_from_the_command_line(sigap, committed):
    result = sigap(
        "user",
        "add",
        "pupr.budi",
        "--name",
        "Budi",
        "--role",
        "opd_staff",
        "--opd",
        "DPUPR",
        "--password",
        "rahasia-kupang-1",
    )
    assert result.exit_code == 0 and "pupr.budi (opd_staff) created" in result.output
    missing = sigap(
        "user",
        "add",
        "x",
        "--name",
        "X",
        "--role",
        "opd_staff",
        "--password",
        "rahasia-kupang-1",
    )
    assert missing.exit_code == 2 and "OPD" in missing.output
    key = sigap("apikey", "aplikasi-warga").output.strip()
    assert len(key) > 30
    with get_engine(committed).connect() as conn:
        from layers.accounts import check_api_key

        assert check_api_key(conn, key) == "aplikasi-warga"
        stored = conn.execute(sa.text("SELECT key_hash FROM api_keys")).scalars().all()
        assert key not in stored


def test_flags_lists_the_red_kelurahan(sigap):
    result = sigap("flags", "--json")
    assert result.exit_code == 0
    assert result.output.strip().startswith("[")
