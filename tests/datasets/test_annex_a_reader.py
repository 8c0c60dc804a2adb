"""Reading Annex A workbooks and CSV folders: real files written into tmp_path."""

import datetime as dt
import json
import zipfile

import pyarrow as pa
import pytest

from triangulate.datasets.parsers.annex_a import csv_source, reader
from triangulate.datasets.parsers.annex_a import issues as issues_module
from triangulate.datasets.parsers.annex_a.reader import AnnexAError, Issue, list_number, read_annex_a
from triangulate.datasets.parsers.annex_a.schema import LISTS

from ..workbooks import workbook

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
REFERRALS = CHILD + ["Allocated Team", "Allocated Worker", "Date of referral", "Referral Source", "Referral NFA?",
                     "Number of Referrals in Last 12 Months"]
EXPECT_DATE = "expected a date like 31/03/2025"
EXPECT_INT = "expected a whole number like 3"


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
         "3F: Other health services", "Y", 0.0],
        ["1761446.0", "b) Female", "mwbc", "not a date", "ten", "", "", ("=DATE(2024,2,1)", 45323), "g5", "Maybe",
         ("=1+1", 2)],
    ]
    return workbook(tmp_path / "annex_a.xlsx", {"Cover": [["Annex A"]], "List 3 - Referrals": rows})


def test_a_workbook_list_is_read_into_typed_normalised_columns(referrals_book):
    result = read_annex_a(referrals_book)
    assert set(result.tables) == {3}
    assert result.row_counts == {3: 3}
    assert result.source == str(referrals_book)
    table = result.tables[3]
    assert table.column_names == LISTS[3].keys + ["source_row", "_unreadable"]
    assert table.schema.field("referral_date").type == pa.date32()
    assert table.schema.field("age").type == pa.int64()
    assert table.schema.field("child_id").type == pa.string()
    assert table.schema.field("_unreadable").type == pa.string()
    assert table.schema.metadata == {b"triangulate:absent": b"[]"}
    rows = table.to_pylist()
    assert rows[0] == {
        "child_id": "1761444", "gender": "Male", "ethnicity": "WBRI", "date_of_birth": dt.date(2015, 6, 1), "age": 9,
        "allocated_team": "Safeguarding North 1", "allocated_worker": "Ann Smith", "referral_date": dt.date(2024, 1, 1),
        "referral_source": "1A", "referral_nfa": "No", "referrals_last_12m": 2, "source_row": 2, "_unreadable": None,
    }
    assert rows[1]["source_row"] == 4  # the blank row 3 is skipped, row numbers are the sheet's
    assert rows[1]["date_of_birth"] == dt.date(2015, 6, 1)  # Excel serial 42156
    assert rows[1]["referral_date"] == dt.date(2025, 3, 31)
    assert rows[1]["age"] == 10
    assert (rows[1]["referral_source"], rows[1]["referral_nfa"], rows[1]["referrals_last_12m"]) == ("3F", "Yes", 0)
    assert rows[1]["_unreadable"] is None
    assert rows[2]["child_id"] == "1761446"
    assert rows[2]["referral_date"] == dt.date(2024, 2, 1)  # a formula's cached value
    assert rows[2]["referrals_last_12m"] == 2
    assert (rows[2]["gender"], rows[2]["ethnicity"]) == ("Female", "MWBC")
    assert (rows[2]["date_of_birth"], rows[2]["age"], rows[2]["referral_source"], rows[2]["referral_nfa"]) == (
        None, None, None, None)
    assert rows[2]["_unreadable"] == "|date_of_birth|age|referral_source|referral_nfa|"
    assert rows[2]["allocated_team"] is None  # blank, so not unreadable


