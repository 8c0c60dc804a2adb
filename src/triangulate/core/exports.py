"""A page's table as a download (CSV or Excel), asked for as `?format=csv` or `?format=xlsx` on the page's
own address, so the download has the page's permission check, scope and disclosure control because it is
the same view (components/export_buttons.html writes the links).

    fmt = exports.requested(request)
    if fmt:
        return exports.download(request, fmt, filename="referrals-children-2025-03-31",
                                headers=["Child ID", "Counted"], rows=rows,
                                children=[r[0] for r in rows], resource="performance:kpi_children")

- A page of several tables downloads as one workbook of several sheets: `sheets=[Sheet(name, headers,
  rows), ...]` in place of `headers` and `rows` (a CSV file holds one table, so a CSV gets one sheet).
- Cells are what the page shows (text, or numbers written as numbers). A text cell that a spreadsheet
  would read as a formula (starting = + - @, tab or carriage return) is prefixed with ' (OWASP "CSV
  injection"), in both formats: an .xlsx text cell is not run, but a file re-saved as CSV would be.
- `children`: the child ids in a child-level export. They are written to the access log (kind EXPORT)
  before the file is built, so an export that cannot be logged is not sent.
- The file name is given by the view from what the table is (a KPI id, a date), never from a person's
  data, and is checked to be plain: it is kept in browser histories and download folders.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from django.http import HttpResponse

from .access_log import log_child_access
from .models import AccessLog

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
# Excel's rule for a sheet's name: 1 to 31 characters, none of []:*?/\ and no apostrophe at either end
SHEET_NAME = re.compile(r"[^'\[\]:*?/\\](?:[^\[\]:*?/\\]{0,29}[^'\[\]:*?/\\])?")


@dataclass(frozen=True)
class Sheet:
    """One table of a download: the sheet's name in a workbook, its column headings and its rows."""

    name: str
    headers: list
    rows: list


def requested(request):
    """"csv" or "xlsx" when the page is asked for as a download, else None (the page itself)."""
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


def safe_cell(value):
    """A cell value a spreadsheet will not run: numbers and dates as they are, None as "", text prefixed
    with ' when it would start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | date | datetime):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def download(request, fmt, *, filename, headers=None, rows=None, sheets=None, children=None, resource=None,
             detail=None, sheet="Data"):
    """The response for `fmt` ("csv" or "xlsx"): headers, then one line per row, as an attachment; or, with
    `sheets`, a workbook of those sheets (a CSV takes exactly one)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if not PLAIN_NAME.fullmatch(filename):
        raise ValueError("an export's file name is lower-case letters, digits, - and _")
    sheets = _sheets(fmt, headers, rows, sheets, sheet)
    if children is not None:
        if not resource:
            raise ValueError("a child-level export names its resource for the access log")
        log_child_access(request, children, resource=resource, kind=AccessLog.Kind.EXPORT, detail=detail)
    # every sheet's text made safe here, the one place, so no caller can forget one
    safe = [Sheet(s.name, [safe_cell(h) for h in s.headers], [[safe_cell(v) for v in row] for row in s.rows])
            for s in sheets]
    content = _csv(safe[0]) if fmt == "csv" else _xlsx(safe)
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["Cache-Control"] = "private, no-store"  # the figures are for this reader only
    return response


def _sheets(fmt, headers, rows, sheets, name):
    """The sheets asked for, checked: either `sheets` or one table of `headers` and `rows` named `name`."""
    if sheets is None:
        if headers is None or rows is None:
            raise ValueError("a download has headers and rows, or sheets")
        sheets = [Sheet(name, headers, rows)]
    elif headers is not None or rows is not None:
        raise ValueError("a download has headers and rows, or sheets, not both")
    if not sheets or (fmt == "csv" and len(sheets) != 1):
        raise ValueError("a CSV file holds one table: give it exactly one sheet")
    names = [s.name for s in sheets]
    if not all(SHEET_NAME.fullmatch(n) for n in names) or len({n.casefold() for n in names}) != len(names):
        raise ValueError(f"sheet names must be distinct, 31 characters at most, without []:*?/\\: {names!r}")
    return sheets


def _csv(sheet):
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)  # every text cell quoted, numbers bare
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([v.isoformat() if isinstance(v, date | datetime) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the mark tells Excel the file is UTF-8


def _xlsx(sheets):
    out = io.BytesIO()
    # in memory (no temporary files); text is never turned into a formula, a link or a number
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "d mmmm yyyy"})
    for table in sheets:
        _write_sheet(book.add_worksheet(table.name), table, bold, day)
    book.close()
    return out.getvalue()


def _write_sheet(sheet, table, bold, day):
    widths = [len(str(h)) for h in table.headers]
    for col, text in enumerate(table.headers):
        sheet.write_string(0, col, text, bold)
    for r, row in enumerate(table.rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, date | datetime):
                sheet.write_datetime(r, col, value, day)
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, value)
            if col < len(widths):
                widths[col] = max(widths[col], len(str(value)))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width, 8), 60) + 2)
    sheet.freeze_panes(1, 0)
