"""The benchmarks reader (benchmarks/reader.py): the template, the header and year variants councils' files
carry, suppression markers, encodings, and problems that name the row, column and value."""

import pytest

from triangulate.benchmarks.areas import area_name_key, normalise_year, parse_value
from triangulate.benchmarks.reader import MAX_PROBLEMS_SHOWN, read_benchmarks
from triangulate.benchmarks.template import template_csv
from triangulate.kpis.registry import all_kpis

CATALOGUE = all_kpis()


def read(text, **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_benchmarks(data, catalogue=CATALOGUE, **kwargs)


def one(text):
    result = read(text)
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.figures) == 1
    return result.figures[0]


def test_the_template_reads_as_it_is_offered():
    result = read(template_csv())
    assert result.ok, result.problems
    assert [(f.area_type, f.area_key, f.value, f.marker) for f in result.figures] == [
        ("england", "E92000001", 22.6, ""), ("region", "E12000001", 20.7, ""), ("la", "929", None, "x"),
        ("la", "E06000047", None, "c")]
    assert result.figures[3].kpi_id == "rereferral_pct"  # named by its title in the template


@pytest.mark.parametrize("header", [
    "kpi_id,area_type,area_code,area_name,year,value,note",
    "KPI_ID,Area Type,Area Code,Area Name,Year,Value,Note",
    " kpi id , area-type , AREA CODE , area name , YEAR , Value , notes ",
    "kpi,geographic_level,LA code,la_name,time_period,value,comment",
])
def test_headings_in_any_case_with_spaces_or_the_dfe_names(header):
    figure = one(f"{header}\nrereferral_pct,la,929,Northumberland,2024-25,21.5,to check\n")
    assert (figure.kpi_id, figure.area_type, figure.la_code, figure.area_name, figure.year, figure.value,
            figure.note) == ("rereferral_pct", "la", "929", "Northumberland", "2024-25", 21.5, "to check")


def test_a_dfe_explore_education_statistics_file_with_its_geography_columns():
    text = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
            "new_la_code,old_la_code,la_name,kpi,Value\n"
            "202425,Reporting year,National,E92000001,England,,,,,,rereferral_pct,22.6\n"
            "202425,Reporting year,Regional,E92000001,England,E12000001,North East,,,,rereferral_pct,20.7\n"
            "202425,Reporting year,Local authority,E92000001,England,E12000001,North East,E06000047,840,"
            "County Durham,rereferral_pct,19.9\n")
    result = read(text)
    assert result.ok, result.problems
    assert [(f.area_type, f.area_key, f.la_code, f.ons_code, f.area_name, f.year) for f in result.figures] == [
        ("england", "E92000001", "", "E92000001", "England", "2024-25"),
        ("region", "E12000001", "", "E12000001", "North East", "2024-25"),
        ("la", "840", "840", "E06000047", "County Durham", "2024-25")]
    assert result.ignored_columns == ["time_identifier"]


def test_new_and_old_la_code_columns_on_their_own():
    assert one("kpi_id,new_la_code,year,value\nrereferral_pct,E06000047,2024-25,19.9\n").ons_code == "E06000047"
    assert one("kpi_id,old_la_code,la_name,year,value\nrereferral_pct,840,Durham,2024-25,19.9\n").la_code == "840"


def test_a_kpi_column_naming_our_title_instead_of_the_id():
    figure = one("KPI,area_code,year,value\nAssessments completed within 45 working days,E92000001,2024-25,85.7\n")
    assert figure.kpi_id == "assessments_within_45wd_pct"
    assert one("kpi,area_code,year,value\n  re-REFERRALS within 12 months ,E92000001,2024-25,22.6\n").kpi_id \
        == "rereferral_pct"


@pytest.mark.parametrize(("written", "kept"), [
    ("2024-25", "2024-25"), ("2024/25", "2024-25"), ("202425", "2024-25"), ("2024-2025", "2024-25"),
    ("2024 to 2025", "2024-25"), ("1999/00", "1999-00"), ("2023", "2023"), ("202425.0", "2024-25"),
])
def test_year_formats(written, kept):
    assert normalise_year(written) == kept
    assert one(f"kpi_id,area_code,year,value\nrereferral_pct,E92000001,{written},22.6\n").year == kept


