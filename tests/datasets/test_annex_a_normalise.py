"""Annex A cell and column normalisation: hand-computed expectations."""

import datetime as dt

import pyarrow as pa
import pytest

from triangulate.datasets.parsers.annex_a import issues as issues_module
from triangulate.datasets.parsers.annex_a.columns import read_column, unreadable_column
from triangulate.datasets.parsers.annex_a.issues import NEEDED_PROBLEM, column_issues
from triangulate.datasets.parsers.annex_a.normalise import (
    EXPECT_DATE,
    EXPECT_INT,
    EXPECT_YESNO,
    MAX_TEXT,
    norm_age,
    norm_code,
    norm_date,
    norm_id,
    norm_int,
    norm_text,
    norm_yesno,
)
from triangulate.datasets.parsers.annex_a.schema import Column

DATE = Column("contact_date", "Date of Contact", "date")
NEEDED_DATE = Column("contact_date", "Date of Contact", "date", required=True, needed=True)
COUNT = Column("referrals_last_12m", "Number of Referrals in Last 12 Months", "int")
AGE = Column("age", "Age of Child (Years)", "int")
CHILD_ID = Column("child_id", "Child Unique ID", "id", required=True, needed=True)
NFA = Column("referral_nfa", "Referral NFA?", "yesno", codeset="yesno")


@pytest.mark.parametrize("raw, expected", [
    ("a) Yes", "Yes"), ("Yes", "Yes"), ("Y", "Yes"), ("yes", "Yes"), ("y", "Yes"), (" YES ", "Yes"),
    ("No", "No"), ("N", "No"), ("b) No", "No"), ("Unknown", "Unknown"), ("u", "Unknown"),
    ("c) Unknown", "Unknown"), (True, "Yes"), (False, "No"), ("1", "Yes"), (0.0, "No"),
])
def test_yes_no_cells_become_yes_no_or_unknown(raw, expected):
    assert norm_yesno(raw) == (expected, None)


def test_a_yes_no_cell_that_is_neither_is_a_problem():
    assert norm_yesno("Maybe") == (None, EXPECT_YESNO)


@pytest.mark.parametrize("raw, expected", [
    ("a) WBRI", "WBRI"), ("WBRI", "WBRI"), ("1A", "1A"), ("a) 1A: Individual", "1A"),
    ("V2: Single period of accommodation under section 20", "V2"), ("E1: Placement order", "E1"),
    ("N1 - Abuse or Neglect", "N1"), ("N1 \u2013 Abuse or Neglect", "N1"), ("g5", "G5"), ("e11", "E11"),
    ("1A Individual", "1A"), ("Suitable", "Suitable"), ("Neglect", "Neglect"), ("a) Male", "Male"),
    ("c) Not stated/recorded", "Not stated/recorded"), (9.0, "9"), ("  U1  ", "U1"), ("(b) Female", "Female"),
])
def test_coded_cells_become_their_bare_code(raw, expected):
    assert norm_code(raw) == (expected, None)


def test_blank_cells_are_none_without_a_problem():
    for func in (norm_code, norm_yesno, norm_text, norm_id, norm_date, norm_int):
        for blank in (None, "", "   ", "\u00a0"):
            assert func(blank) == (None, None), (func, blank)


@pytest.mark.parametrize("raw, expected", [
    (1761444.0, "1761444"), ("1761444.0", "1761444"), ("1761444", "1761444"), (" 1761444 ", "1761444"),
    (1761444, "1761444"), ("AB\u00a0123", "AB 123"), ("P-0001", "P-0001"),
])
def test_child_ids_are_the_same_whether_numbers_or_text(raw, expected):
    assert norm_id(raw) == (expected, None)


def test_text_is_trimmed_with_non_breaking_and_repeated_spaces_as_one_space():
    assert norm_text("  Safeguarding\u00a0North\u00a0 1 ") == ("Safeguarding North 1", None)
    assert norm_text(123456.0) == ("123456", None)


def test_very_long_text_is_cut_with_a_problem():
    value, problem = norm_text("x" * 100_000)
    assert value == "x" * MAX_TEXT
    assert "1000" in problem