def test_each_unreadable_cell_is_none_with_one_issue_saying_where_and_what_was_expected(referrals_book):
    issues = [i.as_dict() for i in read_annex_a(referrals_book).issues]
    where = {"file": "annex_a.xlsx", "sheet": "List 3 - Referrals", "list": 3, "row": 5}
    assert [{k: i[k] for k in where} for i in issues] == [where] * 4
    assert [(i["column"], i["value"]) for i in issues] == [
        ("Date of Birth", "not a date"), ("Age of Child (Years)", "ten"), ("Referral Source", "g5"),
        ("Referral NFA?", "Maybe")]
    assert [i["problem"] for i in issues[:2]] == [EXPECT_DATE, EXPECT_INT]
    # coded values not in their code set: once per distinct value, with a count
    assert issues[2]["problem"].startswith("not a known contact/referral source code")
    assert issues[2]["problem"].endswith(" (1 cell)")
    assert issues[3]["problem"].endswith(" (1 cell)")
    assert set(issues[0]) == {"file", "sheet", "list", "row", "column", "value", "problem"}


def test_the_heading_report_says_how_each_heading_matched_and_what_is_absent_or_ignored(referrals_book):
    report = read_annex_a(referrals_book).headings
    assert list(report) == [3]
    assert report[3]["matched"][0] == {"heading": "Child Unique ID", "column": "Child Unique ID", "key": "child_id",
                                       "how": "exact"}
    assert [m["key"] for m in report[3]["matched"]] == LISTS[3].keys
    assert report[3]["absent"] == []
    assert report[3]["ignored"] == ["Notes"]


def test_an_absent_column_is_null_filled_and_named_in_the_table_metadata(tmp_path):
    write_csv(tmp_path / "list_1.csv", "Child ID,Date of Contact,Notes\n1,01/04/2024,x\n2,02/04/2024,y\n")
    result = read_annex_a(tmp_path)
    table = result.tables[1]
    absent = ["gender", "ethnicity", "date_of_birth", "age", "contact_source"]
    assert json.loads(table.schema.metadata[b"triangulate:absent"]) == absent
    assert table.schema.metadata[b"triangulate:absent"] == b'["gender", "ethnicity", "date_of_birth", "age", ' \
                                                           b'"contact_source"]'
    assert table.column_names == LISTS[1].keys + ["source_row", "_unreadable"]
    assert all(table[key].null_count == 2 for key in absent)
    assert table.schema.field("date_of_birth").type == pa.date32() and table.schema.field("age").type == pa.int64()
    assert result.headings[1] == {
        "matched": [{"heading": "Child ID", "column": "Child Unique ID", "key": "child_id", "how": "variant"},
                    {"heading": "Date of Contact", "column": "Date of Contact", "key": "contact_date", "how": "exact"}],
        "absent": ["Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Contact Source"],
        "ignored": ["Notes"],
    }
    assert result.issues == []


def test_fractional_ages_are_whole_years_without_an_issue_other_counts_stay_strict(tmp_path):
    write_csv(tmp_path / "list_3.csv", "Child Unique ID,Date of referral,Age of Child (Years),"
                                       "Number of Referrals in Last 12 Months\n"
                                       "1,01/04/2024,6.138,2.5\n2,01/04/2024,17.999,3\n3,01/04/2024,six,\n")
    result = read_annex_a(tmp_path)
    table = result.tables[3]
    assert table["age"].to_pylist() == [6, 17, None]
    assert table["referrals_last_12m"].to_pylist() == [None, 3, None]
    assert table["_unreadable"].to_pylist() == ["|referrals_last_12m|", None, "|age|"]
    assert [(i.row, i.column, i.value, i.problem) for i in result.issues] == [
        (4, "Age of Child (Years)", "six", EXPECT_INT), (2, "Number of Referrals in Last 12 Months", "2.5", EXPECT_INT)]


