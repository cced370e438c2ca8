"""Validating a source frame against a layer's fields and geometry type.

Columns are mapped to the layer's fields (``--map`` first, then names and
Indonesian aliases), values coerced and checked, geometry normalised and repaired.
Bad rows are *rejected* with row number, field and reason; structural problems
(missing required column, unknown ``--map`` target) raise
:class:`~gis.errors.ImportFailed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis.errors import ImportFailed
from gis.i18n import bilingual
from gis.io import ImportReport
from gis.layer import Field, Layer


def map_columns(
    frame: pd.DataFrame, layer: Layer, mapping: dict[str, str] | None = None
) -> dict[str, str]:
    """Which source column feeds each layer field (explicit ``--map`` first)."""
    mapping = dict(mapping or {})
    known = {f.name for f in layer.fields}
    by_lower = {str(c).lower(): c for c in frame.columns if c not in ("row_no",)}
    for target, source in mapping.items():
        if target not in known:
            raise ImportFailed(
                bilingual(
                    "--map {target}={source}: layer {layer} has no field {target}"
                    " (fields: {fields})",
                    target=target,
                    source=source,
                    layer=layer.name,
                    fields=", ".join(sorted(known)),
                )
            )
        if source not in frame.columns:
            raise ImportFailed(
                bilingual(
                    "--map {target}={source}: the file has no column {source}"
                    " (columns: {columns})",
                    target=target,
                    source=source,
                    columns=", ".join(map(str, by_lower.values())),
                )
            )
    for spec in layer.fields:
        if spec.name in mapping:
            continue
        for candidate in (spec.name, *spec.aliases):
            if candidate.lower() in by_lower:
                mapping[spec.name] = by_lower[candidate.lower()]
                break
    missing = [f.name for f in layer.fields if f.required and f.name not in mapping]
    refuse_missing(missing, by_lower.values())
    return mapping


def refuse_missing(missing: Sequence[str], columns: Iterable[object]) -> None:
    """Refuse a file that lacks the ``missing`` required columns, naming the
    ``columns`` it has so the reader can map one with ``--map``."""
    if missing:
        raise ImportFailed(
            bilingual(
                "Required column missing: {missing} (the file has: {columns};"
                " use --map field=column)",
                missing=", ".join(missing),
                columns=", ".join(map(str, columns)) or "-",
            )
        )


def _blank(values: pd.Series) -> np.ndarray:
    kinds = pd.api.types
    if not (kinds.is_object_dtype(values) or kinds.is_string_dtype(values)):
        return values.isna().to_numpy(dtype=bool)  # numbers, dates: only NaN/NaT
    return (values.isna() | (values.astype("string").str.strip() == "")).to_numpy(
        dtype=bool, na_value=True
    )


def _has_nul(values: pd.Series) -> np.ndarray:
    kinds = pd.api.types
    if not (kinds.is_object_dtype(values) or kinds.is_string_dtype(values)):
        return np.zeros(len(values), dtype=bool)
    return (
        values.astype("string")
        .str.contains("\x00", regex=False)
        .to_numpy(dtype=bool, na_value=False)
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
        truth = text.map(
            {
                "true": True,
                "1": True,
                "ya": True,
                "yes": True,
                "false": False,
                "0": False,
                "tidak": False,
                "no": False,
            }
        )
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
            stamps = stamps.dt.tz_localize(
                "Asia/Makassar", ambiguous="NaT", nonexistent="NaT"
            )
        stamps = stamps.dt.tz_convert("UTC")
    else:
        text = values.astype("string").str.strip().where(~blank)
        zoned = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False)
        local = pd.to_datetime(text.where(~zoned), errors="coerce", format="mixed")
        local = local.dt.tz_localize(
            "Asia/Makassar", ambiguous="NaT", nonexistent="NaT"
        ).dt.tz_convert("UTC")
        aware = pd.to_datetime(
            text.where(zoned), errors="coerce", format="mixed", utc=True
        )
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
    used = set(columns.values()) | {"row_no", frame.geometry.name}
    report.ignored_columns = [str(c) for c in frame.columns if c not in used]
    out = gpd.GeoDataFrame(
        {"row_no": frame["row_no"].to_numpy()},
        geometry=frame.geometry.values,
        crs=frame.crs,
    )
    keep = np.ones(len(frame), dtype=bool)
    for spec in layer.fields:
        if spec.name not in columns:
            continue
        source = frame[columns[spec.name]]
        # PostgreSQL text cannot hold NUL, and some readers cut the row there
        nul = _has_nul(source)
        report.reject(out.row_no[nul & keep], spec.name, "contains a NUL byte (0x00)")
        keep &= ~nul
        values, bad, reason = _coerce(source, spec)
        if spec.references and allowed is not None:
            known = allowed[spec.name]
            unknown = values.notna().to_numpy() & ~values.isin(known).to_numpy()
            hit = unknown & ~bad & keep
            report.reject(
                out.row_no[hit],
                spec.name,
                [f"unknown value {v!r}" for v in values[hit]],
            )
            keep &= ~unknown
        if spec.required:
            missing = values.isna().to_numpy() & ~bad
            report.reject(out.row_no[missing & keep], spec.name, "value missing")
            keep &= ~missing
        report.reject(
            out.row_no[bad & keep],
            spec.name,
            [f"{v!r}: {reason}" for v in source[bad & keep]],
        )
        keep &= ~bad
        out[spec.name] = values.array
    out = out[keep]
    if layer.extra.get("geometry_optional"):
        # rows without a point are placed later (e.g. geocoded from a road name)
        missing = shapely.is_missing(np.asarray(out.geometry.values, dtype=object))
        placed = _check_geometry(out[~missing], layer, report)
        out = pd.concat([placed, out[missing]]).sort_values("row_no")
    else:
        out = _check_geometry(out, layer, report)
    return _check_unique(out, layer, report)


GEOMETRY_NAMES = {
    "POINT": "Point",
    "LINESTRING": "LineString",
    "MULTILINESTRING": "MultiLineString",
    "MULTIPOLYGON": "MultiPolygon",
}


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
        if single.any():
            geoms = geoms.copy()
            geoms[single] = shapely.get_geometry(geoms[single], 0)
        ok = shapely.get_type_id(geoms) == 0
    elif target == "LINESTRING":
        multi = kinds == 5
        if multi.any():
            report.split.extend(
                int(r)
                for r in out.row_no[multi & (shapely.get_num_geometries(geoms) > 1)]
            )
            out = out.explode(index_parts=False).reset_index(drop=True)
            geoms = np.asarray(out.geometry.values, dtype=object)
        ok = shapely.get_type_id(geoms) == 1
    elif target == "MULTILINESTRING":
        single = kinds == 1
        geoms = geoms.copy()
        geoms[single] = (
            shapely.multilinestrings([[g] for g in geoms[single]])
            if single.any()
            else geoms[single]
        )
        ok = shapely.get_type_id(geoms) == 5
    else:
        raise ImportFailed(
            bilingual("Layer {layer} cannot be imported", layer=layer.name)
        )
    wanted = GEOMETRY_NAMES[target]
    found = shapely.get_type_id(geoms)
    names = np.array(
        [
            "Point",
            "LineString",
            "LinearRing",
            "Polygon",
            "MultiPoint",
            "MultiLineString",
            "MultiPolygon",
            "GeometryCollection",
        ]
    )
    report.reject(
        out.row_no[~ok],
        "geometry",
        [f"wrong geometry type {names[t]}, expected {wanted}" for t in found[~ok]],
    )
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
        report.reject(
            out.row_no[dup],
            name,
            [f"{v!r} repeats row {f}" for v, f in zip(values[dup], first[dup])],
        )
        out = out[~dup]
    return out
