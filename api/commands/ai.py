"""The text model: ``sigap ai train`` and ``sigap ai suggest``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import click

from api.commands import (
    SigapGroup,
    already_done,
    engine_of,
    if_missing_option,
    number_option,
    seed_option,
    settings_of,
    window,
    window_options,
)


@click.group("ai", cls=SigapGroup)
def ai() -> None:
    """Category model from confirmed complaints; suggestions."""


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
@if_missing_option("a trained model")
@click.pass_context
def train(
    ctx: click.Context,
    since: datetime | None,
    until: datetime | None,
    seed: int,
    held_out: float,
    if_missing: bool,
) -> None:
    """Train the category model on confirmed complaints and store it."""
    from gis.timeutil import now
    from layers.ai import category

    if if_missing and already_done(
        ctx, lambda conn: category.latest_model(conn) is not None, "a text model exists"
    ):
        return

    current = now(settings_of(ctx).clock)
    start, end = window(ctx, since, until)
    with engine_of(ctx).begin() as conn:
        stored = category.train(
            conn, since=start, until=end, now=current, seed=seed, held_out=held_out
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


@ai.command("forecast")
@number_option(
    "--weeks",
    default=52,
    low=4,
    high=260,
    help="Complete WITA weeks before this one to learn from.",
)
@if_missing_option("a forecast of this week")
@click.pass_context
def forecast(ctx: click.Context, weeks: int, if_missing: bool) -> None:
    """Forecast this week's and next week's reports per kelurahan × category."""
    from gis.timeutil import now
    from layers.ai import forecast as weekly

    current = now(settings_of(ctx).clock)
    if if_missing and already_done(
        ctx,
        lambda conn: weekly.has_forecast(conn, current),
        "a forecast of this week exists",
    ):
        return
    with engine_of(ctx).begin() as conn:
        run = weekly.run_forecast(conn, now=current, weeks=weeks)
        warnings = weekly.early_warnings(conn, current)["warnings"]
    click.echo(
        f"forecast run {run.id}: {run.series:,} kelurahan × category series,"
        f" {run.weeks} weeks learnt, week of {run.week_start:%Y-%m-%d}"
        f" ({run.timings.get('fit', 0):.1f} s to fit);"
        f" {len(warnings)} early warnings"
    )
    for warning in warnings:
        click.echo(f"  {warning['text']}")