def test_an_unknown_code_is_reported_once_per_distinct_value_with_its_count(tmp_path):
    lines = ["Child Unique ID,Child Protection Plan Start Date,Was the Child Seen Alone?"]
    lines += [f"{i},01/04/2024,{v}" for i, v in enumerate(["Maybe", "Yes", "perhaps", "Maybe", "", "Maybe"])]
    write_csv(tmp_path / "list 7.csv", "\n".join(lines) + "\n")
    result = read_annex_a(tmp_path)
    assert result.tables[7]["seen_alone"].to_pylist() == [None, "Yes", None, None, None, None]
    assert result.tables[7]["_unreadable"].to_pylist() == ["|seen_alone|", None, "|seen_alone|", "|seen_alone|", None,
                                                           "|seen_alone|"]
    assert [(i.row, i.value, i.problem.rsplit(" (", 1)[1]) for i in result.issues] == [
        (2, "Maybe", "3 cells)"), (4, "perhaps", "1 cell)")]
    assert all(i.column == "Was the Child Seen Alone?" for i in result.issues)


# the same facts written as a workbook (typed cells where Excel would have them) and as CSV text
SAME_HEADINGS = ["Child Unique ID", "Gender", "Date of Birth", "Age of Child (Years)", "Allocated Team",
                 "Date Started to be Looked After", "Child's Legal Status", "UASC within the Last 12 Months (Y/N)",
                 "Date Ceased to be Looked After", "Number of Placements in the Last 12 months"]
SAME_XLSX = [
    [1761444, "a) Male", dt.datetime(2010, 5, 1), 14.5, "CiC\u00a0Team ", dt.datetime(2024, 1, 2), "V2: Single period",
     "b) No", None, 1],
    [None] * 10,
    ["A-2", "Female", 40299, 9, "CiC Team", "2024-01-03", "C2 [Full care order]", "Y", "31/02/2024", 2],
    ["1761446", "Other", "1/5/2010", "ten", "", "03/01/2024", "ZZ9", "Maybe", "junk", "two"],
]
SAME_CSV = ("Child Unique ID,Gender,Date of Birth,Age of Child (Years),Allocated Team,Date Started to be Looked After,"
            "Child's Legal Status,UASC within the Last 12 Months (Y/N),Date Ceased to be Looked After,"
            "Number of Placements in the Last 12 months\n"
            "1761444.0,a) Male,01/05/2010,14.5,CiC\u00a0Team ,02/01/2024,V2: Single period,b) No,,1\n"
            ",,,,,,,,,\n"
            "A-2,Female,40299,9,CiC Team,2024-01-03,C2 [Full care order],Y,31/02/2024,2\n"
            "1761446,Other,1/5/2010,ten,,03/01/2024,ZZ9,Maybe,junk,two\n")


def test_a_workbook_and_a_csv_with_the_same_content_give_identical_tables_and_issues(tmp_path):
    book = read_annex_a(workbook(tmp_path / "a.xlsx", {"List 8": [SAME_HEADINGS] + SAME_XLSX}))
    (tmp_path / "csv").mkdir()
    csv = read_annex_a(write_csv(tmp_path / "csv" / "list_8.csv", SAME_CSV).parent)
    assert book.tables[8].equals(csv.tables[8], check_metadata=True)
    rows = csv.tables[8].to_pylist()
    assert [(r["child_id"], r["date_of_birth"], r["age"], r["allocated_team"], r["cla_start"], r["legal_status"],
             r["uasc"], r["cla_end"], r["source_row"]) for r in rows[:2]] == [
        ("1761444", dt.date(2010, 5, 1), 14, "CiC Team", dt.date(2024, 1, 2), "V2", "No", None, 2),
        ("A-2", dt.date(2010, 5, 1), 9, "CiC Team", dt.date(2024, 1, 3), "C2", "Yes", None, 4)]
    assert [r["_unreadable"] for r in rows] == [
        None, "|cla_end|", "|age|uasc|legal_status|placements_last_12m|cla_end|"]  # schema order
    strip = [(i.list, i.row, i.column, i.value, i.problem) for i in book.issues]
    assert strip == [(i.list, i.row, i.column, i.value, i.problem) for i in csv.issues]
    assert [(i.row, i.column, i.value) for i in csv.issues] == [
        (5, "Age of Child (Years)", "ten"), (5, "UASC within the Last 12 Months (Y/N)", "Maybe"),
        (5, "Child's Legal Status", "ZZ9"), (5, "Number of Placements in the Last 12 months", "two"),
        (4, "Date Ceased to be Looked After", "31/02/2024"), (5, "Date Ceased to be Looked After", "junk")]
    assert book.headings == csv.headings


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