@pytest.mark.parametrize("raw, expected", [
    (dt.date(2024, 3, 31), dt.date(2024, 3, 31)),
    (dt.datetime(2024, 3, 31, 13, 45), dt.date(2024, 3, 31)),
    (45292, dt.date(2024, 1, 1)), (45292.0, dt.date(2024, 1, 1)), (45292.75, dt.date(2024, 1, 1)),
    ("45292", dt.date(2024, 1, 1)), (61, dt.date(1900, 3, 1)),
    ("31/03/2025", dt.date(2025, 3, 31)), ("1/4/2025", dt.date(2025, 4, 1)), ("31-03-2025", dt.date(2025, 3, 31)),
    ("31.03.2025", dt.date(2025, 3, 31)), ("2025-03-31", dt.date(2025, 3, 31)),
    ("2025-03-31 00:00:00", dt.date(2025, 3, 31)), ("2025-03-31T09:30:00", dt.date(2025, 3, 31)),
    ("31/03/2025 09:30", dt.date(2025, 3, 31)), (" 31/03/2025 ", dt.date(2025, 3, 31)),
])
def test_dates_are_read_from_cells_serials_and_day_first_or_iso_text(raw, expected):
    assert norm_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31/02/2024", "03/31/2025", "31/03/25", "31 March 2025", "tomorrow", "2025/03/31",
                                 0, -5, 10**9, True, dt.time(9, 30)])
def test_anything_else_in_a_date_column_is_a_problem(raw):
    assert norm_date(raw) == (None, EXPECT_DATE)


@pytest.mark.parametrize("raw, expected", [("3", 3), (3.0, 3), ("3.0", 3), (3, 3), (" 12 ", 12), ("-1", -1)])
def test_whole_numbers_are_read_from_numbers_and_text(raw, expected):
    assert norm_int(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["three", 2.5, "2.5", "1e3", "99999999999999999999", True])
def test_anything_else_in_a_number_column_is_a_problem(raw):
    assert norm_int(raw) == (None, EXPECT_INT)


@pytest.mark.parametrize("raw, expected", [
    ("6.138", 6), (6.138, 6), ("17.999", 17), (17.999, 17), ("6", 6), (6.0, 6), ("6.0", 6), (" 6.5 ", 6),
    (0.4, 0), ("-0.5", -1), (-0.5, -1),
])
def test_ages_are_read_in_whole_years_flooring_fractions_without_a_problem(raw, expected):
    assert norm_age(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["six", "6.1.2", "1e3", True, "6 years"])
def test_an_age_that_is_not_a_number_is_still_a_problem(raw):
    assert norm_age(raw) == (None, EXPECT_INT)


def test_only_ages_are_floored_other_counts_stay_whole_numbers():
    assert read_column(AGE, pa.array(["6.138", "2.5"])).values.to_pylist() == [6, 2]
    read = read_column(COUNT, pa.array(["6.138", "2.5", "2"]))
    assert read.values.to_pylist() == [None, None, 2]


def _read(column, cells, rows=None):
    """(values, issues as (row, value, problem), unreadable mask as a list)."""
    read = read_column(column, cells)
    rows = rows if rows is not None else list(range(2, 2 + len(cells)))
    found, bad = column_issues(read, column, ("f.csv", None, 1), rows, column.kind in ("code", "yesno"))
    return (read.values.to_pylist(), [(i.row, i.value, i.problem) for i in found],
            None if bad is None else bad.tolist())


@pytest.mark.parametrize("as_arrow", [True, False], ids=["csv", "workbook"])
def test_a_column_reports_each_bad_cell_by_row(as_arrow):
    cells = ["01/01/2024", "junk", "", "junk", "2024-01-01"]
    values, found, bad = _read(DATE, pa.array(cells) if as_arrow else cells)
    assert values == [dt.date(2024, 1, 1), None, None, None, dt.date(2024, 1, 1)]
    assert found == [(3, "junk", EXPECT_DATE), (5, "junk", EXPECT_DATE)]
    assert bad == [False, True, False, True, False]  # the blank cell is not unreadable


def test_workbook_cells_of_every_type_are_read_like_their_text():
    cells = [dt.datetime(2024, 1, 1), 45292.0, "01/01/2024", None, True, 45292]
    values, found, bad = _read(DATE, cells)
    assert values == [dt.date(2024, 1, 1)] * 3 + [None, None, dt.date(2024, 1, 1)]
    assert found == [(6, True, EXPECT_DATE)]


