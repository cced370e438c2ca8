"""Kernel density rasters per category, registered for the WMS."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import sqlalchemy as sa

from gis.config import Settings
from gis.density import kernel_density, silverman_bandwidth, write_cog
from layers.analysis.runs import Run

BANDWIDTH_RULE = "silverman-spatial (ArcGIS default)"


def run_density(
    conn: sa.Connection,
    run: Run,
    settings: Settings,
    points: pd.DataFrame,
    kelurahan: gpd.GeoDataFrame,
) -> None:
    """One Cloud-Optimised GeoTIFF per category under ``<var>/rasters``."""
    cell = run.parameters["raster_cell_m"]
    fixed = run.parameters.get("bandwidth_m")
    xmin, ymin, xmax, ymax = kelurahan.total_bounds
    bounds = (
        np.floor(xmin / cell) * cell,
        np.floor(ymin / cell) * cell,
        np.ceil(xmax / cell) * cell,
        np.ceil(ymax / cell) * cell,
    )
    city = list(kelurahan.geometry.values)
    for category in run.categories:
        xy = points.loc[points.category_code == category, ["x", "y"]].to_numpy()
        if len(xy) < 2:
            continue
        bandwidth = fixed or silverman_bandwidth(xy)
        surface = kernel_density(xy, bounds, cell, bandwidth)
        path = settings.var_dir / "rasters" / f"run{run.id}_{category}.tif"
        write_cog(path, surface, city)
        conn.execute(
            sa.text(
                "INSERT INTO density_rasters VALUES (:run, :category, :path, :cell,"
                " :bandwidth, :rule, :points, :max)"
            ),
            {
                "run": run.id,
                "category": category,
                "path": str(path),
                "cell": cell,
                "bandwidth": bandwidth,
                "rule": "fixed" if fixed else BANDWIDTH_RULE,
                "points": len(xy),
                "max": float(surface.values.max()),
            },
        )
