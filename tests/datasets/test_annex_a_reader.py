"""Reading Annex A workbooks and CSV folders: real files written into tmp_path."""

import datetime as dt
import zipfile

import pyarrow as pa
import pytest

from triangulate.datasets.parsers.annex_a import reader
from triangulate.datasets.parsers.annex_a.reader import AnnexAError, Issue, list_number, read_annex_a
from triangulate.datasets.parsers.annex_a.schema import LISTS

from ..workbooks import workbook

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
REFERRALS = CHILD + ["Allocated Team", "Allocated Worker", "Date of referral", "Referral Source", "Referral NFA?",
                     "Number of Referrals in Last 12 Months"]


def write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def referrals_book(tmp_path):
    rows = [
        REFERRALS + ["Notes"],
        [1761444, "a) Male", "a) WBRI", dt.datetime(2015, 6, 1), 9, "Safeguarding\u00a0North\u00a01", " Ann  Smith ",
         dt.datetime(2024, 1, 1), "1A: Individual", "b) No", 2, "extra column, ignored"],
        [None] * 12,
        ["1761445", "Female", "WIRI", 42156, "10", "Safeguarding North 1", "Bob Jones", "31/03/2025",
         "3F - Police", "Y", 0.0],
        ["1761446.0", "c) Unknown", "mwbc", "not a date", "ten", "", "", ("=DATE(2024,2,1)", 45323), "g5", "Maybe",
         ("=1+1", 2)],
    ]
    return workbook(tmp_path / "annex_a.xlsx", {"Cover": [["Annex A"]], "List 3 - Referrals": rows})


def test_a_workbook_list_is_read_into_typed_normalised_columns(referrals_book):
    result = read_annex_a(referrals_book)
    assert set(result.tables) == {3}
    assert result.row_counts == {3: 3}
    assert result.source == str(referrals_book)
    table = result.tables[3]
    assert table.column_names == LISTS[3].keys + ["source_row"]
    assert table.schema.field("referral_date").type == pa.date32()
    assert table.schema.field("age").type == pa.int64()
    assert table.schema.field("child_id").type == pa.string()
    rows = table.to_pylist()
    assert rows[0] == {
        "child_id": "1761444", "gender": "Male", "ethnicity": "WBRI", "date_of_birth": dt.date(2015, 6, 1), "age": 9,
        "allocated_team": "Safeguarding North 1", "allocated_worker": "Ann Smith", "referral_date": dt.date(2024, 1, 1),
        "referral_source": "1A", "referral_nfa": "No", "referrals_last_12m": 2, "source_row": 2,
    }
    assert rows[1]["source_row"] == 4  # the blank row 3 is skipped, row numbers are the sheet's
    assert rows[1]["date_of_birth"] == dt.date(2015, 6, 1)  # Excel serial 42156
    assert rows[1]["referral_date"] == dt.date(2025, 3, 31)
    assert rows[1]["age"] == 10
    assert (rows[1]["referral_source"], rows[1]["referral_nfa"], rows[1]["referrals_last_12m"]) == ("3F", "Yes", 0)
    assert rows[2]["child_id"] == "1761446"
    assert rows[2]["referral_date"] == dt.date(2024, 2, 1)  # a formula's cached value
    assert rows[2]["referrals_last_12m"] == 2
    assert (rows[2]["gender"], rows[2]["ethnicity"], rows[2]["referral_source"]) == ("Unknown", "mwbc", "G5")
    assert rows[2]["allocated_team"] is None


def test_each_unreadable_cell_is_none_with_one_issue_saying_where_and_what_was_expected(referrals_book):
    issues = [i.as_dict() for i in read_annex_a(referrals_book).issues]
    assert issues == [
        {"file": "annex_a.xlsx", "sheet": "List 3 - Referrals", "list": 3, "row": 5, "column": "Date of Birth",
         "value": "not a date", "problem": "expected a date like 31/03/2025"},
        {"file": "annex_a.xlsx", "sheet": "List 3 - Referrals", "list": 3, "row": 5, "column": "Age of Child (Years)",
         "value": "ten", "problem": "expected a whole number like 3"},
        {"file": "annex_a.xlsx", "sheet": "List 3 - Referrals", "list": 3, "row": 5, "column": "Referral NFA?",
         "value": "Maybe", "problem": "expected Yes, No or Unknown"},
    ]
    assert set(issues[0]) == {"file", "sheet", "list", "row", "column", "value", "problem"}


