"""Writing a layer out as GeoPackage, GeoJSON or CSV (never personal data)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import sqlalchemy as sa

from gis.db import STORAGE_SRID
from gis.errors import ImportFailed
from gis.i18n import bilingual
from gis.layer import Layer

EXPORT_DRIVERS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".csv": "CSV",
}


def export_layer(conn: sa.Connection, layer: Layer, path: Path) -> int:
    """Write ``layer`` (public columns only) to GeoPackage, GeoJSON or CSV.

    CSV gets ``lon``/``lat`` columns for points and ``wkt`` for other geometry.
    Returns the number of features written.
    """
    path = Path(path)
    driver = EXPORT_DRIVERS.get(path.suffix.lower())
    if driver is None:
        raise ImportFailed(
            bilingual(
                "Cannot export to {name}: use .gpkg, .geojson or .csv", name=path.name
            )
        )
    columns = ", ".join(layer.export_columns)
    if layer.geometry_type == "NONE":
        frame = pd.read_sql(sa.text(f"SELECT {columns} FROM {layer.table}"), conn)
        if driver != "CSV":
            raise ImportFailed(
                bilingual("{layer} has no geometry: export to .csv", layer=layer.name)
            )
        frame.to_csv(path, index=False)
        return len(frame)
    frame = gpd.read_postgis(
        sa.text(f"SELECT {columns}, geom FROM {layer.table} ORDER BY {layer.key}"),
        conn,
        geom_col="geom",
        crs=STORAGE_SRID,
    )
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.DatetimeTZDtype):
            frame[name] = frame[name].dt.strftime("%Y-%m-%dT%H:%M:%S%z")
        elif (
            frame[name].dtype == object
            and frame[name].map(lambda v: isinstance(v, list)).any()
        ):
            frame[name] = frame[name].map(
                lambda v: ";".join(v) if isinstance(v, list) else v
            )
    if driver == "CSV":
        if layer.geometry_type == "POINT":
            frame.insert(len(frame.columns) - 1, "lon", frame.geometry.x)
            frame.insert(len(frame.columns) - 1, "lat", frame.geometry.y)
        else:
            frame["wkt"] = frame.geometry.to_wkt()
        pd.DataFrame(frame.drop(columns="geom")).to_csv(path, index=False)
    else:
        path.unlink(missing_ok=True)
        pyogrio.write_dataframe(frame, path, layer=layer.name, driver=driver)
    return len(frame)
