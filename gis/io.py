"""Reading OGR sources into validated frames, and bulk loading them into PostGIS.

The import pipeline for any layer:

1. :func:`read_source` reads GeoPackage, Shapefile, GeoJSON or CSV (lon/lat or WKT
   columns) with pyogrio and reprojects to EPSG:4326.
2. :func:`validate` maps columns to the layer's fields, coerces and checks values,
   normalises and repairs geometry. Bad rows are *rejected* with row number, field
   and reason; structural problems (unreadable file, missing required column) raise
   :class:`~gis.errors.ImportFailed`.
3. :func:`stage` COPYs the rows into a temporary table; the database checks every
   geometry against the city, then the layer moves the rows in, all in the caller's
   transaction: a fatal error leaves the database as it was.
"""

from __future__ import annotations

import io
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyogrio
import shapely
import sqlalchemy as sa

from gis.db import STORAGE_SRID, bulk_load, raw_connection
from gis.errors import ImportFailed
from gis.i18n import bilingual
from gis.layer import Field, Layer

log = logging.getLogger(__name__)
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "bujur")
LAT_NAMES = ("lat", "latitude", "y", "lintang")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom")
SQL_TYPES = {"text": "text", "int": "bigint", "float": "double precision",
             "bool": "boolean", "timestamp": "timestamptz", "text[]": "text[]"}


@dataclass(frozen=True)
class Rejection:
    """One source row that was not imported."""

    row: int
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"baris/row {self.row}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did."""

    layer: str
    source: str
    rows_read: int = 0
    rows_written: int = 0
    repaired: list[int] = field(default_factory=list)
    split: list[int] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    def reject(
        self, rows: np.ndarray, field_name: str | None, reason: str | list[str]
    ) -> None:
        """Record ``rows`` as rejected: one reason for all, or one per row."""
        reasons = [reason] * len(rows) if isinstance(reason, str) else reason
        self.rejected.extend(
            Rejection(int(r), field_name, why) for r, why in zip(rows, reasons)
        )


def read_source(path: Path, source_layer: str | None = None) -> gpd.GeoDataFrame:
    """Read any OGR vector source into a frame in EPSG:4326 with a ``row_no`` column.

    CSV files need lon/lat columns (``lon``/``lng``/``longitude``/``x`` and
    ``lat``/``latitude``/``y``) or a WKT column; without a declared CRS their
    coordinates are taken as WGS 84 longitude/latitude.
    """
    path = Path(path)
    if not path.exists():
        raise ImportFailed(bilingual("File not found: {path}", path=path))
    options: dict[str, object] = {}
    if path.suffix.lower() == ".csv":
        options = {"X_POSSIBLE_NAMES": ",".join(LON_NAMES),
                   "Y_POSSIBLE_NAMES": ",".join(LAT_NAMES),
                   "GEOM_POSSIBLE_NAMES": ",".join(WKT_NAMES),
                   "KEEP_GEOM_COLUMNS": "NO"}
    try:
        names = [name for name, _ in pyogrio.list_layers(path)]
        if source_layer is None and len(names) > 1:
            raise ImportFailed(bilingual(
                "{path} has several layers ({names}): choose one with --source-layer",
                path=path.name, names=", ".join(names)))
        if source_layer is not None and source_layer not in names:
            raise ImportFailed(bilingual(
                "{path} has no layer {layer}; it has: {names}", path=path.name,
                layer=source_layer, names=", ".join(names)))
        frame = pyogrio.read_dataframe(path, layer=source_layer, use_arrow=True,
                                       **options)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError) as error:
        raise ImportFailed(
            bilingual("Cannot read {path}: {error}", path=path.name, error=error)
        ) from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise ImportFailed(bilingual(
            "{path} has no geometry (a CSV needs lon/lat or WKT columns)",
            path=path.name))
    frame = frame.reset_index(drop=True)
    frame.insert(0, "row_no", np.arange(1, len(frame) + 1))
    return _to_storage_crs(frame, path)


