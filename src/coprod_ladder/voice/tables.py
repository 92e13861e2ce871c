"""Survey exports as tables of text: CSV (any tool, paper) and .xlsx (Microsoft Forms).

`read_table` turns a file's bytes into a header row and data rows of `Cell`s, numbered as a
spreadsheet numbers them (the header is row 1), so every finding can name file, row and
column. CSV may start with a byte-order mark, use CRLF line ends and quoted line breaks, and
be separated by commas or, as some European Excel installs save it, semicolons. An .xlsx is
opened read-only; a cell holding a formula is kept as a formula (never its cached value), so
the import can refuse it. Dates become ISO text. Pure: bytes in, a table or problems out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from coprod_ladder.diagnostics import Diagnostic, Severity
from coprod_ladder.language import _


@dataclass(frozen=True)
class Cell:
    """One cell's text, and whether the spreadsheet held a formula there."""

    text: str
    formula: bool = False


@dataclass(frozen=True)
class Table:
    """A file's header (row 1) and its data rows (row 2 on), each padded to the header's width."""

    path: str
    header: list[str]
    rows: list[list[Cell]]


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _unreadable(path: str, message: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, Severity.ERROR, "unreadable", message)


def _table(path: str, grid: list[list[Cell]]) -> Table:
    header = [c.text.strip() for c in grid[0]] if grid else []
    while header and not header[-1]:
        header.pop()
    width = len(header)
    rows = [(row + [Cell("")] * width)[:width] for row in grid[1:]]
    return Table(path, header, rows)


def read_csv(raw: bytes, path: str) -> tuple[Table | None, list[Diagnostic]]:
    """A CSV file's table; UTF-8 (with or without a BOM), else Windows-1252 as old Excel saves."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        grid = [[Cell(value) for value in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        return None, [_unreadable(path, _("this is not a CSV file coprod can read ({problem})")
                                  .format(problem=exc))]
    if not grid:
        return None, [_unreadable(path, _("the file is empty: it has no header row"))]
    return _table(path, grid), []


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(raw: bytes, path: str) -> tuple[Table | None, list[Diagnostic]]:
    """The first sheet of a workbook, read-only; formulas kept as formulas."""
    from openpyxl import load_workbook  # loaded only when a workbook is imported

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return None, [_unreadable(path, _("this is not an Excel workbook coprod can read "
                                          "({problem}); export it again as .xlsx")
                                        .format(problem=type(exc).__name__))]
    try:
        sheet = book.worksheets[0]
        grid = [[Cell(_xlsx_text(c.value), formula=getattr(c, "data_type", "") == "f")
                 for c in row] for row in sheet.iter_rows()]
    finally:
        book.close()
    if not grid:
        return None, [_unreadable(path, _("the workbook's first sheet is empty"))]
    return _table(path, grid), []


def read_table(raw: bytes, path: str) -> tuple[Table | None, list[Diagnostic]]:
    """The table in a .csv or .xlsx file, by its name's ending (a workbook is a zip file)."""
    if path.lower().endswith(".xlsx") or raw.startswith(b"PK\x03\x04"):
        return read_xlsx(raw, path)
    return read_csv(raw, path)
