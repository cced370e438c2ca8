"""The city beyond complaints: ``sigap city analyze``, ``sigap city networks``,
``sigap city panel``, ``sigap city import-indicators``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from api.commands import (
    command_group,
    echo_rejections,
    engine_of,
    if_missing_option,
    in_database,
    number_option,
    window,
    window_options,
)

if TYPE_CHECKING:
    import sqlalchemy as sa


city = command_group(
    "city", "Accidents and blackspots, population and poverty per kelurahan."
)


def _city_run(
    ctx: click.Context, run: Callable[[sa.Connection, datetime], int]
) -> tuple[int, dict, dict]:
    """Make a city run in one transaction: its id, summary and timings."""
    from layers.city.tables import run_outcome

    def work(conn: sa.Connection, at: datetime) -> tuple[int, dict, dict]:
        run_id = run(conn, at)
        return (run_id, *run_outcome(conn, run_id))

    return in_database(ctx, work, write=True)


def _blackspot_run_exists(conn: sa.Connection, at: datetime) -> bool:
    from layers.city.blackspots import latest_run_id

    return latest_run_id(conn) is not None


@city.command("analyze")
@window_options
@click.option(
    "--weights",
    default="pd-t-09-2004-b",
    show_default=True,
    help="AEK weight set: pd-t-09-2004-b (12/3/3/1), 10-5-1-1, or MD,LB,LR,PDO.",
)
@number_option(
    "--junction-radius",
    default=25.0,
    low=1,
    high=200,
    help="Accidents this close to a junction belong to it (m).",
)
@number_option(
    "--cluster-distance",
    default=100.0,
    low=1,
    high=5000,
    help="Largest step along the roads inside a cluster (m).",
)
@number_option(
    "--min-accidents",
    default=3,
    low=1,
    high=1000,
    help="Fewest accidents at a site called a blackspot.",
)
@if_missing_option(
    "a finished blackspot run", _blackspot_run_exists, "a blackspot run exists"
)
def analyze(
    ctx: click.Context,
    since: object,
    until: object,
    weights: str,
    junction_radius: float,
    cluster_distance: float,
    min_accidents: int,
) -> None:
    """Find blackspots (daerah rawan kecelakaan) and store them as a new run."""
    from gis.blackspots import parse_weights
    from gis.errors import InvalidParameter
    from gis.i18n import bilingual
    from layers.city.blackspots import Parameters, run_blackspots

    try:
        weight_set = parse_weights(weights)
    except ValueError:
        raise InvalidParameter(
            bilingual(
                "--weights {value}: a named set (pd-t-09-2004-b, 10-5-1-1) or four"
                " numbers MD,LB,LR,PDO",
                value=repr(weights),
            )
        ) from None
    start, end = window(ctx, since, until)
    params = Parameters(
        start,
        end,
        weight_set,
        junction_radius_m=junction_radius,
        cluster_eps_m=cluster_distance,
        min_accidents=min_accidents,
    )
    run_id, summary, timings = _city_run(
        ctx, lambda conn, at: run_blackspots(conn, params, now=at)
    )
    click.echo(
        f"blackspot run {run_id}: {summary['accidents']} accidents"
        f" {start:%Y-%m-%d} – {end:%Y-%m-%d}, weights {weight_set.name}"
        f" ({weight_set.citation}); {summary['blackspot_segments']} segments and"
        f" {summary['blackspot_junctions']} junctions are blackspots,"
        f" {summary['clusters']} clusters; {summary['unplaced']} accidents more"
        f" than 50 m from any road; {sum(timings.values()):.1f} s"
    )


@city.command("panel")
@click.pass_context
def panel(ctx: click.Context) -> None:
    """Print the numbers of the command room's "Kota" panel as JSON."""
    from layers.city.panel import city_panel

    numbers = in_database(ctx, city_panel)
    click.echo(json.dumps(numbers, indent=2, ensure_ascii=False, default=str))


@city.command("import-indicators")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--source", help="Source named on rows whose file does not say.")
@click.pass_context
def import_indicators(ctx: click.Context, path: Path, source: str | None) -> None:
    """Import population and poverty aggregates per kelurahan (CSV or XLSX)."""
    from layers.city.indicators import import_indicators as run_import

    with engine_of(ctx).begin() as conn:
        report = run_import(conn, path, source=source)
    click.echo(
        f"{report.rows_written} of {report.rows_read} rows imported into"
        f" kelurahan_indicators in {report.seconds:.1f} s"
    )
    echo_rejections(report)


@city.command("waste")
@number_option(
    "--days",
    default=90,
    low=7,
    high=3650,
    help="Window of rubbish reports, in days before now.",
)
@number_option(
    "--walk-m",
    default=300.0,
    low=50,
    high=2000,
    help="Walking distance to a collection point, in metres.",
)
@click.pass_context
def waste(ctx: click.Context, days: int, walk_m: float) -> None:
    """Waste collection coverage per kelurahan and the schedule check of each TPS."""
    from layers.city.waste_checks import WasteParameters, analyse_waste

    params = WasteParameters(window_days=days, walk_m=walk_m)
    done = in_database(
        ctx, lambda conn, at: analyse_waste(conn, at, params), write=True
    )
    click.echo(
        f"waste: {done['kelurahan']} kelurahan, {done['points_checked']} points with"
        f" rubbish reports, {done['schedule_problems']} schedule problems"
    )


@city.command("networks")
@click.pass_context
def networks(ctx: click.Context) -> None:
    """Angkot coverage (400 m walk along the roads) and lit road share, as a run."""
    from layers.city.networks import run_networks

    run_id, summary, timings = _city_run(ctx, run_networks)
    share = summary["coverage_share"]
    lit = summary["lit_share"]
    click.echo(
        f"networks run {run_id}: {summary['residents_covered']:,} of"
        f" {summary['population']:,} residents within 400 m walk of an angkot stop"
        f" ({'–' if share is None else f'{share:.1%}'}); arterial/collector roads lit"
        f" {'–' if lit is None else f'{lit:.1%}'} of {summary['lit_road_m'] / 1000:.1f}"
        f" km; {summary['stops_placed']} of {summary['stops']} stops placed;"
        f" {sum(timings.values()):.1f} s"
    )
