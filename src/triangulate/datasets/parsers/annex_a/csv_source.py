"""Read one Annex A CSV file into a grid of text cells, fast.

Arrow's multi-threaded CSV reader does the parsing, every column as text (no type guessing: "00012"
stays "00012") and the heading row read as data, so that the heading can be the first non-blank
row and row numbers count every record, empty lines included. Two cases fall back:
- a file that is not UTF-8 is decoded as Windows-1252 (what Excel's plain "CSV" writes), with one
  issue, and read again;
- a ragged file (a record with fewer or more cells than the first) is parsed by Python's csv module,
  its short records padded with blank cells and written again for Arrow: slower, and rare.
Both readers follow the same dialect: comma, double quote, quotes doubled inside quoted cells,
new lines allowed inside quoted cells.
"""

import csv
import io

import pyarrow as pa

from .grid import grid_from_table
from .issues import AnnexAError, Issue

MAX_CSV_BYTES = 1024**3
MAX_COLUMNS = 16_384  # Excel's limit
NOT_UTF8 = ("file is not UTF-8; read it as Windows-1252 (check accented names). "
            "Save as 'CSV UTF-8' to avoid this")

HEAD_BYTES = 1 << 16


def _first_record_width(data):
    """Cells in the first record, from the file's first bytes (an under-count is caught after reading)."""
    head = data[:HEAD_BYTES].decode("utf-8", "replace")
    try:
        return len(next(csv.reader(io.StringIO(head, newline="")), [])) or 1
    except csv.Error:  # e.g. a quoted cell running past HEAD_BYTES
        return MAX_COLUMNS


def _arrow_table(data):
    from pyarrow import csv as arrow_csv

    def read(width):
        # Generated names f0, f1, ... let every column be read as text; the heading row is data.
        return arrow_csv.read_csv(
            pa.BufferReader(data),
            read_options=arrow_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(width)},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False),
        )

    table = read(_first_record_width(data))
    if any(column_type != pa.string() for column_type in table.schema.types):
        table = read(MAX_COLUMNS)  # a first record longer than HEAD_BYTES
    return table


def _decode(data):
    """(text, was UTF-8)."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), False
        except UnicodeDecodeError:
            return data.decode("latin-1"), False  # cp1252 leaves five bytes undefined


def read_csv_grid(file, number):
    """(Grid or None for an empty file, issues) for one list's CSV file."""
    if file.stat().st_size > MAX_CSV_BYTES:
        raise AnnexAError(f"{file.name}: larger than {MAX_CSV_BYTES / 1024**2:,.0f} MB; expected a smaller "
                          "Annex A list")
    data = file.read_bytes()
    issues = []
    try:
        table = _arrow_table(data)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return None, issues
        table = None
        if "UTF8" in str(exc):
            text, utf8 = _decode(data)
            if not utf8:
                issues.append(Issue(file.name, None, number, None, None, None, NOT_UTF8))
                data = text.encode("utf-8")
                try:
                    table = _arrow_table(data)
                except pa.ArrowInvalid:
                    table = None
    if table is None:
        data = _rectangular(_python_rows(file, number, data, issues))
        if data is None:
            return None, issues
        table = _arrow_table(data)
    if table.num_columns >= MAX_COLUMNS:
        raise AnnexAError(f"{file.name}: has {MAX_COLUMNS:,} columns or more; expected an Annex A list")
    return grid_from_table(table), issues


def _python_rows(file, number, data, issues):
    text, utf8 = _decode(data)
    if not utf8:
        issues.append(Issue(file.name, None, number, None, None, None, NOT_UTF8))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise AnnexAError(f"{file.name}: not a readable CSV file ({exc}); expected comma-separated "
                          "values with a heading row") from exc


def _rectangular(rows):
    """The records written again as UTF-8 CSV, short ones padded with blank cells (None: no cell at all).

    One record stays one record, so row numbers do not move; Arrow then reads it as it reads any file.
    """
    width = max(map(len, rows), default=0)
    if not width:
        return None
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row + [""] * (width - len(row)) for row in rows)
    return out.getvalue().encode("utf-8")
