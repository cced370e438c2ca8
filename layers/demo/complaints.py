"""Synthetic complaints: twelve months of background reports plus planted patterns.

Background reports follow the roads (potholes on roads in poor condition, dead
lamps at PJU poles, rubbish and drains where people live), the daily and weekly
rhythm of a city (more on weekdays, peaks in the morning and evening, WITA), the
rainy season (December–March) for floods, drains and trees, and a life cycle whose
speed differs by OPD. Nobody's report waits more than six days in the background,
so the only week-old untouched reports are the planted ones.

Planted patterns are returned with the frame, to be written to the manifest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis.timeutil import WITA
from layers.demo import phrasing, texts
from layers.status import REJECTION_REASONS, State

CATEGORY_MIX = {
    "kebersihan": 0.22,
    "jalan_berlubang": 0.17,
    "lampu_jalan_mati": 0.14,
    "drainase": 0.10,
    "air_bersih": 0.09,
    "jalan_rusak": 0.07,
    "ketertiban_umum": 0.05,
    "fasilitas_umum": 0.04,
    "banjir": 0.04,
    "rambu_lalu_lintas": 0.04,
    "pohon_tumbang": 0.04,
}
ON_ROAD = ("jalan_berlubang", "jalan_rusak", "rambu_lalu_lintas")
RAINY = ("banjir", "drainase", "pohon_tumbang")
#: OPD → (median hours to acknowledge, median days to resolve)
OPD_SPEED = {
    "DPUPR": (20, 8.0),
    "DISHUB": (12, 4.0),
    "DLHK": (6, 1.5),
    "BPBD": (2, 1.0),
    "PDAM": (8, 2.5),
    "SATPOLPP": (16, 3.0),
    "DISPERKIM": (30, 10.0),
}
HOUR_WEIGHTS = np.array(
    [1, 0.5, 0.3, 0.3, 0.5, 2, 5, 8, 9, 8, 7, 6, 6, 5, 5, 6, 7, 8, 8, 7, 5, 4, 3, 2],
    dtype=float,
)
WEEKDAY_WEIGHTS = np.array([1.2, 1.1, 1.05, 1.0, 1.0, 0.8, 0.7])  # Monday first
CHANNELS = {
    "aplikasi": 0.45,
    "whatsapp": 0.25,
    "web": 0.15,
    "telepon": 0.10,
    "media_sosial": 0.05,
}
MAX_ACK_HOURS = 96.0  # background: acknowledged within four days
MAX_START_HOURS = 48.0  # and work started two days later at the latest


@dataclass
class Sample:
    """Where and when complaints happen, before their life cycle is simulated."""

    category: list[np.ndarray] = field(default_factory=list)
    xy: list[np.ndarray] = field(default_factory=list)
    street: list[np.ndarray] = field(default_factory=list)
    reported: list[np.ndarray] = field(default_factory=list)  # seconds since epoch
    pattern: list[np.ndarray] = field(default_factory=list)

    def add(
        self,
        category: str | np.ndarray,
        xy: np.ndarray,
        street: np.ndarray,
        reported: np.ndarray,
        pattern: str = "",
    ) -> None:
        n = len(xy)
        self.category.append(np.broadcast_to(np.asarray(category, dtype=object), n))
        self.xy.append(xy)
        self.street.append(street)
        self.reported.append(reported)
        self.pattern.append(np.full(n, pattern, dtype=object))

    def frame(self) -> pd.DataFrame:
        xy = np.vstack(self.xy)
        return pd.DataFrame(
            {
                "category_code": np.concatenate(self.category),
                "x": xy[:, 0],
                "y": xy[:, 1],
                "street": np.concatenate(self.street),
                "reported": np.concatenate(self.reported),
                "pattern": np.concatenate(self.pattern),
            }
        )


class Clock:
    """Turns day/hour choices into UTC epoch seconds for a window ending at as_of."""

    def __init__(self, end: date, days: int = 365) -> None:
        self.start = end - timedelta(days=days - 1)
        self.days = days
        self.as_of = datetime.combine(end + timedelta(days=1), time(0), WITA)
        self.start_epoch = datetime.combine(self.start, time(0), WITA).timestamp()

    def day_start(self, day: int) -> datetime:
        """Midnight (WITA) at the start of day ``day`` of the window."""
        return datetime.combine(self.start + timedelta(days=day), time(0), WITA)

    def day_weights(self, category: str) -> np.ndarray:
        dates = pd.date_range(self.start, periods=self.days, freq="D")
        weights = WEEKDAY_WEIGHTS[dates.day_of_week]
        if category in RAINY:
            weights = weights * np.where(dates.month.isin([12, 1, 2, 3]), 3.0, 0.6)
        return weights / weights.sum()

    def sample(
        self,
        rng: np.random.Generator,
        n: int,
        category: str,
        first_day: int = 0,
        last_day: int | None = None,
    ) -> np.ndarray:
        """Epoch seconds of ``n`` reports between two day offsets (inclusive)."""
        last_day = self.days - 1 if last_day is None else last_day
        weights = self.day_weights(category)[first_day : last_day + 1]
        day = first_day + rng.choice(len(weights), n, p=weights / weights.sum())
        hour = rng.choice(24, n, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
        seconds = rng.uniform(0, 3600, n)
        return self.start_epoch + day * 86400.0 + hour * 3600.0 + seconds


def points_on_roads(
    roads: gpd.GeoDataFrame,
    weights: np.ndarray,
    n: int,
    jitter_m: float,
    rng: np.random.Generator,
    city: shapely.Geometry,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points on roads chosen with ``weights``, jittered but kept inside the
    city (a point that would leave it stays on its road); (xy, street names)."""
    index = rng.choice(len(roads), n, p=weights / weights.sum())
    lines = roads.geometry.values[index]
    exact = shapely.get_coordinates(
        shapely.line_interpolate_point(lines, rng.uniform(0, 1, n), normalized=True)
    )
    xy = exact + rng.normal(0, jitter_m, (n, 2))
    outside = ~shapely.contains_xy(city, xy[:, 0], xy[:, 1])
    xy[outside] = exact[outside]
    return xy, roads["name"].to_numpy()[index]


