"""The demo city: synthetic roads, PJU, angkot and complaints inside real Kupang.

``generate_demo`` is deterministic for a given seed, number of complaints and end
date. Every generated feature is stored with ``synthetic = true``; the planted
patterns are written to ``<var>/demo_manifest.json``.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from tqdm import tqdm

from gis.config import Settings
from gis.db import METRIC_SRID, STORAGE_SRID
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from gis.timeutil import now, wita_today
from layers.city import demo as city_demo
from layers.city import indicators as city_indicators
from layers.city import waste_demo
from layers.demo import complaints as cx
from layers.demo import patterns, store
from layers.demo.network import URBAN_KECAMATAN, generate_network

log = logging.getLogger(__name__)
MANIFEST_NAME = "demo_manifest.json"


def purge_synthetic(conn: sa.Connection) -> None:
    """Delete every synthetic feature (and the audit rows of synthetic complaints)."""
    conn.execute(sa.text("SELECT set_config('sigap.purge', 'on', true)"))
    # the notices staff moves queued on the demo's tickets go with them
    conn.execute(
        sa.text(
            "DELETE FROM outbox o USING complaints c"
            " WHERE o.complaint_id = c.id AND c.synthetic"
        )
    )
    conn.execute(
        sa.text(
            "DELETE FROM complaint_events e USING complaints c"
            " WHERE e.complaint_id = c.id AND c.synthetic"
        )
    )
    conn.execute(sa.text("SELECT set_config('sigap.purge', 'off', true)"))
    conn.execute(sa.text("DELETE FROM kelurahan_indicators WHERE synthetic"))
    for table in (
        "waste_points",
        "waste_routes",
        "accidents",
        "complaints",
        "transit_stops",
        "transit_routes",
        "streetlights",
        "roads",
    ):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE synthetic"))


def _boundaries(conn: sa.Connection) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    kelurahan = gpd.read_postgis(
        "SELECT k.kode, k.nama, c.nama AS kecamatan, k.geom FROM kelurahan k"
        " JOIN kecamatan c ON c.kode = k.kecamatan_kode ORDER BY k.kode",
        conn,
        geom_col="geom",
        crs=STORAGE_SRID,
    ).to_crs(METRIC_SRID)
    kecamatan = gpd.read_postgis(
        "SELECT kode, nama, geom FROM kecamatan ORDER BY kode",
        conn,
        geom_col="geom",
        crs=STORAGE_SRID,
    ).to_crs(METRIC_SRID)
    if len(kelurahan) == 0:
        raise InvalidParameter(bilingual("Boundaries not loaded: run `sigap db setup`"))
    return kelurahan, kecamatan


def _plant(
    kelurahan: gpd.GeoDataFrame,
    net: object,
    n_total: int,
    clock: cx.Clock,
    city: shapely.Geometry,
    rng: np.random.Generator,
    sample: cx.Sample,
) -> tuple[list[dict], list[str]]:
    site = patterns.Site(
        kelurahan,
        net.roads,
        net.poles,
        patterns.neighbours(kelurahan),
        n_total,
        clock,
        city,
        rng,
        sample,
    )
    corridor = patterns.plant_corridor(site)
    used = set(net.roads["kelurahan"].iloc[corridor["road_index"]].dropna())
    # the rubbish outbreak picks first: it needs a quiet market, pairs are plenty
    rubbish = patterns.plant_rubbish(site, used)
    rubbish_home = patterns.kelurahan_of(sample.xy[-1], kelurahan).dropna()
    used |= set(rubbish_home.value_counts().index[:2])
    potholes = patterns.plant_pothole_pair(site, used)
    used |= set(potholes["kelurahan"])
    unhandled = patterns.plant_unhandled(site, used)
    used.add(unhandled["kelurahan"])
    controls = patterns.pick_controls(site, used, exclude=set(potholes["halo"]))
    return [corridor, potholes, rubbish, unhandled], controls


def _finish_manifest(
    conn: sa.Connection,
    found: list[dict],
    frame: pd.DataFrame,
    ids: np.ndarray,
    road_ids: np.ndarray,
) -> None:
    """Fill in what only the database knows: ids, tickets, assigned kelurahan."""
    for entry in found:
        members = ids[(frame["pattern"] == entry["id"]).to_numpy()].tolist()
        per_kelurahan = dict(
            conn.execute(
                sa.text(
                    "SELECT kelurahan_kode, count(*) FROM complaints WHERE id ="
                    " ANY(:ids)"
                    " GROUP BY kelurahan_kode ORDER BY count(*) DESC"
                ),
                {"ids": members},
            ).all()
        )
        entry["complaints_by_kelurahan"] = per_kelurahan
        if entry["id"] == "streetlight_corridor":
            entry["road_ids"] = road_ids[entry.pop("road_index")].tolist()
            entry["kelurahan"] = sorted(per_kelurahan)
        if entry["id"] == "rubbish_emerging":
            total = sum(per_kelurahan.values())
            entry["kelurahan"] = sorted(
                k for k, v in per_kelurahan.items() if v >= 0.2 * total
            )
        if entry["id"] == "unhandled_roads":
            entry["tickets"] = list(
                conn.execute(
                    sa.text(
                        "SELECT ticket FROM complaints WHERE id = ANY(:ids) ORDER BY id"
                    ),
                    {"ids": members},
                ).scalars()
            )


def generate_demo(
    conn: sa.Connection,
    settings: Settings,
    *,
    complaints: int = 20_000,
    seed: int = 2026,
    end_date: date | None = None,
    if_empty: bool = False,
    replace: bool = False,
    progress: bool = False,
) -> str:
    """Build the demo city in the caller's transaction; returns a summary line."""
    started = time.perf_counter()
    if end_date is None:  # yesterday in Kupang: a finished day, no future reports
        end_date = wita_today(now(settings.clock)) - timedelta(days=1)
    existing = conn.execute(
        sa.text("SELECT count(*), count(*) FILTER (WHERE synthetic) FROM complaints")
    ).one()
    if if_empty and existing[0] > 0:
        return f"{existing[0]:,} complaints already present: demo not generated"
    synthetic_roads = conn.execute(
        sa.text("SELECT count(*) FROM roads WHERE synthetic")
    ).scalar_one()
    if (existing[1] or synthetic_roads) and not replace:
        raise InvalidParameter(
            bilingual("Demo data already exists: use --replace to generate it again")
        )
    steps = tqdm(total=6, desc="demo city", disable=not progress, unit="step")
    if replace:
        purge_synthetic(conn)
    steps.update()
    rng = np.random.default_rng(seed)
    kelurahan, kecamatan = _boundaries(conn)
    city = shapely.union_all(kelurahan.geometry.values)
    shapely.prepare(city)
    net = generate_network(kecamatan, city, rng)
    net.roads["kelurahan"] = patterns.kelurahan_of(
        shapely.get_coordinates(
            shapely.line_interpolate_point(
                net.roads.geometry.values, 0.5, normalized=True
            )
        ),
        kelurahan,
    ).to_numpy()
    urban = set(kelurahan["kode"][kelurahan["kecamatan"].isin(URBAN_KECAMATAN)])
    net.roads["urban"] = net.roads["kelurahan"].isin(urban).to_numpy()
    steps.update()
    clock = cx.Clock(end_date)
    sample = cx.Sample()
    found, controls = _plant(kelurahan, net, complaints, clock, city, rng, sample)
    planted = sum(len(x) for x in sample.xy)
    cx.background(
        max(complaints - planted, 0), net.roads, net.poles, clock, city, rng, sample
    )
    steps.update()
    opd_of = dict(conn.execute(sa.text("SELECT code, opd_code FROM categories")).all())
    frame = sample.frame().sort_values("reported", kind="stable").reset_index(drop=True)
    frame = cx.life_cycle(frame, opd_of, clock, rng)
    frame["description"] = cx.describe(frame, rng)
    steps.update()
    road_ids = store.write_network(conn, net)
    steps.update()
    ids = store.write_complaints(conn, frame, clock.as_of.timestamp(), rng)
    # own random streams: the complaints above stay as they were without them
    city_found = city_demo.generate_accidents(conn, seed, clock.as_of)
    indicators = city_indicators.generate_demo_indicators(conn, seed)
    rubbish = next((e for e in found if e["id"] == "rubbish_emerging"), None)
    waste = waste_demo.generate_waste(conn, seed, rubbish)
    for table in (
        "accidents",
        "kelurahan_indicators",
        "waste_points",
        "waste_routes",
        "roads",
        "streetlights",
        "transit_routes",
        "transit_stops",
        "complaints",
        "complaint_events",
    ):
        conn.execute(sa.text(f"ANALYZE {table}"))  # fresh statistics for planners
    _finish_manifest(conn, found, frame, ids, road_ids)
    steps.update()
    steps.close()
    manifest = {
        "synthetic": True,
        "seed": seed,
        "complaints": len(frame),
        "end_date": end_date.isoformat(),
        "as_of": clock.as_of.isoformat(),
        "window_start": clock.start.isoformat(),
        "counts": {
            "roads": len(net.roads),
            "streetlights": len(net.poles),
            "transit_routes": len(net.routes),
            "transit_stops": len(net.stops),
        },
        "patterns": found,
        "controls": controls,
        "city": {
            "accidents": city_found,
            "kelurahan_indicators": indicators,
            "waste": waste,
        },
    }
    write_manifest(settings, manifest)
    return (
        f"demo city (seed {seed}): {len(net.roads):,} road segments,"
        f" {len(net.poles):,} PJU poles, {len(net.routes)} angkot routes,"
        f" {len(net.stops)} stops, {len(frame):,} complaints,"
        f" {city_found.get('accidents', 0):,} accidents"
        f" in {time.perf_counter() - started:.1f} s"
    )


def manifest_path(settings: Settings) -> Path:
    """Where the demo manifest is written."""
    return settings.var_dir / MANIFEST_NAME


def write_manifest(settings: Settings, manifest: dict) -> None:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    manifest_path(settings).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False)
    )


def read_manifest(settings: Settings) -> dict:
    """The manifest of the last demo generated with these settings."""
    return json.loads(manifest_path(settings).read_text())