@pytest.mark.parametrize("written", ["2024-26", "24-25", "2024/2026", "twenty24", "20242", "1850-51", ""])
def test_years_that_are_not_years(written):
    assert normalise_year(written) is None


@pytest.mark.parametrize("marker", ["c", "x", "z", "u", "low", "..", ":", "-", "k", "C", "[c]", "[x]", " [low] "])
def test_suppression_markers_are_kept_as_no_value(marker):
    figure = one(f"kpi_id,area_code,year,value\nrereferral_pct,929,2024-25,{marker}\n")
    assert figure.value is None
    assert figure.marker == marker.strip().strip("[]").lower()


@pytest.mark.parametrize(("written", "value"), [("22.6", 22.6), ("1,234", 1234.0), ("22.6%", 22.6), (" 519 ", 519.0),
                                                ("0", 0.0), ("1.5E+02", 150.0)])
def test_numbers_as_spreadsheets_write_them(written, value):
    assert parse_value(written) == (value, "")


def test_a_blank_value_is_no_figure():
    figure = one("kpi_id,area_code,year,value\nrereferral_pct,929,2024-25,\n")
    assert (figure.value, figure.marker) == (None, "")


def test_a_utf8_byte_order_mark_and_crlf_lines_as_excel_saves_them():
    data = "\ufeffkpi_id,area_code,area_name,year,value\r\nrereferral_pct,929,Northumberland,2024-25,21.5\r\n" \
           ",,,,\r\n,,,,\r\n".encode("utf-8")
    result = read(data)
    assert result.ok and len(result.figures) == 1
    assert result.columns["kpi"] == "kpi_id"


def test_a_windows_1252_file_with_semicolons():
    data = "kpi_id;area_code;area_name;year;value;note\nrereferral_pct;929;Northumberland;2024/25;21,5;Revised – see table\n"
    result = read(data.encode("cp1252"))
    # a decimal comma is read as a thousands separator: so the figure is refused as a percentage over 100
    assert not result.ok
    assert str(result.problems[0]) .startswith("Row 2, column “value”: “21,5”")
    ok = read(data.replace("21,5", "21.5").encode("cp1252"))
    assert ok.ok and ok.figures[0].note == "Revised – see table"


@pytest.mark.parametrize(("row", "area"), [
    ("929,,", ("la", "929")), ("E06000047,,", ("la", "E06000047")), ("E12000003,,", ("region", "E12000003")),
    ("E92000001,,", ("england", "E92000001")), (",England,", ("england", "E92000001")),
    (",Yorkshire and the Humber,", ("region", "E12000003")), (",Yorkshire & Humber,", ("region", "E12000003")),
    (",East,", ("region", "E12000006")), (",Bristol City of,", ("la", "name:bristol")),
    ("929,,la", ("la", "929")), (",North East,region", ("region", "E12000001")),
    ("E13000001,,", ("region", "E13000001")),
])
def test_the_area_type_is_inferred_from_the_code_or_the_name(row, area):
    figure = one(f"kpi_id,area_code,area_name,area_type,year,value\nrereferral_pct,{row},2024-25,20\n")
    assert (figure.area_type, figure.area_key) == area


def test_names_are_matched_whatever_the_councils_style():
    assert area_name_key("Bristol, City of") == area_name_key("City of Bristol") == "bristol"
    assert area_name_key("County Durham") == area_name_key("Durham") == "durham"
    assert area_name_key("Telford & Wrekin") == area_name_key("Telford and Wrekin Council")


def test_a_wrong_kpi_id_names_the_row_the_column_and_the_value():
    result = read("kpi_id,area_code,year,value\nrereferral_pct,929,2024-25,20\nrereferal_pct,929,2024-25,20\n")
    assert not result.ok and result.figures == []
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (3, "kpi_id", "rereferal_pct")
    assert "did you mean rereferral_pct?" in problem.expected
    assert str(problem).startswith("Row 3, column “kpi_id”: “rereferal_pct” – expected a KPI id")