def road_weights(roads: gpd.GeoDataFrame, category: str) -> np.ndarray:
    """How likely a report of ``category`` lands on each road segment."""
    length = roads.geometry.length.to_numpy()
    if category in ON_ROAD:
        # condition is drawn independently per segment: no spatial pattern
        condition = roads["condition"].map(
            {"baik": 0.3, "sedang": 1.0, "rusak_ringan": 2.0, "rusak_berat": 3.0}
        )
        return length * condition.to_numpy()
    # where people live: local streets, more in the urban north
    cls = roads["road_class"].map(
        {"arteri": 0.6, "kolektor": 0.9, "lokal": 1.3, "lingkungan": 1.3}
    )
    return length * cls.to_numpy() * np.where(roads["urban"], 1.0, 0.5)


def background(
    n: int,
    roads: gpd.GeoDataFrame,
    poles: gpd.GeoDataFrame,
    clock: Clock,
    city: shapely.Geometry,
    rng: np.random.Generator,
    sample: Sample,
) -> None:
    """Add ``n`` ordinary reports to ``sample``."""
    categories = list(CATEGORY_MIX)
    counts = rng.multinomial(n, np.array([CATEGORY_MIX[c] for c in categories]))
    for category, count in zip(categories, counts):
        if count == 0:
            continue
        if category == "lampu_jalan_mati":
            weight = (
                poles["status"]
                .map({"menyala": 1.0, "mati": 5.0, "rusak": 3.0})
                .to_numpy()
            )
            index = rng.choice(len(poles), count, p=weight / weight.sum())
            xy = shapely.get_coordinates(poles.geometry.values[index])
            xy = xy + rng.normal(0, 4.0, xy.shape)
            street = roads["name"].to_numpy()[poles["road_index"].to_numpy()[index]]
        else:
            jitter = 3.0 if category in ON_ROAD else 25.0
            xy, street = points_on_roads(
                roads, road_weights(roads, category), count, jitter, rng, city
            )
        sample.add(category, xy, street, clock.sample(rng, count, category))


def life_cycle(
    frame: pd.DataFrame, opd_of: dict[str, str], clock: Clock, rng: np.random.Generator
) -> pd.DataFrame:
    """Status and acknowledged/resolved times as of the end of the window."""
    n = len(frame)
    opd = frame["category_code"].map(opd_of).to_numpy()
    ack_median = np.array([OPD_SPEED[o][0] for o in opd])
    fix_median = np.array([OPD_SPEED[o][1] for o in opd])
    ack_h = np.minimum(ack_median * rng.lognormal(0, 0.8, n), MAX_ACK_HOURS)
    start_h = np.minimum(12 * rng.lognormal(0, 0.7, n), MAX_START_HOURS)
    fix_h = np.maximum(fix_median * 24 * rng.lognormal(0, 0.7, n), ack_h + start_h + 1)
    reported = frame["reported"].to_numpy()
    now = clock.as_of.timestamp()
    age_h = (now - reported) / 3600
    rejected = rng.random(n) < 0.04
    status = np.select(
        [
            age_h < ack_h,
            rejected,
            age_h >= fix_h,
            age_h >= ack_h + start_h,
            age_h >= ack_h + start_h / 2,
        ],
        [
            State.BARU.value,
            State.DITOLAK.value,
            State.SELESAI.value,
            State.DIPROSES.value,
            State.DIDISPOSISIKAN.value,
        ],
        State.DIVERIFIKASI.value,
    ).astype(object)
    coordination = (status == State.DIPROSES.value) & (rng.random(n) < 0.06)
    status[coordination] = State.KOORDINASI.value
    sub_status = np.where(
        status == State.DITOLAK.value,
        rng.choice(list(REJECTION_REASONS), n),
        None,
    )
    acknowledged = np.where(status == State.BARU.value, np.nan, reported + ack_h * 3600)
    resolved = np.where(
        status == State.SELESAI.value,
        reported + fix_h * 3600,
        np.where(status == State.DITOLAK.value, acknowledged, np.nan),
    )
    out = frame.assign(
        opd_code=opd,
        status=status,
        sub_status=sub_status,
        acknowledged=acknowledged,
        resolved=resolved,
        started=reported + (ack_h + start_h) * 3600,
    )
    planted = out["pattern"] == "unhandled_roads"
    out.loc[planted, ["status", "sub_status"]] = [State.BARU.value, None]
    out.loc[planted, ["acknowledged", "resolved"]] = np.nan
    return out


def describe(frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """An Indonesian description for each report (see :mod:`layers.demo.phrasing`).

    Takes exactly two draws per report from ``rng``, as the generator always has,
    so every later draw (channels, contacts) stays the same; the wording's own
    randomness is seeded from those draws.
    """
    pick = rng.random(len(frame))
    places = rng.choice(texts.PLACES, len(frame))
    wording = random.Random(pick.tobytes())
    return np.array(
        [
            phrasing.compose(c, s, pl, wording)
            for c, s, pl in zip(frame["category_code"], frame["street"], places)
        ],
        dtype=object,
    )
