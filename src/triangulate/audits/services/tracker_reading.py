"""Read an uploaded audit tracker (.xlsx or .csv) into rows of raw cells, within fixed caps (design §7 step 1).

The tracker is read in the request (decision 17), so every cost is bounded before anything is materialised:
the file is at most 10 MB; a workbook passes the Annex A zip and sheet checks (datasets' xlsx_checks: zip bombs,
cells far from the data, shared strings repeated without end) and then holds at most 20,000 rows and 200
columns. A CSV is decoded as UTF-8 (with or without a byte order mark), else Windows-1252, as Excel saves it.

Formulas are not run: calamine gives a formula cell's cached value, and the importer refuses a child id that
looks like a formula. The file lives in the data folder's trackers/ (0600), never in logs or the database.
"""

import csv
import io
import time
import zipfile
from pathlib import Path

from django.conf import settings

from triangulate.core.private_files import make_private, private_folder
from triangulate.datasets.parsers.annex_a import xlsx_checks, zip_guard

MAX_BYTES = 10 * 1024**2
MAX_ROWS = 20_000  # data rows, under the heading
MAX_COLUMNS = 200
MAX_UNPACKED = 100 * 1024**2  # a 10 MB tracker of 20,000 x 200 cells unpacks to well under this
MAX_MEMBERS = 1_000
HEADING_SEARCH_ROWS = 10
HEADING_MIN_CELLS = 3
SUFFIXES = (".xlsx", ".csv")
KEEP_DAYS = 7


class UnreadableTracker(ValueError):
    """The file cannot be read as a tracker; the message says why and what was expected."""


def tracker_folder():
    """Not datasets' incoming/: its sweep deletes any file there that is not an Annex A upload within an hour,
    and a tracker waits for its mapping for up to 7 days."""
    private_folder(settings.DATA_DIR)
    return private_folder(Path(settings.DATA_DIR) / "trackers")


def tracker_path(tracker):
    suffix = Path(tracker.original_name).suffix.lower()
    return tracker_folder() / f"tracker-{tracker.pk}{suffix if suffix in SUFFIXES else ''}"


def store_file(tracker, uploaded):
    """Copy the uploaded file to the tracker's own private path; returns the path."""
    path = tracker_path(tracker)
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    make_private(path)
    return path


def remove_file(tracker):
    tracker_path(tracker).unlink(missing_ok=True)


def has_file(tracker):
    return tracker_path(tracker).is_file()


def sweep_trackers(now=None):
    """Delete tracker files older than KEEP_DAYS: a tracker left unmapped keeps child-level data for 7 days at
    most (design §7). Returns the names deleted (tracker-<pk>.xlsx: ids only, safe to log). Meant for the
    housekeeping run; an import that ends removes its file at once."""
    cutoff = (now or time.time()) - KEEP_DAYS * 86_400
    deleted = []
    for entry in sorted(tracker_folder().iterdir()):
        if entry.is_file() and entry.stat().st_mtime < cutoff:
            entry.unlink(missing_ok=True)
            deleted.append(entry.name)
    return deleted


def read_rows(path, name, sheet=""):
    """(sheet name, rows) of the tracker at `path`: rows are lists of raw cell values (str, float, date...),
    from the sheet's first row. `sheet` chooses a workbook sheet (default: the first)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableTracker(f"{name}: the uploaded file is no longer held (it is removed after 7 days, or when "
                                "the import ends). Upload the tracker again")
    if path.stat().st_size > MAX_BYTES:
        raise UnreadableTracker(f"{name}: the file is larger than 10 MB; expected a tracker of at most "
                                f"{MAX_ROWS:,} rows")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path, name)
        sheet = ""
    elif suffix == ".xlsx":
        sheet, rows = _xlsx_rows(path, name, sheet)
    else:
        raise UnreadableTracker(f"{name}: expected an Excel workbook (.xlsx) or a CSV file (.csv)")
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + HEADING_SEARCH_ROWS:
        raise UnreadableTracker(f"{name}: has {len(rows):,} rows; expected at most {MAX_ROWS:,} audits in one tracker. "
                                "Split it into several files")
    if max((len(r) for r in rows), default=0) > MAX_COLUMNS:
        raise UnreadableTracker(f"{name}: has more than {MAX_COLUMNS} columns; expected at most {MAX_COLUMNS}")
    if heading_row(rows) is None:
        raise UnreadableTracker(f"{name}: none of its first {HEADING_SEARCH_ROWS} rows has {HEADING_MIN_CELLS} or "
                                "more headings; expected a heading row (Child ID, Team, Date of audit, Overall grade…) "
                                "above one row per audit")
    return sheet, rows


def heading_row(rows):
    """The 1-based number of the first of the first 10 rows with at least 3 cells filled, or None."""
    for number, row in enumerate(rows[:HEADING_SEARCH_ROWS], start=1):
        if sum(not _blank(v) for v in row) >= HEADING_MIN_CELLS:
            return number
    return None


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _csv_rows(path, name):
    data = path.read_bytes()
    if b"\x00" in data:
        raise UnreadableTracker(f"{name}: is not a text CSV file (it holds binary data); save the tracker from Excel "
                                "as 'CSV UTF-8' or as an .xlsx workbook")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableTracker(f"{name}: could not be read as text; save it from Excel as 'CSV UTF-8'")
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise UnreadableTracker(f"{name}: is not a readable CSV file ({exc})") from exc


def _check_zip(path, name):
    zip_guard.check_zip(path, name, error=UnreadableTracker, max_members=MAX_MEMBERS, max_unpacked=MAX_UNPACKED,
                        expected=f"a tracker of at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns")


def _xlsx_rows(path, name, sheet):
    from python_calamine import CalamineWorkbook

    _check_zip(path, name)
    try:
        with zipfile.ZipFile(path) as archive:
            package = xlsx_checks.Package(archive, name)
            members = dict(package.sheets)
            if not members:
                raise UnreadableTracker(f"{name}: the workbook has no sheets")
            sheet = sheet if sheet in members else next(iter(members))
            if members[sheet] is None:
                raise UnreadableTracker(f"{name}: sheet '{sheet}' is missing from the workbook; save it again")
            lengths = xlsx_checks.shared_string_lengths(package)
            where = f"{name}, sheet '{sheet}'"
            xlsx_checks.check_part_size(members[sheet], name, f"sheet '{sheet}'")
            cells = xlsx_checks.scan_sheet(package, members[sheet], where, lengths).cells
    except xlsx_checks.AnnexAError as exc:
        raise UnreadableTracker(str(exc).replace("an Annex A list", "a tracker")) from exc
    if cells > (MAX_ROWS + HEADING_SEARCH_ROWS) * MAX_COLUMNS:
        raise UnreadableTracker(f"{where}: holds {cells:,} cells with values; expected at most {MAX_ROWS:,} rows of "
                                f"{MAX_COLUMNS} columns")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            data = workbook.get_sheet_by_name(sheet)
            # From the first cell holding a value, as Annex A is read: the checks above bound that grid.
            rows = data.to_python(skip_empty_area=True)
            first_row = data.start[0] if data.start else 0
        finally:
            workbook.close()
    except Exception as exc:  # calamine raises several types for unreadable workbooks
        raise UnreadableTracker(f"{name}: could not be read as an Excel .xlsx workbook ({exc})") from exc
    if first_row >= HEADING_SEARCH_ROWS:
        raise UnreadableTracker(f"{where}: its first value is in row {first_row + 1:,}; expected the heading row "
                                f"within the first {HEADING_SEARCH_ROWS} rows")
    return sheet, [[] for _ in range(first_row)] + [list(row) for row in rows]
