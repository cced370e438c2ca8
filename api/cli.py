"""The ``sigap`` command: database, import/export, demo city, server."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from gis.config import Settings
from gis.errors import SigapError


def get_engine_for(ctx: click.Context):
    """The engine of the command's settings."""
    from gis.db import get_engine

    return get_engine(_settings(ctx))


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(dict).setdefault("settings", Settings.from_env())


def _fail(error: SigapError) -> None:
    click.secho(f"GAGAL / FAILED: {error.message}", fg="red", err=True)
    report = error.details.get("report")
    if report is not None:
        _print_rejections(report)
    sys.exit(2)


class SigapGroup(click.Group):
    """Turns :class:`SigapError` into a clear message and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SigapError as error:
            _fail(error)


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
    from gis.db import ensure_database, get_engine
    from layers import schema

    settings = _settings(ctx)
    if ensure_database(settings.database_url):
        click.echo("database created")
    with get_engine(settings).begin() as conn:
        schema.upgrade(conn)
        counts = schema.load_reference(conn, settings)
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
    from gis.db import get_engine
    from layers import schema

    with get_engine(_settings(ctx)).begin() as conn:
        schema.upgrade(conn, revision)
        click.echo(f"at {schema.current_revision(conn)}")


@db.command("downgrade")
@click.argument("revision")
@click.pass_context
def db_downgrade(ctx: click.Context, revision: str) -> None:
    """Migrate down to REVISION (``base`` removes every SIGAP table)."""
    from gis.db import get_engine
    from layers import schema

    with get_engine(_settings(ctx)).begin() as conn:
        schema.downgrade(conn, revision)
        click.echo(f"at {schema.current_revision(conn)}")


def _print_rejections(report: object, limit: int = 20) -> None:
    rejected = getattr(report, "rejected", [])
    for rejection in rejected[:limit]:
        click.echo(f"  ditolak/rejected {rejection}", err=True)
    if len(rejected) > limit:
        click.echo(f"  … {len(rejected) - limit} more (use --report FILE)", err=True)


@main.command("import")
@click.argument("layer")
@click.argument("path")
@click.option("--source-layer", help="Layer inside a multi-layer file (GeoPackage).")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Take SIGAP field FIELD from source column COLUMN.",
)
@click.option("--strict", is_flag=True, help="Refuse the whole file if any row is bad.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    help="Write every rejected row (row, field, reason) to this CSV.",
)
@click.pass_context
def import_(
    ctx: click.Context,
    layer: str,
    path: str,
    source_layer: str | None,
    mappings: tuple[str, ...],
    strict: bool,
    report_path: Path | None,
) -> None:
    """Import PATH into LAYER, in one transaction.

    PATH is a file (GeoPackage, Shapefile, GeoJSON, CSV) or the URL of an OGC API -
    Features service or collection, or of a WFS (choose the collection or feature
    type with --source-layer)."""
    from tqdm import tqdm

    from gis.db import get_engine
    from gis.errors import InvalidParameter
    from gis.i18n import bilingual
    from gis.importer import IMPORT_STEPS, import_file
    from layers import get_layer

    mapping = {}
    for item in mappings:
        field, sep, column = item.partition("=")
        if not sep or not field or not column:
            raise InvalidParameter(
                bilingual("--map {item}: expected FIELD=COLUMN", item=repr(item))
            )
        mapping[field.strip()] = column.strip()
    target = get_layer(layer)
    with (
        get_engine(_settings(ctx)).begin() as conn,
        tqdm(
            total=len(IMPORT_STEPS), desc=f"import {layer}", unit="step", leave=False
        ) as bar,
    ):
        report = import_file(
            conn,
            target,
            path,
            source_layer=source_layer,
            mapping=mapping,
            strict=strict,
            progress=lambda name: bar.set_postfix_str(name) or bar.update(),
        )
    click.echo(
        f"{report.rows_written} of {report.rows_read} rows imported into"
        f" {layer} in {report.seconds:.1f} s"
    )
    click.echo("  " + ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in report.step_seconds.items()))
    if report.repaired:
        click.echo(
            f"  geometry repaired (make_valid) in rows: "
            f"{', '.join(map(str, report.repaired[:20]))}"
        )
    if report.split:
        click.echo(
            f"  multi-part lines split into segments in rows: "
            f"{', '.join(map(str, report.split[:20]))}"
        )
    _print_rejections(report)
    if report_path is not None:
        import csv

        with open(report_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "field", "reason"])
            writer.writerows((r.row, r.field or "", r.reason) for r in report.rejected)


@main.command("export")
@click.argument("layer")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, layer: str, path: Path) -> None:
    """Write LAYER to PATH (.gpkg, .geojson or .csv); personal data is never written."""
    from gis.db import get_engine
    from gis.export import export_layer
    from layers import get_layer

    with get_engine(_settings(ctx)).connect() as conn:
        count = export_layer(conn, get_layer(layer), path)
    click.echo(f"{count} features of {layer} written to {path}")


@main.command("seed")
@click.option("--demo", is_flag=True, required=True, help="Generate the demo city.")
@click.option(
    "--complaints",
    "n_complaints",
    default=20_000,
    show_default=True,
    type=click.IntRange(0, 5_000_000),
)
@click.option("--seed", "seed", default=2026, show_default=True, type=int)
@click.option(
    "--end-date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Last day of the 12 months of complaints (default: yesterday, WITA).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when complaints exist.")
@click.option("--replace", is_flag=True, help="Delete earlier synthetic data first.")
@click.pass_context
def seed(
    ctx: click.Context,
    demo: bool,
    n_complaints: int,
    seed: int,
    end_date: object,
    if_empty: bool,
    replace: bool,
) -> None:
    """Generate the synthetic demo city inside Kupang's real boundaries."""
    from gis.db import get_engine
    from layers.demo import generate_demo

    settings = _settings(ctx)
    end = end_date.date() if end_date else None
    with get_engine(settings).begin() as conn:
        summary = generate_demo(
            conn,
            settings,
            complaints=n_complaints,
            seed=seed,
            end_date=end,
            if_empty=if_empty,
            replace=replace,
            progress=True,
        )
    click.echo(summary)


