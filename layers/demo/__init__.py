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
import pyarrow as pa
import shapely
import sqlalchemy as sa
from tqdm import tqdm

from gis.config import Settings
from gis.copy import copy_rows, reserve_ids
from gis.db import METRIC_SRID, STORAGE_SRID
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from gis.timeutil import WITA, utcnow
from layers.calendar import deadlines
from layers.demo import complaints as cx
from layers.demo import patterns, texts
from layers.demo.network import URBAN_KECAMATAN, generate_network

log = logging.getLogger(__name__)
SOURCE = "demo"
MANIFEST_NAME = "demo_manifest.json"


def _epoch_to_iso(seconds: np.ndarray) -> pa.Array:
    seconds = np.asarray(seconds, dtype=float)
    missing = np.isnan(seconds)
    micro = np.where(missing, 0, np.round(seconds * 1e6)).astype("datetime64[us]")
    return pa.array(
        np.char.add(np.datetime_as_string(micro, unit="us"), "Z"), mask=missing
    )


def purge_synthetic(conn: sa.Connection) -> None:
    """Delete every synthetic feature (and the audit rows of synthetic complaints)."""
    conn.execute(sa.text("SELECT set_config('sigap.purge', 'on', true)"))
    conn.execute(
        sa.text(
            "DELETE FROM complaint_events e USING complaints c"
            " WHERE e.complaint_id = c.id AND c.synthetic"
        )
    )
    conn.execute(sa.text("SELECT set_config('sigap.purge', 'off', true)"))
    for table in (
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


def _to_storage(geoms: np.ndarray) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs=METRIC_SRID).to_crs(STORAGE_SRID).values


def _copy_synthetic(
    conn: sa.Connection,
    table: str,
    frame: gpd.GeoDataFrame,
    columns: tuple[str, ...],
    **extra: object,
) -> None:
    """COPY ``columns`` of a generated frame (EPSG:32751) as synthetic rows."""
    data = {name: frame[name].to_numpy() for name in columns}
    data.update(extra)
    data["synthetic"] = np.ones(len(frame), bool)
    data["source"] = np.full(len(frame), SOURCE, dtype=object)
    copy_rows(conn, table, data, _to_storage(frame.geometry.values))


def _write_network(conn: sa.Connection, net: object) -> np.ndarray:
    """Store roads, poles, routes and stops; returns the road ids in frame order."""
    road_ids = reserve_ids(conn, "roads", len(net.roads))
    _copy_synthetic(
        conn,
        "roads",
        net.roads,
        ("name", "road_class", "surface", "condition"),
        id=road_ids,
    )
    # the road a pole was planted beside: its nearest road by construction
    _copy_synthetic(
        conn,
        "streetlights",
        net.poles,
        ("pole_id", "lamp_type", "wattage", "status"),
        road_id=road_ids[net.poles["road_index"].to_numpy()],
    )
    _copy_synthetic(conn, "transit_routes", net.routes, ("code", "name"))
    _copy_synthetic(
        conn,
        "transit_stops",
        net.stops,
        ("name",),
        route_codes=["{" + ",".join(codes) + "}" for codes in net.stops["route_codes"]],
    )
    return road_ids