def _to_storage_crs(frame: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds
        if not (-180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90):
            raise ImportFailed(bilingual(
                "{path} declares no coordinate system and its coordinates are not"
                " longitude/latitude", path=path.name))
        return frame.set_crs(STORAGE_SRID)
    if frame.crs.to_epsg() == STORAGE_SRID:
        return frame
    return frame.to_crs(STORAGE_SRID)


def map_columns(
    frame: pd.DataFrame, layer: Layer, mapping: dict[str, str] | None = None
) -> dict[str, str]:
    """Which source column feeds each layer field (explicit ``--map`` first)."""
    mapping = dict(mapping or {})
    known = {f.name for f in layer.fields}
    by_lower = {str(c).lower(): c for c in frame.columns if c not in ("row_no",)}
    for target, source in mapping.items():
        if target not in known:
            raise ImportFailed(bilingual(
                "--map {target}={source}: layer {layer} has no field {target}"
                " (fields: {fields})", target=target, source=source,
                layer=layer.name, fields=", ".join(sorted(known))))
        if source not in frame.columns:
            raise ImportFailed(bilingual(
                "--map {target}={source}: the file has no column {source}"
                " (columns: {columns})", target=target, source=source,
                columns=", ".join(map(str, by_lower.values()))))
    for spec in layer.fields:
        if spec.name in mapping:
            continue
        for candidate in (spec.name, *spec.aliases):
            if candidate.lower() in by_lower:
                mapping[spec.name] = by_lower[candidate.lower()]
                break
    missing = [f.name for f in layer.fields if f.required and f.name not in mapping]
    if missing:
        raise ImportFailed(bilingual(
            "Required column missing: {missing} (the file has: {columns};"
            " use --map field=column)", missing=", ".join(missing),
            columns=", ".join(map(str, by_lower.values())) or "-"))
    return mapping


def _blank(values: pd.Series) -> np.ndarray:
    return (values.isna() | (values.astype("string").str.strip() == "")).to_numpy(
        dtype=bool, na_value=True
    )


def _coerce(values: pd.Series, spec: Field) -> tuple[pd.Series, np.ndarray, str]:
    """Return (clean values, bad mask, reason) for one field."""
    blank = _blank(values)
    if spec.kind in ("int", "float"):
        numbers = pd.to_numeric(values.where(~blank), errors="coerce")
        bad = ~blank & numbers.isna().to_numpy()
        if spec.kind == "int":
            whole = numbers.isna() | (numbers == np.floor(numbers))
            bad |= ~whole.to_numpy(dtype=bool)
            numbers = numbers.round().astype("Int64")
        return numbers, bad, f"not a {'whole ' if spec.kind == 'int' else ''}number"
    if spec.kind == "timestamp":
        return _coerce_timestamps(values, blank)
    if spec.kind == "bool":
        text = values.astype("string").str.strip().str.lower()
        truth = text.map({"true": True, "1": True, "ya": True, "yes": True,
                          "false": False, "0": False, "tidak": False, "no": False})
        return truth, ~blank & truth.isna().to_numpy(), "not true/false"
    text = values.astype("string").str.strip().where(~blank)
    if spec.kind == "text[]":
        items = text.str.split(r"\s*[;,]\s*", regex=True)
        return items, np.zeros(len(text), bool), ""
    if spec.choices:
        canonical = {c.lower(): c for c in spec.choices}
        text = text.str.lower().map(canonical)
        bad = ~blank & text.isna().to_numpy()
        return text, bad, "must be one of " + ", ".join(spec.choices)
    return text, np.zeros(len(text), bool), ""


def _coerce_timestamps(
    values: pd.Series, blank: np.ndarray
) -> tuple[pd.Series, np.ndarray, str]:
    # Times without a zone are WITA (local time in Kupang), the way clerks write them.
    if pd.api.types.is_datetime64_any_dtype(values):
        stamps = values
        if stamps.dt.tz is None:
            stamps = stamps.dt.tz_localize("Asia/Makassar", ambiguous="NaT",
                                           nonexistent="NaT")
        stamps = stamps.dt.tz_convert("UTC")
    else:
        text = values.astype("string").str.strip().where(~blank)
        zoned = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False)
        local = pd.to_datetime(text.where(~zoned), errors="coerce", format="mixed")
        local = local.dt.tz_localize("Asia/Makassar", ambiguous="NaT",
                                     nonexistent="NaT").dt.tz_convert("UTC")
        aware = pd.to_datetime(text.where(zoned), errors="coerce", format="mixed",
                               utc=True)
        stamps = local.where(~zoned.to_numpy(dtype=bool), aware)
    bad = ~blank & stamps.isna().to_numpy()
    return stamps, bad, "not a date/time"


