"""Named places of Kota Kupang that people steer by, for sentences such as
"sampah di sekitar Pasar Oeba": the city's markets, port, airport and squares.

Coordinates are WGS 84 (lon, lat) of the place's centre. :func:`nearest` names the
closest place within a walking distance, so a hot spot is described by what a
resident knows instead of a hexagon number.
"""

from __future__ import annotations

import math

#: (name, lon, lat)
PLACES: tuple[tuple[str, float, float], ...] = (
    ("Pasar Oeba", 123.5940, -10.1590),
    ("Pasar Kasih Naikoten", 123.5980, -10.1800),
    ("Pasar Oebobo", 123.6040, -10.1690),
    ("Pasar Oesapa", 123.6560, -10.1460),
    ("Pasar Penfui", 123.6630, -10.1770),
    ("Pasar Alak", 123.5546, -10.1760),
    ("Pasar Sikumana", 123.6105, -10.2061),
    ("Pasar Lasiana", 123.6730, -10.1413),
    ("Pasar Oepura", 123.6102, -10.1894),
    ("Pasar Kuanino", 123.5936, -10.1725),
    ("Pasar Bakunase", 123.5848, -10.1893),
    ("Pelabuhan Tenau", 123.5310, -10.1995),
    ("Bandara El Tari", 123.6710, -10.1715),
    ("Kota Lama", 123.5790, -10.1560),
)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine; ample at city scale)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def nearest(lon: float, lat: float, within_m: float = 800.0) -> str | None:
    """The name of the closest place within ``within_m`` metres, else ``None``."""
    best = min(PLACES, key=lambda p: distance_m(lon, lat, p[1], p[2]))
    return best[0] if distance_m(lon, lat, best[1], best[2]) <= within_m else None
