"""Mapnik, rasterio and pyproj work in one process, whatever the environment."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

MAPNIK = Path(importlib.util.find_spec("mapnik").origin).parent
SCRIPT = """
from gis.mapnik_env import mapnik
import pyogrio, pyproj, rasterio.crs
from rasterio.warp import transform
assert rasterio.crs.CRS.from_epsg(32751).to_epsg() == 32751
x, y = transform("EPSG:4326", "EPSG:32751", [123.6], [-10.17])
assert 565000 < x[0] < 566500 and 8875000 < y[0] < 8876500, (x, y)
assert pyproj.CRS.from_epsg(3857).to_epsg() == 3857
box = mapnik.ProjTransform(mapnik.Projection("epsg:4326"),
                           mapnik.Projection("epsg:3857")).forward(
    mapnik.Box2d(123.5, -10.3, 123.7, -10.1))
assert 13747000 < box.minx < 13749000, box
print("ok")
"""


def _run(extra_env: dict[str, str]) -> str:
    env = {**os.environ, **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_mapnik_beside_rasterio_and_pyproj_in_a_clean_process():
    assert _run({}) == "ok"


def test_a_child_of_a_mapnik_process_still_gets_rasterios_own_proj_data():
    # a parent that imported Mapnik passes its data paths down to its children
    inherited = {
        "PROJ_LIB": str(MAPNIK / "share" / "proj"),
        "GDAL_DATA": str(MAPNIK / "share" / "gdal"),
    }
    assert _run(inherited) == "ok"
