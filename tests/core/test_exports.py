"""core/exports.py: a table as CSV or Excel, safe to open in a spreadsheet, child-level exports logged."""

import csv
import io
from datetime import date

import pytest
from django.test import RequestFactory
from python_calamine import CalamineWorkbook

from triangulate.core import exports
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

HEADERS = ["Child ID", "Note", "Days"]
ROWS = [
    ["C1", "=HYPERLINK(\"http://x\",\"y\")", 12],
    ["C2", "+1", 0],
    ["C3", "-2+3", 2.5],
    ["C4", "@SUM(A1)", None],
    ["C5", "\tTabbed", 7],
    ["C6", "\rReturn", 7],
    ["C7", "plain – text, with comma", 7],
]
SAFE_NOTES = ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tTabbed", "'\rReturn",
              "plain – text, with comma"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44 7700", "'+44 7700"), ("-", "'-"), ("@a", "'@a"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("a=1", "a=1"), ("–", "–"), ("", ""), (None, ""), (12, 12), (-3.5, -3.5), (True, "Yes"), (False, "No"),
    (date(2025, 3, 31), date(2025, 3, 31)),
])
def test_a_cell_that_would_start_a_formula_is_prefixed(value, expected):
    assert exports.safe_cell(value) == expected


def request_for(user, query=""):
    request = RequestFactory().get("/x/" + query, HTTP_USER_AGENT="pytest")
    request.user = user
    return request


def test_csv_has_the_headers_the_rows_and_a_plain_attachment_name(world):
    response = exports.download(request_for(world.users[Role.QA_LEAD]), "csv", filename="referrals-2025-03-31",
                                headers=HEADERS, rows=ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="referrals-2025-03-31.csv"'
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff\"Child ID\",\"Note\",\"Days\"\r\n")
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert lines[0] == HEADERS
    assert [line[1] for line in lines[1:]] == SAFE_NOTES
    assert [line[2] for line in lines[1:]] == ["12", "0", "2.5", "", "7", "7", "7"]
    assert AccessLog.objects.count() == 0  # no child ids given: an aggregate table


def test_xlsx_holds_text_as_text_and_numbers_as_numbers(world):
    response = exports.download(request_for(world.users[Role.QA_LEAD]), "xlsx", filename="referrals",
                                headers=HEADERS, rows=ROWS, sheet="Children")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="referrals.xlsx"'
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Children"]
    rows = book.get_sheet_by_name("Children").to_python()
    assert rows[0] == HEADERS
    assert [r[1] for r in rows[1:]] == SAFE_NOTES
    assert [r[2] for r in rows[1:]] == [12, 0, 2.5, "", 7, 7, 7]  # calamine gives whole numbers as floats == ints


def test_a_child_level_export_is_written_to_the_access_log_as_an_export(world):
    user = world.users[Role.AUDITOR]
    exports.download(request_for(user), "csv", filename="children", headers=HEADERS, rows=ROWS,
                     children=["C1", "C2", "C1"], resource="performance:kpi_children")
    logged = list(AccessLog.objects.order_by("child_id").values_list("child_id", "kind", "resource", "user"))
    assert logged == [("C1", "export", "performance:kpi_children", user.pk),
                      ("C2", "export", "performance:kpi_children", user.pk)]


def test_a_child_level_export_must_name_its_resource(world):
    with pytest.raises(ValueError):
        exports.download(request_for(world.users[Role.AUDITOR]), "csv", filename="children", headers=HEADERS,
                         rows=ROWS, children=["C1"])
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("filename", ["Jane Smith", "c1/../x", "a.csv", "", "x" * 101, "-leading"])
def test_file_names_are_plain(world, filename):
    with pytest.raises(ValueError):
        exports.download(request_for(world.users[Role.QA_LEAD]), "csv", filename=filename, headers=HEADERS, rows=[])


def test_only_csv_and_xlsx_are_formats(rf):
    assert exports.requested(rf.get("/x/?format=csv")) == "csv"
    assert exports.requested(rf.get("/x/?format=xlsx&team=North")) == "xlsx"
    assert exports.requested(rf.get("/x/?format=pdf")) is None
    assert exports.requested(rf.get("/x/")) is None


# ---- a workbook of several sheets ----------------------------------------------------------------------

SUMMARY = exports.Sheet("Summary", ["Item", "=Text"], [["Team", "@North"], ["Value", 85.7]])


def test_a_workbook_of_several_sheets_has_every_sheet_made_safe(world):
    response = exports.download(request_for(world.users[Role.QA_LEAD]), "xlsx", filename="kpi",
                                sheets=[SUMMARY, exports.Sheet("Months", HEADERS, ROWS)])
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Summary", "Months"]
    assert book.get_sheet_by_name("Summary").to_python() == [["Item", "'=Text"], ["Team", "'@North"], ["Value", 85.7]]
    months = book.get_sheet_by_name("Months").to_python()
    assert months[0] == HEADERS and [r[1] for r in months[1:]] == SAFE_NOTES


def test_a_csv_is_one_sheet(world):
    request = request_for(world.users[Role.AUDITOR])
    response = exports.download(request, "csv", filename="kpi", sheets=[SUMMARY])
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"), newline="")))
    assert lines == [["Item", "'=Text"], ["Team", "'@North"], ["Value", "85.7"]]
    with pytest.raises(ValueError):  # refused before anything is logged
        exports.download(request, "csv", filename="kpi", sheets=[SUMMARY, exports.Sheet("Months", HEADERS, ROWS)],
                         children=["C1"], resource="performance:kpi_children")
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("names", [["Summary", "summary"], ["a/b"], ["x" * 32], ["'quoted"], ["[x]"], [""], []])
def test_sheet_names_are_distinct_and_ones_excel_accepts(world, names):
    with pytest.raises(ValueError):
        exports.download(request_for(world.users[Role.QA_LEAD]), "xlsx", filename="kpi",
                         sheets=[exports.Sheet(name, HEADERS, ROWS) for name in names])


def test_a_download_is_headers_and_rows_or_sheets(world):
    request = request_for(world.users[Role.QA_LEAD])
    with pytest.raises(ValueError):
        exports.download(request, "xlsx", filename="kpi", headers=HEADERS, rows=ROWS, sheets=[SUMMARY])
    with pytest.raises(ValueError):
        exports.download(request, "xlsx", filename="kpi", headers=HEADERS)
    assert exports.download(request, "xlsx", filename="kpi", sheets=[exports.Sheet("x" * 31, HEADERS, [])])
