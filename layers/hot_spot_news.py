"""Rising hot spots in words a mayor understands.

The latest analysis run's emerging hot spots that are news — a place getting
worse now — grouped per category and place and said in one sentence ("Laporan
sampah di sekitar Pasar Oeba (Oebobo) meningkat dalam 4 minggu terakhir"). The
command room (:mod:`layers.summary`) and the morning brief show them.
"""

from __future__ import annotations

import copy

import sqlalchemy as sa

from gis.i18n import _, current_language
from layers import landmarks
from layers.categories import name_column

#: emerging hot spot patterns that are news: a place getting worse now
RISING = ("new hot spot", "consecutive hot spot", "intensifying hot spot")
#: a hot spot's hexagons this close together are one place (metres)
SAME_PLACE_M = 800.0


def hot_spot_news(conn: sa.Connection) -> list[dict]:
    """New, consecutive and intensifying hot spots of the latest analysis run,
    one per category and place, with a sentence a resident understands ("Laporan
    sampah di sekitar Pasar Oeba (Oebobo) meningkat dalam 4 minggu terakhir").

    Hexagon hot spots are grouped by category and kelurahan; each group is named
    after the nearest known place (:mod:`layers.landmarks`) when one lies within
    walking distance, otherwise after its kelurahan.
    """
    run = conn.execute(
        sa.text("SELECT max(id) FROM analysis_runs WHERE status = 'done'")
    ).scalar()
    return news_of_run(conn, run)


#: hot spots of an analysis run never change: (run, language) → the news
_HOT_SPOTS: dict[tuple[int | None, str], list[dict]] = {}


def news_of_run(conn: sa.Connection, run: int | None) -> list[dict]:
    """:func:`hot_spot_news` when the caller already knows the latest finished
    analysis run (``run``; None: there is none yet)."""
    key = (run, current_language.get())
    if key not in _HOT_SPOTS:
        if len(_HOT_SPOTS) > 16:
            _HOT_SPOTS.clear()
        _HOT_SPOTS[key] = _news(conn)
    return copy.deepcopy(_HOT_SPOTS[key])


def _news(conn: sa.Connection) -> list[dict]:
    rows = conn.execute(
        sa.text(
            f"SELECT e.category_code, min({name_column()}) AS category,"
            " e.kelurahan_kode, k.nama,"
            " max(e.hot_bins) AS weeks,"
            " (array_agg(e.pattern ORDER BY e.final_z DESC))[1] AS pattern,"
            " count(*) AS cells,"
            " ST_X(ST_Centroid(ST_Collect(ST_Centroid(e.geom)))) AS lon,"
            " ST_Y(ST_Centroid(ST_Collect(ST_Centroid(e.geom)))) AS lat"
            " FROM latest_emerging_hex e JOIN kelurahan k ON k.kode = e.kelurahan_kode"
            " JOIN categories g ON g.code = e.category_code"
            " WHERE e.pattern IN :rising GROUP BY 1, 3, 4 ORDER BY 1, 3"
        ).bindparams(sa.bindparam("rising", expanding=True)),
        {"rising": list(RISING)},
    ).all()
    places: dict[tuple[str, str], dict] = {}
    for row in rows:
        place = landmarks.nearest(row.lon, row.lat, SAME_PLACE_M)
        key = (row.category_code, place or row.nama)
        spot = places.get(key)
        if spot is None:
            places[key] = {
                "category_code": row.category_code,
                "category": row.category,
                "kelurahan_kode": row.kelurahan_kode,
                "kelurahan": row.nama,
                "place": place,
                "pattern": row.pattern,
                "weeks": row.weeks,
                "cells": row.cells,
                "lon": row.lon,
                "lat": row.lat,
                "filters": {
                    "kelurahan": row.kelurahan_kode,
                    "kategori": row.category_code,
                },
            }
        else:
            spot["weeks"] = max(spot["weeks"], row.weeks)
            spot["cells"] += row.cells
            if row.cells > spot["cells"] - row.cells:
                spot["kelurahan_kode"], spot["kelurahan"] = row.kelurahan_kode, row.nama
                spot["filters"]["kelurahan"] = row.kelurahan_kode
    news = sorted(places.values(), key=lambda s: (-s["cells"], s["category_code"]))
    for spot in news:
        spot["sentence"] = hot_spot_sentence(spot)
    return news


def hot_spot_sentence(spot: dict) -> str:
    """One hot spot in plain words."""
    what = spot["category"][:1].lower() + spot["category"][1:]
    weeks = max(int(spot["weeks"] or 1), 1)
    if spot["place"]:
        return _(
            "Reports of {what} around {place} ({kelurahan}) have risen over the"
            " last {weeks} weeks",
            what=what,
            place=spot["place"],
            kelurahan=spot["kelurahan"],
            weeks=weeks,
        )
    return _(
        "Reports of {what} in {kelurahan} have risen over the last {weeks} weeks",
        what=what,
        kelurahan=spot["kelurahan"],
        weeks=weeks,
    )