@main.command("analyze")
@click.option("--category", "categories", multiple=True,
              help="Category code (repeatable; default: all).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
              help="First day of the window (WITA; default: 365 days before --until).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]),
              help="Last day of the window (WITA; default: now).")
@click.option("--seed", default=2026, show_default=True, type=int,
              help="Seed of every permutation test.")
@click.option("--permutations", default=999, show_default=True,
              type=click.IntRange(99, 99_999))
@click.option("--correction", default="fdr_bh", show_default=True,
              type=click.Choice(["fdr_bh", "bonferroni", "none"]))
@click.option("--alpha", default=0.05, show_default=True, type=click.FloatRange(0, 1))
@click.option("--hex-size", "hex_across_m", default=250.0, show_default=True,
              type=click.FloatRange(50, 5000), help="Hexagon width across (m).")
@click.option("--cell-size", "raster_cell_m", default=25.0, show_default=True,
              type=click.FloatRange(5, 1000), help="Density raster cell (m).")
@click.option("--bandwidth", "bandwidth_m", type=click.FloatRange(10, 10_000),
              help="Kernel bandwidth (m; default: Silverman's spatial rule).")
@click.option("--if-missing", is_flag=True,
              help="Do nothing when a finished analysis run exists.")
@click.pass_context
def analyze(ctx: click.Context, categories: tuple[str, ...], since: object,
            until: object, seed: int, if_missing: bool, **parameters: object) -> None:
    """Run every spatial analysis and store the results as a new run."""
    if if_missing:
        from layers.analysis.runs import latest_run_id

        with get_engine_for(ctx).connect() as conn:
            if latest_run_id(conn) is not None:
                click.echo("analysis results exist; nothing to do")
                return
    from datetime import datetime, time, timedelta

    from gis.db import get_engine
    from gis.timeutil import WITA
    from layers.analysis.pipeline import run_analysis

    def day_start(value: datetime) -> datetime:
        return datetime.combine(value.date(), time(0), WITA)

    window = {"since": day_start(since) if since else None,
              "until": day_start(until) + timedelta(days=1) if until else None}
    settings = _settings(ctx)
    with get_engine(settings).begin() as conn:
        run = run_analysis(conn, settings, categories=list(categories) or None,
                           seed=seed, progress=True, **window,
                           **{k: v for k, v in parameters.items() if v is not None})
    total = sum(run.timings.values())
    click.echo(f"analysis run {run.id}: {len(run.categories)} categories,"
               f" {run.window_start:%Y-%m-%d} – {run.window_end:%Y-%m-%d},"
               f" {total:.1f} s")
    for message in run.messages:
        click.echo(f"  catatan/note: {message}")


@main.group(cls=SigapGroup)
def user() -> None:
    """Staff accounts (operators, OPD staff, admins)."""


@user.command("add")
@click.argument("username")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", required=True,
              type=click.Choice(["operator", "opd_staff", "admin"]))
@click.option("--opd", "opd_code", help="OPD code (required for opd_staff).")
@click.password_option(help="At least 10 characters (asked when not given).")
@click.pass_context
def user_add(ctx: click.Context, username: str, name: str, role: str,
             opd_code: str | None, password: str) -> None:
    """Add a staff account; the password is stored as a scrypt hash."""
    from gis.db import get_engine
    from gis.errors import InvalidParameter
    from gis.i18n import bilingual
    from layers.accounts import create_user

    if role == "opd_staff" and not opd_code:
        raise InvalidParameter(bilingual("Assignment needs the OPD"))
    with get_engine(_settings(ctx)).begin() as conn:
        user_id = create_user(conn, username, name, password, role, opd_code)
    click.echo(f"user {username} ({role}) created, id {user_id}")