def test_a_missing_required_column_names_the_file_sheet_list_and_heading(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 3 - Referrals": [["Child Unique ID", "Referral Source"], ["1", "1A"]]})
    with pytest.raises(AnnexAError) as error:
        read_annex_a(path)
    message = str(error.value)
    assert message.startswith("a.xlsx, sheet 'List 3 - Referrals': List 3 (Referrals) has no column 'Date of referral'")
    assert "expected this required column in the heading row" in message


def test_a_csv_without_a_child_id_is_refused_naming_the_file_and_list(tmp_path):
    write_csv(tmp_path / "list_8.csv", "Date Started to be Looked After,Date Ceased to be Looked After\n01/01/2024,\n")
    with pytest.raises(AnnexAError, match=r"^list_8\.csv: List 8 \(Children in care\) has no column 'Child Unique ID'"):
        read_annex_a(tmp_path)


def test_only_the_child_id_and_the_defining_date_are_required(tmp_path):
    write_csv(tmp_path / "list_8.csv", "Child Unique ID,Date Started to be Looked After\n1,01/01/2024\n")
    table = read_annex_a(tmp_path).tables[8]
    assert table["cla_end"].to_pylist() == [None]
    assert b'"cla_end"' in table.schema.metadata[b"triangulate:absent"]


def test_two_headings_for_the_same_column_are_refused_naming_the_file_sheet_and_both(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [["Child Unique ID", "CHILD_UNIQUE_ID", "Date of Contact"]]})
    with pytest.raises(AnnexAError, match=r"^a\.xlsx, sheet 'List 1': .*'Child Unique ID'.*'CHILD_UNIQUE_ID'"):
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
    write_csv(tmp_path / "list 1.csv", "Child Unique ID,Gender,Date of Contact\nC1\n\nC2,b) Female,01/01/2024\n")
    rows = read_annex_a(tmp_path).tables[1].to_pylist()
    assert [(r["child_id"], r["gender"], r["contact_date"], r["source_row"]) for r in rows] == [
        ("C1", None, None, 2), ("C2", "Female", dt.date(2024, 1, 1), 4)]


def test_csv_row_numbers_count_every_record_blank_lines_and_quoted_new_lines_included(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_source, "_python_rows", None)  # read by Arrow alone
    write_csv(tmp_path / "list 1.csv", ",,\nChild Unique ID,Contact Source,Date of Contact\n\n"
                                       "1,\"a) 1A:\nIndividual\",1/4/2024\n \u00a0, ,\n2,9,2/4/2024\n\n")
    table = read_annex_a(tmp_path).tables[1]
    assert table["child_id"].to_pylist() == ["1", "2"]
    assert table["contact_source"].to_pylist() == ["1A", "9"]
    assert table["source_row"].to_pylist() == [4, 6]  # the heading is row 2; blank records 1, 3 and 5 skipped


def test_a_ragged_csv_parsed_by_pythons_csv_module_gives_what_arrow_gives(tmp_path):
    (tmp_path / "even").mkdir()
    (tmp_path / "ragged").mkdir()
    even = read_annex_a(write_csv(tmp_path / "even" / "list_8.csv", SAME_CSV).parent)
    text = SAME_CSV.replace(",,,,,,,,,\n", " \n")  # the blank record as one cell: not what Arrow accepts
    with pytest.raises(pa.ArrowInvalid, match="Expected 10 columns, got 1"):
        csv_source._arrow_table(text.encode())
    ragged = read_annex_a(write_csv(tmp_path / "ragged" / "list_8.csv", text).parent)
    assert ragged.tables[8].equals(even.tables[8], check_metadata=True)
    assert ragged.issues == even.issues and ragged.headings == even.headings


