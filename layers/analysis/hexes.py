"""Finer hot spots on a hexagon grid, and emerging hot spots (hexagons and
kelurahan) from weekly space-time cubes."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from gis.copy import copy_rows, read_arrow
from gis.db import METRIC_SRID, STORAGE_SRID
from gis.emerging import EmergingHotSpots, week_bins
from gis.getisord import HotSpots
from gis.hexgrid import HexGrid, cell_ids
from gis.scale import Bands, choose_distance
from gis.stats import StatisticsError
from gis.weights import AreaWeights, distance_band
from layers.analysis.runs import Run

#: fixed grid origin (UTM 51S) so hexagon ids stay the same from run to run
GRID_ORIGIN = (500_000.0, 8_800_000.0)


def read_points(conn: sa.Connection, run: Run) -> pd.DataFrame:
    """Category, UTM x/y, kelurahan and report time of complaints in the window."""
    table = read_arrow(
        conn,
        (
            "SELECT category_code, kelurahan_kode, ST_X(p) AS x, ST_Y(p) AS y,"
            " extract(epoch FROM reported_at) AS t FROM (SELECT category_code,"
            f" kelurahan_kode, reported_at, ST_Transform(geom, {METRIC_SRID}) AS p"
            " FROM complaints WHERE reported_at >= {start} AND reported_at < {end}"
            " AND category_code = ANY({categories})) c"
        ),
        {
            "start": run.window_start,
            "end": run.window_end,
            "categories": run.categories,
        },
    )
    frame = table.to_pandas()
    if frame.empty:
        return pd.DataFrame(columns=["category_code", "kelurahan_kode", "x", "y", "t"])
    return frame


def build_cells(
    conn: sa.Connection, run: Run, grid: HexGrid, kelurahan: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Hexagons covering the city; stored in ``hex_cells``; (hex_id, q, r, x, y)."""
    city = shapely.union_all(kelurahan.geometry.values)
    q, r = grid.covering(city)
    polygons = grid.polygons(q, r)
    centres = grid.centres(q, r)
    tree = shapely.STRtree(kelurahan.geometry.values)
    home = kelurahan["kode"].to_numpy()[tree.nearest(shapely.points(centres))]
    ids = cell_ids(q, r)
    copy_rows(
        conn,
        "hex_cells",
        {
            "run_id": np.full(len(ids), run.id),
            "hex_id": ids,
            "q": q,
            "r": r,
            "kelurahan_kode": home.astype(object),
        },
        gpd.GeoSeries(polygons, crs=METRIC_SRID).to_crs(STORAGE_SRID).values,
    )
    return pd.DataFrame(
        {"hex_id": ids, "q": q, "r": r, "x": centres[:, 0], "y": centres[:, 1]}
    )


def _cube(index: np.ndarray, bins: np.ndarray, n_bins: int, n: int) -> np.ndarray:
    cube = np.zeros((n_bins, n))
    np.add.at(cube, (bins, index), 1.0)
    return cube


def run_hexes(
    conn: sa.Connection,
    run: Run,
    points: pd.DataFrame,
    kelurahan: gpd.GeoDataFrame,
    kelurahan_weights: AreaWeights,
) -> None:
    """Hex Gi* and emerging hot spots per category (hexagons and kelurahan)."""
    params = run.parameters
    grid = HexGrid(params["hex_across_m"], GRID_ORIGIN)
    cells = build_cells(conn, run, grid, kelurahan)
    points = points.copy()
    q, r = grid.axial(points["x"].to_numpy(), points["y"].to_numpy())
    position = pd.Series(np.arange(len(cells)), index=cells["hex_id"])
    points["cell"] = position.reindex(cell_ids(q, r)).to_numpy()
    points["bin"], exposure, starts = week_bins(
        points["t"].to_numpy(), run.window_start, run.window_end
    )
    n_bins = len(starts)
    run.parameters["weekly_bins"] = {
        "first": starts[0].isoformat() if starts else None,
        "count": n_bins,
        "final_exposure": round(float(exposure[-1]), 4) if starts else None,
    }
    kel_position = pd.Series(np.arange(len(kelurahan)), index=kelurahan["kode"])
    points["kel"] = kel_position.reindex(points["kelurahan_kode"]).to_numpy()
    xy = cells[["x", "y"]].to_numpy()
    bands = Bands(xy)
    for category in run.categories:
        mine = points[(points.category_code == category) & points.cell.notna()]
        counts = np.bincount(mine["cell"].astype(int), minlength=len(cells))
        if counts.sum() < params["min_total"]:
            run.messages.append(f"{category}: too few complaints for hex analysis")
            continue
        try:
            scale = choose_distance(bands, counts.astype(float))
            weights = distance_band(xy, scale.distance)
            hot = HotSpots(
                counts, weights, correction=params["correction"], reference="count"
            )
            copy_rows(
                conn,
                "hex_hotspots",
                {
                    "run_id": np.full(len(cells), run.id),
                    "category_code": np.full(len(cells), category, dtype=object),
                    "hex_id": cells["hex_id"].to_numpy(),
                    "complaints": counts,
                    "gi_z": hot.z,
                    "gi_p": hot.p,
                    "gi_p_adjusted": hot.p_adjusted,
                    "gi_bin": hot.bins,
                    "distance_band_m": np.full(len(cells), scale.distance),
                },
            )
            if n_bins < 2:  # a trend needs weeks; the hexagon Gi* above stands
                run.messages.append(f"{category}: window shorter than two weeks")
                continue
            binned = mine[mine["bin"] >= 0]
            cube = _cube(
                binned["cell"].astype(int).to_numpy(),
                binned["bin"].to_numpy(),
                n_bins,
                len(cells),
            )
            _store_emerging(
                conn,
                run,
                category,
                "emerging_hex",
                "hex_id",
                cells["hex_id"].to_numpy(),
                EmergingHotSpots(
                    cube,
                    weights,
                    exposure=exposure,
                    alpha=params["alpha"],
                    time_step=params["time_step"],
                    correction=params["correction"],
                ),
            )
            by_kel = points[
                (points.category_code == category)
                & points.kel.notna()
                & (points["bin"] >= 0)
            ]
            cube = _cube(
                by_kel["kel"].astype(int).to_numpy(),
                by_kel["bin"].to_numpy(),
                n_bins,
                len(kelurahan),
            )
            _store_emerging(
                conn,
                run,
                category,
                "emerging_kelurahan",
                "kelurahan_kode",
                kelurahan["kode"].to_numpy(),
                EmergingHotSpots(
                    cube,
                    kelurahan_weights.w.sparse,
                    exposure=exposure,
                    alpha=params["alpha"],
                    time_step=params["time_step"],
                    correction=params["correction"],
                ),
            )
            run.parameters.setdefault("hex_distance_band_m", {})[category] = (
                round(scale.distance, 1),
                scale.method,
            )
        except StatisticsError as error:
            run.messages.append(f"{category} (hexagons): {error.message}")


def _store_emerging(
    conn: sa.Connection,
    run: Run,
    category: str,
    table: str,
    key: str,
    unit_ids: np.ndarray,
    result: EmergingHotSpots,
) -> None:
    n = len(unit_ids)
    copy_rows(
        conn,
        table,
        {
            "run_id": np.full(n, run.id),
            "category_code": np.full(n, category, dtype=object),
            key: unit_ids,
            "pattern": result.patterns,
            "trend_tau": result.tau,
            "trend_z": result.trend_z,
            "trend_p": result.trend_p,
            "hot_bins": result.hot.sum(axis=1),
            "cold_bins": result.cold.sum(axis=1),
            "final_z": result.z[-1],
        },
    )
