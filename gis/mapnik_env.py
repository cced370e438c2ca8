"""The one place SIGAP imports Mapnik.

Importing ``mapnik`` points ``PROJ_LIB``/``GDAL_DATA`` at its own bundled data; if
rasterio or pyproj first initialise PROJ after that, they read Mapnik's proj.db and
fail (see ``../shared/PITFALLS.md``). So Mapnik's paths inherited from a parent
process are dropped when the ``gis`` package loads, rasterio and pyproj are
initialised here with their own data, and only then is Mapnik imported.
Everything else gets Mapnik from this module: ``from gis.mapnik_env import mapnik``.
"""

from __future__ import annotations

# (the ``gis`` package, loaded before this module, dropped inherited Mapnik paths)
import pyproj
import rasterio.crs

rasterio.crs.CRS.from_epsg(4326)
pyproj.CRS.from_epsg(4326)

import mapnik  # noqa: E402

__all__ = ["mapnik"]
