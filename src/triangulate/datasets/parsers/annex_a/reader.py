"""Read an Annex A workbook or folder of CSVs into typed Arrow tables (pure Python, no Django).

``read_annex_a(path)`` returns an ``AnnexA`` (one ``pyarrow.Table`` per list present, plus the
data-quality ``issues`` found in cells) or raises ``AnnexAError`` for input it cannot use. It never
writes anything and never returns a partial result.

Rows: ``source_row`` and ``Issue.row`` are the row numbers a person sees when opening the file in
Excel (for a CSV, the record number; the heading row is row 1 when it is the first row).
"""

import csv
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from itertools import zip_longest
from pathlib import Path

import pyarrow as pa

from .normalise import heading_key, normalise_column
from .schema import LISTS

MAX_UNCOMPRESSED = 1024**3  # bytes a workbook may inflate to
MAX_RATIO = 200  # inflated / compressed, checked once a workbook inflates past RATIO_FLOOR
RATIO_FLOOR = 16 * 1024**2
MAX_MEMBERS = 10_000
MAX_CSV_BYTES = 1024**3
MAX_ISSUES_PER_COLUMN = 1000
MAX_ISSUE_VALUE = 200
DATE_EXAMPLE = "31/03/2025"

ARROW_TYPES = {
    "id": pa.string(), "text": pa.string(), "code": pa.string(), "yesno": pa.string(),
    "date": pa.date32(), "int": pa.int64(),
}

_LIST_NAME = re.compile(r"(?<![a-z])list[\s_-]*(\d+)", re.IGNORECASE)


@dataclass
class Issue:
    file: str
    sheet: str | None
    list: int
    row: int | None
    column: str | None
    value: object
    problem: str

    def as_dict(self):
        return asdict(self)


class AnnexAError(Exception):
    """The input cannot be used at all; the message names the file and says what was expected."""


@dataclass
class AnnexA:
    tables: dict = field(default_factory=dict)  # list number -> pyarrow.Table
    issues: list = field(default_factory=list)
    source: str = ""
    row_counts: dict = field(default_factory=dict)  # list number -> data rows read


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
    for number, file, sheet, rows, pre_issues in sources:
        result.issues.extend(pre_issues)
        table = _build_table(number, file, sheet, rows, result.issues)
        if table is not None:
            result.tables[number] = table
            result.row_counts[number] = table.num_rows
    return result


# --- workbooks -------------------------------------------------------------------------------