def validate(
    frame: gpd.GeoDataFrame,
    layer: Layer,
    report: ImportReport,
    mapping: dict[str, str] | None = None,
    allowed: dict[str, set[str]] | None = None,
) -> gpd.GeoDataFrame:
    """Check and coerce every field and geometry; rejected rows are dropped.

    ``allowed`` gives the valid values of fields with ``references`` (read from the
    database by the caller). Returns a frame with one column per mapped field,
    ``row_no`` and ``geometry``.
    """
    columns = map_columns(frame, layer, mapping)
    out = gpd.GeoDataFrame({"row_no": frame["row_no"].to_numpy()},
                           geometry=frame.geometry.values, crs=frame.crs)
    keep = np.ones(len(frame), dtype=bool)
    for spec in layer.fields:
        if spec.name not in columns:
            continue
        values, bad, reason = _coerce(frame[columns[spec.name]], spec)
        if spec.references and allowed is not None:
            known = allowed[spec.name]
            unknown = values.notna().to_numpy() & ~values.isin(known).to_numpy()
            hit = unknown & ~bad & keep
            report.reject(out.row_no[hit], spec.name,
                          [f"unknown value {v!r}" for v in values[hit]])
            keep &= ~unknown
        if spec.required:
            missing = values.isna().to_numpy() & ~bad
            report.reject(out.row_no[missing & keep], spec.name, "value missing")
            keep &= ~missing
        source = frame[columns[spec.name]]
        report.reject(out.row_no[bad & keep], spec.name,
                      [f"{v!r}: {reason}" for v in source[bad & keep]])
        keep &= ~bad
        out[spec.name] = values.array
    out = out[keep]
    out = _check_geometry(out, layer, report)
    return _check_unique(out, layer, report)


GEOMETRY_NAMES = {"POINT": "Point", "LINESTRING": "LineString",
                  "MULTILINESTRING": "MultiLineString", "MULTIPOLYGON": "MultiPolygon"}


def _check_geometry(
    out: gpd.GeoDataFrame, layer: Layer, report: ImportReport
) -> gpd.GeoDataFrame:
    geoms = np.asarray(out.geometry.values, dtype=object)
    if (shapely.get_coordinate_dimension(geoms) > 2).any():
        geoms = shapely.force_2d(geoms)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    report.reject(out.row_no[empty], "geometry", "no geometry")
    out, geoms = out[~empty], geoms[~empty]
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        report.repaired.extend(int(r) for r in out.row_no[invalid])
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
    out, geoms = _normalise_type(out, layer, report)
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    broken = np.zeros(len(geoms), dtype=bool)
    broken[owner[~np.isfinite(coords).all(axis=1)]] = True
    report.reject(out.row_no[broken], "geometry", "coordinates are not numbers")
    return out[~broken]


def _normalise_type(
    out: gpd.GeoDataFrame, layer: Layer, report: ImportReport
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    target = layer.geometry_type
    geoms = np.asarray(out.geometry.values, dtype=object)
    kinds = shapely.get_type_id(geoms)
    if target == "POINT":
        single = (kinds == 4) & (shapely.get_num_geometries(geoms) == 1)
        geoms = np.where(single, shapely.get_geometry(geoms, 0), geoms)
        ok = shapely.get_type_id(geoms) == 0
    elif target == "LINESTRING":
        multi = kinds == 5
        if multi.any():
            report.split.extend(int(r) for r in out.row_no[multi &
                                (shapely.get_num_geometries(geoms) > 1)])
            out = out.explode(index_parts=False).reset_index(drop=True)
            geoms = np.asarray(out.geometry.values, dtype=object)
        ok = shapely.get_type_id(geoms) == 1
    elif target == "MULTILINESTRING":
        single = kinds == 1
        geoms = geoms.copy()
        geoms[single] = shapely.multilinestrings([[g] for g in geoms[single]]) \
            if single.any() else geoms[single]
        ok = shapely.get_type_id(geoms) == 5
    else:
        raise ImportFailed(bilingual("Layer {layer} cannot be imported",
                                     layer=layer.name))
    wanted = GEOMETRY_NAMES[target]
    found = shapely.get_type_id(geoms)
    names = np.array(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint",
                      "MultiLineString", "MultiPolygon", "GeometryCollection"])
    report.reject(out.row_no[~ok], "geometry",
                  [f"wrong geometry type {names[t]}, expected {wanted}"
                   for t in found[~ok]])
    out = out[ok].copy()
    out = out.set_geometry(gpd.GeoSeries(geoms[ok], index=out.index, crs=out.crs))
    return out, geoms[ok]


