"""Issue 7, item 1: hostile workbooks are refused with a clear error, in a bounded memory, never a crash.

Each refused file is read by `triangulate kpis` in a child process under RLIMIT_AS (1.5 GB): the child
must exit 2 with one line naming the file, the sheet and what to do. Before this issue the first case
aborted the process (SIGABRT, exit 134) asking for ~550 GB. Peak memory and time of each case are
printed by bench/hostile_bench.py (no timings are asserted here).
"""

import re
import resource
import subprocess
import sys
import zipfile

import pytest

from triangulate.datasets.parsers.annex_a import csv_source, xlsx_checks
from triangulate.datasets.parsers.annex_a.issues import SUSPICIOUS_PROBLEM
from triangulate.datasets.parsers.annex_a.reader import AnnexAError, read_annex_a

from . import hostile

LIMIT = 1500 * 1024**2
CLI = "import sys; from triangulate.kpis.cli import main; sys.exit(main(sys.argv[1:]))"
READ = ("import sys; from triangulate.datasets.parsers.annex_a.reader import read_annex_a; "
        "t = read_annex_a(sys.argv[1]).tables[1]; print(t.num_rows, len(set(t['child_id'].to_pylist())))")


def limited(*command):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    return subprocess.run([sys.executable, "-c", *command], preexec_fn=limit, capture_output=True, text=True,
                          timeout=120)


