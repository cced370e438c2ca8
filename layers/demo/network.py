"""Synthetic road network, PJU poles and angkot routes inside the real boundaries.

Everything is generated in EPSG:32751 (metres) from a seeded random generator:

* arterials join the kecamatan centres, the port (Tenau, Alak), the airport (El
  Tari, Penfui) and the old town as gently curving roads;
* a collector/local grid, dense in the urban north (Kota Lama, Oebobo, Kelapa Lima,
  Kota Raja) and sparse and patchy in the south (Alak, Maulafa);
* all lines are noded together so segments meet at junctions, giving a routable
  network; angkot routes are shortest paths over it (arterials preferred);
* PJU poles every ~40 m along arterials and collectors (alternating sides) and
  every ~80 m on urban local roads.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely import ops

from layers.demo.transit import generate_routes

URBAN_KECAMATAN = ("Kota Lama", "Oebobo", "Kelapa Lima", "Kota Raja")
#: (spacing of local lines, every n-th line is a collector, share of cells kept)
GRID = {"urban": (130.0, 4, 1.0), "rural": (380.0, 3, 0.45)}
#: Arterials as (name, waypoints lon/lat), waypoints inside kelurahan: the coastal
#: road from Tenau to Lasiana, the roads from the old town to the airport, and the
#: links to the southern kecamatan.
ARTERIALS = (
    (
        "Jl. Timor Raya",
        (
            (123.5300, -10.1990),
            (123.5546, -10.1760),
            (123.5713, -10.1680),
            (123.5815, -10.1598),
            (123.6008, -10.1535),
            (123.6184, -10.1504),
            (123.6310, -10.1485),
            (123.6569, -10.1454),
            (123.6730, -10.1413),
        ),
    ),
    (
        "Jl. El Tari",
        (
            (123.5815, -10.1598),
            (123.5900, -10.1662),
            (123.6011, -10.1689),
            (123.6209, -10.1750),
            (123.6393, -10.1845),
            (123.6635, -10.1773),
        ),
    ),
    (
        "Jl. Jend. Soeharto",
        (
            (123.5823, -10.1679),
            (123.5936, -10.1725),
            (123.5982, -10.1813),
            (123.6102, -10.1894),
            (123.6105, -10.2061),
            (123.6135, -10.2300),
        ),
    ),
    (
        "Jl. Frans Seda",
        (
            (123.6011, -10.1689),
            (123.6088, -10.1639),
            (123.6204, -10.1638),
            (123.6310, -10.1639),
            (123.6443, -10.1689),
            (123.6635, -10.1773),
        ),
    ),
    (
        "Jl. Alfons Nisnoni",
        (
            (123.5546, -10.1760),
            (123.5755, -10.1810),
            (123.5848, -10.1893),
            (123.5943, -10.1923),
            (123.6102, -10.1894),
        ),
    ),
    ("Jl. Herman Johannes", ((123.5603, -10.1931), (123.5546, -10.1760))),
    (
        "Jl. Piet A. Tallo",
        ((123.6209, -10.1750), (123.6536, -10.1597), (123.6569, -10.1454)),
    ),
    (
        "Jl. Adi Sucipto",
        (
            (123.6105, -10.2061),
            (123.6272, -10.2111),
            (123.6473, -10.2123),
            (123.6635, -10.1773),
        ),
    ),
    (
        "Jl. W.J. Lalamentik",
        ((123.6008, -10.1535), (123.6075, -10.1620), (123.6102, -10.1894)),
    ),
)
STREET_WORDS = (
    "Nangka",
    "Kelapa",
    "Flamboyan",
    "Cendana",
    "Asoka",
    "Melati",
    "Anggrek",
    "Kenari",
    "Beringin",
    "Lontar",
    "Gewang",
    "Sepe",
    "Kasuari",
    "Rajawali",
    "Merpati",
    "Kakatua",
    "Kelimutu",
    "Mutis",
    "Sasando",
    "Tenun",
    "Ikat",
    "Veteran",
    "Pemuda",
    "Bhayangkara",
    "Samratulangi",
    "Suprapto",
    "Kartini",
    "Thamrin",
    "Bajawa",
    "Ende",
    "Sumba",
    "Rote",
    "Sabu",
    "Alor",
    "Flores",
    "Lembata",
    "Kelinci",
    "Oebufu Raya",
    "Matani",
    "Kaca Piring",
    "Jambu",
)
#: Places angkot lines start or end at: (name, lon, lat).
MAX_SEGMENT_M = 220.0


@dataclass
class Network:
    """Generated features, each a GeoDataFrame in EPSG:32751."""

    roads: gpd.GeoDataFrame
    poles: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    stops: gpd.GeoDataFrame


def _curve(
    a: np.ndarray, b: np.ndarray, rng: np.random.Generator
) -> shapely.LineString:
    """A gently bending road from a to b (quadratic Bézier, ±8 % sideways)."""
    direction = b - a
    normal = np.array([-direction[1], direction[0]])
    control = (a + b) / 2 + normal * rng.uniform(-0.06, 0.06)
    t = np.linspace(0, 1, max(8, int(np.linalg.norm(direction) / 150)))[:, None]
    points = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
    return shapely.LineString(points)


def _arterials(
    crs: object, rng: np.random.Generator
) -> list[tuple[str, shapely.LineString]]:
    """Named arterials through the waypoints in :data:`ARTERIALS`, lightly jittered."""
    out = []
    for name, waypoints in ARTERIALS:
        xy = gpd.GeoSeries(shapely.points(waypoints), crs=4326).to_crs(crs)
        points = np.array([[p.x, p.y] for p in xy])
        dense = [points[0]]
        for a, b in zip(points[:-1], points[1:]):
            line = _curve(a, b, rng)
            dense.extend(shapely.get_coordinates(line)[1:])
        out.append((name, shapely.LineString(dense)))
    return out


def _grid_lines(
    area: shapely.Geometry,
    spacing: float,
    every: int,
    keep: float,
    angle: float,
    rng: np.random.Generator,
) -> tuple[list[shapely.Geometry], list[str]]:
    """Grid lines over ``area``, rotated by ``angle``; returns (lines, classes)."""
    cx, cy = area.centroid.x, area.centroid.y
    half = max(area.bounds[2] - area.bounds[0], area.bounds[3] - area.bounds[1])
    offsets = np.arange(-half, half + spacing, spacing)
    cos, sin = np.cos(angle), np.sin(angle)
    lines, classes = [], []
    for axis in (0, 1):
        for k, off in enumerate(offsets):
            a = np.array([off, -half]) if axis == 0 else np.array([-half, off])
            b = np.array([off, half]) if axis == 0 else np.array([half, off])
            rot = np.array([[cos, -sin], [sin, cos]])
            line = shapely.LineString([rot @ a + (cx, cy), rot @ b + (cx, cy)])
            lines.append(line)
            classes.append("kolektor" if k % every == 0 else "lokal")
    clipped, kept_classes = [], []
    cells = None
    if keep < 1.0:
        # patchy settlement: keep the grid only near randomly chosen centres
        n = max(3, int(area.area / 1.5e6 * keep))
        seeds = _random_points_in(area, n, rng)
        cells = shapely.union_all(shapely.buffer(seeds, rng.uniform(500, 1100, n)))
    region = (
        area if cells is None else shapely.make_valid(shapely.intersection(area, cells))
    )
    for line, cls in zip(lines, classes):
        part = shapely.intersection(line, region)
        if not part.is_empty:
            clipped.append(part)
            kept_classes.append(
                cls
                if keep == 1.0 or cls == "kolektor"
                else "lingkungan"
                if rng.random() < 0.5
                else "lokal"
            )
    return clipped, kept_classes


def _random_points_in(
    area: shapely.Geometry, n: int, rng: np.random.Generator
) -> np.ndarray:
    xmin, ymin, xmax, ymax = area.bounds
    shapely.prepare(area)
    found: list[np.ndarray] = []
    while sum(len(f) for f in found) < n:
        xy = rng.uniform((xmin, ymin), (xmax, ymax), size=(n * 4, 2))
        found.append(xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])])
    return shapely.points(np.vstack(found)[:n])


def _split_long(
    line: shapely.LineString, max_length: float
) -> list[shapely.LineString]:
    pieces = int(np.ceil(line.length / max_length))
    if pieces <= 1:
        return [line]
    cuts = np.linspace(0, line.length, pieces + 1)
    return [ops.substring(line, a, b) for a, b in zip(cuts[:-1], cuts[1:])]


def _noded_roads(sources: gpd.GeoDataFrame, city: shapely.Geometry) -> gpd.GeoDataFrame:
    """Node every source line at every crossing; each piece keeps its source's
    attributes (the highest class wins where sources overlap)."""
    merged = shapely.union_all(shapely.intersection(sources.geometry.values, city))
    pieces = [
        p
        for p in shapely.get_parts(merged)
        if p.geom_type == "LineString" and p.length > 5
    ]
    pieces = [s for p in pieces for s in _split_long(p, MAX_SEGMENT_M)]
    mids = shapely.line_interpolate_point(
        np.array(pieces, dtype=object), 0.5, normalized=True
    )
    tree = shapely.STRtree(sources.geometry.values)
    hit_piece, hit_source = tree.query(mids, predicate="dwithin", distance=0.5)
    rank = sources["rank"].to_numpy()
    best = np.full(len(pieces), -1)
    for p, s in zip(hit_piece, hit_source):
        if best[p] < 0 or rank[s] < rank[best[p]]:
            best[p] = s
    keep = best >= 0
    out = sources.drop(columns="geometry").iloc[best[keep]].reset_index(drop=True)
    return gpd.GeoDataFrame(
        out, geometry=np.array(pieces, dtype=object)[keep], crs=sources.crs
    )


def generate_roads(
    kecamatan: gpd.GeoDataFrame, city: shapely.Geometry, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """Road segments (EPSG:32751) with name, class, surface and condition."""
    rows = [
        {"road_class": "arteri", "name": name, "rank": 0, "geometry": line}
        for name, line in _arterials(kecamatan.crs, rng)
    ]
    for kec_name, kec_geom in zip(
        kecamatan["nama"], shapely.make_valid(kecamatan.geometry.values)
    ):
        kind = "urban" if kec_name in URBAN_KECAMATAN else "rural"
        spacing, every, keep = GRID[kind]
        lines, classes = _grid_lines(
            kec_geom, spacing, every, keep, np.deg2rad(rng.uniform(-25, 25)), rng
        )
        for line, cls in zip(lines, classes):
            word = STREET_WORDS[int(rng.integers(len(STREET_WORDS)))]
            rows.append(
                {
                    "road_class": cls,
                    "name": f"Jl. {word}",
                    "rank": {"kolektor": 1, "lokal": 2, "lingkungan": 3}[cls],
                    "geometry": line,
                }
            )
    sources = gpd.GeoDataFrame(rows, crs=kecamatan.crs)
    roads = _noded_roads(sources, city)
    n = len(roads)
    cls = roads["road_class"].to_numpy()
    surface = np.where(
        cls == "lingkungan",
        rng.choice(["paving", "kerikil", "tanah"], n, p=[0.5, 0.3, 0.2]),
        np.where(
            cls == "lokal",
            rng.choice(["aspal", "beton", "paving"], n, p=[0.7, 0.2, 0.1]),
            "aspal",
        ),
    )
    condition = rng.choice(
        ["baik", "sedang", "rusak_ringan", "rusak_berat"], n, p=[0.45, 0.3, 0.17, 0.08]
    )
    roads["surface"] = surface
    roads["condition"] = condition
    return roads.drop(columns="rank")


def generate_poles(
    roads: gpd.GeoDataFrame, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """PJU poles along roads, alternating sides, ~8 m off the centre line."""
    spacing = {"arteri": 40.0, "kolektor": 40.0, "lokal": 80.0}
    points, road_index = [], []
    for i, (line, cls) in enumerate(zip(roads.geometry, roads["road_class"])):
        step = spacing.get(cls)
        if step is None or line.length < step / 2:
            continue
        distances = np.arange(step / 2, line.length, step)
        on_line = shapely.line_interpolate_point(line, distances)
        ahead = shapely.line_interpolate_point(
            line, np.minimum(distances + 1, line.length)
        )
        d = shapely.get_coordinates(ahead) - shapely.get_coordinates(on_line)
        normal = np.column_stack([-d[:, 1], d[:, 0]])
        normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)
        side = np.where(np.arange(len(distances)) % 2 == 0, 8.0, -8.0)[:, None]
        points.append(shapely.get_coordinates(on_line) + normal * side)
        road_index.append(np.full(len(distances), i))
    xy = np.vstack(points)
    n = len(xy)
    lamp = rng.choice(["LED", "SON", "merkuri", "CFL"], n, p=[0.4, 0.45, 0.1, 0.05])
    watts = {
        "LED": (60, 90, 120),
        "SON": (150, 250),
        "merkuri": (125, 250),
        "CFL": (45, 65),
    }
    wattage = np.array([rng.choice(watts[t]) for t in lamp])
    status = rng.choice(["menyala", "mati", "rusak"], n, p=[0.96, 0.03, 0.01])
    return gpd.GeoDataFrame(
        {
            "pole_id": [f"PJU-{i + 1:05d}" for i in range(n)],
            "lamp_type": lamp,
            "wattage": wattage,
            "status": status,
            "road_index": np.concatenate(road_index),
        },
        geometry=shapely.points(xy),
        crs=roads.crs,
    )


def generate_network(
    kecamatan: gpd.GeoDataFrame, city: shapely.Geometry, rng: np.random.Generator
) -> Network:
    """Roads, poles, routes and stops for the demo city (EPSG:32751)."""
    roads = generate_roads(kecamatan, city, rng)
    poles = generate_poles(roads, rng)
    routes, stops = generate_routes(roads, rng)
    return Network(roads, poles, routes, stops)
