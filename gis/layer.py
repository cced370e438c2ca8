"""The :class:`Layer` descriptor: what ``gis`` needs to store, import and publish.

Each module in :mod:`layers` declares one as ``LAYER``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa


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


@dataclass(frozen=True)
class Layer:
    """What SIGAP knows about one PostGIS layer.

    Attributes
    ----------
    name : str
        Public name (CLI, WMS, feeds).
    table : str
        Table in PostGIS.
    title : str
        English msgid of the human title.
    geometry_type : str
        ``POINT``, ``LINESTRING``, ``MULTILINESTRING`` or ``MULTIPOLYGON``.
    fields : tuple of Field
        Attributes an import may set.
    id_field, time_field : str
        Identifier and (optional) time attribute; an imported row that leaves the
        time empty gets the import's "now".
    export_columns : tuple of str
        Attribute columns written by ``sigap export`` (never private ones).
    prepare_staging : callable, optional
        ``(conn, staging_table, report)`` checking staged rows in the database and
        rejecting bad ones; default: reject geometries outside Kota Kupang.
    insert_from_staging : callable, optional
        ``(conn, staging_table, bulk) -> int`` moving validated staging rows into
        the table, for layers that need more than a column copy; ``bulk`` says the
        table is held exclusively with its indexes dropped (:func:`gis.db.bulk_load`);
        returns rows written.
    after_import : callable, optional
        ``(conn) -> None`` run in the same transaction after rows are written.
    """

    name: str
    table: str
    title: str
    geometry_type: str
    fields: tuple[Field, ...]
    id_field: str = "id"
    time_field: str | None = None
    srid: int = 4326
    export_columns: tuple[str, ...] = ()
    importable: bool = True
    prepare_staging: Callable[[sa.Connection, str, Any], None] | None = None
    insert_from_staging: Callable[[sa.Connection, str, bool], int] | None = None
    after_import: Callable[[sa.Connection], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)
