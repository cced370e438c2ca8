"""The analytics pipeline: read complaints and networks from PostGIS, compute with
:mod:`gis` (PySAL underneath), write result layers keyed by run.

``run_analysis`` does everything for a time window and a set of categories in the
caller's transaction: per-kelurahan rates and clusters, hexagon hot spots,
emerging hot spots, network snapping and density rasters. The same inputs and seed
give the same numbers.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlalchemy as sa
from tqdm import tqdm

from gis.config import Settings
from gis.crand import permutations_for, smallest_p
from gis.errors import InvalidParameter, require_choice
from gis.i18n import bilingual
from gis.stats import ALTERNATIVES, CORRECTIONS
from gis.timeutil import now
from layers.analysis.density import run_density
from layers.analysis.hexes import read_points, run_hexes
from layers.analysis.kelurahan import kelurahan_areas, kelurahan_weights, run_kelurahan
from layers.analysis.network import run_network
from layers.analysis.runs import Run, finish_run, latest_run_id, start_run

DEFAULTS = {
    "permutations": None,  # sized to the family: see gis.crand.permutations_for
    "alternative": "two-sided",
    "correction": "fdr_bh",
    "alpha": 0.05,
    "min_count": 5,
    "min_total": 30,
    "tolerance_m": 25.0,
    "hex_across_m": 250.0,
    "time_step": 1,
    "snap_tolerance_m": 30.0,
    "raster_cell_m": 25.0,
    "bandwidth_m": None,
}
STEPS = ("kelurahan", "hexagons and emerging", "network", "density")


def _check(
    conn: sa.Connection,
    categories: list[str] | None,
    since: datetime,
    until: datetime,
    parameters: dict,
) -> tuple[list[str], dict[str, str]]:
    denominators = dict(
        conn.execute(
            sa.text("SELECT code, denominator FROM categories ORDER BY code")
        ).all()
    )
    chosen = categories or list(denominators)
    unknown = sorted(set(chosen) - set(denominators))
    if unknown:
        raise InvalidParameter(
            bilingual("Unknown category {code}", code=", ".join(unknown))
        )
    if since >= until:
        raise InvalidParameter(bilingual("--since must be before --until"))
    for name, known in (("correction", CORRECTIONS), ("alternative", ALTERNATIVES)):
        require_choice(parameters[name], known, name=name)
    return chosen, denominators


def _size_inference(conn: sa.Connection, parameters: dict) -> None:
    """Permutations sized to the kelurahan family, and what each test is, in the
    run's record (the legends state the same)."""
    areas = conn.execute(sa.text("SELECT count(*) FROM kelurahan")).scalar_one()
    alpha, alternative = parameters["alpha"], parameters["alternative"]
    if parameters["permutations"] is None:
        parameters["permutations"] = permutations_for(areas, alpha, alternative)
    permutations = parameters["permutations"]
    family = f"{areas} kelurahan per category"
    # LISA and Gi* per kelurahan share their reference and their family
    per_kelurahan = {
        "reference": "conditional permutation",
        "alternative": alternative,
        "permutations": permutations,
        "smallest_p": smallest_p(permutations, alternative),
        "first_cutoff": alpha / areas,
        "family": family,
    }
    parameters["inference"] = {
        "lisa": dict(per_kelurahan),
        "gi_kelurahan": dict(per_kelurahan),
        "gi_hexagons": {
            "reference": "negative binomial count reference",
            "alternative": "two-sided",
            "family": "hexagons per category",
        },
        "emerging": {
            "reference": "negative binomial count reference",
            "alternative": "two-sided",
            "family": "hexagon-weeks (or kelurahan-weeks) per category",
            "trend": "Mann-Kendall, tie-corrected, two-sided",
        },
        "network": {
            "reference": "negative binomial (overdispersion from the segments)",
            "alternative": "greater",
            "family": "road segments per category",
        },
        "correction": parameters["correction"],
        "alpha": alpha,
    }
    parameters["inference"]["reaches_first_cutoff"] = (
        smallest_p(permutations, alternative) <= alpha / areas
    )


def run_analysis(
    conn: sa.Connection,
    settings: Settings,
    *,
    categories: list[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    seed: int = 2026,
    progress: bool = False,
    **overrides: object,
) -> Run:
    """Run every analysis for the window [since, until) and record it."""
    until = until or now(settings.clock)
    since = since or until - timedelta(days=365)
    parameters = {**DEFAULTS, **overrides}
    chosen, denominators = _check(conn, categories, since, until, parameters)
    _size_inference(conn, parameters)
    run = start_run(
        conn,
        window_start=since,
        window_end=until,
        categories=chosen,
        seed=seed,
        parameters=parameters,
        now=now(settings.clock),
    )
    bar = tqdm(total=len(STEPS), desc="analisis", unit="step", disable=not progress)
    with run.step("read"):
        areas = kelurahan_areas(conn)
        weights = kelurahan_weights(areas, run)
        points = read_points(conn, run)
    with run.step(STEPS[0]):
        run_kelurahan(conn, run, areas, weights, denominators)
    bar.update()
    with run.step(STEPS[1]):
        run_hexes(conn, run, points, areas, weights)
    bar.update()
    with run.step(STEPS[2]):
        run_network(conn, run, points, denominators)
    bar.update()
    with run.step(STEPS[3]):
        run_density(conn, run, settings, points, areas)
    bar.update()
    bar.close()
    conn.execute(
        sa.text(
            "UPDATE analysis_runs SET parameters = CAST(:p AS jsonb) WHERE id = :id"
        ),
        {"p": json.dumps(run.parameters), "id": run.id},
    )
    finish_run(conn, run, now(settings.clock))
    return run


__all__ = ["DEFAULTS", "Run", "latest_run_id", "run_analysis"]
