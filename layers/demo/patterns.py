"""Known patterns planted in the demo city, so analyses can be checked against them.

Each planter adds complaints to the :class:`~layers.demo.complaints.Sample` and
returns its manifest entry. Pattern places are drawn from the seed, kept apart from
each other, and a set of *control* kelurahan (no pattern, not next to one) is named
for the checks that nothing is found where nothing was planted.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.demo.complaints import Clock, Sample, points_on_roads, road_weights
from layers.landmarks import PLACES

CORRIDOR_ROADS = (
    "Jl. Timor Raya",
    "Jl. El Tari",
    "Jl. Frans Seda",
    "Jl. Jend. Soeharto",
)
CORRIDOR_LENGTH_M = 1500.0
#: Markets where rubbish piles up: the city's named markets, (name, lon, lat)
MARKETS = tuple(place for place in PLACES if place[0].startswith("Pasar "))
RUBBISH_WEEKS = 4
HALO_SHARE = 0.4  # halo excess per road-km, relative to the pair's
RUBBISH_SD_M = 130.0
#: the market's TPS is emptied on Senin and Kamis (ISO weekdays) only, and the
#: outbreak's residents bring their rubbish out on the other days
MARKET_TPS_DAYS = (1, 4)


@dataclass
class Site:
    """Everything the planters share: the city, its network, the clock, the dice."""

    kelurahan: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    poles: gpd.GeoDataFrame
    adjacency: dict[str, set[str]]
    n_total: int
    clock: Clock
    city: shapely.Geometry
    rng: np.random.Generator
    sample: Sample


def neighbours(
    kelurahan: gpd.GeoDataFrame, tolerance_m: float = 15.0
) -> dict[str, set[str]]:
    """Kelurahan sharing a boundary (within ``tolerance_m``, for slivers/gaps)."""
    codes = kelurahan["kode"].to_numpy()
    grown = shapely.buffer(kelurahan.geometry.values, tolerance_m)
    tree = shapely.STRtree(kelurahan.geometry.values)
    left, right = tree.query(grown, predicate="intersects")
    out: dict[str, set[str]] = {c: set() for c in codes}
    for a, b in zip(left, right):
        if a != b:
            out[codes[a]].add(codes[b])
    return out


def _road_length(roads: gpd.GeoDataFrame) -> dict[str, float]:
    """Metres of road in each kelurahan (by segment midpoint)."""
    return roads.geometry.length.groupby(roads["kelurahan"]).sum().to_dict()


def _ring(codes: set[str], adjacency: dict[str, set[str]]) -> set[str]:
    return set(codes).union(*(adjacency[c] for c in codes))


def plant_corridor(site: Site) -> dict:
    """A 1.5 km stretch of an arterial whose PJU poles keep going dark."""
    roads, poles, n_total, clock, rng, sample = (
        site.roads,
        site.poles,
        site.n_total,
        site.clock,
        site.rng,
        site.sample,
    )
    name = CORRIDOR_ROADS[int(rng.integers(len(CORRIDOR_ROADS)))]
    mask = (roads["name"] == name).to_numpy() & (
        roads["road_class"] == "arteri"
    ).to_numpy()
    index = np.flatnonzero(mask)
    spine = shapely.line_merge(shapely.union_all(roads.geometry.values[index]))
    if spine.geom_type != "LineString":
        spine = max(shapely.get_parts(spine), key=lambda g: g.length)
    along = shapely.line_locate_point(
        spine,
        shapely.line_interpolate_point(
            roads.geometry.values[index], 0.5, normalized=True
        ),
    )
    start = rng.uniform(0, max(spine.length - CORRIDOR_LENGTH_M, 1))
    chosen = index[(along >= start) & (along <= start + CORRIDOR_LENGTH_M)]
    on_corridor = np.isin(poles["road_index"].to_numpy(), chosen)
    dead = on_corridor & (rng.random(len(poles)) < 0.7)
    poles.loc[dead, "status"] = "mati"
    pole_index = np.flatnonzero(on_corridor)
    count = max(80, round(n_total * 0.008))
    weight = np.where(dead[pole_index], 3.0, 1.0)
    picked = rng.choice(pole_index, count, p=weight / weight.sum())
    xy = shapely.get_coordinates(poles.geometry.values[picked])
    xy = xy + rng.normal(0, 4.0, xy.shape)
    first_day = clock.days - 90
    sample.add(
        "lampu_jalan_mati",
        xy,
        np.full(count, name, dtype=object),
        clock.sample(rng, count, "lampu_jalan_mati", first_day),
        "streetlight_corridor",
    )
    return {
        "id": "streetlight_corridor",
        "category": "lampu_jalan_mati",
        "road_name": name,
        "road_index": chosen.tolist(),
        "pole_ids": poles["pole_id"].to_numpy()[pole_index].tolist(),
        "complaints": count,
        "tps_collection_days": list(MARKET_TPS_DAYS),
        "since": clock.day_start(first_day).isoformat(),
        "expect": "dead-lamp reports snap to these poles; the corridor stands out",
    }


def _reports_inside(
    area: shapely.Geometry,
    roads: gpd.GeoDataFrame,
    weights: np.ndarray,
    count: int,
    rng: np.random.Generator,
    city: shapely.Geometry,
) -> tuple[np.ndarray, np.ndarray]:
    shapely.prepare(area)
    xys, streets, have = [], [], 0
    while have < count:
        xy, street = points_on_roads(roads, weights, count, 3.0, rng, city)
        inside = shapely.contains_xy(area, xy[:, 0], xy[:, 1])
        xys.append(xy[inside])
        streets.append(street[inside])
        have += int(inside.sum())
    return np.vstack(xys)[:count], np.concatenate(streets)[:count]


def plant_pothole_pair(site: Site, avoid: set[str]) -> dict:
    """Potholes concentrated in two neighbouring kelurahan all year.

    Their neighbours (the halo) get a milder excess, as a real cluster of bad
    roads would: a two-area spike alone is an outlier, not a cluster.
    """
    kelurahan, roads, adjacency = site.kelurahan, site.roads, site.adjacency
    n_total, clock, city, rng = site.n_total, site.clock, site.city, site.rng
    sample = site.sample
    length = _road_length(roads)
    area = dict(zip(kelurahan["kode"], kelurahan.geometry.area / 1e6))
    # settled kelurahan of ordinary size, so the excess shows per km² and per road-km
    ok = {
        k
        for k, v in length.items()
        if v >= 4000 and 0.4 <= area[k] <= 6 and len(adjacency[k]) >= 3
    }  # a cluster needs neighbours around it
    ok -= _ring(avoid, adjacency)
    pairs = sorted({tuple(sorted((a, b))) for a in ok for b in adjacency[a] & ok})
    pair = pairs[int(rng.integers(len(pairs)))]
    count = max(150, round(n_total * 0.03))

    def potholes_in(codes: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        region = shapely.union_all(
            kelurahan.geometry.values[kelurahan["kode"].isin(codes).to_numpy()]
        )
        inside = roads["kelurahan"].isin(codes).to_numpy()
        weights = road_weights(roads[inside], "jalan_berlubang")
        return _reports_inside(region, roads[inside], weights, n, rng, city)

    xy, street = potholes_in(list(pair), count)
    halo = sorted((adjacency[pair[0]] | adjacency[pair[1]]) - set(pair))
    # the halo's excess per road-km is a share of the pair's
    pair_km = sum(length.get(k, 0.0) for k in pair)
    halo_km = sum(length.get(k, 0.0) for k in halo)
    halo_count = round(HALO_SHARE * count / pair_km * halo_km)
    halo_xy, halo_street = potholes_in(halo, halo_count)
    sample.add(
        "jalan_berlubang",
        np.vstack([xy, halo_xy]),
        np.concatenate([street, halo_street]),
        clock.sample(rng, count + halo_count, "jalan_berlubang"),
        "pothole_cluster",
    )
    return {
        "id": "pothole_cluster",
        "category": "jalan_berlubang",
        "kelurahan": list(pair),
        "halo": halo,
        "complaints": count + halo_count,
        "core_complaints": count,
        "expect": {"local_moran": "HH", "gi_star": "hot", "confidence": 0.95},
    }


def off_collection_days(clock: Clock, reported: np.ndarray) -> np.ndarray:
    """Reports falling on the market TPS's collection days moved a day later (a
    day earlier at the window's end): the same weeks, other weekdays."""
    day = 86_400
    weekday = ((reported + 8 * 3600) // day + 3) % 7 + 1  # WITA, ISO (epoch: Thu)
    on = np.isin(weekday, MARKET_TPS_DAYS)
    later = reported + day
    moved = np.where(later < clock.as_of.timestamp(), later, reported - day)
    return np.where(on, moved, reported)


def plant_rubbish(site: Site, avoid: set[str]) -> dict:
    """A rubbish hot spot around a market that appears only in the last 4 weeks."""
    kelurahan, adjacency = site.kelurahan, site.adjacency
    n_total, clock, city, rng = site.n_total, site.clock, site.city, site.rng
    sample = site.sample
    places = gpd.GeoSeries(
        shapely.points([(x, y) for _, x, y in MARKETS]), crs=4326
    ).to_crs(kelurahan.crs)
    tree = shapely.STRtree(kelurahan.geometry.values)
    home = kelurahan["kode"].to_numpy()[tree.nearest(places.values)]
    # A market where rubbish reports are not everyday news: beside the busier half
    # of the city the outbreak would read "sporadic", not "consecutive".
    busy = (
        pd.Series(road_weights(site.roads, "kebersihan"))
        .groupby(site.roads["kelurahan"].to_numpy())
        .sum()
    )
    busier = set(busy[busy > busy.median()].index)
    reach = shapely.buffer(places.values, 2 * RUBBISH_SD_M)
    touched = [
        set(kelurahan["kode"].to_numpy()[tree.query(area, "intersects")])
        for area in reach
    ]
    blocked = _ring(avoid, adjacency)
    clear = [i for i, codes in enumerate(touched) if not codes & blocked] or [
        i for i, k in enumerate(home) if k not in avoid
    ]
    quiet = [i for i in clear if not touched[i] & busier]
    options = quiet or [
        min(clear, key=lambda i: max(busy.get(k, 0.0) for k in touched[i]))
    ]
    choice = options[int(rng.integers(len(options)))]
    centre = places.values[choice]
    count = max(120, round(n_total * 0.012))
    xy = np.empty((0, 2))
    while len(xy) < count:
        more = np.array([centre.x, centre.y]) + rng.normal(0, RUBBISH_SD_M, (count, 2))
        xy = np.vstack([xy, more[shapely.contains_xy(city, more[:, 0], more[:, 1])]])
    xy = xy[:count]
    first_day = clock.days - RUBBISH_WEEKS * 7
    sample.add(
        "kebersihan",
        xy,
        np.full(count, MARKETS[choice][0], dtype=object),
        off_collection_days(clock, clock.sample(rng, count, "kebersihan", first_day)),
        "rubbish_emerging",
    )
    lon, lat = MARKETS[choice][1:]
    return {
        "id": "rubbish_emerging",
        "category": "kebersihan",
        "market": MARKETS[choice][0],
        "centre": [lon, lat],
        "radius_m": 2 * RUBBISH_SD_M,
        "complaints": count,
        "tps_collection_days": list(MARKET_TPS_DAYS),
        "since": clock.day_start(first_day).isoformat(),
        "expect": {
            "emerging": "consecutive hot spot",
            "also_accepted": ["new hot spot", "intensifying hot spot"],
            "why": "significant only in the final four weekly bins",
        },
    }


def plant_unhandled(site: Site, avoid: set[str]) -> dict:
    """Road reports in one kelurahan left untouched for 8 to 20 days."""
    kelurahan, roads = site.kelurahan, site.roads
    n_total, clock, city, rng = site.n_total, site.clock, site.city, site.rng
    sample = site.sample
    length = _road_length(roads)
    # a red flag is about one kelurahan: it only has to stay clear of the others
    options = sorted(k for k, v in length.items() if v >= 2000 and k not in avoid)
    chosen = options[int(rng.integers(len(options)))]
    count = max(8, round(n_total * 0.0008))
    here = (roads["kelurahan"] == chosen).to_numpy()
    category = rng.choice(["jalan_berlubang", "jalan_rusak"], count, p=[0.7, 0.3])
    region = kelurahan.geometry.values[(kelurahan["kode"] == chosen).to_numpy()][0]
    xy, street = _reports_inside(
        region,
        roads[here],
        road_weights(roads[here], "jalan_berlubang"),
        count,
        rng,
        city,
    )
    now = clock.as_of.timestamp()
    age_days = np.sort(rng.uniform(8, 20, count))[::-1]
    sample.add(category, xy, street, now - age_days * 86400, "unhandled_roads")
    return {
        "id": "unhandled_roads",
        "categories": sorted(set(category)),
        "kelurahan": chosen,
        "complaints": count,
        "oldest_days": round(float(age_days.max()), 2),
        "youngest_days": round(float(age_days.min()), 2),
        "expect": {"red_flag": "red", "threshold_days": 7},
    }


def pick_controls(
    site: Site, used: set[str], exclude: set[str] = frozenset(), count: int = 4
) -> list[str]:
    """Kelurahan with no pattern in or next to them (nor in ``exclude``)."""
    kelurahan, roads, adjacency, rng = (
        site.kelurahan,
        site.roads,
        site.adjacency,
        site.rng,
    )
    length = _road_length(roads)
    options = sorted(
        k
        for k in kelurahan["kode"]
        if k not in _ring(used, adjacency) | exclude and length.get(k, 0) >= 3000
    )
    if not options:
        raise ValueError("no kelurahan left for controls: the city is too small")
    return sorted(rng.choice(options, min(count, len(options)), replace=False).tolist())


def kelurahan_of(xy: np.ndarray, kelurahan: gpd.GeoDataFrame) -> pd.Series:
    """Code of the kelurahan containing each point (lowest code wins), or None."""
    tree = shapely.STRtree(kelurahan.geometry.values)
    point_index, poly_index = tree.query(shapely.points(xy), predicate="intersects")
    codes = pd.Series(kelurahan["kode"].to_numpy()[poly_index], index=point_index)
    return codes.groupby(level=0).min().reindex(range(len(xy)))
