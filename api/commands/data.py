"""Data in and out: ``sigap import``, ``sigap export``, ``sigap seed --demo``."""

from __future__ import annotations

from pathlib import Path

import click

from api.commands import (
    clock_of,
    echo_rejections,
    engine_of,
    number_option,
    path_option,
    seed_option,
    settings_of,
)


@click.command("import")
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
@path_option(
    "--report",
    "report_path",
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
        engine_of(ctx).begin() as conn,
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
            now=clock_of(ctx),
        )
    for line in report.summary():
        click.echo(line)
    echo_rejections(report)
    if report_path is not None:
        report.write_rejections(report_path)


@click.command("export")
@click.argument("layer")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, layer: str, path: Path) -> None:
    """Write LAYER to PATH (.gpkg, .geojson or .csv); personal data is never written."""
    from gis.export import export_layer
    from layers import get_layer

    with engine_of(ctx).connect() as conn:
        count = export_layer(conn, get_layer(layer), path)
    click.echo(f"{count} features of {layer} written to {path}")


@click.command("seed")
@click.option("--demo", is_flag=True, required=True, help="Generate the demo city.")
@number_option("--complaints", "n_complaints", default=20_000, low=0, high=5_000_000)
@seed_option()
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
    from layers.demo import generate_demo

    settings = settings_of(ctx)
    end = end_date.date() if end_date else None
    with engine_of(ctx).begin() as conn:
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
