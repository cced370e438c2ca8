"""Analyses and what is made of them: ``sigap analyze``, ``map``, ``brief``,
``flags``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from api.commands import (
    clock_of,
    engine_of,
    if_missing_option,
    in_database,
    number_option,
    path_option,
    seed_option,
    settings_of,
    window,
    window_options,
)

if TYPE_CHECKING:
    from pathlib import Path

    import sqlalchemy as sa


def _analysis_exists(conn: sa.Connection, at: datetime) -> bool:
    from layers.analysis.runs import latest_run_id

    return latest_run_id(conn) is not None


@click.command("analyze")
@click.option(
    "--category",
    "categories",
    multiple=True,
    help="Category code (repeatable; default: all).",
)
@window_options
@seed_option(help="Seed of every permutation test.")
@number_option("--permutations", default=999, low=99, high=99_999)
@click.option(
    "--correction",
    default="fdr_bh",
    show_default=True,
    type=click.Choice(["fdr_bh", "bonferroni", "none"]),
)
@number_option("--alpha", default=0.05, low=0, high=1)
@number_option(
    "--hex-size",
    "hex_across_m",
    default=250.0,
    low=50,
    high=5000,
    help="Hexagon width across (m).",
)
@number_option(
    "--cell-size",
    "raster_cell_m",
    default=25.0,
    low=5,
    high=1000,
    help="Density raster cell (m).",
)
@click.option(
    "--bandwidth",
    "bandwidth_m",
    type=click.FloatRange(10, 10_000),
    help="Kernel bandwidth (m; default: Silverman's spatial rule).",
)
@if_missing_option(
    "a finished analysis run", _analysis_exists, "analysis results exist"
)
def analyze(
    ctx: click.Context,
    categories: tuple[str, ...],
    since: object,
    until: object,
    seed: int,
    **parameters: object,
) -> None:
    """Run every spatial analysis and store the results as a new run."""
    from layers.analysis.pipeline import run_analysis

    start, end = window(ctx, since, until)
    settings = settings_of(ctx)
    with engine_of(ctx).begin() as conn:
        run = run_analysis(
            conn,
            settings,
            categories=list(categories) or None,
            seed=seed,
            progress=True,
            since=start,
            until=end,
            **{k: v for k, v in parameters.items() if v is not None},
        )
    total = sum(run.timings.values())
    click.echo(
        f"analysis run {run.id}: {len(run.categories)} categories,"
        f" {run.window_start:%Y-%m-%d} – {run.window_end:%Y-%m-%d},"
        f" {total:.1f} s"
    )
    for message in run.messages:
        click.echo(f"  catatan/note: {message}")


@click.command("map")
@click.argument(
    "kind",
    type=click.Choice(
        ["complaints", "red_flags", "lisa", "gi", "hex", "emerging", "networks"]
    ),
)
@click.option("--category", help="Complaint category (analysis maps need one).")
@click.option(
    "--basemap",
    type=click.Choice(["none", "osm"]),
    default="none",
    show_default=True,
    help="none: the kelurahan boundaries as context (works offline).",
)
@click.option("--since", help="Complaints reported since this date (complaints map).")
@path_option(
    "--output", "-o", help="HTML file to write (default var/maps/KIND[_CATEGORY].html)."
)
@click.pass_context
def map_(
    ctx: click.Context,
    kind: str,
    category: str | None,
    basemap: str,
    since: str | None,
    output: Path | None,
) -> None:
    """Write a standalone Folium map (LISA, Gi*, emerging hot spots, red flags,
    complaints, networks) that opens without internet."""
    from gis.maps import write_map
    from gis.sld import read_styles
    from layers.catalogue import published_layers
    from layers.maps import build

    settings = settings_of(ctx)
    target = in_database(
        ctx,
        lambda conn, at: build(
            conn,
            kind,
            published_layers(conn, at),
            read_styles(settings.styles_dir),
            category=category,
            basemap=basemap,
            since=since,
        ),
    )
    name = kind + (f"_{category}" if category else "")
    path = write_map(target, output or settings.var_dir / "maps" / f"{name}.html")
    click.echo(f"{path}")


@click.command("brief")
@path_option(
    "--output", help="Folder for <date>.html and <date>.pdf (default var/briefs)."
)
@click.option(
    "--daily",
    is_flag=True,
    help="Keep running: write a brief every morning at --at (WITA).",
)
@click.option(
    "--at",
    "at_time",
    default="06:00",
    show_default=True,
    type=click.DateTime(["%H:%M"]),
    help="Time of the daily brief (WITA).",
)
@click.pass_context
def brief(
    ctx: click.Context, output: Path | None, daily: bool, at_time: object
) -> None:
    """Write the mayor's one-page morning brief (HTML and PDF)."""
    import time as clock

    from gis.sld import read_styles
    from layers import brief as briefs
    from layers.catalogue import published_layers

    settings = settings_of(ctx)
    folder = output or settings.var_dir / "briefs"

    def write_one() -> None:
        made = in_database(
            ctx,
            lambda conn, at: briefs.gather(
                conn,
                settings,
                at,
                published_layers(conn, at),
                read_styles(settings.styles_dir),
            ),
        )
        for path in briefs.write(made, folder):
            click.echo(path)

    if not daily:
        write_one()
        return
    while True:
        wake = briefs.next_run(clock_of(ctx), at_time.time())
        click.echo(f"next brief at {wake:%Y-%m-%d %H:%M} WITA")
        clock.sleep(max((wake - clock_of(ctx)).total_seconds(), 0))
        try:
            write_one()
        except Exception as error:  # noqa: BLE001 — tomorrow's brief still comes
            click.echo(f"brief failed: {error}", err=True)


@click.command("flags")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def flags(ctx: click.Context, as_json: bool) -> None:
    """Red flags now: kelurahan x category with reports unhandled too long."""
    import json

    from gis.formats import format_days, format_number
    from gis.i18n import _
    from layers.operations import red_flags

    found = [f for f in in_database(ctx, red_flags) if f["flag"] != "green"]
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for flag in found:
        colour = "red" if flag["flag"] == "red" else "yellow"
        pile = _(
            "{count} complaints, the oldest {days}",
            count=format_number(flag["unhandled"]),
            days=format_days(flag["oldest_days"]),
        )
        click.secho(
            f"{flag['flag'].upper():5} {flag['kelurahan']:<20}"
            f" {flag['category_code']:<18} {pile}: " + ", ".join(flag["tickets"][:5]),
            fg=colour,
        )
