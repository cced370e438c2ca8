"""The ``sigap`` subcommands, one module per kind of work: :mod:`.data` (import,
export, demo city), :mod:`.analysis` (analyses, maps, brief, red flags),
:mod:`.accounts` (staff and API keys). :mod:`api.cli` gathers them; this module
holds what every command shares."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from gis.config import Settings
from gis.errors import SigapError
from gis.timeutil import WITA, now

if TYPE_CHECKING:
    import sqlalchemy as sa

    from gis.io import ImportReport

T = TypeVar("T")


def settings_of(ctx: click.Context) -> Settings:
    """The settings of this invocation (from the environment, read once)."""
    return ctx.ensure_object(dict).setdefault("settings", Settings.from_env())


def engine_of(ctx: click.Context) -> sa.Engine:
    """The engine of this invocation's database."""
    from gis.db import get_engine

    return get_engine(settings_of(ctx))


def clock_of(ctx: click.Context) -> datetime:
    """This invocation's "now": the settings' pinned clock, else ``SIGAP_NOW``,
    else the real one."""
    return now(settings_of(ctx).clock)


def in_database(
    ctx: click.Context,
    work: Callable[[sa.Connection, datetime], T],
    write: bool = False,
) -> T:
    """``work(conn, now)`` on this invocation's database at its clock; with
    ``write``, in one transaction committed when ``work`` returns."""
    engine = engine_of(ctx)
    with engine.begin() if write else engine.connect() as conn:
        return work(conn, clock_of(ctx))


def echo_rejections(report: ImportReport) -> None:
    """An import's rejected rows, one line each, on standard error."""
    for line in report.rejection_lines():
        click.echo(line, err=True)


def fail(error: SigapError) -> None:
    """Print ``error`` (and an import's rejected rows) and exit with status 2."""
    click.secho(f"GAGAL / FAILED: {error.message}", fg="red", err=True)
    report = error.details.get("report")
    if report is not None:
        echo_rejections(report)
    sys.exit(2)


class SigapGroup(click.Group):
    """Turns :class:`SigapError` into a clear message and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SigapError as error:
            fail(error)


def command_group(name: str, help: str) -> SigapGroup:
    """A ``sigap`` subcommand gathering commands under ``name``."""
    return SigapGroup(name, help=help)


def window_options(command: Callable) -> Callable:
    """``--since``/``--until``: a window of whole WITA days (see :func:`window`)."""
    command = click.option(
        "--until",
        type=click.DateTime(["%Y-%m-%d"]),
        help="Last day of the window (WITA; default: now).",
    )(command)
    return click.option(
        "--since",
        type=click.DateTime(["%Y-%m-%d"]),
        help="First day of the window (WITA; default: 365 days before --until).",
    )(command)


def window(
    ctx: click.Context, since: datetime | None, until: datetime | None
) -> tuple[datetime, datetime]:
    """[since 00:00 WITA, the day after until 00:00 WITA); by default the year up
    to now."""

    def day_start(value: datetime) -> datetime:
        return datetime.combine(value.date(), time(0), WITA)

    end = day_start(until) + timedelta(days=1) if until else clock_of(ctx)
    return (day_start(since) if since else end - timedelta(days=365)), end


def if_missing_option(
    what: str, done: Callable[[sa.Connection, datetime], bool], said: str
) -> Callable:
    """``--if-missing``: do nothing when ``what`` exists already. Put it where
    ``click.pass_context`` would go: the command is given its context, and with
    the option, when ``done(conn, now)`` finds the work in the database, it says
    ``said`` and that there is nothing to do instead of running."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def run(if_missing: bool, **options: object) -> object:
            ctx = click.get_current_context()
            if if_missing and in_database(ctx, done):
                click.echo(f"{said}; nothing to do")
                return None
            return command(ctx, **options)

        return click.option(
            "--if-missing", is_flag=True, help=f"Do nothing when {what} exists."
        )(run)

    return decorate


def number_option(
    *names: str,
    default: float,
    low: float | None = None,
    high: float | None = None,
    help: str | None = None,
) -> Callable:
    """A number option shown with its default and held to ``[low, high]``: whole
    numbers when the default is an ``int``, decimals otherwise."""
    bounds = click.IntRange if isinstance(default, int) else click.FloatRange
    return click.option(
        *names, default=default, show_default=True, type=bounds(low, high), help=help
    )


def path_option(*names: str, help: str) -> Callable:
    """An option naming a file or folder, given to the command as a ``Path``."""
    return click.option(*names, type=click.Path(path_type=Path), help=help)


def seed_option(help: str | None = None) -> Callable:
    """``--seed``: every random draw of a command starts from it, so a run repeats."""
    return click.option("--seed", default=2026, show_default=True, type=int, help=help)