def test_a_column_mixing_booleans_and_numbers_keeps_them_apart():
    values, found, _ = _read(COUNT, [1, True, 1.0])
    assert values == [1, None, 1]
    assert found == [(3, True, EXPECT_INT)]


def test_an_unknown_coded_value_is_reported_once_with_its_count_at_its_first_row():
    cells = ["Yes", "Maybe", "N", "Maybe", "perhaps", "Maybe", ""]
    values, found, bad = _read(NFA, pa.array(cells))
    assert values == ["Yes", None, "No", None, None, None, None]
    assert [(row, value) for row, value, _ in found] == [(3, "Maybe"), (6, "perhaps")]
    assert found[0][2].endswith(" (3 cells)") and found[1][2].endswith(" (1 cell)")
    assert bad == [False, True, False, True, True, True, False]


def test_unknown_coded_values_are_capped_per_column_with_a_count_of_the_rest(monkeypatch):
    monkeypatch.setattr(issues_module, "MAX_ISSUES_PER_COLUMN", 2)
    cells = ["a", "b", "b", "c", "d", "d", "d", "Yes"]
    _, found, _ = _read(NFA, pa.array(cells))
    assert [(row, value) for row, value, _ in found] == [(2, "a"), (3, "b"), (None, None)]
    assert found[-1][2].startswith("2 more values in this column could not be read, in 4 cells")


def test_an_empty_cell_in_a_needed_column_is_an_issue_of_its_own_row():
    values, found, bad = _read(NEEDED_DATE, pa.array(["01/01/2024", "", "junk", " "]), rows=[2, 4, 7, 9])
    assert values == [dt.date(2024, 1, 1), None, None, None]
    assert found == [(4, None, NEEDED_PROBLEM), (7, "junk", EXPECT_DATE), (9, None, NEEDED_PROBLEM)]
    assert bad == [False, False, True, False]  # empty is not unreadable


ID_CELLS = ["1761444", "1761444.0", " 1761444 ", "AB\u00a0123", "AB 123", "P-0001", "1.5", "", "x" * 1001, "+5.0",
            "00012", "1761444.000", "A\u2003B", "\u0661\u0662.0"]
ID_VALUES = ["1761444", "1761444", "1761444", "AB 123", "AB 123", "P-0001", "1.5", None, "x" * 1000, "+5",
             "00012", "1761444", "A B", "\u0661\u0662"]


def test_csv_ids_take_a_vectorised_path_that_gives_what_norm_id_gives():
    assert [norm_id(cell)[0] for cell in ID_CELLS] == ID_VALUES
    values, found, bad = _read(CHILD_ID, pa.array(ID_CELLS))
    assert values == ID_VALUES
    assert found == [(9, None, NEEDED_PROBLEM), (10, "x" * 200 + "...", f"longer than {MAX_TEXT} characters; "
                                                                       f"kept the first {MAX_TEXT}")]
    assert bad == [i == 8 for i in range(len(ID_CELLS))]
    assert _read(CHILD_ID, ID_CELLS)[0] == ID_VALUES  # the same cells as workbook text


def test_a_workbook_id_column_of_text_and_empty_cells_takes_the_vectorised_path_too():
    values, found, bad = _read(CHILD_ID, ["1", None, "2.0", " 3"])
    assert values == ["1", None, "2", "3"]
    assert found == [(3, None, NEEDED_PROBLEM)]
    assert bad is None


def test_an_id_column_mixing_numbers_and_text_gives_one_spelling():
    values, found, _ = _read(CHILD_ID, [1761444.0, "1761444", "1761444.0", " 1761444", 1761444])
    assert values == ["1761444"] * 5
    assert found == []


def test_the_unreadable_column_names_each_unreadable_cell_between_bars():
    masks = [("cla_start", [True, False, False]), ("cla_end", [True, True, False])]
    column = unreadable_column([(key, pa.array(mask).to_numpy(zero_copy_only=False)) for key, mask in masks], 3)
    assert column.to_pylist() == ["|cla_start|cla_end|", "|cla_end|", None]
    assert unreadable_column([], 2).to_pylist() == [None, None]
