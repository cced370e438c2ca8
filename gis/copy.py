"""Bulk loading with COPY: Arrow columns in, PostgreSQL rows out."""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import shapely
import sqlalchemy as sa
from pgpq import ArrowToPostgresBinaryEncoder

from gis.db import STORAGE_SRID, raw_connection

#: rows per batch sent to COPY
COPY_BATCH_ROWS = 50_000

#: column types binary COPY takes, as the Arrow type a column is cast to first
#: (binary COPY needs each value in exactly the column's type)
BINARY_TYPES = {
    "smallint": pa.int16(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "real": pa.float32(),
    "double precision": pa.float64(),
    "boolean": pa.bool_(),
    "text": pa.string(),
    "timestamp with time zone": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "bytea": pa.binary(),
    "geometry": pa.binary(),  # EWKB
    "text[]": pa.list_(pa.string()),
}


def copy_rows(
    conn: sa.Connection,
    table: str,
    columns: dict[str, pa.Array | pa.ChunkedArray | np.ndarray | list],
    geometry: np.ndarray | None = None,
    geometry_column: str = "geom",
) -> int:
    """Bulk load columns (and EPSG:4326 geometry) into ``table`` with COPY.

    Binary COPY (encoded by pgpq) when every column casts to its column type in
    :data:`BINARY_TYPES`, else CSV (NULL = empty field, geometry as hex EWKB);
    either way streamed in batches of :data:`COPY_BATCH_ROWS`, encoded in a thread
    while the previous batch is sent. Returns the number of rows written.
    """
    data = {
        name: values
        if isinstance(values, (pa.Array, pa.ChunkedArray))
        else pa.array(values)
        for name, values in columns.items()
    }
    if geometry is not None:
        geoms = shapely.set_srid(np.asarray(geometry, dtype=object), STORAGE_SRID)
        data[geometry_column] = pa.array(
            shapely.to_wkb(geoms, include_srid=True), type=pa.binary()
        )
    names = ", ".join(data)
    table_data = _cast_to_columns(conn, table, pa.table(data))
    if table_data is not None:
        encoder = ArrowToPostgresBinaryEncoder(table_data.schema)
        _send(
            conn,
            f"COPY {table} ({names}) FROM STDIN (FORMAT binary)",
            table_data,
            encoder.write_batch,
            encoder.write_header(),
            encoder.finish,
        )
        return table_data.num_rows
    table_data = _csv_ready(
        pa.table(data), geometry_column if geometry is not None else None
    )
    options = pa_csv.WriteOptions(include_header=False)

    def csv_batch(batch: pa.RecordBatch) -> memoryview:
        buffer = io.BytesIO()
        pa_csv.write_csv(batch, buffer, options)  # releases the GIL
        return buffer.getbuffer()

    _send(
        conn, f"COPY {table} ({names}) FROM STDIN (FORMAT csv)", table_data, csv_batch
    )
    return table_data.num_rows


def _cast_to_columns(
    conn: sa.Connection, table: str, data: pa.Table
) -> pa.Table | None:
    """``data`` cast column by column to ``table``'s types for binary COPY; None
    when some column has a type binary COPY is not given here, or will not cast."""
    types = dict(
        conn.execute(
            sa.text(
                "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
                " WHERE attrelid = CAST(:t AS regclass) AND attnum > 0"
                " AND NOT attisdropped"
            ),
            {"t": table},
        ).all()
    )
    arrow_types = [BINARY_TYPES.get(types.get(name)) for name in data.column_names]
    if any(t is None for t in arrow_types):
        return None
    try:
        return pa.table(
            [
                pc.cast(column, arrow_type)
                for column, arrow_type in zip(data.columns, arrow_types)
            ],
            names=data.column_names,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        # a value Arrow will not convert (text into an integer column, a date
        # format it does not parse): the text path lets PostgreSQL judge it, so
        # what it accepts still loads and what it refuses fails the COPY with the
        # server's own message naming the value and the line
        return None


def _csv_ready(data: pa.Table, geometry_column: str | None) -> pa.Table:
    """Columns CSV cannot carry as they are, as PostgreSQL text: lists as array
    literals (``{"a","b"}``), bytes as ``\\x`` hex (geometry as hex EWKB)."""

    def literal(items: list | None) -> str | None:
        if items is None:
            return None
        quoted = (
            '"' + str(i).replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items
        )
        return "{" + ",".join(quoted) + "}"

    for index, field in enumerate(data.schema):
        values = data.column(index).to_pylist
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            text = [literal(v) for v in values()]
        elif pa.types.is_binary(field.type) or pa.types.is_large_binary(field.type):
            prefix = "" if field.name == geometry_column else "\\x"
            text = [None if v is None else prefix + v.hex() for v in values()]
        else:
            continue
        data = data.set_column(index, field.name, pa.array(text, pa.string()))
    return data


def _send(
    conn: sa.Connection,
    statement: str,
    data: pa.Table,
    encode: Callable[[pa.RecordBatch], bytes | memoryview],
    header: bytes = b"",
    finish: Callable[[], bytes] | None = None,
) -> None:
    # a thread encodes batches ahead while this one sends them: the server parses
    # one batch while the next is being encoded
    with (
        ThreadPoolExecutor(max_workers=1) as encoder,
        raw_connection(conn).cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        if header:
            copy.write(header)
        for chunk in encoder.map(encode, data.to_batches(COPY_BATCH_ROWS)):
            copy.write(chunk)
        if finish is not None:
            copy.write(finish())


def reserve_ids(
    conn: sa.Connection, table: str, count: int, column: str = "id"
) -> np.ndarray:
    """``count`` consecutive fresh values of ``table.column``'s identity sequence.

    Taken as one block (``nextval``, then ``setval`` past it) under a lock that
    keeps every other writer of ``table``, and so every other ``nextval``, out
    until the caller's transaction ends.
    """
    if count == 0:
        return np.empty(0, dtype=np.int64)
    conn.execute(sa.text(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
    first = conn.execute(
        sa.text(
            "WITH s AS (SELECT pg_get_serial_sequence(:t, :c) AS name),"
            " f AS (SELECT nextval(s.name) AS id FROM s)"
            " SELECT f.id, setval(s.name, f.id + :n - 1) FROM f, s"
        ),
        {"t": table, "c": column, "n": count},
    ).first()[0]
    return np.arange(first, first + count, dtype=np.int64)


def read_arrow(conn: sa.Connection, query: str, params: dict | None = None) -> pa.Table:
    """Run ``query`` through ``COPY ... TO STDOUT`` and parse it with Arrow.

    Much faster than fetching rows for large reads. ``params`` are bound
    client-side as SQL literals (COPY takes no server-side parameters).
    """
    import pyarrow.csv as csv_reader
    from psycopg import sql

    raw = raw_connection(conn)
    statement = sql.SQL(query).format(
        **{k: sql.Literal(v) for k, v in (params or {}).items()}
    )
    buffer = io.BytesIO()
    with (
        raw.cursor() as cursor,
        cursor.copy(
            sql.SQL("COPY ({}) TO STDOUT (FORMAT csv, HEADER)").format(statement)
        ) as copy,
    ):
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return csv_reader.read_csv(buffer)
