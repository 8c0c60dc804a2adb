"""Read one Annex A CSV file into a grid of text cells, fast, in bounded memory.

Arrow's multi-threaded CSV reader streams the file in blocks (never the whole file in memory as bytes
too), every column as text (no type guessing: "00012" stays "00012") and the heading row read as data,
so that the heading can be the first non-blank row and row numbers count every record, empty lines
included. The file's size, its rows x columns and each record's length are capped as they are read
(the same caps as a workbook sheet: xlsx_checks.py). Two cases fall back:
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

from . import xlsx_checks
from .grid import grid_from_table
from .issues import AnnexAError, Issue

MAX_CSV_BYTES = xlsx_checks.MAX_PART_BYTES  # as a sheet's unpacked XML: ~6 million cells
MAX_CELLS = xlsx_checks.MAX_DENSE_CELLS  # records x columns, blank cells included (they take memory too)
MAX_COLUMNS = 16_384  # Excel's limit
BLOCK_BYTES = 16 * 1024**2  # Arrow reads this much at a time; a record must fit in one block
NOT_UTF8 = ("file is not UTF-8; read it as Windows-1252 (check accented names). "
            "Save as 'CSV UTF-8' to avoid this")

HEAD_BYTES = 1 << 16


def _first_record_width(head):
    """Cells in the first record, from the file's first bytes (an under-count is caught after reading)."""
    head = head[:HEAD_BYTES].decode("utf-8", "replace")
    try:
        return len(next(csv.reader(io.StringIO(head, newline="")), [])) or 1
    except csv.Error:  # e.g. a quoted cell running past HEAD_BYTES
        return MAX_COLUMNS


def _source(data):
    """Arrow input for bytes or a file path."""
    return pa.BufferReader(data) if isinstance(data, bytes) else pa.OSFile(str(data))


def _head(data):
    if isinstance(data, bytes):
        return data[:HEAD_BYTES]
    with open(data, "rb") as stream:
        return stream.read(HEAD_BYTES)


def _arrow_table(data, encoding="utf8", name=""):
    """The file (bytes or a path) as a table of text columns f0, f1, ..., read block by block."""
    from pyarrow import csv as arrow_csv

    def read(width):
        # Generated names f0, f1, ... let every column be read as text; the heading row is data.
        reader = arrow_csv.open_csv(
            _source(data),
            read_options=arrow_csv.ReadOptions(autogenerate_column_names=True, encoding=encoding,
                                               block_size=BLOCK_BYTES),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(width)},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows * batch.num_columns > MAX_CELLS:
                raise AnnexAError(f"{name}: holds more than {rows:,} records of {batch.num_columns:,} columns; "
                                  f"expected an Annex A list of at most {MAX_CELLS:,} cells (about 100,000 rows "
                                  "of 80 columns)")
            batches.append(batch)
        return pa.Table.from_batches(batches, reader.schema)

    table = read(_first_record_width(_head(data)))
    if any(column_type != pa.string() for column_type in table.schema.types):
        table = read(MAX_COLUMNS)  # a first record longer than HEAD_BYTES
    return table


def _decoded_table(file, number, issues):
    """The table of a file that is not UTF-8, read as Windows-1252 with one issue; None if Arrow cannot."""
    issues.append(Issue(file.name, None, number, None, None, None, NOT_UTF8))
    for encoding in ("cp1252", "latin-1"):  # cp1252 leaves five bytes undefined
        try:
            return _arrow_table(file, encoding, file.name)
        except UnicodeDecodeError:
            continue
        except pa.ArrowInvalid:
            return None
    return None


def read_csv_grid(file, number):
    """(Grid or None for an empty file, issues) for one list's CSV file."""
    if file.stat().st_size > MAX_CSV_BYTES:
        raise AnnexAError(f"{file.name}: larger than {MAX_CSV_BYTES / 1024**2:,.0f} MB; expected a smaller "
                          "Annex A list")
    issues = []
    try:
        table = _arrow_table(file, name=file.name)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return None, issues
        if "straddling" in str(exc):
            raise AnnexAError(f"{file.name}: a record is longer than {BLOCK_BYTES / 1024**2:,.0f} MB; expected "
                              "an Annex A list") from exc
        table = _decoded_table(file, number, issues) if "UTF8" in str(exc) else None
    if table is None:
        data = _rectangular(_python_rows(file, number, issues), file.name)
        if data is None:
            return None, issues
        table = _arrow_table(data, name=file.name)
    if table.num_columns >= MAX_COLUMNS:
        raise AnnexAError(f"{file.name}: has {MAX_COLUMNS:,} columns or more; expected an Annex A list")
    return grid_from_table(table), issues


def _python_rows(file, number, issues):
    """The records of a ragged file, by Python's csv module (UTF-8, else Windows-1252 with one issue)."""
    try:
        return _read_records(file, "utf-8-sig")
    except UnicodeDecodeError:
        pass
    if not any(issue.problem == NOT_UTF8 for issue in issues):
        issues.append(Issue(file.name, None, number, None, None, None, NOT_UTF8))
    try:
        return _read_records(file, "cp1252")
    except UnicodeDecodeError:
        return _read_records(file, "latin-1")  # cp1252 leaves five bytes undefined


def _read_records(file, encoding):
    rows, cells = [], 0
    with open(file, encoding=encoding, newline="") as stream:
        try:
            for row in csv.reader(stream):
                rows.append(row)
                cells += max(len(row), 1)
                if cells > MAX_CELLS:
                    raise AnnexAError(f"{file.name}: holds more than {MAX_CELLS:,} cells; expected an Annex A "
                                      "list (about 100,000 rows of 80 columns at most)")
        except csv.Error as exc:
            raise AnnexAError(f"{file.name}: not a readable CSV file ({exc}); expected comma-separated "
                              "values with a heading row") from exc
    return rows


def _rectangular(rows, name):
    """The records written again as UTF-8 CSV, short ones padded with blank cells (None: no cell at all).

    One record stays one record, so row numbers do not move; Arrow then reads it as it reads any file.
    """
    width = max(map(len, rows), default=0)
    if not width:
        return None
    if len(rows) * width > MAX_CELLS:  # one very long record would pad every other one
        raise AnnexAError(f"{name}: {len(rows):,} records padded to its longest, {width:,} cells, make more "
                          f"than {MAX_CELLS:,} cells; expected an Annex A list")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row + [""] * (width - len(row)) for row in rows)
    return out.getvalue().encode("utf-8")
