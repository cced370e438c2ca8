"""Synthetic waste collection for the demo city: collection points along the
roads (about one per 3 road-km of a kelurahan, at least one), one collection
route per kecamatan through its points with a plausible schedule, and the
planted market TPS whose rubbish reports fall on days it is not emptied (its
days come from the demo's rubbish pattern and go to the manifest).
Everything is ``synthetic``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

KIND_MIX = {
    "tps": 0.5,
    "bak_sampah": 0.25,
    "kontainer": 0.15,
    "depo": 0.05,
    "tps3r": 0.05,
}
CAPACITY_M3 = {
    "tps": 6.0,
    "bak_sampah": 1.5,
    "kontainer": 8.0,
    "depo": 30.0,
    "tps3r": 10.0,
}
SCHEDULES = ((1, 3, 5), (2, 4, 6), (1, 2, 3, 4, 5, 6), (1, 4), (3, 6))
SHIFTS = ("pagi", "pagi", "siang", "malam")
ROAD_KM_PER_POINT = 3.0
DLHK = "DLHK"


def _road_points(conn: sa.Connection) -> pd.DataFrame:
    return pd.DataFrame(
        conn.execute(
            sa.text(
                "SELECT k.kode, k.kecamatan_kode, ST_Length(r.geom::geography) AS m,"
                " ST_X(ST_LineInterpolatePoint(r.geom, 0.5)) AS lon,"
                " ST_Y(ST_LineInterpolatePoint(r.geom, 0.5)) AS lat"
                " FROM roads r JOIN kelurahan k ON ST_Intersects(k.geom,"
                " ST_LineInterpolatePoint(r.geom, 0.5)) ORDER BY r.id"
            )
        ).all(),
        columns=["kode", "kecamatan", "m", "lon", "lat"],
    )


def _route_line(points: np.ndarray) -> shapely.MultiLineString:
    """A line visiting the points nearest-first from the westernmost."""
    left = list(range(len(points)))
    order = [left.pop(int(np.argmin(points[left, 0])))]
    while left:
        here = points[order[-1]]
        nearest = int(np.argmin(((points[left] - here) ** 2).sum(axis=1)))
        order.append(left.pop(nearest))
    path = points[order]
    if len(path) == 1:
        path = np.vstack([path, path + 1e-4])
    return shapely.MultiLineString([path])


def generate_waste(conn: sa.Connection, seed: int, rubbish: dict | None) -> dict:
    """Write the demo's collection points and routes; returns the manifest entry."""
    rng = np.random.default_rng([seed, 23])
    roads = _road_points(conn)
    if roads.empty:
        return {}
    points = []
    for kode, group in roads.groupby("kode", sort=True):
        n = max(1, round(group["m"].sum() / 1000 / ROAD_KM_PER_POINT))
        chosen = group.iloc[rng.choice(len(group), min(n, len(group)), replace=False)]
        for i, row in enumerate(chosen.itertuples(), 1):
            kind = rng.choice(list(KIND_MIX), p=list(KIND_MIX.values()))
            points.append(
                {
                    "code": f"TPS-{kode}-{i:02d}",
                    "name": f"{kind.upper().replace('_', ' ')} {kode[-3:]}-{i}",
                    "kind": kind,
                    "capacity": CAPACITY_M3[kind],
                    "kecamatan": row.kecamatan,
                    "lon": row.lon,
                    "lat": row.lat,
                    "days": None,
                }
            )
    planted = None
    if rubbish and rubbish.get("tps_collection_days"):
        lon, lat = rubbish["centre"]
        planted = {
            "code": "TPS-PASAR-01",
            "name": f"TPS {rubbish['market']}",
            "kind": "tps",
            "capacity": 10.0,
            "kecamatan": None,
            "lon": lon,
            "lat": lat,
            "days": list(rubbish["tps_collection_days"]),
        }
        points.append(planted)
    frame = pd.DataFrame(points)
    routes = []
    for i, (_, group) in enumerate(frame.groupby("kecamatan", sort=True), 1):
        code = f"RUTE-{i:02d}"
        frame.loc[group.index, "route"] = code
        routes.append(
            {
                "code": code,
                "name": f"Rute angkut {i}",
                "days": list(SCHEDULES[int(rng.integers(len(SCHEDULES)))]),
                "shift": SHIFTS[int(rng.integers(len(SHIFTS)))],
                "wkt": _route_line(group[["lon", "lat"]].to_numpy()).wkt,
            }
        )
    conn.execute(
        sa.text(
            "INSERT INTO waste_routes (code, name, collection_days, shift, opd_code,"
            " vehicle, synthetic, source, geom) VALUES (:code, :name, :days, :shift,"
            " :opd, 'dump truck', true, 'demo', ST_GeomFromText(:wkt, 4326))"
        ),
        [{**r, "opd": DLHK} for r in routes],
    )
    conn.execute(
        sa.text(
            "INSERT INTO waste_points (code, name, kind, capacity_m3, route_code,"
            " collection_days, kelurahan_kode, synthetic, source, geom) VALUES"
            " (:code, :name, :kind, :capacity, :route, :days,"
            " sigap_kelurahan_at(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)), true,"
            " 'demo', ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))"
        ),
        [
            {**p, "route": p.get("route") if isinstance(p.get("route"), str) else None}
            for p in frame.to_dict("records")
        ],
    )
    entry = {"points": len(frame), "routes": len(routes)}
    if planted is not None:
        entry["schedule_problem"] = {
            "code": planted["code"],
            "name": planted["name"],
            "collection_days": planted["days"],
            "expect": "schedule_problem",
        }
    return entry
