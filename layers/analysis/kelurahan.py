"""Per-kelurahan statistics: counts, rates with the right denominator, EB rates,
global and local Moran's I and Gi* on the fuzzy-contiguity weights."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from gis.copy import copy_rows
from gis.db import METRIC_SRID, STORAGE_SRID
from gis.getisord import HotSpots
from gis.moran import GlobalMoran, LocalMoran
from gis.smoothing import EBRate
from gis.stats import StatisticsError
from gis.weights import AreaWeights, fuzzy_queen
from layers.analysis.runs import Run

UNITS = {"area_km2": "km²", "road_km": "road-km", "poles": "PJU poles"}
#: exposure floor, as a share of the median, for areas with (almost) none
EXPOSURE_FLOOR = 0.05


def kelurahan_areas(conn: sa.Connection) -> gpd.GeoDataFrame:
    """Kelurahan with every exposure measure, in EPSG:32751, ordered by code."""
    return gpd.read_postgis(
        "SELECT k.kode, k.nama, k.area_km2,"
        " coalesce((SELECT sum(ST_Length(ST_Transform(ST_Intersection(r.geom,"
        f" k.geom), {METRIC_SRID}))) / 1000 FROM roads r"
        " WHERE ST_Intersects(r.geom, k.geom)), 0) AS road_km,"
        " (SELECT count(*) FROM streetlights s WHERE ST_Intersects(s.geom, k.geom))"
        " AS poles, k.geom FROM kelurahan k ORDER BY k.kode",
        conn,
        geom_col="geom",
        crs=STORAGE_SRID,
    ).to_crs(METRIC_SRID)


def counts_by_kelurahan(conn: sa.Connection, run: Run) -> pd.DataFrame:
    """Complaints per kelurahan × category in the run's window."""
    rows = conn.execute(
        sa.text(
            "SELECT kelurahan_kode, category_code, count(*) FROM complaints"
            " WHERE reported_at >= :start AND reported_at < :end"
            " AND category_code = ANY(:categories) GROUP BY 1, 2"
        ),
        {
            "start": run.window_start,
            "end": run.window_end,
            "categories": run.categories,
        },
    ).all()
    return pd.DataFrame(rows, columns=["kelurahan_kode", "category_code", "n"])


def exposure_of(areas: gpd.GeoDataFrame, denominator: str) -> np.ndarray:
    """Exposure per kelurahan, floored so no area has none."""
    values = areas[denominator].to_numpy(dtype=float)
    floor = EXPOSURE_FLOOR * np.median(values[values > 0])
    return np.maximum(values, floor)


def analyse_category(
    areas: gpd.GeoDataFrame,
    weights: AreaWeights,
    counts: np.ndarray,
    denominator: str,
    run: Run,
    category: str,
) -> pd.DataFrame:
    """Rates, EB rates, LISA and Gi* of one category (one row per kelurahan)."""
    params = run.parameters
    exposure = exposure_of(areas, denominator)
    rates = EBRate(counts, exposure, min_count=params["min_count"])
    out = pd.DataFrame(
        {
            "kelurahan_kode": areas["kode"],
            "complaints": counts.astype(int),
            "exposure": exposure,
            "exposure_unit": UNITS[denominator],
            "rate": rates.rate,
            "eb_rate": rates.smoothed,
            "ranked": rates.ranked,
            "rank": rates.rank,
        }
    )
    if counts.sum() < params["min_total"]:
        run.messages.append(
            f"{category}: {int(counts.sum())} complaints, fewer than"
            f" {params['min_total']}: no cluster statistics"
        )
        return out
    run.parameters.setdefault("eb_prior", {})[category] = {
        "city_rate": rates.city_rate,
        "variance_estimate": rates.prior_variance_estimate,
        "variance": rates.prior_variance,
    }
    if rates.prior_variance_estimate < 0:
        run.messages.append(
            f"{category}: Empirical-Bayes prior variance estimate"
            f" {rates.prior_variance_estimate:.3g} < 0, set to 0 (every area"
            " shrinks to the city rate)"
        )
    # both local statistics draw the same permutations and correct the same way;
    # min_count gates classification as well as ranking
    inference = {
        "alternative": params["alternative"],
        "permutations": params["permutations"],
        "seed": run.seed,
        "correction": params["correction"],
        "tested": rates.ranked,
    }
    try:
        local = LocalMoran(
            rates.smoothed, weights.w, alpha=params["alpha"], **inference
        )
        hot = HotSpots(rates.smoothed, weights.w, **inference)
        moran = GlobalMoran(rates.smoothed, weights.w, params["permutations"], run.seed)
    except StatisticsError as error:
        run.messages.append(f"{category}: {error.message}")
        return out
    out = out.assign(
        lisa_i=local.Is,
        lisa_quadrant=[{1: "HH", 2: "LH", 3: "LL", 4: "HL"}[q] for q in local.q],
        lisa_p=local.p_sim,
        lisa_p_adjusted=local.p_adjusted,
        lisa_class=local.labels,
        gi_z=hot.z,
        gi_p=hot.p,
        gi_p_adjusted=hot.p_adjusted,
        gi_bin=hot.bins,
    )
    out.attrs["moran"] = moran
    return out


def kelurahan_weights(areas: gpd.GeoDataFrame, run: Run) -> AreaWeights:
    """Fuzzy Queen weights of the kelurahan; attachments are noted in the run."""
    weights = fuzzy_queen(areas, "kode", run.parameters["tolerance_m"])
    for island, nearest in weights.attached.items():
        run.messages.append(
            f"kelurahan {island} had no neighbour: attached to {nearest}"
        )
    return weights


def run_kelurahan(
    conn: sa.Connection,
    run: Run,
    areas: gpd.GeoDataFrame,
    weights: AreaWeights,
    denominators: dict[str, str],
) -> None:
    """All categories: write ``kelurahan_stats`` and ``global_moran`` rows."""
    counts = counts_by_kelurahan(conn, run)
    for category in run.categories:
        mine = counts[counts.category_code == category].set_index("kelurahan_kode")
        n = mine["n"].reindex(areas["kode"]).fillna(0).to_numpy()
        frame = analyse_category(
            areas, weights, n, denominators[category], run, category
        )
        frame.insert(0, "category_code", category)
        frame.insert(0, "run_id", run.id)
        copy_rows(  # NaN (no verdict outside the tested family) is stored as NULL
            conn,
            "kelurahan_stats",
            {c: pa.array(frame[c].to_numpy(), from_pandas=True) for c in frame},
        )
        moran = frame.attrs.get("moran")
        if moran is not None:
            conn.execute(
                sa.text(
                    "INSERT INTO global_moran VALUES (:run, :category, :i, :ei, :z, :p)"
                ),
                {
                    "run": run.id,
                    "category": category,
                    "i": moran.I,
                    "ei": moran.EI,
                    "z": moran.z_norm,
                    "p": moran.p_sim,
                },
            )