def _events(frame: pd.DataFrame, ids: np.ndarray, as_of: float) -> dict[str, object]:
    """The audit trail each synthetic complaint would have collected."""
    status = frame["status"].to_numpy()
    reported = frame["reported"].to_numpy()
    ack = frame["acknowledged"].to_numpy()
    started = np.minimum(frame["started"].to_numpy(), as_of - 1)
    resolved = frame["resolved"].to_numpy()
    assigned_states = ("didisposisikan", "diproses", "koordinasi", "selesai")
    steps = [
        (np.ones(len(frame), bool), reported, "warga", None, "baru"),
        (status == "ditolak", ack, "operator", "baru", "ditolak"),
        (
            ~np.isin(status, ("baru", "ditolak")),
            ack,
            "operator",
            "baru",
            "diverifikasi",
        ),
        (
            np.isin(status, assigned_states),
            (ack + started) / 2,
            "operator",
            "diverifikasi",
            "didisposisikan",
        ),
        (
            np.isin(status, ("diproses", "koordinasi", "selesai")),
            started,
            "opd",
            "didisposisikan",
            "diproses",
        ),
        (
            status == "koordinasi",
            np.minimum(started + 3600, as_of - 1),
            "opd",
            "diproses",
            "koordinasi",
        ),
        (status == "selesai", resolved, "opd", "diproses", "selesai"),
    ]
    parts = [(ids[m], at[m], actor, src, dst) for m, at, actor, src, dst in steps]
    opd = frame["opd_code"].to_numpy()
    actor_of = {
        "warga": lambda m: np.full(m.sum(), "warga", dtype=object),
        "operator": lambda m: np.full(m.sum(), "operator:command-centre", dtype=object),
        "opd": lambda m: np.char.add("opd:", opd[m].astype(str)),
    }
    return {
        "complaint_id": np.concatenate([p[0] for p in parts]),
        "at": _epoch_to_iso(np.concatenate([p[1] for p in parts])),
        "actor": np.concatenate([actor_of[a](m) for (m, _, a, _, _) in steps]),
        "action": np.concatenate(
            [
                np.full(
                    len(p[0]), "created" if p[3] is None else "status", dtype=object
                )
                for p in parts
            ]
        ),
        "from_status": pa.array(
            np.concatenate([np.full(len(p[0]), p[3], dtype=object) for p in parts]),
            type=pa.string(),
        ),
        "to_status": np.concatenate(
            [np.full(len(p[0]), p[4], dtype=object) for p in parts]
        ),
    }


def _write_complaints(
    conn: sa.Connection, frame: pd.DataFrame, as_of: float, rng: np.random.Generator
) -> np.ndarray:
    ids = reserve_ids(conn, "complaints", len(frame))
    n = len(frame)
    sla = dict(conn.execute(sa.text("SELECT code, sla_days FROM categories")).all())
    due = deadlines(conn, frame["reported"].to_numpy(),
                    frame["category_code"].map(sla).to_numpy())
    channels = rng.choice(list(cx.CHANNELS), n, p=list(cx.CHANNELS.values()))
    geoms = _to_storage(shapely.points(frame[["x", "y"]].to_numpy()))
    copy_rows(
        conn,
        "complaints",
        {
            "id": ids,
            "category_code": frame["category_code"].to_numpy(dtype=object),
            "description": frame["description"].to_numpy(dtype=object),
            "opd_code": frame["opd_code"].to_numpy(dtype=object),
            "status": frame["status"].to_numpy(dtype=object),
            "sub_status": pa.array(
                frame["sub_status"], type=pa.string(), from_pandas=True
            ),
            "channel": channels.astype(object),
            "reported_at": _epoch_to_iso(frame["reported"].to_numpy()),
            "acknowledged_at": _epoch_to_iso(frame["acknowledged"].to_numpy()),
            "resolved_at": _epoch_to_iso(frame["resolved"].to_numpy()),
            "due_at": _epoch_to_iso(due),
            "synthetic": np.ones(n, bool),
            "source": np.full(n, SOURCE, dtype=object),
        },
        geoms,
    )
    with_contact = rng.random(n) < 0.6
    k = int(with_contact.sum())
    names = np.char.add(
        np.char.add(rng.choice(texts.FIRST_NAMES, k).astype(str), " "),
        rng.choice(texts.FAMILY_NAMES, k).astype(str),
    )
    phones = np.char.add("0812", rng.integers(10_000_000, 99_999_999, k).astype(str))
    copy_rows(
        conn,
        "complaint_contacts",
        {
            "complaint_id": ids[with_contact],
            "name": names.astype(object),
            "phone": phones.astype(object),
        },
    )
    copy_rows(conn, "complaint_events", _events(frame, ids, as_of))
    return ids


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
        end_date = utcnow().astimezone(WITA).date() - timedelta(days=1)
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
    road_ids = _write_network(conn, net)
    steps.update()
    ids = _write_complaints(conn, frame, clock.as_of.timestamp(), rng)
    for table in ("roads", "streetlights", "transit_routes", "transit_stops",
                  "complaints", "complaint_events"):
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
    }
    write_manifest(settings, manifest)
    return (
        f"demo city (seed {seed}): {len(net.roads):,} road segments,"
        f" {len(net.poles):,} PJU poles, {len(net.routes)} angkot routes,"
        f" {len(net.stops)} stops, {len(frame):,} complaints"
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
