"""Street lighting: which main roads a working pole lights, per kelurahan beside
its poles and dead-lamp reports. Part of the networks run
(:mod:`layers.city.networks`), which cuts the roads into pieces and places them
in kelurahan.

Arterial and collector road pieces are lit when a working pole (``menyala``)
stands within :data:`LIT_WITHIN_M` of the piece's midpoint; per kelurahan the
lit share of those road metres, the poles by status and the dead-lamp reports
(category :data:`PJU_CATEGORY`) of the window beside them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from shapely import ops

from gis.copy import copy_rows
from gis.snap import holding_or_nearest
from layers.city.roadnet import TO_LONLAT, Network, metric_points

LIT_WITHIN_M = 40.0
LIT_CLASSES = ("arteri", "kolektor")
PJU_CATEGORY = "lampu_jalan_mati"


def store_lit_pieces(
    conn: sa.Connection,
    run_id: int,
    net: Network,
    lines: np.ndarray,
    pieces: pd.DataFrame,
) -> pd.DataFrame:
    """Arterial/collector pieces with their nearest working pole; stored."""
    classes = net.roads["road_class"].to_numpy()
    main = pieces[np.isin(classes[pieces["road"].to_numpy()], LIT_CLASSES)].copy()
    poles = conn.execute(
        sa.text(
            "SELECT ST_X(geom), ST_Y(geom) FROM streetlights WHERE status = 'menyala'"
        )
    ).all()
    mid = main[["x", "y"]].to_numpy()
    if poles and len(main):
        from scipy.spatial import cKDTree

        pole_xy = metric_points(*np.array(poles, dtype=float).T)
        distance, _ = cKDTree(pole_xy).query(mid)
    else:
        distance = np.full(len(main), np.inf)
    main["nearest"] = distance
    main["lit"] = distance <= LIT_WITHIN_M
    main["length"] = main["end"] - main["start"]
    geoms = np.array(
        [
            ops.substring(lines[r], s, e)
            for r, s, e in zip(main["road"], main["start"], main["end"])
        ],
        dtype=object,
    )
    roads = net.roads
    copy_rows(
        conn,
        "lit_road_pieces",
        {
            "run_id": np.full(len(main), run_id),
            "road_id": roads["id"].to_numpy()[main["road"].to_numpy()],
            "piece": main["piece"].to_numpy(),
            "road_name": roads["name"].to_numpy()[main["road"].to_numpy()].tolist(),
            "road_class": classes[main["road"].to_numpy()].tolist(),
            "kelurahan_kode": main["kode"].tolist(),
            "length_m": main["length"].to_numpy(),
            "lit": main["lit"].to_numpy(),
            "nearest_working_m": np.where(np.isfinite(distance), distance, np.nan),
        },
        geometry=shapely.transform(
            geoms,
            lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1])),
        ),
    )
    return main


def _poles(conn: sa.Connection, kelurahan: pd.DataFrame) -> pd.DataFrame:
    rows = conn.execute(
        sa.text("SELECT status, ST_X(geom), ST_Y(geom) FROM streetlights")
    ).all()
    poles = pd.DataFrame(rows, columns=["status", "lon", "lat"])
    where = holding_or_nearest(
        metric_points(poles["lon"].to_numpy(), poles["lat"].to_numpy()),
        kelurahan["geom"].to_numpy(),
    )
    poles["kode"] = kelurahan["kode"].to_numpy()[where] if len(poles) else []
    return poles


def store_lighting(
    conn: sa.Connection,
    run_id: int,
    lit: pd.DataFrame,
    kelurahan: pd.DataFrame,
    reports: pd.DataFrame,
) -> None:
    """The run's ``street_lighting`` rows, one per kelurahan: the lit metres of
    its pieces ``lit`` (given their ``lit_m``), its poles by status and its
    dead-lamp ``reports``."""
    per_lit = lit.groupby("kode")[["length", "lit_m"]].sum()
    poles = _poles(conn, kelurahan)
    status = pd.crosstab(poles["kode"], poles["status"]) if len(poles) else None
    report_count = reports.groupby("kelurahan").size()
    open_count = reports[reports["open"]].groupby("kelurahan").size()

    def pole_count(kode: str, value: str | None = None) -> int:
        if status is None or kode not in status.index:
            return 0
        if value is None:
            return int(status.loc[kode].sum())
        return int(status.loc[kode].get(value, 0))

    light_rows = []
    for kode in kelurahan["kode"]:
        road_m = float(per_lit["length"].get(kode, 0.0))
        lit_m = float(per_lit["lit_m"].get(kode, 0.0))
        light_rows.append(
            {
                "run_id": run_id,
                "kelurahan_kode": kode,
                "road_m": road_m,
                "lit_m": lit_m,
                "lit_share": lit_m / road_m if road_m else None,
                "poles": pole_count(kode),
                "dead": pole_count(kode, "mati"),
                "damaged": pole_count(kode, "rusak"),
                "reports": int(report_count.get(kode, 0)),
                "open_reports": int(open_count.get(kode, 0)),
            }
        )
    conn.execute(
        sa.text(
            "INSERT INTO street_lighting (run_id, kelurahan_kode, road_m, lit_m,"
            " lit_share, poles, dead, damaged, reports, open_reports) VALUES"
            " (:run_id, :kelurahan_kode, :road_m, :lit_m, :lit_share, :poles,"
            " :dead, :damaged, :reports, :open_reports)"
        ),
        light_rows,
    )