def kpis(path):
    return limited(CLI, "--annex-a", str(path), "--start", "2024-04-01", "--end", "2025-03-31")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Every hostile workbook, written once (the 1 GB-inflating one takes a few seconds)."""
    folder = tmp_path_factory.mktemp("hostile")
    makers = [hostile.make_far_corner, hostile.make_far_column, hostile.make_inflating,
              hostile.make_shared_string_bomb, hostile.make_declared_strings, hostile.make_one_child]
    return {make.__name__.removeprefix("make_"): make(folder / f"{make.__name__.removeprefix('make_')}.xlsx") for make in makers}


@pytest.mark.parametrize("case, message", [
    ("far_corner", r"far_corner\.xlsx, sheet 'List 1 - Contacts': a cell at XFD1048576 is far from the data "
                   r"\(which ends at A2\); delete that cell"),
    ("far_column", r"far_column\.xlsx, sheet 'List 3 - Referrals': a cell at XFD2000 is far from the data "
                   r"\(which ends at M2013\)"),
    ("inflating", r"inflating\.xlsx: sheet 'List 1 - Contacts' unpacks to 954 MB; expected under 512 MB"),
    ("shared_string_bomb", r"shared_string_bomb\.xlsx, sheet 'List 1 - Contacts': its cells repeat the workbook's "
                           r"shared text 1,000,000,000 characters in all; expected at most 250,000,000"),
    ("declared_strings", r"declared_strings\.xlsx: declares 4,000,000,000 shared strings; expected at most"),
])
def test_a_hostile_workbook_exits_2_with_a_clear_line_in_a_bounded_memory(files, case, message):
    done = kpis(files[case])
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert re.search(message, done.stderr), done.stderr


def test_the_inflating_workbook_is_what_the_issue_describes(files):
    path = files["inflating"]
    packed = path.stat().st_size
    unpacked = sum(member.file_size for member in zipfile.ZipFile(path).infolist())
    assert 8e6 < packed < 11e6 and 0.95e9 < unpacked < 1.05e9 and unpacked / packed < 200  # under the bomb ratio


def test_one_child_id_on_every_row_is_read_in_the_memory_limit_for_plausibility_to_hold(files):
    done = limited(READ, str(files["one_child"]))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["200000", "1"]  # 200,000 rows, one distinct child id


def test_formula_like_child_ids_are_kept_and_reported_once_per_value(tmp_path):
    result = read_annex_a(hostile.make_formula_ids(tmp_path / "ids.xlsx"))
    assert result.tables[1]["child_id"].to_pylist() == ["C1", *hostile.FORMULA_IDS]
    assert [(i.row, i.column, i.value, i.problem) for i in result.issues] == [
        (3, "Child Unique ID", "=1+1", f"{SUSPICIOUS_PROBLEM} (2 cells)"),
        (4, "Child Unique ID", "@SUM(A1:A9)", f"{SUSPICIOUS_PROBLEM} (1 cell)"),
        (5, "Child Unique ID", "+1+1", f"{SUSPICIOUS_PROBLEM} (1 cell)"),
        (6, "Child Unique ID", "-2+3", f"{SUSPICIOUS_PROBLEM} (1 cell)"),
        (7, "Child Unique ID", "<script>alert(1)</script>", f"{SUSPICIOUS_PROBLEM} (1 cell)"),
    ]


def test_a_csv_child_id_with_a_control_character_is_reported(tmp_path):
    (tmp_path / "list_1.csv").write_text("Child Unique ID,Date of Contact\nC1,01/01/2024\nC\x072,01/01/2024\n")
    result = read_annex_a(tmp_path)
    assert [(i.row, i.value) for i in result.issues] == [(3, "C\x072")]


def sheet(path, rows_xml, **kwargs):
    return hostile.write_xlsx(path, [("List 1 - Contacts", rows_xml)], **kwargs)


HEADING = hostile.row_xml(1, ["Child Unique ID", "Date of Contact"])


def test_cells_without_positions_are_placed_as_calamine_places_them(tmp_path):
    # No r on the far row or its cells: row 2, then row 3's 16,384th cell (XFD3), counted from the row's start.
    far = "<row>" + "<c/>" * 16_383 + "<c><v>1</v></c></row>"
    path = sheet(tmp_path / "a.xlsx", [HEADING, hostile.row_xml(2, ["C1", 45300]), far] + [
        f"<row><c><v>{i}</v></c></row>" for i in range(400)])
    with pytest.raises(AnnexAError, match=r"a\.xlsx, sheet 'List 1 - Contacts': a cell at XFD3 is far from the data "
                                          r"\(which ends at B403\)"):
        read_annex_a(path)


def test_a_cell_in_a_prefixed_or_foreign_namespace_still_counts(tmp_path):
    # calamine matches elements by local name, so the check must too.
    far = '<row r="3"><x:c xmlns:x="urn:elsewhere" r="XFD1048576"><x:v>1</x:v></x:c></row>'
    path = sheet(tmp_path / "a.xlsx", [HEADING, hostile.row_xml(2, ["C1", 45300]), far])
    with pytest.raises(AnnexAError, match="a cell at XFD1048576 is far from the data"):
        read_annex_a(path)


def test_an_empty_formatted_cell_far_away_and_a_lying_dimension_are_harmless(tmp_path):
    # Neither holds a value: calamine keeps neither, so the workbook reads as its two real rows.
    rows = [HEADING, hostile.row_xml(2, ["C1", 45300]), '<row r="1048576"><c r="XFD1048576" s="1"/></row>']
    path = sheet(tmp_path / "a.xlsx", rows)
    assert read_annex_a(path).tables[1]["child_id"].to_pylist() == ["C1"]


def test_a_doctype_is_refused(tmp_path):
    path = sheet(tmp_path / "a.xlsx", [HEADING])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]>'
                                                 f'<sst xmlns="{hostile.MAIN}"><si><t>&a;</t></si></sst>')
    with pytest.raises(AnnexAError, match=r"a\.xlsx: could not be read as an Excel .xlsx workbook "
                                          r"\(xl/sharedStrings.xml is not readable XML: a DOCTYPE"):
        read_annex_a(path)


def test_a_sheet_with_more_cells_than_the_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_checks, "MAX_SHEET_CELLS", 9)
    path = sheet(tmp_path / "a.xlsx", [HEADING] + [hostile.row_xml(n, [f"C{n}", 45300]) for n in range(2, 7)])
    with pytest.raises(AnnexAError, match=r"sheet 'List 1 - Contacts': holds more than 9 cells with values; expected at most that many"):
        read_annex_a(path)


def test_data_too_wide_for_its_cells_is_refused_as_a_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_checks, "DENSE_FLOOR", 10)
    monkeypatch.setattr(xlsx_checks, "DENSE_RATIO", 1)
    # 3 rows x 4 columns = 12 > 10, and no single far cell to blame: the two cells of row 3 are both far.
    rows = [HEADING, hostile.row_xml(2, ["C1", None, None, 45300]), hostile.row_xml(3, [None, None, "x", "y"])]
    with pytest.raises(AnnexAError, match=r"its cells span 3 rows x 4 columns \(to D3\) but only 6 hold values"):
        read_annex_a(sheet(tmp_path / "a.xlsx", rows))


def test_a_csv_over_the_cells_cap_is_refused_while_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_source, "MAX_CELLS", 10)
    (tmp_path / "list_1.csv").write_text("Child Unique ID,Date of Contact\n" + "C1,01/01/2024\n" * 5)
    with pytest.raises(AnnexAError, match=r"list_1.csv: holds more than 6 records of 2 columns; expected an Annex A "
                                          r"list of at most 10 cells"):
        read_annex_a(tmp_path)


def test_a_ragged_csv_whose_long_record_would_pad_past_the_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_source, "MAX_CELLS", 20)
    (tmp_path / "list_1.csv").write_text("Child Unique ID,Date of Contact\n" + "C1\n" * 5 + "C2," + "x," * 10 + "\n")
    with pytest.raises(AnnexAError, match=r"list_1.csv: 7 records padded to its longest, 12 cells, make more than 20"):
        read_annex_a(tmp_path)


def test_the_quick_proof_holds_only_for_plain_sheets_within_the_limits():
    plain = (b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
             b'<c r="B1" s="1"/></row><row r="2"><c r="AB2"><v>1</v></c></row></sheetData></worksheet>')
    assert xlsx_checks._plain_cells(plain, []) == 3  # every <c>, the empty one too: never fewer than calamine keeps
    # Anything that could hide a cell from byte counts is left to the exact scan:
    for odd in (b"<!-- -->", b"<?pi x?>", b'<x:c r="C3"/>', b"<c/>", b'<c s="1" r="C3"/>', b'<c r="c3"/>'):
        assert xlsx_checks._plain_cells(plain.replace(b"</sheetData>", odd + b"</sheetData>"), []) is None
    # ... and so is a grid past DENSE_FLOOR (400 rows x 16,384 columns), or too much shared text.
    assert xlsx_checks._plain_cells(plain.replace(b"AB2", b"XFD400"), []) is None
    assert xlsx_checks._plain_cells(plain, [xlsx_checks.MAX_EXPANDED_TEXT]) is None