def _check_unique(
    out: gpd.GeoDataFrame, layer: Layer, report: ImportReport
) -> gpd.GeoDataFrame:
    for name in layer.extra.get("unique", ()):
        if name not in out:
            continue
        values = out[name]
        dup = values.notna() & values.duplicated(keep="first")
        first = out.groupby(name)["row_no"].transform("min")
        report.reject(out.row_no[dup], name,
                      [f"{v!r} repeats row {f}" for v, f in zip(values[dup],
                                                                first[dup])])
        out = out[~dup]
    return out


def _arrow_column(values: pd.Series, kind: str) -> pa.Array:
    if kind == "timestamp":
        stamps = pd.to_datetime(values, utc=True).astype("datetime64[us, UTC]")
        return pa.array(stamps, type=pa.timestamp("us", tz="UTC"), from_pandas=True)
    if kind == "text[]":
        def literal(items: object) -> str | None:
            if not isinstance(items, list):
                return None
            quoted = ('"' + str(i).replace("\\", "\\\\").replace('"', '\\"') + '"'
                      for i in items if i)
            return "{" + ",".join(quoted) + "}"
        return pa.array([literal(v) for v in values], type=pa.string())
    if kind == "int":
        return pa.array(values.astype("Int64"), type=pa.int64(), from_pandas=True)
    if kind == "float":
        return pa.array(values.astype("Float64"), type=pa.float64(), from_pandas=True)
    if kind == "bool":
        return pa.array(values.astype("boolean"), type=pa.bool_(), from_pandas=True)
    return pa.array(values.astype("string"), type=pa.string(), from_pandas=True)


def copy_rows(
    conn: sa.Connection,
    table: str,
    columns: dict[str, pa.Array | np.ndarray | list],
    geometry: np.ndarray | None = None,
    geometry_column: str = "geom",
) -> int:
    """Bulk load columns (and EPSG:4326 geometry) into ``table`` with COPY.

    Values go through Arrow's CSV writer (NULL = empty field), geometry as hex EWKB.
    Returns the number of rows written.
    """
    data = {name: values if isinstance(values, pa.Array) else pa.array(values)
            for name, values in columns.items()}
    if geometry is not None:
        geoms = shapely.set_srid(np.asarray(geometry, dtype=object), STORAGE_SRID)
        data[geometry_column] = pa.array(
            shapely.to_wkb(geoms, hex=True, include_srid=True), type=pa.string())
    table_data = pa.table(data)
    buffer = io.BytesIO()
    pa_csv.write_csv(table_data, buffer, pa_csv.WriteOptions(include_header=False))
    names = ", ".join(table_data.column_names)
    with raw_connection(conn).cursor() as cursor:
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buffer.getbuffer())
    return table_data.num_rows


def reserve_ids(conn: sa.Connection, table: str, count: int,
                column: str = "id") -> np.ndarray:
    """``count`` fresh values of ``table.column``'s identity sequence."""
    return np.array(conn.execute(sa.text(
        f"SELECT nextval(pg_get_serial_sequence(:t, :c)) FROM generate_series(1, :n)"
    ), {"t": table, "c": column, "n": count}).scalars().all(), dtype=np.int64)