@pytest.mark.parametrize(("row", "column", "expected"), [
    ("rereferral_pct,929,2024-25,abc,", "value", "a number"),
    ("rereferral_pct,929,2024-25,101,", "value", "a percentage from 0 to 100"),
    ("referrals_rate,929,2024-25,-4,", "value", "0 or more"),
    ("rereferral_pct,92,2024-25,20,", "area_code", "3-digit DfE code"),
    ("rereferral_pct,E07000001,2024-25,20,", "area_code", "local authority's ONS code"),
    ("rereferral_pct,E12000010,2024-25,20,", "area_code", "E12000001 to E12000009"),
    ("rereferral_pct,929,2024-26,20,", "year", "a year like 2024-25"),
    ("rereferral_pct,,2024-25,20,", "area_code", "an area code or name"),
    ("rereferral_pct,929,2024-25,20,,extra", "(beyond the last heading)", "no cells to the right"),
])
def test_each_kind_of_bad_cell_is_reported_where_it_is(row, column, expected):
    result = read(f"kpi_id,area_code,year,value,note\n{row}\n")
    assert not result.ok
    assert (result.problems[0].row, result.problems[0].column) == (2, column)
    assert expected in result.problems[0].expected


def test_a_region_name_that_is_no_region_on_a_region_row():
    result = read("kpi_id,area_type,area_name,year,value\nrereferral_pct,region,Wessex,2024-25,20\n")
    assert "an English region's name" in result.problems[0].expected


def test_the_same_kpi_area_and_year_twice_is_refused():
    result = read("kpi_id,area_code,area_name,year,value\nrereferral_pct,929,A,2024-25,20\nrereferral_pct,929,A,2024/25,21\n")
    assert "row 2 has this KPI, area and year already" in result.problems[0].expected


def test_missing_headings_are_named():
    result = read("indicator_name,la,when,amount\nx,929,2024-25,1\n")
    assert not result.ok
    message = str(result.problems[0])
    assert "kpi_id, year, value" in message and "Headings found: indicator_name, la, when, amount" in message


def test_two_columns_meaning_the_same_thing_are_refused():
    result = read("kpi_id,kpi,area_code,year,value\nrereferral_pct,rereferral_pct,929,2024-25,20\n")
    assert "“kpi_id” is read as the same thing" in result.problems[0].expected


def test_an_empty_file_a_workbook_and_headings_only():
    assert "empty" in str(read(b"").problems[0])
    assert "Excel workbook" in str(read(b"PK\x03\x04rest of a zip").problems[0])
    assert "no figures" in str(read("kpi_id,area_code,year,value\n").problems[0])


def test_too_many_rows_or_bytes_are_refused_without_reading_on():
    rows = "".join(f"rereferral_pct,{900 + i},2024-25,20\n" for i in range(11))
    result = read("kpi_id,area_code,year,value\n" + rows, max_rows=10)
    assert not result.ok and result.figures == []
    assert "more than 10 rows" in str(result.problems[0])
    assert "smaller than 1 MB" in str(read(b"x" * (1024 * 1024 + 1), max_bytes=1024 * 1024).problems[0])


def test_problems_are_counted_all_but_only_the_first_fifty_kept():
    rows = "".join(f"nope,{100 + i},2024-25,20\n" for i in range(120))
    result = read("kpi_id,area_code,year,value\n" + rows)
    assert result.problem_count == 120
    assert len(result.problems) == MAX_PROBLEMS_SHOWN
    assert result.problems[-1].row == MAX_PROBLEMS_SHOWN + 1


@pytest.mark.parametrize("name", ["reader", "areas"])
def test_the_reader_runs_without_django(name):
    import ast
    import importlib
    from pathlib import Path

    module = importlib.import_module(f"triangulate.benchmarks.{name}")
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | \
        {("." * node.level) + (node.module or "") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    # only the standard library, and areas.py beside it
    assert not any(name.startswith(("django", "triangulate")) for name in imported)
    assert {name for name in imported if name.startswith(".")} <= {".areas"}