def test_a_child_id_as_a_number_in_one_sheet_and_text_in_another_is_the_same_child(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {
        "list1": [["Child Unique ID", "Date of Contact"], [1761444, dt.date(2024, 5, 1)]],
        "LIST 10": [["Child Unique ID", "Date of Adoption Order"], ["1761444", "2024-05-02"]],
    })
    result = read_annex_a(path)
    assert set(result.tables) == {1, 10}
    assert result.tables[1]["child_id"].to_pylist() == result.tables[10]["child_id"].to_pylist() == ["1761444"]
    assert result.tables[10]["adoption_order"].to_pylist() == [dt.date(2024, 5, 2)]


def test_a_heading_renamed_by_an_alias_case_or_spacing_is_recognised(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 6 CIN": [
        ["CHILD_ID", "cin start date", "Primary Need", " CIN  Closure\u00a0Date ", "DOB"],
        ["C1", "01/04/2024", "N1 - Abuse or Neglect", None, "2010-01-31"],
    ]})
    row = read_annex_a(path).tables[6].to_pylist()[0]
    assert row["child_id"] == "C1"
    assert row["cin_start"] == dt.date(2024, 4, 1)
    assert row["primary_need"] == "N1"
    assert row["cin_closure"] is None
    assert row["date_of_birth"] == dt.date(2010, 1, 31)
    assert row["allocated_team"] is None  # an absent optional column is all null


def test_the_heading_row_is_the_first_non_blank_row(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [[], [], [None, "Child Unique ID", "Date of Contact"],
                                                     [None, "7", "02/01/2024"]]})
    table = read_annex_a(path).tables[1]
    assert table["source_row"].to_pylist() == [4]
    assert table["contact_date"].to_pylist() == [dt.date(2024, 1, 2)]


def test_a_missing_list_is_simply_absent_and_an_empty_sheet_counts_as_missing(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [["Child Unique ID", "Date of Contact"]], "List 2": []})
    result = read_annex_a(path)
    assert set(result.tables) == {1}
    assert result.tables[1].num_rows == 0
    assert result.row_counts == {1: 0}


def test_a_missing_required_column_names_the_file_sheet_and_heading(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 3 - Referrals": [["Child Unique ID", "Referral Source"], ["1", "1A"]]})
    with pytest.raises(AnnexAError) as error:
        read_annex_a(path)
    message = str(error.value)
    assert "a.xlsx" in message and "'List 3 - Referrals'" in message and "'Date of referral'" in message


def test_two_headings_for_the_same_column_are_refused_naming_both(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [["Child Unique ID", "Child ID", "Date of Contact"]]})
    with pytest.raises(AnnexAError, match=r"a\.xlsx, sheet 'List 1'.*'Child Unique ID' and 'Child ID'"):
        read_annex_a(path)


def test_two_sheets_for_the_same_list_are_refused(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [["Child Unique ID", "Date of Contact"]],
                                          "list 1 (old)": [["Child Unique ID", "Date of Contact"]]})
    with pytest.raises(AnnexAError, match="'List 1' and 'list 1 \\(old\\)'"):
        read_annex_a(path)


@pytest.mark.parametrize("name, number", [
    ("List 3 - Referrals", 3), ("list3", 3), ("LIST 10", 10), ("list_1_contacts", 1), ("Annex_A_List11", 11),
    ("list-2", 2), ("List 12", None), ("Checklist 1", None), ("Cover", None), ("list 1", 1),
])
def test_list_numbers_are_read_from_names_without_confusing_1_with_10_or_11(name, number):
    assert list_number(name) == number


def test_a_folder_of_csvs_is_read_by_list_number(tmp_path):
    write_csv(tmp_path / "List_1_contacts.csv",
              "\ufeffChild Unique ID,Date of Contact,Contact Source\r\n"
              "1761444.0,01/02/2024,a) 1A: Individual\r\n,,\r\n"
              "1761445,2024-02-02 00:00:00,9\r\n")
    write_csv(tmp_path / "list10.csv", "Child Unique ID,Date of Adoption Order\n1761444,45292\n")
    write_csv(tmp_path / "list11 adopters.csv", "Individual adopter identifier,No. of children placed\nA1,2\n")
    write_csv(tmp_path / "readme.csv", "not,a,list\n")
    result = read_annex_a(tmp_path)
    assert set(result.tables) == {1, 10, 11}
    contacts = result.tables[1].to_pylist()
    assert [(r["child_id"], r["contact_date"], r["contact_source"], r["source_row"]) for r in contacts] == [
        ("1761444", dt.date(2024, 2, 1), "1A", 2), ("1761445", dt.date(2024, 2, 2), "9", 4)]
    assert result.tables[10]["adoption_order"].to_pylist() == [dt.date(2024, 1, 1)]
    assert result.tables[11]["children_placed"].to_pylist() == [2]
    assert result.issues == []