@main.command("apikey")
@click.argument("name")
@click.pass_context
def apikey(ctx: click.Context, name: str) -> None:
    """Create an Open311 API key for client NAME (shown once, stored hashed)."""
    from gis.db import get_engine
    from layers.accounts import create_api_key

    with get_engine(_settings(ctx)).begin() as conn:
        key = create_api_key(conn, name)
    click.echo(key)


@main.command("map")
@click.argument("kind", type=click.Choice(
    ["complaints", "red_flags", "lisa", "gi", "hex", "emerging", "networks"]))
@click.option("--category", help="Complaint category (analysis maps need one).")
@click.option("--basemap", type=click.Choice(["none", "osm"]), default="none",
              show_default=True,
              help="none: the kelurahan boundaries as context (works offline).")
@click.option("--since", help="Complaints reported since this date (complaints map).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="HTML file to write (default var/maps/KIND[_CATEGORY].html).")
@click.pass_context
def map_(ctx: click.Context, kind: str, category: str | None, basemap: str,
         since: str | None, output: Path | None) -> None:
    """Write a standalone Folium map (LISA, Gi*, emerging hot spots, red flags,
    complaints, networks) that opens without internet."""
    from gis.db import get_engine
    from gis.maps import build, write_map
    from gis.sld import read_styles
    from layers.published import published_layers

    settings = _settings(ctx)
    with get_engine(settings).connect() as conn:
        target = build(conn, kind, published_layers(conn),
                       read_styles(settings.data_dir.parent / "styles"),
                       category=category, basemap=basemap, since=since)
    name = kind + (f"_{category}" if category else "")
    path = write_map(target, output or settings.var_dir / "maps" / f"{name}.html")
    click.echo(f"{path}")


@main.command("brief")
@click.option("--output", type=click.Path(path_type=Path),
              help="Folder for <date>.html and <date>.pdf (default var/briefs).")
@click.option("--daily", is_flag=True,
              help="Keep running: write a brief every morning at --at (WITA).")
@click.option("--at", "at_time", default="06:00", show_default=True,
              type=click.DateTime(["%H:%M"]), help="Time of the daily brief (WITA).")
@click.pass_context
def brief(ctx: click.Context, output: Path | None, daily: bool,
          at_time: object) -> None:
    """Write the mayor's one-page morning brief (HTML and PDF)."""
    import time as clock
    from datetime import UTC, datetime

    from gis.sld import read_styles
    from layers import brief as briefs
    from layers.published import published_layers

    settings = _settings(ctx)
    folder = output or settings.var_dir / "briefs"

    def write_one() -> None:
        with get_engine_for(ctx).connect() as conn:
            made = briefs.gather(conn, settings, datetime.now(UTC),
                                 published_layers(conn),
                                 read_styles(settings.data_dir.parent / "styles"))
        for path in briefs.write(made, folder):
            click.echo(path)

    if not daily:
        write_one()
        return
    while True:
        wake = briefs.next_run(datetime.now(UTC), at_time.time())
        click.echo(f"next brief at {wake:%Y-%m-%d %H:%M} WITA")
        clock.sleep(max((wake - datetime.now(UTC)).total_seconds(), 0))
        write_one()


@main.command("flags")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def flags(ctx: click.Context, as_json: bool) -> None:
    """Red flags now: kelurahan x category with reports unhandled too long."""
    import json

    from gis.db import get_engine
    from gis.timeutil import utcnow
    from layers.operations import red_flags

    with get_engine(_settings(ctx)).connect() as conn:
        found = [f for f in red_flags(conn, utcnow()) if f["flag"] != "green"]
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for flag in found:
        colour = "red" if flag["flag"] == "red" else "yellow"
        click.secho(f"{flag['flag'].upper():5} {flag['kelurahan']:<20}"
                    f" {flag['category_code']:<18} {flag['unhandled']:>3} aduan,"
                    f" tertua {flag['oldest_days']:.1f} hari: "
                    + ", ".join(flag["tickets"][:5]), fg=colour)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", default=max(2, (os.cpu_count() or 1) * 2), show_default=True, type=int
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve SIGAP with gunicorn (production WSGI server)."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        # threads: a live event stream (SSE) holds a thread, not a whole worker
        "--worker-class",
        "gthread",
        "--threads",
        "8",
        # open event streams would hold a restart for the default 30 s; their
        # clients reconnect and resume from Last-Event-ID anyway
        "--graceful-timeout",
        "5",
        "--access-logfile",
        "-",
        "api.app:create_app()",
    ]
    click.echo(f"SIGAP at http://{host}:{port}/")
    os.execv(sys.executable, argv)


if __name__ == "__main__":
    main()
