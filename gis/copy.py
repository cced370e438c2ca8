"""Bulk loading with COPY: Arrow columns in, PostgreSQL rows out."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import shapely
import sqlalchemy as sa

from gis.db import STORAGE_SRID, raw_connection

#: rows per CSV batch sent to COPY
COPY_BATCH_ROWS = 50_000


def copy_rows(
    conn: sa.Connection,
    table: str,
    columns: dict[str, pa.Array | pa.ChunkedArray | np.ndarray | list],
    geometry: np.ndarray | None = None,
    geometry_column: str = "geom",
) -> int:
    """Bulk load columns (and EPSG:4326 geometry) into ``table`` with COPY.

    Values go through Arrow's CSV writer (NULL = empty field), geometry as hex EWKB,
    streamed in batches of :data:`COPY_BATCH_ROWS`.
    Returns the number of rows written.
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
            shapely.to_wkb(geoms, hex=True, include_srid=True), type=pa.string()
        )
    table_data = pa.table(data)
    names = ", ".join(table_data.column_names)
    statement = f"COPY {table} ({names}) FROM STDIN (FORMAT csv)"
    options = pa_csv.WriteOptions(include_header=False)

    def csv_batch(batch: pa.RecordBatch) -> memoryview:
        buffer = io.BytesIO()
        pa_csv.write_csv(batch, buffer, options)  # releases the GIL
        return buffer.getbuffer()

    # a thread writes CSV batches ahead while this one sends them: the server
    # parses one batch while the next is being written
    with (
        ThreadPoolExecutor(max_workers=1) as writer,
        raw_connection(conn).cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for chunk in writer.map(csv_batch, table_data.to_batches(COPY_BATCH_ROWS)):
            copy.write(chunk)
    return table_data.num_rows


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


def read_arrow(conn: sa.Connection, query: str, params: dict | None = None
               ) -> pa.Table:
    """Run ``query`` through ``COPY ... TO STDOUT`` and parse it with Arrow.

    Much faster than fetching rows for large reads. ``params`` are bound
    client-side as SQL literals (COPY takes no server-side parameters).
    """
    import pyarrow.csv as csv_reader
    from psycopg import sql

    raw = raw_connection(conn)
    statement = sql.SQL(query).format(**{k: sql.Literal(v) for k, v in
                                         (params or {}).items()})
    buffer = io.BytesIO()
    with raw.cursor() as cursor, cursor.copy(
            sql.SQL("COPY ({}) TO STDOUT (FORMAT csv, HEADER)").format(statement)
    ) as copy:
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return csv_reader.read_csv(buffer)