def test_short_csv_rows_leave_their_missing_cells_blank(tmp_path):
    write_csv(tmp_path / "list 1.csv", "Child Unique ID,Gender,Date of Contact\nC1\nC2,b) Female,01/01/2024\n")
    rows = read_annex_a(tmp_path).tables[1].to_pylist()
    assert [(r["child_id"], r["gender"], r["contact_date"]) for r in rows] == [
        ("C1", None, None), ("C2", "Female", dt.date(2024, 1, 1))]


def test_a_csv_that_is_not_utf8_is_read_as_windows_1252_with_one_issue(tmp_path):
    write_csv(tmp_path / "list_3.csv", "Child Unique ID,Date of referral,Allocated Worker\n"
                                       "1,01/01/2024,Zoë Brontë\n2,02/01/2024,Renée\n", encoding="cp1252")
    result = read_annex_a(tmp_path)
    assert result.tables[3]["allocated_worker"].to_pylist() == ["Zoë Brontë", "Renée"]
    assert len(result.issues) == 1
    assert result.issues[0].file == "list_3.csv" and "not UTF-8" in result.issues[0].problem


def test_issues_per_column_are_capped_with_one_summary(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ISSUES_PER_COLUMN", 3)
    write_csv(tmp_path / "list1.csv", "Child Unique ID,Date of Contact\n" + "".join(f"{i},junk\n" for i in range(10)))
    issues = read_annex_a(tmp_path).issues
    assert [i.row for i in issues] == [2, 3, 4, None]
    assert issues[-1].problem.startswith("7 more cells in this column have problems")


def test_a_huge_cell_is_cut_to_a_thousand_characters_with_an_issue(tmp_path):
    write_csv(tmp_path / "list 3.csv", f"Child Unique ID,Date of referral,Allocated Team\n1,01/01/2024,{'x' * 100_000}\n")
    result = read_annex_a(tmp_path)
    assert result.tables[3]["allocated_team"].to_pylist() == ["x" * 1000]
    assert len(result.issues) == 1 and len(result.issues[0].value) < 300


def test_a_path_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(AnnexAError, match="nowhere.xlsx: no such file"):
        read_annex_a(tmp_path / "nowhere.xlsx")


def test_a_text_file_named_xlsx_is_refused(tmp_path):
    (tmp_path / "fake.xlsx").write_text("Child Unique ID,Date of Contact\n1,01/01/2024\n")
    with pytest.raises(AnnexAError, match="fake.xlsx: not an Excel .xlsx workbook"):
        read_annex_a(tmp_path / "fake.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "odd.xlsx", "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(AnnexAError, match="odd.xlsx: could not be read as an Excel .xlsx workbook"):
        read_annex_a(tmp_path / "odd.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024**2))
    with pytest.raises(AnnexAError, match="bomb.xlsx: unpacks .* times larger"):
        read_annex_a(tmp_path / "bomb.xlsx")


def test_a_workbook_too_large_when_unpacked_is_refused(tmp_path, monkeypatch):
    path = workbook(tmp_path / "big.xlsx", {"List 1": [["Child Unique ID", "Date of Contact"]]})
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(AnnexAError, match="big.xlsx: would unpack to"):
        read_annex_a(path)


def test_a_workbook_with_no_list_sheets_is_refused_naming_its_sheets(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"Cover": [["x"]], "Data": [["y"]]})
    with pytest.raises(AnnexAError, match=r"a\.xlsx: no sheet is named like 'List 1'.*'Cover', 'Data'"):
        read_annex_a(path)


def test_a_folder_with_no_list_csvs_is_refused(tmp_path):
    write_csv(tmp_path / "notes.csv", "a,b\n")
    with pytest.raises(AnnexAError, match="no .csv file name contains 'list N'"):
        read_annex_a(tmp_path)


def test_a_file_that_is_neither_a_workbook_nor_a_csv_is_refused(tmp_path):
    (tmp_path / "annex.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(AnnexAError, match="annex.xls: expected an Annex A .xlsx workbook"):
        read_annex_a(tmp_path / "annex.xls")


def test_issues_are_plain_records():
    issue = Issue("a.csv", None, 1, 2, "Date of Contact", "x", "expected a date like 31/03/2025")
    assert issue.as_dict()["row"] == 2
