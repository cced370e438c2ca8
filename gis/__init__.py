"""Spatial core of SIGAP: settings, database access, import/export and analysis.

``gis`` knows how to store, read, analyse and render *any* layer; it never names a
particular layer (that is the job of :mod:`layers`).
"""

import importlib.util as _importlib_util
import os as _os
from pathlib import Path as _Path


def _forget_inherited_mapnik_paths() -> None:
    """Drop PROJ/GDAL data paths pointing into the Mapnik wheel.

    A process that imported Mapnik passes them to its children (gunicorn started
    by a benchmark, a spawned worker); rasterio and pyproj would then read
    Mapnik's proj.db and fail. This runs before any SIGAP module can load rasterio;
    :mod:`gis.mapnik_env` then imports Mapnik in the safe order.
    """
    spec = _importlib_util.find_spec("mapnik")
    if spec is None or spec.origin is None:
        return
    # compared resolved: the environment may be reached through a symlink
    mapnik_dir = str(_Path(spec.origin).resolve().parent)
    for variable in ("PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "ICU_DATA"):
        value = _os.environ.get(variable)
        if value and str(_Path(value).resolve()).startswith(mapnik_dir):
            del _os.environ[variable]


_forget_inherited_mapnik_paths()
