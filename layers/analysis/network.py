"""Network analysis: dead-lamp reports snapped to PJU poles, road-damage reports
snapped to road segments; per-pole outages, segments with more reports than
their share of the network explains, and the corridors they form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely
import sqlalchemy as sa
from scipy import stats

from gis.copy import copy_rows
from gis.db import METRIC_SRID
from gis.snap import nearest_within
from gis.stats import adjust_pvalues
from layers.analysis.runs import Run

MIN_REPORTS = 3  # a segment needs at least this many reports to stand out

WEEK_S = 7 * 86400
#: 1970-01-01 was a Thursday: shift epoch seconds so weeks start Monday 00:00 WITA
MONDAY_WITA_S = 3 * 86400 - 8 * 3600


def _network(conn: sa.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Roads (id, length, poles on them, metric line) and poles (metric point)."""
    roads = pd.DataFrame(
        conn.execute(
            sa.text(
                "SELECT r.id, r.length_m, count(s.id) AS poles,"
                f" ST_AsBinary(ST_Transform(r.geom, {METRIC_SRID})) AS wkb FROM roads r"
                " LEFT JOIN streetlights s ON s.road_id = r.id GROUP BY r.id"
                " ORDER BY r.id"
            )
        ).all(),
        columns=["id", "length_m", "poles", "wkb"],
    )
    roads["geom"] = shapely.from_wkb(roads.pop("wkb").to_numpy())
    poles = pd.DataFrame(
        conn.execute(
            sa.text(
                "SELECT id, pole_id, road_id,"
                f" ST_AsBinary(ST_Transform(geom, {METRIC_SRID})) AS wkb"
                " FROM streetlights ORDER BY id"
            )
        ).all(),
        columns=["id", "pole_id", "road_id", "wkb"],
    )
    poles["geom"] = shapely.from_wkb(poles.pop("wkb").to_numpy())
    return roads, poles


def _instants(epoch_s: np.ndarray) -> pa.Array:
    return pa.array(
        np.round(epoch_s * 1e6).astype(np.int64), type=pa.timestamp("us", tz="UTC")
    )


def _pole_outages(
    conn: sa.Connection, run: Run, poles: pd.DataFrame, pole: np.ndarray, t: np.ndarray
) -> None:
    """Reports per pole and the WITA weeks they fall in (two weeks: repeated)."""
    hit = pole >= 0
    if not hit.any():
        return
    frame = pd.DataFrame(
        {
            "pole": pole[hit],
            "t": t[hit],
            "week": np.floor((t[hit] + MONDAY_WITA_S) / WEEK_S).astype(np.int64),
        }
    )
    per_pole = frame.groupby("pole").agg(
        reports=("t", "size"),
        weeks=("week", "nunique"),
        first=("t", "min"),
        last=("t", "max"),
    )
    index = per_pole.index.to_numpy()
    copy_rows(
        conn,
        "pole_outages",
        {
            "run_id": np.full(len(index), run.id),
            "streetlight_id": poles["id"].to_numpy()[index],
            "pole_id": poles["pole_id"].to_numpy()[index],
            "reports": per_pole["reports"].to_numpy(),
            "weeks": per_pole["weeks"].to_numpy(),
            "repeated": per_pole["weeks"].to_numpy() >= 2,
            "first_report": _instants(per_pole["first"].to_numpy()),
            "last_report": _instants(per_pole["last"].to_numpy()),
        },
    )


def excess_pvalues(
    reports: np.ndarray,
    expected: np.ndarray,
    test: str = "negative_binomial",
    alpha: float = 0.05,
) -> tuple[np.ndarray, float]:
    """One-sided p-values of more reports than expected, and the dispersion used.

    Reports cluster (one broken lamp draws several reports), so counts per
    segment vary more than Poisson: ``negative_binomial`` estimates the
    dispersion ``1/k`` by moments, ``Σ[(y − μ)² − μ] / Σ μ²`` (variance
    ``μ + μ²/k``), over the segments that do not stand out (first under
    Poisson, then re-estimated until the set is stable), so a real corridor
    does not inflate its own yardstick,
    and falls back to Poisson when it is not positive; ``poisson`` ignores
    overdispersion (kept for comparison).
    """
    mu = np.maximum(np.asarray(expected, dtype=float), 1e-9)
    y = np.asarray(reports, dtype=float)
    p, dispersion = stats.poisson.sf(y - 1, mu), 0.0
    if test == "poisson":
        return p, dispersion
    # start from the segments Poisson leaves quiet: estimated over all segments,
    # a strong corridor inflates the dispersion until it hides itself
    background = adjust_pvalues(p) > alpha
    for _ in range(10):
        b_mu, b_y = mu[background], y[background]
        dispersion = max(float(((b_y - b_mu) ** 2 - b_mu).sum() / (b_mu**2).sum()), 0)
        if dispersion > 0:
            size = 1.0 / dispersion
            p = stats.nbinom.sf(y - 1, size, size / (size + mu))
        else:
            p = stats.poisson.sf(y - 1, mu)
        quiet = adjust_pvalues(p) > alpha
        if (quiet == background).all():
            break
        background = quiet
    return p, dispersion