def stage(
    conn: sa.Connection, layer: Layer, frame: gpd.GeoDataFrame, source: str
) -> str:
    """COPY ``frame`` into a fresh unlogged staging table; returns its name.

    The table is created in the caller's transaction (a rollback removes it) and
    dropped by :func:`import_file` when the rows have moved on. Points travel as
    x/y numbers and become geometry in the database.
    """
    staging = f"sigap_staging_{layer.table}_{uuid.uuid4().hex[:8]}"
    # every field gets a column (NULL when the file lacks it) so layers can rely on it
    columns = "".join(f"{f.name} {SQL_TYPES[f.kind]}, " for f in layer.fields)
    points = layer.geometry_type == "POINT"
    geometry = (f"x float8, y float8, geom geometry(POINT, {STORAGE_SRID}) GENERATED"
                f" ALWAYS AS (ST_SetSRID(ST_MakePoint(x, y), {STORAGE_SRID})) STORED"
                if points else
                f"geom geometry({layer.geometry_type}, {STORAGE_SRID})")
    conn.execute(sa.text(
        f"CREATE UNLOGGED TABLE {staging} (row_no integer, {columns} source text,"
        f" {geometry})"))
    present = [f for f in layer.fields if f.name in frame.columns]
    data = {"row_no": pa.array(frame["row_no"].to_numpy(dtype=np.int64))}
    data.update({f.name: _arrow_column(frame[f.name], f.kind) for f in present})
    data["source"] = pa.array(np.full(len(frame), source, dtype=object),
                              type=pa.string())
    if points:
        xy = shapely.get_coordinates(np.asarray(frame.geometry.values, dtype=object))
        data["x"], data["y"] = pa.array(xy[:, 0]), pa.array(xy[:, 1])
        copy_rows(conn, staging, data)
    else:
        copy_rows(conn, staging, data, frame.geometry.values)
    conn.execute(sa.text(f"ANALYZE {staging}"))
    return staging


def reject_returning(
    conn: sa.Connection, report: ImportReport, sql: str, field_name: str | None,
    reason: str,
) -> None:
    rows = conn.execute(sa.text(sql)).all()
    report.reject(np.array([r[0] for r in rows], dtype=int), field_name,
                  [reason.format(*r[1:]) for r in rows])


def reject_outside_city_of(
    conn: sa.Connection, staging: str, report: ImportReport
) -> None:
    """Drop staged rows whose geometry does not touch Kota Kupang."""
    reject_returning(
        conn, report,
        f"DELETE FROM {staging} WHERE NOT sigap_in_city(geom) RETURNING row_no",
        "geometry", bilingual("outside Kota Kupang"),
    )


def reject_existing(
    conn: sa.Connection, layer: Layer, staging: str, report: ImportReport
) -> None:
    """Drop staged rows whose unique fields already exist in the layer table."""
    for name in layer.extra.get("unique", ()):
        if name not in {f.name for f in layer.fields}:
            continue
        reject_returning(
            conn, report,
            f"DELETE FROM {staging} s USING {layer.table} t WHERE t.{name} ="
            f" s.{name} RETURNING s.row_no, s.{name}",
            name, "{!r} already exists",
        )


def insert_plain(conn: sa.Connection, layer: Layer, staging: str) -> int:
    """Copy staged rows column by column into the layer table."""
    # only columns with a value anywhere, so table defaults apply to the rest
    candidates = [f.name for f in layer.fields] + ["source", "geom"]
    flags = conn.execute(sa.text(
        "SELECT " + ", ".join(f"bool_or({c} IS NOT NULL)" for c in candidates)
        + f" FROM {staging}")).one()
    names = ", ".join(c for c, used in zip(candidates, flags) if used)
    if not names:  # nothing staged
        return 0
    return conn.execute(sa.text(
        f"INSERT INTO {layer.table} ({names}) SELECT {names} FROM {staging}"
        " ORDER BY row_no"
    )).rowcount


def reference_values(conn: sa.Connection, layer: Layer) -> dict[str, set[str]]:
    """Valid values of every field of ``layer`` that references another table."""
    return {
        f.name: set(conn.execute(sa.text(
            f"SELECT {f.references[1]} FROM {f.references[0]}")).scalars())
        for f in layer.fields if f.references
    }


IMPORT_STEPS = ("read", "validate", "copy", "locate", "insert")


