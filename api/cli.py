"""The ``sigap`` command: the group, database migrations, the server; the other
subcommands live in :mod:`api.commands` by kind of work."""

from __future__ import annotations

import logging
import os
import sys

import click

from api.commands import SigapGroup, engine_of, settings_of
from api.commands.accounts import apikey, user
from api.commands.ai import ai
from api.commands.analysis import analyze, brief, flags, map_
from api.commands.city import city
from api.commands.data import export, import_, seed
from api.commands.notify import notify


@click.group(cls=SigapGroup)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """SIGAP Kota Kupang: Sistem Informasi Geospasial Aduan dan Pengawasan."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    ctx.ensure_object(dict)


@main.group(cls=SigapGroup)
def db() -> None:
    """Create and migrate the PostGIS database."""


@db.command("setup")
@click.pass_context
def db_setup(ctx: click.Context) -> None:
    """Create the database with PostGIS, migrate to head, load reference data."""
    from gis.db import ensure_database
    from layers import opd_queue, schema

    settings = settings_of(ctx)
    if ensure_database(settings.database_url):
        click.echo("database created")
    with engine_of(ctx).begin() as conn:
        schema.upgrade(conn)
        counts = schema.load_reference(conn, settings)
        # a deploy may bring new danger rules: the queues' points, once, now
        counts["queue points worked out"] = opd_queue.refresh_fixed_points(conn)
    click.echo(
        "schema at "
        + schema.head_revision()
        + "; reference data: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )


@db.command("upgrade")
@click.argument("revision", default="head")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Migrate up to REVISION (default: head)."""
    from layers import schema

    with engine_of(ctx).begin() as conn:
        schema.upgrade(conn, revision)
        click.echo(f"at {schema.current_revision(conn)}")


@db.command("downgrade")
@click.argument("revision")
@click.pass_context
def db_downgrade(ctx: click.Context, revision: str) -> None:
    """Migrate down to REVISION (``base`` removes every SIGAP table)."""
    from layers import schema

    with engine_of(ctx).begin() as conn:
        schema.downgrade(conn, revision)
        click.echo(f"at {schema.current_revision(conn)}")


for command in (
    import_,
    export,
    seed,
    analyze,
    map_,
    brief,
    flags,
    user,
    apikey,
    ai,
    city,
    notify,
):
    main.add_command(command)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", default=max(2, (os.cpu_count() or 1) * 2), show_default=True, type=int
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve SIGAP with gunicorn (uvicorn workers: the Flask app in request threads,
    live event streams on the event loop)."""
    run = settings_of(ctx).var_dir / "run"
    run.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "api.worker.SigapWorker",
        # open event streams would hold a restart for the default 30 s; their
        # clients reconnect and resume from Last-Event-ID anyway
        "--graceful-timeout",
        "5",
        # each server its own control socket: a second instance must not take
        # over (and on exit remove) the first one's
        "--control-socket",
        str(run / f"gunicorn-{port}.ctl"),
        "api.app:asgi_app()",
    ]
    click.echo(f"SIGAP at http://{host}:{port}/")
    os.execv(sys.executable, argv)


if __name__ == "__main__":
    main()
