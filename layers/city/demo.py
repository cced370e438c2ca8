"""Synthetic accidents on the demo city's roads, with two planted blackspots.

Background accidents fall on segments in proportion to length × a class weight
(arterials most), a third of them at junctions, more at night and on weekend
nights, more in the rainy season; motorcycles (SPM) dominate. Two blackspots are
planted: one mid-block on an arterial segment away from any junction, one at an
arterial junction. Everything is ``synthetic``; the plants go to the manifest.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from pyproj import Transformer

from gis.copy import copy_rows
from gis.db import METRIC_SRID
from gis.timeutil import WITA
from layers.city.roadnet import TO_METRIC

#: accidents per km of road in a year, by class (relative)
CLASS_WEIGHT = {"arteri": 8.0, "kolektor": 3.0, "lokal": 1.0, "lingkungan": 0.3}
#: share of accidents per hour of day (night and commuting peaks)
HOUR_WEIGHT = np.array(
    [3, 2, 2, 1, 1, 2, 4, 6, 5, 4, 4, 4, 4, 4, 4, 5, 5, 6, 7, 8, 8, 7, 6, 4], float
)
COLLISIONS = (
    "Tabrakan depan - depan",
    "Tabrakan depan - belakang",
    "Tabrakan saat menyalip",
    "Kendaraan out of control keluar ke kiri jalan",
    "Di ruas jalan, pejalan kaki di bahu jalan atau di trotoar",
    "Tabrakan dengan kendaraan parkir",
    "Tabrakan dengan material / rambu pekerjaan jalan",
)
AT_JUNCTION = "Di simpang, tabrakan dengan kendaraan dari arah kiri"
VEHICLES = ("SPM", "Mobil Penumpang", "Angkot", "Pick Up", "Truk", "Pejalan Kaki")
VEHICLE_P = np.array([0.55, 0.17, 0.08, 0.08, 0.06, 0.06])
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: (road name, lon, lat) of the planted junction: Jl. Timor Raya at
#: Jl. W.J. Lalamentik
JUNCTION_PLANT = ("Jl. Timor Raya", 123.6008, -10.1535)
SEGMENT_PLANT_ROAD = "Jl. El Tari"
PLANTED = 28
TO_LONLAT = Transformer.from_crs(METRIC_SRID, 4326, always_xy=True)


def _roads(conn: sa.Connection) -> pd.DataFrame:
    rows = conn.execute(
        sa.text(
            "SELECT id, name, road_class, length_m,"
            f" ST_AsBinary(ST_Transform(geom, {METRIC_SRID})) FROM roads"
            " WHERE synthetic ORDER BY id"
        )
    ).all()
    roads = pd.DataFrame(rows, columns=["id", "name", "road_class", "length_m", "wkb"])
    roads["geom"] = shapely.from_wkb(roads.pop("wkb").to_numpy())
    ends = np.vstack(
        [
            shapely.get_coordinates(shapely.get_point(roads["geom"].to_numpy(), i))
            for i in (0, -1)
        ]
    )
    keys = np.round(ends / 0.5).astype(np.int64)
    _, node = np.unique(keys, axis=0, return_inverse=True)
    node = node.ravel()
    degree = np.bincount(node)
    roads["deg_from"] = degree[node[: len(roads)]]
    roads["deg_to"] = degree[node[len(roads) :]]
    return roads


def _times(rng: np.random.Generator, n: int, end: datetime) -> np.ndarray:
    """``n`` instants in the 365 days before ``end`` (WITA), rainy months and
    night hours weighted."""
    days = pd.date_range(end - timedelta(days=365), periods=365, freq="D")
    weights = np.where(days.month.isin([12, 1, 2, 3]), 1.4, 1.0) * np.where(
        days.day_of_week >= 5, 1.2, 1.0
    )
    day = rng.choice(365, n, p=weights / weights.sum())
    hour = rng.choice(24, n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    minute = rng.integers(0, 60, n)
    start = (end - timedelta(days=365)).timestamp()
    return start + day * 86400.0 + hour * 3600.0 + minute * 60.0


def _victims(rng: np.random.Generator, n: int, fatal: float) -> pd.DataFrame:
    """MD, LB, LR per accident: fatal, serious, slight or property only."""
    kind = rng.choice(4, n, p=[fatal, 0.17, 0.53, 0.30 - fatal + 0.0])
    died = np.where(kind == 0, 1 + (rng.random(n) < 0.1), 0)
    serious = np.where(kind <= 1, rng.integers(0, 2, n) + (kind == 1), 0)
    minor = np.where(kind <= 2, rng.integers(0, 3, n) + (kind == 2), 0)
    return pd.DataFrame(
        {"died": died, "serious_injuries": serious, "minor_injuries": minor}
    )


def _background(rng: np.random.Generator, roads: pd.DataFrame, n: int) -> pd.DataFrame:
    weight = roads["length_m"] * roads["road_class"].map(CLASS_WEIGHT).fillna(0.3)
    pick = rng.choice(len(roads), n, p=(weight / weight.sum()).to_numpy())
    length = roads["length_m"].to_numpy()[pick]
    # a third within 10 m of a segment end: junction accidents
    near_end = rng.random(n) < 0.33
    offset = np.where(
        near_end,
        np.where(rng.random(n) < 0.5, 0, length) + rng.uniform(-8, 8, n),
        rng.uniform(0, 1, n) * length,
    )
    return pd.DataFrame(
        {"road": pick, "offset": np.clip(offset, 0, length), "junction": near_end}
    )


def _plants(roads: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """The two planted blackspots: positions and their manifest entry."""
    # the longest segment of the road, preferring one whose ends are no junction
    # (some seeds' networks cross it everywhere)
    candidates = roads[roads["name"] == SEGMENT_PLANT_ROAD].assign(
        at_junction=lambda r: (r["deg_from"] > 2) | (r["deg_to"] > 2),
        longest=lambda r: -r["length_m"],
    )
    segment = candidates.sort_values(["at_junction", "longest", "id"]).index[0]
    length = roads.at[segment, "length_m"]
    mid = pd.DataFrame(
        {
            "road": segment,
            "offset": length * rng.uniform(0.35, 0.65, PLANTED),
            "junction": False,
        }
    )
    x, y = TO_METRIC.transform(JUNCTION_PLANT[1], JUNCTION_PLANT[2])
    target = shapely.Point(x, y)
    distance = shapely.distance(roads["geom"].to_numpy(), target)
    near = roads[distance < 400].copy()
    near["d0"] = shapely.distance(shapely.get_point(near["geom"].to_numpy(), 0), target)
    near["d1"] = shapely.distance(
        shapely.get_point(near["geom"].to_numpy(), -1), target
    )
    ends = pd.concat(
        [
            near[near["deg_from"] >= 3].assign(d=near["d0"], at_start=True),
            near[near["deg_to"] >= 3].assign(d=near["d1"], at_start=False),
        ]
    ).sort_values(["d", "id"])
    junction_road = ends.iloc[0]
    arms = rng.uniform(0, 10, PLANTED)
    at_junction = pd.DataFrame(
        {
            "road": junction_road.name,
            "offset": arms
            if junction_road["at_start"]
            else junction_road["length_m"] - arms,
            "junction": True,
        }
    )
    corner = shapely.get_point(
        junction_road["geom"], 0 if junction_road["at_start"] else -1
    )
    manifest = {
        "id": "accident_blackspots",
        "segment": {
            "road_name": SEGMENT_PLANT_ROAD,
            "x": shapely.line_interpolate_point(
                roads.at[segment, "geom"], 0.5, normalized=True
            ).x,
            "y": shapely.line_interpolate_point(
                roads.at[segment, "geom"], 0.5, normalized=True
            ).y,
            "accidents": PLANTED,
        },
        "junction": {
            "x": corner.x,
            "y": corner.y,
            "near_road": JUNCTION_PLANT[0],
            "accidents": PLANTED,
        },
    }
    return pd.concat([mid, at_junction], ignore_index=True), manifest


def generate_accidents(
    conn: sa.Connection, seed: int, end: datetime, n: int = 800
) -> dict:
    """Write ``n`` background and two planted blackspots' accidents for the year
    before ``end``; returns the manifest entry."""
    rng = np.random.default_rng([seed, 19])
    roads = _roads(conn)
    if roads.empty:
        return {}
    spots = _background(rng, roads, n)
    planted, manifest = _plants(roads, rng)
    spots = pd.concat([spots, planted], ignore_index=True)
    total = len(spots)
    victims = pd.concat(
        [_victims(rng, n, 0.07), _victims(rng, len(planted), 0.2)], ignore_index=True
    )
    geoms = roads["geom"].to_numpy()[spots["road"].to_numpy()]
    points = shapely.line_interpolate_point(geoms, spots["offset"].to_numpy())
    # a few metres off the centre line, as a clerk's GPS would put them
    xy = shapely.get_coordinates(points) + rng.normal(0, 3, (total, 2))
    lon, lat = TO_LONLAT.transform(xy[:, 0], xy[:, 1])
    stamps = np.sort(_times(rng, total, end))
    order = rng.permutation(total)  # the plants spread over the year
    spots, victims = (
        spots.iloc[order].reset_index(drop=True),
        victims.iloc[order].reset_index(drop=True),
    )
    lon, lat = lon[order], lat[order]
    when = pd.to_datetime(stamps, unit="s", utc=True)
    local = when.tz_convert(WITA.key)
    road = roads.iloc[spots["road"].to_numpy()]
    hours = local.hour.to_numpy()
    rainy = local.month.isin([12, 1, 2, 3])
    hurt = victims.sum(axis=1).to_numpy()
    severity = np.where(
        victims["died"] > 0,
        "berat",
        np.where(victims["serious_injuries"] > 0, "sedang", "ringan"),
    )
    collision = np.where(spots["junction"], AT_JUNCTION, rng.choice(COLLISIONS, total))
    vehicles = [list(rng.choice(VEHICLES, 2, p=VEHICLE_P)) for _ in range(total)]
    names = road["name"].fillna("jalan lingkungan").to_numpy()
    copy_rows(
        conn,
        "accidents",
        {
            "report_no": [
                f"LP/B/{i + 1}/{ROMAN[m - 1]}/{y}/SPKT.SATLANTAS/POLRES KUPANG KOTA/"
                f"POLDA NTT (SINTETIS)"
                for i, (m, y) in enumerate(zip(local.month, local.year))
            ],
            "occurred_at": when.to_numpy(),
            **{c: victims[c].to_numpy() for c in victims.columns},
            "pdo": hurt == 0,
            "severity": severity,
            "collision_type": collision,
            "vehicles": vehicles,
            "road_name": names,
            "reference_place": np.where(spots["junction"], "Simpang", None),
            "light": np.where(
                (hours >= 18) | (hours < 6), "Redup / Samar", "Terang / Jelas"
            ),
            "weather": np.where(
                rainy & (rng.random(total) < 0.45), "Hujan/ Grimis", "Cerah"
            ),
            "road_function": road["road_class"]
            .map({"arteri": "Arteri", "kolektor": "Kolektor"})
            .fillna("Lokal/Lingkungan")
            .to_numpy(),
            "description": [
                f"{v[0]} dan {v[1]} di {nm} (data sintetis)"
                for v, nm in zip(vehicles, names)
            ],
            "location_method": np.full(total, "coordinates"),
            "road_id": road["id"].to_numpy(),
            "synthetic": np.ones(total, bool),
            "source": np.full(total, "demo"),
        },
        shapely.points(np.column_stack([lon, lat])),
    )
    conn.execute(
        sa.text(
            "UPDATE accidents SET kelurahan_kode = sigap_kelurahan_at(geom)"
            " WHERE synthetic AND kelurahan_kode IS NULL"
        )
    )
    for place in ("segment", "junction"):  # stable across runs, unlike ids
        x, y = manifest[place].pop("x"), manifest[place].pop("y")
        plon, plat = TO_LONLAT.transform(x, y)
        manifest[place].update({"lon": round(plon, 7), "lat": round(plat, 7)})
    manifest["accidents"] = total
    return manifest