def import_file(
    conn: sa.Connection,
    layer: Layer,
    path: Path,
    *,
    source_layer: str | None = None,
    mapping: dict[str, str] | None = None,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import ``path`` into ``layer`` inside the caller's transaction.

    Raises :class:`ImportFailed` (and the caller rolls back) when the file cannot
    be used at all, when no row is valid, or, with ``strict``, when any row is
    rejected. ``progress`` is called with the name of each of the
    :data:`IMPORT_STEPS` as it finishes.
    """
    step = progress or (lambda _name: None)
    started = time.perf_counter()
    path = Path(path)
    if not layer.importable:
        raise ImportFailed(bilingual("Layer {layer} cannot be imported",
                                     layer=layer.name))
    report = ImportReport(layer.name, str(path))
    frame = read_source(path, source_layer)
    report.rows_read = len(frame)
    step("read")
    clean = validate(frame, layer, report, mapping, reference_values(conn, layer))
    step("validate")
    staging = stage(conn, layer, clean, path.name)
    step("copy")
    (layer.prepare_staging or reject_outside_city_of)(conn, staging, report)
    reject_existing(conn, layer, staging, report)
    step("locate")
    report.rejected.sort(key=lambda r: r.row)
    if strict and report.rejected:
        raise ImportFailed(bilingual(
            "{n} rows rejected (strict import), first: {first}",
            n=len(report.rejected), first=report.rejected[0]), report=report)
    incoming = conn.execute(sa.text(f"SELECT count(*) FROM {staging}")).scalar_one()
    with bulk_load(conn, layer.table, incoming):
        if layer.insert_from_staging is not None:
            written = layer.insert_from_staging(conn, staging)
        else:
            written = insert_plain(conn, layer, staging)
    if written == 0:
        raise ImportFailed(bilingual("No valid rows in {path}", path=path.name),
                           report=report)
    if layer.after_import is not None:
        layer.after_import(conn)
    conn.execute(sa.text(f"DROP TABLE {staging}"))
    step("insert")
    report.rows_written = written
    report.seconds = time.perf_counter() - started
    return report


EXPORT_DRIVERS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON",
                  ".csv": "CSV"}


def export_layer(conn: sa.Connection, layer: Layer, path: Path) -> int:
    """Write ``layer`` (public columns only) to GeoPackage, GeoJSON or CSV.

    CSV gets ``lon``/``lat`` columns for points and ``wkt`` for other geometry.
    Returns the number of features written.
    """
    path = Path(path)
    driver = EXPORT_DRIVERS.get(path.suffix.lower())
    if driver is None:
        raise ImportFailed(bilingual(
            "Cannot export to {name}: use .gpkg, .geojson or .csv", name=path.name))
    columns = ", ".join(layer.export_columns)
    if layer.geometry_type == "NONE":
        frame = pd.read_sql(sa.text(f"SELECT {columns} FROM {layer.table}"), conn)
        if driver != "CSV":
            raise ImportFailed(bilingual("{layer} has no geometry: export to .csv",
                                         layer=layer.name))
        frame.to_csv(path, index=False)
        return len(frame)
    frame = gpd.read_postgis(
        sa.text(f"SELECT {columns}, geom FROM {layer.table} ORDER BY {layer.id_field}"),
        conn, geom_col="geom", crs=STORAGE_SRID,
    )
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.DatetimeTZDtype):
            frame[name] = frame[name].dt.strftime("%Y-%m-%dT%H:%M:%S%z")
        elif frame[name].dtype == object and frame[name].map(
                lambda v: isinstance(v, list)).any():
            frame[name] = frame[name].map(
                lambda v: ";".join(v) if isinstance(v, list) else v)
    if driver == "CSV":
        if layer.geometry_type == "POINT":
            frame.insert(len(frame.columns) - 1, "lon", frame.geometry.x)
            frame.insert(len(frame.columns) - 1, "lat", frame.geometry.y)
        else:
            frame["wkt"] = frame.geometry.to_wkt()
        pd.DataFrame(frame.drop(columns="geom")).to_csv(path, index=False)
    else:
        path.unlink(missing_ok=True)
        pyogrio.write_dataframe(frame, path, layer=layer.name, driver=driver)
    return len(frame)
