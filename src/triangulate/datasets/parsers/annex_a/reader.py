"""Read an Annex A workbook or folder of CSVs into the canonical Arrow tables (pure Python, no Django).

``read_annex_a(path)`` returns an ``AnnexA`` or raises ``AnnexAError`` for input it cannot use. It
never writes anything and never returns a partial result. Contract: shared/design/annex-a.md, and
issue 6's working contract (sections A and B):

- ``tables``: list number -> ``pyarrow.Table`` holding every column of the list's schema
  (schema.py; a column absent from the file is all null), then ``source_row`` (the row number a
  person sees in Excel, or the CSV record number; the heading is row 1 when it comes first) and
  ``_unreadable`` (null, or "|key1|key2|" naming the columns whose cell was not blank but could not
  be read). The schema metadata ``b"triangulate:absent"`` is the JSON list of the keys absent
  from the file, so that the KPI engine can tell "absent" from "all blank".
- ``headings``: list number -> {"matched": [...], "absent": [...], "ignored": [...]} (headings.py).
- ``issues``: data-quality issues (issues.py); ``row_counts``: data rows read per list.

CSV files are parsed by Arrow and normalised column by column (csv_source.py, columns.py); workbook
sheets are read cell by cell by python-calamine and normalised by the same code, so the same cell
gives the same value and problem in either.
"""

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from . import xlsx_checks, zip_guard
from .columns import ARROW_TYPES, is_grouped, read_column, unreadable_column
from .csv_source import read_csv_grid
from .grid import grid_from_rows
from .headings import HeadingError, match_headings
from .issues import AnnexAError, Issue, column_issues, suspicious_id_issues
from .schema import LISTS

__all__ = ["AnnexA", "AnnexAError", "Issue", "list_number", "read_annex_a"]

MAX_UNCOMPRESSED = 1024**3  # bytes a workbook may inflate to
MAX_RATIO = 200  # inflated / compressed, checked once a workbook inflates past RATIO_FLOOR
RATIO_FLOOR = 16 * 1024**2
MAX_MEMBERS = 10_000
MAX_SHOWN_VARIANTS = 4  # heading variants named in a missing-column error
ABSENT_KEY = b"triangulate:absent"
UNREADABLE = "_unreadable"

_LIST_NAME = re.compile(r"(?<![a-z])list[\s_-]*(\d+)", re.IGNORECASE)


@dataclass
class AnnexA:
    tables: dict = field(default_factory=dict)  # list number -> pyarrow.Table
    issues: list = field(default_factory=list)
    source: str = ""
    row_counts: dict = field(default_factory=dict)  # list number -> data rows read
    headings: dict = field(default_factory=dict)  # list number -> heading report


def list_number(name):
    """The Annex A list number in a sheet or file name ("List 3 - Referrals" -> 3), or None."""
    match = _LIST_NAME.search(name)
    if not match:
        return None
    number = int(match.group(1))
    return number if number in LISTS else None


def read_annex_a(path):
    path = Path(path)
    if not path.exists():
        raise AnnexAError(f"{path}: no such file or folder; expected an Annex A .xlsx workbook "
                          "or a folder of Annex A .csv files")
    if path.is_dir():
        sources = _csv_sources(path)
    elif path.suffix.lower() == ".xlsx":
        sources = _xlsx_sources(path)
    elif path.suffix.lower() == ".csv":
        sources = _csv_sources(path.parent, only=path)
    else:
        raise AnnexAError(f"{path.name}: expected an Annex A .xlsx workbook or a folder of .csv files, "
                          f"not a '{path.suffix or 'extension-less'}' file")
    result = AnnexA(source=str(path))
    memo = {}  # normaliser -> {raw value: (value, problem)}, shared by every column read
    for number, file, sheet, load in sources:
        grid, issues = load()
        result.issues.extend(issues)
        if grid is None:
            continue  # an empty sheet or file is a list not supplied
        table, report = _build_table(number, file, sheet, grid, result.issues, memo)
        result.tables[number] = table
        result.row_counts[number] = table.num_rows
        result.headings[number] = report
    return result


# --- workbooks -------------------------------------------------------------------------------

def _check_zip(path):
    """Refuse files that are not zips, and zips that would inflate too far (zip bombs)."""
    zip_guard.check_zip(path, path.name, error=AnnexAError, max_members=MAX_MEMBERS, max_unpacked=MAX_UNCOMPRESSED,
                        expected=f"a workbook under {MAX_UNCOMPRESSED / 1024**2:,.0f} MB unpacked",
                        max_ratio=MAX_RATIO, ratio_floor=RATIO_FLOOR)