def test_an_empty_csv_or_one_of_blank_lines_is_a_list_not_supplied(tmp_path):
    write_csv(tmp_path / "list_1.csv", "")
    write_csv(tmp_path / "list_2.csv", "\n\n , \n")
    write_csv(tmp_path / "list_3.csv", "Child Unique ID,Date of referral\n")
    result = read_annex_a(tmp_path)
    assert set(result.tables) == {3} and result.row_counts == {3: 0}
    assert set(result.headings) == {3}


@pytest.mark.parametrize("ragged", [False, True], ids=["arrow", "csv module"])
def test_a_csv_that_is_not_utf8_is_read_as_windows_1252_with_one_issue(tmp_path, ragged):
    write_csv(tmp_path / "list_3.csv", "Child Unique ID,Date of referral,Allocated Worker\n"
                                       f"1,01/01/2024,Zoë Brontë\n2,02/01/2024{'' if ragged else ',Renée'}\n",
              encoding="cp1252")
    result = read_annex_a(tmp_path)
    assert result.tables[3]["allocated_worker"].to_pylist() == ["Zoë Brontë", None if ragged else "Renée"]
    assert len(result.issues) == 1
    assert result.issues[0].file == "list_3.csv" and "not UTF-8" in result.issues[0].problem


def test_issues_per_column_are_capped_with_one_summary(tmp_path, monkeypatch):
    monkeypatch.setattr(issues_module, "MAX_ISSUES_PER_COLUMN", 3)
    write_csv(tmp_path / "list1.csv", "Child Unique ID,Date of Contact\n" + "".join(f"{i},junk\n" for i in range(10)))
    issues = read_annex_a(tmp_path).issues
    assert [i.row for i in issues] == [2, 3, 4, None]
    assert issues[-1].problem.startswith("7 more cells in this column have problems")


def test_a_csv_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_source, "MAX_CSV_BYTES", 40)
    write_csv(tmp_path / "list_1.csv", "Child Unique ID,Date of Contact\n1,01/01/2024\n2,02/01/2024\n")
    with pytest.raises(AnnexAError, match="list_1.csv: larger than"):
        read_annex_a(tmp_path)


def test_a_workbook_cell_in_an_issue_is_shown_as_text_so_the_issues_are_json(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"List 1": [["Child Unique ID", "Date of Contact", "Age of Child (Years)"],
                                                     ["1", dt.datetime(2024, 1, 2), dt.datetime(2015, 6, 1)]]})
    result = read_annex_a(path)
    assert [(i.row, i.column, i.value, i.problem) for i in result.issues] == [
        (2, "Age of Child (Years)", "2015-06-01", EXPECT_INT)]
    json.dumps([i.as_dict() for i in result.issues])


def test_a_huge_cell_is_cut_to_a_thousand_characters_with_an_issue(tmp_path):
    write_csv(tmp_path / "list 3.csv", f"Child Unique ID,Date of referral,Allocated Team\n1,01/01/2024,{'x' * 100_000}\n")
    result = read_annex_a(tmp_path)
    assert result.tables[3]["allocated_team"].to_pylist() == ["x" * 1000]
    assert result.tables[3]["_unreadable"].to_pylist() == ["|allocated_team|"]
    assert len(result.issues) == 1 and len(result.issues[0].value) < 300


def test_a_path_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(AnnexAError, match="nowhere.xlsx: no such file"):
        read_annex_a(tmp_path / "nowhere.xlsx")


def test_a_text_file_named_xlsx_is_refused(tmp_path):
    (tmp_path / "fake.xlsx").write_text("Child Unique ID,Date of Contact\n1,01/01/2024\n")
    with pytest.raises(AnnexAError, match="fake.xlsx: is not an Excel .xlsx workbook"):
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
