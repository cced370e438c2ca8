"""The text model: ``sigap ai train`` and ``sigap ai suggest``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import click

from api.commands import (
    command_group,
    engine_of,
    if_missing_option,
    in_database,
    number_option,
    seed_option,
    window,
    window_options,
)

if TYPE_CHECKING:
    import sqlalchemy as sa


ai = command_group("ai", "Category model from confirmed complaints; suggestions.")


def _model_exists(conn: sa.Connection, at: datetime) -> bool:
    from layers.ai.category import latest_model

    return latest_model(conn) is not None


@ai.command("train")
@window_options
@seed_option()
@number_option(
    "--held-out",
    default=0.2,
    low=0.05,
    high=0.5,
    help="Newest share of the confirmed complaints kept back for the metrics.",
)
@if_missing_option("a trained model", _model_exists, "a text model exists")
def train(
    ctx: click.Context,
    since: datetime | None,
    until: datetime | None,
    seed: int,
    held_out: float,
) -> None:
    """Train the category model on confirmed complaints and store it."""
    from layers.ai import category

    start, end = window(ctx, since, until)
    stored = in_database(
        ctx,
        lambda conn, at: category.train(
            conn, since=start, until=end, now=at, seed=seed, held_out=held_out
        ),
        write=True,
    )
    m = stored.metrics
    click.echo(
        f"text model {stored.id}: {stored.trained_on:,} confirmed complaints"
        f" {start:%Y-%m-%d} – {end - timedelta(days=1):%Y-%m-%d},"
        f" held out {stored.held_out:,} (newest):"
        f" accuracy {m['accuracy']:.3f}, macro-F1 {m['macro_f1']:.3f}"
    )


@ai.command("suggest")
@click.argument("text")
@number_option("-k", default=3, low=1, high=20)
@click.pass_context
def suggest(ctx: click.Context, text: str, k: int) -> None:
    """Print the likeliest categories of TEXT (JSON)."""
    from layers.ai.category import suggest_category
    from layers.ai.urgency import assess

    with engine_of(ctx).connect() as conn:
        found = suggest_category(conn, text, k)
    urgent = [{"kind": u.kind, "quote": u.quote} for u in assess(text)]
    click.echo(json.dumps({"suggestions": found, "urgent": urgent}, indent=2))


def _forecast_exists(conn: sa.Connection, at: datetime) -> bool:
    from layers.ai.forecast import has_forecast

    return has_forecast(conn, at)


@ai.command("forecast")
@number_option(
    "--weeks",
    default=52,
    low=4,
    high=260,
    help="Complete WITA weeks before this one to learn from.",
)
@if_missing_option(
    "a forecast of this week", _forecast_exists, "a forecast of this week exists"
)
def forecast(ctx: click.Context, weeks: int) -> None:
    """Forecast this week's and next week's reports per kelurahan × category."""
    from layers.ai import forecast as weekly

    def work(conn: sa.Connection, at: datetime) -> tuple:
        run = weekly.run_forecast(conn, now=at, weeks=weeks)
        return run, weekly.early_warnings(conn, at)["warnings"]

    run, warnings = in_database(ctx, work, write=True)
    click.echo(
        f"forecast run {run.id}: {run.series:,} kelurahan × category series,"
        f" {run.weeks} weeks learnt, week of {run.week_start:%Y-%m-%d}"
        f" ({run.timings.get('fit', 0):.1f} s to fit);"
        f" {len(warnings)} early warnings"
    )
    for warning in warnings:
        click.echo(f"  {warning['text']}")
