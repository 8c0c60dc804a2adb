"""A page's table as a download (CSV or Excel), asked for as `?format=csv` or `?format=xlsx` on the page's
own address, so the download has the page's permission check, scope and disclosure control because it is
the same view (components/export_buttons.html writes the links).

    fmt = exports.requested(request)
    if fmt:
        return exports.download(request, fmt, filename="referrals-children-2025-03-31",
                                headers=["Child ID", "Counted"], rows=rows,
                                children=[r[0] for r in rows], resource="performance:kpi_children")

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


def download(request, fmt, *, filename, headers, rows, children=None, resource=None, detail=None, sheet="Data"):
    """The response for `fmt` ("csv" or "xlsx"): headers, then one line per row, as an attachment."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if not PLAIN_NAME.fullmatch(filename):
        raise ValueError("an export's file name is lower-case letters, digits, - and _")
    if children is not None:
        if not resource:
            raise ValueError("a child-level export names its resource for the access log")
        log_child_access(request, children, resource=resource, kind=AccessLog.Kind.EXPORT, detail=detail)
    header = [safe_cell(h) for h in headers]
    body = [[safe_cell(v) for v in row] for row in rows]
    content = _csv(header, body) if fmt == "csv" else _xlsx(header, body, sheet)
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["Cache-Control"] = "private, no-store"  # the figures are for this reader only
    return response


def _csv(header, body):
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)  # every text cell quoted, numbers bare
    writer.writerow(header)
    for row in body:
        writer.writerow([v.isoformat() if isinstance(v, date | datetime) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the mark tells Excel the file is UTF-8


def _xlsx(header, body, sheet):
    out = io.BytesIO()
    # in memory (no temporary files); text is never turned into a formula, a link or a number
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet[:31])
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "d mmmm yyyy"})
    widths = [len(str(h)) for h in header]
    for col, text in enumerate(header):
        sheet.write_string(0, col, text, bold)
    for r, row in enumerate(body, start=1):
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
    book.close()
    return out.getvalue()