def _check_zip(path):
    """Refuse files that are not zips, and zips that would inflate too far (zip bombs)."""
    name = path.name
    if not zipfile.is_zipfile(path):
        raise AnnexAError(f"{name}: not an Excel .xlsx workbook (an .xlsx file is a zip archive; this one "
                          "is not). Save it from Excel as 'Excel Workbook (.xlsx)', without a password.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise AnnexAError(f"{name}: holds {len(members)} parts; expected an ordinary Excel workbook")
            inflated = sum(m.file_size for m in members)
            compressed = sum(m.compress_size for m in members) or 1
            if inflated > MAX_UNCOMPRESSED:
                raise AnnexAError(f"{name}: would unpack to {inflated / 1024**2:,.0f} MB; expected a workbook "
                                  f"under {MAX_UNCOMPRESSED / 1024**2:,.0f} MB unpacked")
            if inflated > RATIO_FLOOR and inflated / compressed > MAX_RATIO:
                raise AnnexAError(f"{name}: unpacks {inflated / compressed:,.0f} times larger than its size, "
                                  "which is not what an Excel workbook does; refused as unsafe")
            for member in members:  # the declared sizes must be honest: zipfile stops at them and checks CRCs
                with archive.open(member) as stream:
                    while stream.read(1 << 20):
                        pass
    except AnnexAError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise AnnexAError(f"{name}: the workbook is damaged and cannot be unpacked ({exc}); "
                          "expected an Excel .xlsx workbook") from exc


def _xlsx_sources(path):
    from python_calamine import CalamineWorkbook

    _check_zip(path)
    name = path.name
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet_names = list(workbook.sheet_names)
    except Exception as exc:  # calamine raises several types for unreadable workbooks
        raise AnnexAError(f"{name}: could not be read as an Excel .xlsx workbook ({exc})") from exc
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
    sources = []
    try:
        for number in sorted(chosen):
            rows = workbook.get_sheet_by_name(chosen[number]).to_python(skip_empty_area=False)
            sources.append((number, name, chosen[number], rows, []))
    except Exception as exc:
        raise AnnexAError(f"{name}: could not read sheet '{chosen[number]}' ({exc})") from exc
    finally:
        workbook.close()
    return sources


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
    return [(number, chosen[number].name, None, *_read_csv(chosen[number], number)) for number in sorted(chosen)]


def _read_csv(file, number):
    if file.stat().st_size > MAX_CSV_BYTES:
        raise AnnexAError(f"{file.name}: larger than {MAX_CSV_BYTES / 1024**2:,.0f} MB; expected a smaller "
                          "Annex A list")
    data = file.read_bytes()
    issues = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        issues.append(Issue(file.name, None, number, None, None, None,
                            "file is not UTF-8; read it as Windows-1252 (check accented names). "
                            "Save as 'CSV UTF-8' to avoid this"))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise AnnexAError(f"{file.name}: not a readable CSV file ({exc}); expected comma-separated "
                          "values with a heading row") from exc
    return rows, issues


# --- tables ----------------------------------------------------------------------------------

def _blank(row):
    for cell in row:
        if cell is None or cell == "":
            continue
        if cell.__class__ is str and not cell.strip():
            continue
        return False
    return True


def _where(file, sheet):
    return f"{file}, sheet '{sheet}'" if sheet else file


def _map_headings(spec, headings, file, sheet):
    """Column index in the file for each schema column present: {key: index}."""
    lookup = {}
    for column in spec.columns:
        for text in (column.heading, *column.aliases):
            lookup[heading_key(text)] = column
    found = {}
    for index, heading in enumerate(headings):
        column = lookup.get(heading_key(heading))
        if column is None:
            continue
        if column.key in found:
            first = headings[found[column.key]]
            raise AnnexAError(f"{_where(file, sheet)}: columns '{first}' and '{heading}' both look like "
                              f"'{column.heading}'; expected only one of them")
        found[column.key] = index
    missing = [c for c in spec.columns if c.required and c.key not in found]
    if missing:
        parts = []
        for column in missing:
            also = f" (also accepted: {', '.join(repr(a) for a in column.aliases)})" if column.aliases else ""
            parts.append(f"'{column.heading}'{also}")
        raise AnnexAError(f"{_where(file, sheet)}: List {spec.number} ({spec.topic}) has no column "
                          f"{' or '.join(parts) if len(parts) == 1 else ', '.join(parts)}; expected "
                          f"{'this required column' if len(parts) == 1 else 'these required columns'} "
                          "in the heading row (the first non-blank row)")
    return found


NEEDED_PROBLEM = "is empty: this row is left out of every KPI that needs this value"


def _shown(value):
    if isinstance(value, str) and len(value) > MAX_ISSUE_VALUE:
        return value[:MAX_ISSUE_VALUE] + "..."
    return value


def _build_table(number, file, sheet, rows, issues):
    spec = LISTS[number]
    start = next((i for i, row in enumerate(rows) if not _blank(row)), None)
    if start is None:
        return None  # an empty sheet or file is a list not supplied
    headings = [h if isinstance(h, str) else ("" if h is None else str(h)) for h in rows[start]]
    headings = [" ".join(h.split()) for h in headings]
    found = _map_headings(spec, headings, file, sheet)
    kept, source_rows = [], []
    for offset, row in enumerate(rows[start + 1:], start=start + 2):
        if row and not _blank(row):
            kept.append(row)
            source_rows.append(offset)
    columns = list(zip_longest(*kept)) if kept else []  # transposed; short CSV rows padded with None
    arrays = {}
    for column in spec.columns:
        kind = column.kind
        if column.key not in found:
            arrays[column.key] = pa.nulls(len(kept), ARROW_TYPES[kind])
            continue
        j = found[column.key]
        raw = columns[j] if j < len(columns) else [None] * len(kept)
        values, problems = normalise_column(kind, raw)
        if column.needed:
            # kpis.md: a row whose needed date is missing is left out of the KPIs that need it, and said so
            bad = {i for i, _, _ in problems}
            problems = sorted(problems + [(i, None, NEEDED_PROBLEM) for i, v in enumerate(values)
                                          if v is None and i not in bad])
        for i, value, problem in problems[:MAX_ISSUES_PER_COLUMN]:
            issues.append(Issue(file, sheet, number, source_rows[i], column.heading, _shown(value), problem))
        if len(problems) > MAX_ISSUES_PER_COLUMN:
            issues.append(Issue(file, sheet, number, None, column.heading, None,
                                f"{len(problems) - MAX_ISSUES_PER_COLUMN} more cells in this column have "
                                f"problems (only the first {MAX_ISSUES_PER_COLUMN} are listed)"))
        arrays[column.key] = pa.array(values, type=ARROW_TYPES[kind])
    arrays["source_row"] = pa.array(source_rows, type=pa.int64())
    return pa.table(arrays)