def _xlsx_sources(path):
    """(number, file, sheet, load) for each list sheet, read lazily, one sheet in memory at a time.

    Everything is checked before the first sheet is read: the zip (_check_zip), then each list sheet's
    real cells, extent and shared text (xlsx_checks), so calamine never meets a sheet it cannot hold.
    """
    from python_calamine import CalamineWorkbook

    _check_zip(path)
    name = path.name
    with zipfile.ZipFile(path) as archive:
        package = xlsx_checks.Package(archive, name)
        sheet_names = [sheet for sheet, _ in package.sheets]
        chosen = _list_sheets(name, sheet_names)
        lengths = xlsx_checks.shared_string_lengths(package)
        members = dict(package.sheets)
        cells = 0
        for _, sheet in sorted(chosen.items()):
            where = f"{name}, sheet '{sheet}'"
            if members.get(sheet) is None:
                raise AnnexAError(f"{where}: the sheet's part is missing from the workbook; save it again from Excel")
            xlsx_checks.check_part_size(members[sheet], name, f"sheet '{sheet}'")
            cells += xlsx_checks.scan_sheet(package, members[sheet], where, lengths).cells
            if cells > xlsx_checks.MAX_WORKBOOK_CELLS:
                raise AnnexAError(f"{name}: its list sheets hold more than {xlsx_checks.MAX_WORKBOOK_CELLS:,} cells "
                                  "with values in all; expected an Annex A extract")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        same = list(workbook.sheet_names) == sheet_names
    except Exception as exc:  # calamine raises several types for unreadable workbooks
        raise AnnexAError(f"{name}: could not be read as an Excel .xlsx workbook ({exc})") from exc
    if not same:  # the sheets checked above must be the ones calamine reads
        workbook.close()
        raise AnnexAError(f"{name}: could not be read as an Excel .xlsx workbook (its list of sheets is not "
                          "what Excel writes); save it again from Excel")
    return _lazy_sheets(workbook, name, chosen)


def _lazy_sheets(workbook, name, chosen):
    try:
        for number, sheet in sorted(chosen.items()):
            yield number, name, sheet, lambda sheet=sheet: (_read_sheet(workbook, name, sheet), [])
    finally:
        workbook.close()


def _read_sheet(workbook, name, sheet):
    try:
        data = workbook.get_sheet_by_name(sheet)
        # Only from the first cell holding a value: skip_empty_area=False would build a second grid from A1.
        rows = data.to_python(skip_empty_area=True)
        first_row = data.start[0] if data.start else 0
    except Exception as exc:
        raise AnnexAError(f"{name}: could not read sheet '{sheet}' ({exc})") from exc
    return grid_from_rows(rows, first_row)


def _list_sheets(name, sheet_names):
    chosen = {}
    for sheet in sheet_names:
        number = list_number(sheet)
        if number is None:
            continue
        if number in chosen:
            raise AnnexAError(f"{name}: sheets '{chosen[number]}' and '{sheet}' are both List {number}; "
                              "expected one sheet per list")
        chosen[number] = sheet
    if not chosen:
        shown = ", ".join(f"'{s}'" for s in sheet_names[:20]) or "none"
        raise AnnexAError(f"{name}: no sheet is named like 'List 1' ... 'List 11' (sheets found: {shown}); "
                          "expected Annex A sheets such as 'List 3 - Referrals'")
    return chosen


# --- CSV -------------------------------------------------------------------------------------

def _csv_sources(folder, only=None):
    files = [only] if only else sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    chosen = {}
    for file in files:
        number = list_number(file.stem)
        if number is None:
            continue
        if number in chosen:
            raise AnnexAError(f"{folder.name}: files '{chosen[number].name}' and '{file.name}' are both "
                              f"List {number}; expected one file per list")
        chosen[number] = file
    if not chosen:
        what = f"{only.name}: the file name does not contain" if only else f"{folder}: no .csv file name contains"
        raise AnnexAError(f"{what} 'list N' for N from 1 to 11 (e.g. 'list_3_referrals.csv'); expected "
                          "Annex A lists as .csv files named by list number")
    return [(number, chosen[number].name, None, lambda file=chosen[number], number=number: read_csv_grid(file, number))
            for number in sorted(chosen)]


# --- tables ----------------------------------------------------------------------------------

def _where(file, sheet):
    return f"{file}, sheet '{sheet}'" if sheet else file


def _match(spec, grid, file, sheet):
    """{key: column index}, and the heading report; refuses clashing headings and absent required columns."""
    try:
        match = match_headings(spec, grid.headings)
    except HeadingError as exc:
        raise AnnexAError(f"{_where(file, sheet)}: {exc}") from exc
    missing = [c for c in spec.columns if c.required and c.key not in match.found]
    if missing:
        parts = []
        for column in missing:
            shown = ", ".join(repr(a) for a in column.aliases[:MAX_SHOWN_VARIANTS])
            more = ", ..." if len(column.aliases) > MAX_SHOWN_VARIANTS else ""
            also = f" (also accepted: {shown}{more})" if column.aliases else ""
            parts.append(f"'{column.heading}'{also}")
        raise AnnexAError(f"{_where(file, sheet)}: List {spec.number} ({spec.topic}) has no column "
                          f"{', '.join(parts)}; expected "
                          f"{'this required column' if len(parts) == 1 else 'these required columns'} "
                          "in the heading row (the first non-blank row)")
    return match.found, match.report


def _build_table(number, file, sheet, grid, issues, memo):
    spec = LISTS[number]
    found, report = _match(spec, grid, file, sheet)
    length = len(grid.rows)
    arrays, masks, absent = {}, [], []
    for column in spec.columns:
        if column.key not in found:
            arrays[column.key] = pa.nulls(length, ARROW_TYPES[column.kind])
            absent.append(column.key)
            continue
        read = read_column(column, grid.column(found[column.key]), memo)
        column_problems, unreadable = column_issues(read, column, (file, sheet, number), grid.rows,
                                                    is_grouped(column))
        issues.extend(column_problems)
        if column.kind == "id":
            issues.extend(suspicious_id_issues(read.values, column, (file, sheet, number), grid.rows))
        if unreadable is not None:
            masks.append((column.key, unreadable))
        arrays[column.key] = read.values
    arrays["source_row"] = pa.array(grid.rows, pa.int64())
    arrays[UNREADABLE] = unreadable_column(masks, length)
    table = pa.table(arrays).replace_schema_metadata({ABSENT_KEY: json.dumps(absent).encode()})
    return table, report
