"""Importing a validated frame into a layer: stage with COPY, check in the database,
move in set-based, all in the caller's transaction (a fatal error leaves the
database as it was)."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely
import sqlalchemy as sa
from psycopg import sql

from gis import timeutil
from gis.copy import copy_rows
from gis.db import STORAGE_SRID, bulk_load, raw_connection
from gis.errors import ImportFailed
from gis.i18n import bilingual
from gis.io import ImportReport, read_source
from gis.layer import Layer
from gis.remote import is_url, read_remote
from gis.validate import validate

SQL_TYPES = {
    "text": "text",
    "int": "bigint",
    "float": "double precision",
    "bool": "boolean",
    "timestamp": "timestamptz",
    "text[]": "text[]",
}


def _arrow_column(values: pd.Series, kind: str) -> pa.Array:
    if kind == "timestamp":
        stamps = pd.to_datetime(values, utc=True).astype("datetime64[us, UTC]")
        return pa.array(stamps, type=pa.timestamp("us", tz="UTC"), from_pandas=True)
    if kind == "text[]":
        return pa.array(
            [[str(i) for i in v if i] if isinstance(v, list) else None for v in values],
            type=pa.list_(pa.string()),
        )
    if kind == "int":
        return pa.array(values.astype("Int64"), type=pa.int64(), from_pandas=True)
    if kind == "float":
        return pa.array(values.astype("Float64"), type=pa.float64(), from_pandas=True)
    if kind == "bool":
        return pa.array(values.astype("boolean"), type=pa.bool_(), from_pandas=True)
    return pa.array(values.astype("string"), type=pa.string(), from_pandas=True)


def stage(
    conn: sa.Connection,
    layer: Layer,
    frame: gpd.GeoDataFrame,
    source: str,
    now: datetime,
) -> str:
    """COPY ``frame`` into a fresh unlogged staging table; returns its name.

    The table is created in the caller's transaction (a rollback removes it) and
    dropped by :func:`import_file` when the rows have moved on. Points travel as
    x/y numbers and become geometry in the database. ``row_no`` is the row in the
    file (for messages), ``seq_no`` the position among the staged rows (for dense
    numbering); ``source`` is the same for every row, a column default, and so is
    ``now`` for a time field the file lacks (an UPDATE fills the rows that leave it
    empty).
    """
    staging = f"sigap_staging_{layer.table}_{uuid.uuid4().hex[:8]}"
    # every field gets a column (NULL when the file lacks it) so layers can rely on it
    stamp = sql.Literal(now).as_string(raw_connection(conn))
    columns = "".join(
        f"{f.name} {SQL_TYPES[f.kind]}"
        + (f" DEFAULT {stamp}, " if f.name == layer.time_field else ", ")
        for f in layer.fields
    )
    points = layer.geometry_type == "POINT"
    geometry = (
        f"x float8, y float8, geom geometry(POINT, {STORAGE_SRID}) GENERATED"
        f" ALWAYS AS (ST_SetSRID(ST_MakePoint(x, y), {STORAGE_SRID})) STORED"
        if points
        else f"geom geometry({layer.geometry_type}, {STORAGE_SRID})"
    )
    source_literal = sql.Literal(source).as_string(raw_connection(conn))
    conn.execute(
        sa.text(
            f"CREATE UNLOGGED TABLE {staging} (row_no integer, seq_no integer,"
            f" {columns} source text DEFAULT {source_literal}, {geometry})"
        )
    )
    present = [f for f in layer.fields if f.name in frame.columns]
    data = {
        "row_no": pa.array(frame["row_no"].to_numpy(dtype=np.int64)),
        "seq_no": pa.array(np.arange(len(frame), dtype=np.int64)),
    }
    data.update({f.name: _arrow_column(frame[f.name], f.kind) for f in present})
    if points:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        # a row without a point (a layer that places it later) stages NULL x/y
        x, y = shapely.get_x(geoms), shapely.get_y(geoms)
        data["x"] = pa.array(x, mask=np.isnan(x))
        data["y"] = pa.array(y, mask=np.isnan(y))
        copy_rows(conn, staging, data)
    else:
        copy_rows(conn, staging, data, frame.geometry.values)
    if layer.time_field in frame.columns:
        conn.execute(
            sa.text(
                f"UPDATE {staging} SET {layer.time_field} = :now"
                f" WHERE {layer.time_field} IS NULL"
            ),
            {"now": now},
        )
    conn.execute(sa.text(f"ANALYZE {staging}"))
    return staging


def reject_returning(
    conn: sa.Connection,
    report: ImportReport,
    sql: str,
    field_name: str | None,
    reason: str,
) -> None:
    rows = conn.execute(sa.text(sql)).all()
    report.reject(
        np.array([r[0] for r in rows], dtype=int),
        field_name,
        [reason.format(*r[1:]) for r in rows],
    )


def reject_outside_city_of(
    conn: sa.Connection, staging: str, report: ImportReport
) -> None:
    """Drop staged rows whose geometry does not touch Kota Kupang."""
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} WHERE NOT sigap_in_city(geom) RETURNING row_no",
        "geometry",
        bilingual("outside Kota Kupang"),
    )


def reject_existing(
    conn: sa.Connection, layer: Layer, staging: str, report: ImportReport
) -> None:
    """Drop staged rows whose unique fields already exist in the layer table."""
    for name in layer.extra.get("unique", ()):
        if name not in {f.name for f in layer.fields}:
            continue
        reject_returning(
            conn,
            report,
            f"DELETE FROM {staging} s USING {layer.table} t WHERE t.{name} ="
            f" s.{name} RETURNING s.row_no, s.{name}",
            name,
            "{!r} already exists",
        )


def reject_rule_breakers(
    conn: sa.Connection, layer: Layer, staging: str, report: ImportReport
) -> None:
    """Drop staged rows that would break one of the table's CHECK rules (e.g. a
    report resolved before it was made): a rejection naming the rule, instead of
    the insert failing for the whole file."""
    rules = conn.execute(
        sa.text(
            "SELECT c.conname, substring(pg_get_constraintdef(c.oid) FROM 7),"
            " array(SELECT a.attname::text FROM pg_attribute a"
            "   WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey))"
            " FROM pg_constraint c WHERE c.contype = 'c'"
            " AND c.conrelid = CAST(:table AS regclass) ORDER BY c.conname"
        ),
        {"table": layer.table},
    ).all()
    staged = {f.name for f in layer.fields}
    checked = [(n, rule, cols) for n, rule, cols in rules if set(cols) <= staged]
    if not checked:
        return
    # one pass over the staged rows, however many rules
    broken = " OR ".join(f"({rule}) IS FALSE" for _, rule, _ in checked)
    first = " ".join(
        f"WHEN ({rule}) IS FALSE THEN {i}" for i, (_, rule, _) in enumerate(checked)
    )
    rows = conn.execute(
        sa.text(
            f"DELETE FROM {staging} WHERE {broken} RETURNING row_no, CASE {first} END"
        )
    ).all()
    for row_no, index in rows:
        name, rule, columns = checked[index]
        report.reject(
            np.array([row_no]),
            ", ".join(columns),
            bilingual("breaks the rule {name}: {rule}", name=name, rule=rule),
        )


def insert_plain(conn: sa.Connection, layer: Layer, staging: str) -> int:
    """Copy staged rows column by column into the layer table."""
    # only columns with a value anywhere, so table defaults apply to the rest
    candidates = [f.name for f in layer.fields] + ["source", "geom"]
    flags = conn.execute(
        sa.text(
            "SELECT "
            + ", ".join(f"bool_or({c} IS NOT NULL)" for c in candidates)
            + f" FROM {staging}"
        )
    ).one()
    names = ", ".join(c for c, used in zip(candidates, flags) if used)
    if not names:  # nothing staged
        return 0
    return conn.execute(
        sa.text(
            f"INSERT INTO {layer.table} ({names}) SELECT {names} FROM {staging}"
            " ORDER BY row_no"
        )
    ).rowcount


def reference_values(conn: sa.Connection, layer: Layer) -> dict[str, set[str]]:
    """Valid values of every field of ``layer`` that references another table."""
    return {
        f.name: set(
            conn.execute(
                sa.text(f"SELECT {f.references[1]} FROM {f.references[0]}")
            ).scalars()
        )
        for f in layer.fields
        if f.references
    }


def drop_personal_columns(
    frame: gpd.GeoDataFrame, layer: Layer, report: ImportReport
) -> gpd.GeoDataFrame:
    """Remove the columns a layer must never hold (``extra["personal_columns"]``,
    a regular expression matched against whole column names, case-insensitive):
    they are not read into any table, and the report names them."""
    pattern = layer.extra.get("personal_columns")
    if not pattern:
        return frame
    personal = [
        c
        for c in frame.columns
        if c not in ("row_no", frame.geometry.name)
        and re.fullmatch(pattern, str(c).strip(), flags=re.IGNORECASE)
    ]
    report.personal_columns = [str(c) for c in personal]
    return frame.drop(columns=personal)


IMPORT_STEPS = ("read", "validate", "copy", "locate", "insert")


def import_file(
    conn: sa.Connection,
    layer: Layer,
    path: Path | str,
    *,
    source_layer: str | None = None,
    mapping: dict[str, str] | None = None,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import ``path`` (a file, or an OGC API – Features / WFS URL) into ``layer``
    inside the caller's transaction.

    Raises :class:`ImportFailed` (and the caller rolls back) when the file cannot
    be used at all, when no row is valid, or, with ``strict``, when any row is
    rejected. ``progress`` is called with the name of each of the
    :data:`IMPORT_STEPS` as it finishes; the report keeps how long each took.
    ``now`` (default :func:`gis.timeutil.now`) stamps rows that leave the layer's
    time field empty.
    """
    started = last = time.perf_counter()

    def step(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        report.step_seconds[name], last = now - last, now
        if progress is not None:
            progress(name)

    remote = is_url(path)
    path = str(path) if remote else Path(path)
    name = path if remote else path.name
    if not layer.importable:
        raise ImportFailed(
            bilingual("Layer {layer} cannot be imported", layer=layer.name)
        )
    report = ImportReport(layer.name, str(path))
    optional = bool(layer.extra.get("geometry_optional"))
    frame = (
        read_remote(path, source_layer)
        if remote
        else read_source(path, source_layer, geometry_required=not optional)
    )
    report.rows_read = len(frame)
    frame = drop_personal_columns(frame, layer, report)
    step("read")
    clean = validate(frame, layer, report, mapping, reference_values(conn, layer))
    step("validate")
    staging = stage(conn, layer, clean, name, timeutil.now(now))
    step("copy")
    (layer.prepare_staging or reject_outside_city_of)(conn, staging, report)
    reject_existing(conn, layer, staging, report)
    reject_rule_breakers(conn, layer, staging, report)
    step("locate")
    report.rejected.sort(key=lambda r: r.row)
    if strict and report.rejected:
        raise ImportFailed(
            bilingual(
                "{n} rows rejected (strict import), first: {first}",
                n=len(report.rejected),
                first=report.rejected[0],
            ),
            report=report,
        )
    incoming, staged_rows = conn.execute(
        sa.text(f"SELECT count(*), count(DISTINCT row_no) FROM {staging}")
    ).one()
    # every row of the file is loaded or rejected with a reason, never lost
    rejected_rows = len({r.row for r in report.rejected})
    if staged_rows + rejected_rows != report.rows_read:
        raise ImportFailed(
            bilingual(
                "{lost} of {n} rows of {path} were neither loaded nor rejected;"
                " nothing was imported",
                lost=report.rows_read - staged_rows - rejected_rows,
                n=report.rows_read,
                path=name,
            ),
            report=report,
        )
    with bulk_load(conn, layer.table, incoming) as bulk:
        if layer.insert_from_staging is not None:
            written = layer.insert_from_staging(conn, staging, bulk)
        else:
            written = insert_plain(conn, layer, staging)
    if written == 0:
        raise ImportFailed(
            bilingual("No valid rows in {path}", path=name), report=report
        )
    if layer.after_import is not None:
        layer.after_import(conn)
    conn.execute(sa.text(f"DROP TABLE {staging}"))
    step("insert")
    report.rows_written = written
    report.seconds = time.perf_counter() - started
    return report
