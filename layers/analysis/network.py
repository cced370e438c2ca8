"""Network analysis: dead-lamp reports snapped to PJU poles, road-damage reports
snapped to road segments; per-pole outages, segments with more reports than
their share of the network explains, and the corridors they form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy import stats

from gis.copy import copy_rows
from gis.stats import adjust_pvalues
from layers.analysis.runs import Run

MIN_REPORTS = 3  # a segment needs at least this many reports to stand out

SNAP_TO_POLES = (
    "SELECT c.id, c.reported_at, s.id AS target, s.road_id FROM complaints c"
    " CROSS JOIN LATERAL (SELECT id, road_id, geom FROM streetlights"
    "   ORDER BY geom <-> c.geom LIMIT 1) s"
    " WHERE c.category_code = :category AND c.reported_at >= :start"
    " AND c.reported_at < :end"
    " AND ST_DWithin(s.geom::geography, c.geom::geography, :tolerance)"
)
SNAP_TO_ROADS = (
    "SELECT c.id, c.reported_at, r.id AS target, r.id AS road_id FROM complaints c"
    " CROSS JOIN LATERAL (SELECT id, geom FROM roads"
    "   ORDER BY geom <-> c.geom LIMIT 1) r"
    " WHERE c.category_code = :category AND c.reported_at >= :start"
    " AND c.reported_at < :end"
    " AND ST_DWithin(r.geom::geography, c.geom::geography, :tolerance)"
)


def _snap(conn: sa.Connection, run: Run, category: str, to_poles: bool) -> str:
    table = f"snapped_{run.id}_{category}"
    conn.execute(
        sa.text(
            f"CREATE TEMP TABLE {table} ON COMMIT DROP AS "
            + (SNAP_TO_POLES if to_poles else SNAP_TO_ROADS)
        ),
        {
            "category": category,
            "start": run.window_start,
            "end": run.window_end,
            "tolerance": run.parameters["snap_tolerance_m"],
        },
    )
    return table


def _pole_outages(conn: sa.Connection, run: Run, snapped: str) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO pole_outages SELECT :run, s.target, p.pole_id, count(*),"
            " count(DISTINCT date_trunc('week', s.reported_at)),"
            " count(DISTINCT date_trunc('week', s.reported_at)) >= 2,"
            f" min(s.reported_at), max(s.reported_at) FROM {snapped} s"
            " JOIN streetlights p ON p.id = s.target GROUP BY s.target, p.pole_id"
        ),
        {"run": run.id},
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
    conn: sa.Connection, run: Run, category: str, snapped: str, to_poles: bool
) -> None:
    exposure = (
        "(SELECT count(*) FROM streetlights s WHERE s.road_id = r.id)"
        if to_poles
        else "r.length_m"
    )
    frame = pd.DataFrame(
        conn.execute(
            sa.text(
                f"SELECT r.id, {exposure} AS exposure, count(x.road_id) AS reports"
                f" FROM roads r LEFT JOIN {snapped} x ON x.road_id = r.id GROUP BY r.id"
            )
        ).all(),
        columns=["road_id", "exposure", "reports"],
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


def run_network(conn: sa.Connection, run: Run, denominators: dict[str, str]) -> None:
    """Snapping, pole outages, segment excess and corridors for network
    categories (denominator ``poles`` or ``road_km``)."""
    for category in run.categories:
        kind = denominators[category]
        if kind not in ("poles", "road_km"):
            continue
        to_poles = kind == "poles"
        snapped = _snap(conn, run, category, to_poles)
        if to_poles:
            _pole_outages(conn, run, snapped)
        _segments(conn, run, category, snapped, to_poles)
