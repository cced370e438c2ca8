"""The :class:`Layer` descriptor: what ``gis`` needs to store, import and publish
any layer, without knowing which one it is.

Each module in :mod:`layers` declares its layers once; :mod:`layers.catalogue`
collects the published ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from gis.i18n import _

#: where a layer's SQL reads the clock (bound by :meth:`Layer.at`)
CLOCK_TOKEN = ":now"
#: geometry type → how the layer is drawn (:attr:`Layer.kind`)
KINDS = {
    "POINT": "point",
    "MULTIPOINT": "point",
    "LINESTRING": "line",
    "MULTILINESTRING": "line",
    "POLYGON": "polygon",
    "MULTIPOLYGON": "polygon",
    "RASTER": "raster",
    "NONE": "none",
}


@dataclass(frozen=True)
class Field:
    """One attribute a layer accepts from an import file.

    Attributes
    ----------
    name : str
        Column in the layer table (and default source column name).
    kind : str
        ``text``, ``int``, ``float``, ``bool``, ``timestamp`` or ``text[]``.
    required : bool
        Rows without a value are rejected.
    choices : tuple of str, optional
        Allowed values.
    references : tuple of (table, column), optional
        Values must exist in that table (checked against the database at import).
    aliases : tuple of str
        Other source column names recognised without ``--map``.
    private : bool
        Personal data: never exported or published without explicit request.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] | None = None
    references: tuple[str, str] | None = None
    aliases: tuple[str, ...] = ()
    private: bool = False


@dataclass(frozen=True, kw_only=True)
class Layer:
    """Everything SIGAP's publishers, importer and exporter need about one layer.

    One definition per layer: each module in :mod:`layers` declares its own and
    :mod:`layers.catalogue` collects them. Nothing here names a particular layer.

    Attributes
    ----------
    name : str
        Public name (CLI, WMS, OGC API – Features, tiles, feeds).
    title : str
        English msgid of the human title; may hold ``{placeholders}`` filled from
        ``title_values``.
    geometry_type : str
        ``POINT``, ``LINESTRING``, ``MULTILINESTRING``, ``POLYGON``,
        ``MULTIPOLYGON``, ``RASTER`` (a file, see ``raster_path``) or ``NONE``
        (a table without geometry).
    table : str, optional
        The stored table (import, export, counts); published layers read ``sql``.
    key : str
        The column identifying a feature: the OGC API item id, the export order.
    time_field : str, optional
        The time attribute (WMS ``TIME``, ``datetime`` filters); an imported row
        that leaves it empty gets the import's "now".
    abstract : str
        English msgid of the description shown in capabilities.
    group : str, optional
        Layer-tree group of a published layer; ``None``: not published.
    sql : str
        What publishers draw and serve: a query with a ``geom`` column in
        EPSG:4326; ``:now`` in it is bound by :meth:`at`.
    styles : tuple of str
        Names of SLD user styles (``styles/*.sld``); the first is the default.
    columns : tuple of (column, title msgid)
        Attributes shown in a click panel (GetFeatureInfo, map popups).
    category : str, optional
        The complaint category an analysis layer belongs to (layer-tree nesting).
    raster_path : str, optional
        The raster file of a ``RASTER`` layer.
    title_values : tuple of (name, value)
        Values of the ``{placeholders}`` in ``title``.
    cells_table : str, optional
        A grid of counts the database keeps for this layer (city-zoom tiles).
    as_of : datetime, optional
        The minute a clocked layer's SQL was bound to (:meth:`at`).
    fields : tuple of Field
        Attributes an import may set.
    srid : int
        Storage SRID.
    export_columns : tuple of str
        Attribute columns written by ``sigap export`` (never private ones).
    importable : bool
        Whether ``sigap import`` accepts files for the layer.
    prepare_staging : callable, optional
        ``(conn, staging_table, report)`` checking staged rows in the database and
        rejecting bad ones; default: reject geometries outside the city.
    insert_from_staging : callable, optional
        ``(conn, staging_table, bulk) -> int`` moving validated staging rows into
        the table, for layers that need more than a column copy; ``bulk`` says the
        table is held exclusively with its indexes dropped (:func:`gis.db.bulk_load`);
        returns rows written.
    after_import : callable, optional
        ``(conn) -> None`` run in the same transaction after rows are written.
    extra : dict
        Importer options (``unique``: columns that identify a row on re-import).
    """

    name: str
    title: str
    geometry_type: str
    table: str | None = None
    key: str = "id"
    time_field: str | None = None
    # publishing
    abstract: str = ""
    group: str | None = None
    sql: str = ""
    styles: tuple[str, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    category: str | None = None
    raster_path: str | None = None
    title_values: tuple[tuple[str, str], ...] = ()
    cells_table: str | None = None
    as_of: datetime | None = None
    # storage, import and export
    fields: tuple[Field, ...] = ()
    srid: int = 4326
    export_columns: tuple[str, ...] = ()
    importable: bool = True
    prepare_staging: Callable[[sa.Connection, str, Any], None] | None = None
    insert_from_staging: Callable[[sa.Connection, str, bool], int] | None = None
    after_import: Callable[[sa.Connection], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        """The import field called ``name``."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    @property
    def kind(self) -> str:
        """``point``, ``line``, ``polygon``, ``raster`` or ``none``: how the
        layer is drawn, picked and symbolised."""
        return KINDS[self.geometry_type]

    @property
    def published(self) -> bool:
        """Whether publishers serve the layer (it has a layer-tree group)."""
        return self.group is not None

    @property
    def queryable(self) -> bool:
        """Whether a click (GetFeatureInfo) or a feature query can answer."""
        return self.kind not in ("raster", "none")

    def title_in(self, language: str | None = None) -> str:
        """The title in ``language`` (default: the current one)."""
        return _(self.title, language, **dict(self.title_values))

    def column_title(self, column: str, language: str | None = "id") -> str:
        """The click-panel title of ``column`` (the column itself if unlisted)."""
        return _(dict(self.columns).get(column, column), language)

    @property
    def clocked(self) -> bool:
        """Whether the layer's features depend on the time (its SQL reads
        ``:now``, e.g. red flags age with the clock)."""
        return self.as_of is not None or CLOCK_TOKEN in self.sql

    def at(self, now: datetime) -> Layer:
        """The layer as of ``now``: ``:now`` in its SQL becomes that instant,
        truncated to the minute so renderers and caches can share it."""
        if CLOCK_TOKEN not in self.sql:
            return self
        minute = now.astimezone(UTC).replace(second=0, microsecond=0)
        literal = f"TIMESTAMPTZ '{minute.isoformat()}'"
        return replace(self, sql=self.sql.replace(CLOCK_TOKEN, literal), as_of=minute)

    def filtered(self, where: str) -> Layer:
        """The layer restricted to features matching the SQL condition ``where``
        (over its own columns)."""
        return replace(self, sql=f"SELECT * FROM ({self.sql}) AS f WHERE {where}")


def at_time(layers: dict[str, Layer], now: datetime) -> dict[str, Layer]:
    """``layers`` with the clock in their SQL bound to ``now``."""
    return {name: layer.at(now) for name, layer in layers.items()}