def _segments(
    conn: sa.Connection,
    run: Run,
    category: str,
    roads: pd.DataFrame,
    road: np.ndarray,
    to_poles: bool,
) -> None:
    frame = pd.DataFrame(
        {
            "road_id": roads["id"].to_numpy(),
            "exposure": roads["poles" if to_poles else "length_m"].to_numpy(float),
            "reports": np.bincount(road[road >= 0], minlength=len(roads)),
        }
    )
    total = frame["reports"].sum()
    if total == 0 or frame["exposure"].sum() == 0:
        return
    expected = total * frame["exposure"].to_numpy(float) / frame["exposure"].sum()
    reports = frame["reports"].to_numpy()
    p, dispersion = excess_pvalues(
        reports,
        expected,
        run.parameters.get("segment_test", "negative_binomial"),
        run.parameters["alpha"],
    )
    run.parameters.setdefault("segment_dispersion", {})[category] = dispersion
    adjusted = adjust_pvalues(p, run.parameters["correction"])
    stands_out = (adjusted <= run.parameters["alpha"]) & (
        frame["reports"].to_numpy() >= MIN_REPORTS
    )
    keep = frame["reports"].to_numpy() > 0
    n = int(keep.sum())
    copy_rows(
        conn,
        "road_segment_stats",
        {
            "run_id": np.full(n, run.id),
            "category_code": np.full(n, category, dtype=object),
            "road_id": frame["road_id"].to_numpy()[keep],
            "reports": frame["reports"].to_numpy()[keep],
            "expected": expected[keep],
            "excess_p": p[keep],
            "excess_p_adjusted": adjusted[keep],
            "stands_out": stands_out[keep],
        },
    )
    conn.execute(
        sa.text(
            "INSERT INTO road_corridors SELECT :run, :category, cluster + 1,"
            " array_agg(id ORDER BY id), sum(reports), sum(length_m),"
            " ST_Multi(ST_CollectionExtract(ST_Collect(geom), 2)) FROM ("
            "  SELECT r.id, r.length_m, r.geom, s.reports, ST_ClusterDBSCAN("
            "  ST_Transform(r.geom, 32751), eps := 1, minpoints := 1) OVER () AS"
            " cluster"
            "  FROM road_segment_stats s JOIN roads r ON r.id = s.road_id"
            "  WHERE s.run_id = :run AND s.category_code = :category AND s.stands_out"
            " ) flagged GROUP BY cluster"
        ),
        {"run": run.id, "category": category},
    )


def run_network(
    conn: sa.Connection,
    run: Run,
    points: pd.DataFrame,
    denominators: dict[str, str],
) -> None:
    """Snapping, pole outages, segment excess and corridors for network
    categories (denominator ``poles`` or ``road_km``)."""
    chosen = [c for c in run.categories if denominators[c] in ("poles", "road_km")]
    if not chosen:
        return
    roads, poles = _network(conn)
    road_index = pd.Series(np.arange(len(roads)), index=roads["id"])
    pole_road = poles["road_id"].map(road_index).fillna(-1).to_numpy(np.int64)
    tolerance = run.parameters["snap_tolerance_m"]
    for category in chosen:
        to_poles = denominators[category] == "poles"
        mine = points[points["category_code"] == category]
        xy = mine[["x", "y"]].to_numpy(float)
        if to_poles:
            pole = nearest_within(xy, poles["geom"].to_numpy(), tolerance)
            _pole_outages(conn, run, poles, pole, mine["t"].to_numpy(float))
            road = np.where(pole >= 0, pole_road[np.maximum(pole, 0)], -1)
        else:
            road = nearest_within(xy, roads["geom"].to_numpy(), tolerance)
        _segments(conn, run, category, roads, road, to_poles)
