"""Plain tables for spreadsheets: XLSX (openpyxl) and CSV, in the reader's
language and the city's time zone.

A :class:`Table` is a title, typed columns and rows; it knows nothing of what it
holds. Numbers stay numbers in XLSX (the cell's number format shows ``18.768`` or
``19,7`` in an Indonesian Excel); instants are written as WITA wall-clock times
(a spreadsheet cell has no zone, so the header says ``WITA``). CSV is what an
Indonesian Excel opens by double-click: UTF-8 with a byte-order mark, ``;``
between fields, a decimal comma, no thousands separator.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gis.timeutil import WITA

#: column kinds → XLSX number format
NUMBER_FORMATS = {
    "text": "@",
    "integer": "#,##0",
    "decimal": "#,##0.0",
    "percent": "0.0%",
    "datetime": "dd/mm/yyyy hh:mm",
    "date": "dd/mm/yyyy",
}


@dataclass(frozen=True)
class Column:
    """A column: its header (already in the reader's language), its kind (a key
    of :data:`NUMBER_FORMATS`) and its width in characters."""

    header: str
    kind: str = "text"
    width: int = 14


@dataclass
class Table:
    """What a spreadsheet holds: one sheet of rows, and a notes sheet."""

    title: str
    columns: list[Column]
    rows: list[list[object]]
    #: (label, value) lines for the notes sheet / the CSV's reader: filters,
    #: period, when it was made
    notes: list[tuple[str, str]] = field(default_factory=list)
    notes_title: str = "Notes"


def _cell(value: object, kind: str) -> object:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if kind == "datetime" and isinstance(value, datetime):
        return value.astimezone(WITA).replace(tzinfo=None, microsecond=0)
    if kind == "date" and isinstance(value, datetime):
        return value.astimezone(WITA).date()
    if kind in ("integer", "decimal", "percent") and not isinstance(value, bool):
        return float(value) if kind != "integer" else int(value)
    return value


def write_xlsx(table: Table) -> bytes:
    """The table as an XLSX workbook (the rows, then the notes sheet)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(table.title)
    sheet.append([c.header for c in table.columns])
    for row in table.rows:
        sheet.append([_cell(v, c.kind) for v, c in zip(row, table.columns)])
    header_fill = PatternFill("solid", fgColor="12355B")
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True, color="FFFFFF")
        head.fill = header_fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        for cells in sheet.iter_rows(
            min_row=2, min_col=index, max_col=index, max_row=len(table.rows) + 1
        ):
            cells[0].number_format = NUMBER_FORMATS[column.kind]
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    notes = book.create_sheet(_sheet_name(table.notes_title))
    for label, value in [(table.title, ""), *table.notes]:
        notes.append([label, value])
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31] or "Sheet"


def _text(value: object, kind: str) -> str:
    value = _cell(value, kind)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if kind == "integer":
        return str(value)
    if kind == "decimal":
        return f"{value:.1f}".replace(".", ",")
    if kind == "percent":
        return f"{value * 100:.1f}".replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def write_csv(table: Table) -> bytes:
    """The table as CSV for an Indonesian Excel (BOM, ``;``, decimal comma;
    percentages as numbers of percent, the header saying ``%``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [c.header + (" (%)" if c.kind == "percent" else "") for c in table.columns]
    )
    for row in table.rows:
        writer.writerow([_text(v, c.kind) for v, c in zip(row, table.columns)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
