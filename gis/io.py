"""Reading OGR sources into frames, and the report an import keeps.

1. :func:`read_source` reads GeoPackage, Shapefile or GeoJSON with pyogrio, and CSV
   (lon/lat or WKT columns) with Python's strict CSV reader, so a file whose
   structure cannot be trusted (an unbalanced quote, a row with the wrong number of
   fields) is refused whole instead of being read up to the fault; then reprojects
   to EPSG:4326.
2. :func:`gis.validate.validate` checks it; :mod:`gis.importer` loads what
   survived.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from gis.db import STORAGE_SRID
from gis.errors import ImportFailed
from gis.i18n import bilingual

log = logging.getLogger(__name__)
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "bujur")
LAT_NAMES = ("lat", "latitude", "y", "lintang")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom")


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
    #: columns of the file that feed no field of the layer (not imported)
    ignored_columns: list[str] = field(default_factory=list)
    #: columns with personal data the layer refuses to hold (dropped unread)
    personal_columns: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: seconds each import step took (read, validate, copy, locate, insert)
    step_seconds: dict[str, float] = field(default_factory=dict)

    def reject(
        self, rows: np.ndarray, field_name: str | None, reason: str | list[str]
    ) -> None:
        """Record ``rows`` as rejected: one reason for all, or one per row."""
        reasons = [reason] * len(rows) if isinstance(reason, str) else reason
        self.rejected.extend(
            Rejection(int(r), field_name, why) for r, why in zip(rows, reasons)
        )

    def summary(self, shown: int = 20) -> list[str]:
        """What was written, how long each step took, which rows were repaired or
        split (the first ``shown`` of each)."""
        lines = [
            f"{self.rows_written} of {self.rows_read} rows imported into"
            f" {self.layer} in {self.seconds:.1f} s",
            "  "
            + ", ".join(
                f"{name} {seconds:.1f} s" for name, seconds in self.step_seconds.items()
            ),
        ]
        if self.ignored_columns:
            lines.append(
                "  "
                + bilingual(
                    "columns not imported: {columns}",
                    columns=", ".join(self.ignored_columns),
                )
            )
        if self.personal_columns:
            lines.append(
                "  "
                + bilingual(
                    "columns with personal data dropped, not imported: {columns}",
                    columns=", ".join(self.personal_columns),
                )
            )
        if self.repaired:
            lines.append(
                "  geometry repaired (make_valid) in rows: "
                + ", ".join(map(str, self.repaired[:shown]))
            )
        if self.split:
            lines.append(
                "  multi-part lines split into segments in rows: "
                + ", ".join(map(str, self.split[:shown]))
            )
        return lines

    def rejection_lines(self, shown: int = 20) -> list[str]:
        """The first ``shown`` rejected rows, and how many more there are."""
        lines = [f"  ditolak/rejected {r}" for r in self.rejected[:shown]]
        if len(self.rejected) > shown:
            lines.append(f"  … {len(self.rejected) - shown} more (use --report FILE)")
        return lines

    def write_rejections(self, path: Path) -> None:
        """Every rejected row as CSV: row, field, reason."""
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "field", "reason"])
            writer.writerows((r.row, r.field or "", r.reason) for r in self.rejected)


def read_source(
    path: Path, source_layer: str | None = None, *, geometry_required: bool = True
) -> gpd.GeoDataFrame:
    """Read any OGR vector source into a frame in EPSG:4326 with a ``row_no`` column.

    CSV and XLSX files need lon/lat columns (``lon``/``lng``/``longitude``/``x``
    and ``lat``/``latitude``/``y``) or a WKT column; without a declared CRS their
    coordinates are taken as WGS 84 longitude/latitude. ``geometry_required=False``
    accepts a file without any (for layers that place rows themselves).
    """
    path = Path(path)
    if not path.exists():
        raise ImportFailed(bilingual("File not found: {path}", path=path))
    suffix = path.suffix.lower()
    frame = (
        read_csv(path)
        if suffix == ".csv"
        else read_xlsx(path, source_layer)
        if suffix == ".xlsx"
        else _read_ogr(path, source_layer)
    )
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(
            frame, geometry=np.full(len(frame), None, dtype=object)
        )
    if frame.geometry.isna().all() and not geometry_required:
        frame = frame.reset_index(drop=True)
        frame.insert(0, "row_no", np.arange(1, len(frame) + 1))
        return frame.set_crs(STORAGE_SRID, allow_override=True)
    if frame.geometry.isna().all():
        raise ImportFailed(
            bilingual(
                "{path} has no geometry (a CSV needs lon/lat or WKT columns)",
                path=path.name,
            )
        )
    frame = frame.reset_index(drop=True)
    frame.insert(0, "row_no", np.arange(1, len(frame) + 1))
    return _to_storage_crs(frame, path)


def _read_ogr(path: Path, source_layer: str | None) -> gpd.GeoDataFrame:
    try:
        names = [name for name, _ in pyogrio.list_layers(path)]
        if source_layer is None and len(names) > 1:
            raise ImportFailed(
                bilingual(
                    "{path} has several layers ({names}): choose one with"
                    " --source-layer",
                    path=path.name,
                    names=", ".join(names),
                )
            )
        if source_layer is not None and source_layer not in names:
            raise ImportFailed(
                bilingual(
                    "{path} has no layer {layer}; it has: {names}",
                    path=path.name,
                    layer=source_layer,
                    names=", ".join(names),
                )
            )
        return pyogrio.read_dataframe(path, layer=source_layer, use_arrow=True)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
    ) as error:
        raise ImportFailed(
            bilingual("Cannot read {path}: {error}", path=path.name, error=error)
        ) from None


#: separators a spreadsheet may write (an Indonesian Excel exports with ``;``)
DELIMITERS = ",;\t|"


def read_csv(path: Path) -> gpd.GeoDataFrame:
    """A CSV as text columns plus point (lon/lat) or WKT geometry, no CRS.

    Row *n* is the *n*-th record after the header, whatever its line breaks. The
    whole file is refused, naming the row, when a quote is left open or a row has
    more or fewer fields than the header: such a file cannot be read row by row
    with confidence. Coordinates may use a decimal comma when the separator is not
    a comma.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            bilingual(
                "{path} is not UTF-8 text (byte {offset}): save it as CSV UTF-8",
                path=path.name,
                offset=error.start,
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, number = [], 0
    try:
        header = next(reader, [])
        for number, record in enumerate(reader, 1):
            if record and len(record) != len(header):
                raise ImportFailed(
                    bilingual(
                        "{path}, row {row}: {found} fields where the header has"
                        " {expected}; nothing was imported",
                        path=path.name,
                        row=number,
                        found=len(record),
                        expected=len(header),
                    )
                )
            if record:
                records.append(record)
    except csv.Error as error:
        raise ImportFailed(
            bilingual(
                "{path}, row {row}: the file's structure is broken ({error}, e.g. a"
                " quote left open); nothing was imported",
                path=path.name,
                row=number + 1,
                error=error,
            )
        ) from None
    frame = pd.DataFrame(records, columns=header, dtype=object)
    return gpd.GeoDataFrame(
        frame.drop(columns=_geometry_columns(frame)),
        geometry=_csv_geometry(frame, delimiter),
    )


def read_xlsx(path: Path, sheet: str | None = None) -> gpd.GeoDataFrame:
    """The first (or the named) sheet of a spreadsheet, read like a CSV: text
    cells, dates as ISO text, geometry from lon/lat or WKT columns."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFailed(
            bilingual("Cannot read {path}: {error}", path=path.name, error=error)
        ) from None
    if sheet is not None and sheet not in sheets:
        raise ImportFailed(
            bilingual(
                "{path} has no layer {layer}; it has: {names}",
                path=path.name,
                layer=sheet,
                names=", ".join(sheets),
            )
        )
    frame = sheets[sheet] if sheet is not None else next(iter(sheets.values()))
    frame = frame.dropna(how="all").map(_cell_text)
    frame.columns = [str(c) for c in frame.columns]
    return gpd.GeoDataFrame(
        frame.drop(columns=_geometry_columns(frame)),
        geometry=_csv_geometry(frame, ","),
    )


def _cell_text(value: object) -> object:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # datetime.time / date cells
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _named(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    by_lower = {str(c).strip().lower(): c for c in frame.columns}
    return next((by_lower[n] for n in names if n in by_lower), None)


def _geometry_columns(frame: pd.DataFrame) -> list[str]:
    found = [_named(frame, LON_NAMES), _named(frame, LAT_NAMES)]
    if None in found:
        found = [_named(frame, WKT_NAMES)]
    return [c for c in found if c is not None]


def _csv_geometry(frame: pd.DataFrame, delimiter: str) -> np.ndarray:
    lon, lat = _named(frame, LON_NAMES), _named(frame, LAT_NAMES)
    if lon is not None and lat is not None:

        def number(column: str) -> np.ndarray:
            text = frame[column].astype("string").str.strip()
            if delimiter != ",":
                text = text.str.replace(",", ".", regex=False)
            return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)

        x, y = number(lon), number(lat)
        points = shapely.points(x, y)
        points[np.isnan(x) | np.isnan(y)] = None
        return points
    wkt = _named(frame, WKT_NAMES)
    if wkt is None:
        return np.full(len(frame), None, dtype=object)
    return shapely.from_wkt(frame[wkt].to_numpy(dtype=object), on_invalid="ignore")


def _to_storage_crs(frame: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds
        if not (-180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90):
            raise ImportFailed(
                bilingual(
                    "{path} declares no coordinate system and its coordinates are not"
                    " longitude/latitude",
                    path=path.name,
                )
            )
        return frame.set_crs(STORAGE_SRID)
    if frame.crs.to_epsg() == STORAGE_SRID:
        return frame
    return frame.to_crs(STORAGE_SRID)
