"""Annex A cell normalisation: hand-computed expectations."""

import datetime as dt

import pytest

from triangulate.datasets.parsers.annex_a.normalise import (
    EXPECT_DATE,
    EXPECT_INT,
    EXPECT_YESNO,
    MAX_TEXT,
    heading_key,
    norm_code,
    norm_date,
    norm_id,
    norm_int,
    norm_text,
    norm_yesno,
    normalise_column,
)
from triangulate.datasets.parsers.annex_a.schema import LISTS


@pytest.mark.parametrize("heading", ["Date of referral", "date of referral", "Date Of Referral ",
                                     "DATE_OF_REFERRAL", "Date\u00a0of\u00a0referral", "date-of-referral"])
def test_headings_match_whatever_their_case_spacing_and_punctuation(heading):
    assert heading_key(heading) == heading_key("Date of referral") == "dateofreferral"


def test_no_heading_or_alias_could_match_two_columns_of_one_list():
    for spec in LISTS.values():
        owners = {}
        for column in spec.columns:
            for heading in (column.heading, *column.aliases):
                assert owners.setdefault(heading_key(heading), column.key) == column.key, (spec.number, heading)


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


def test_a_column_reports_each_bad_cell_by_position():
    out, problems = normalise_column("date", ["01/01/2024", "junk", "", None, "junk", 45292.0])
    assert out == [dt.date(2024, 1, 1), None, None, None, None, dt.date(2024, 1, 1)]
    assert problems == [(1, "junk", EXPECT_DATE), (4, "junk", EXPECT_DATE)]


def test_a_column_mixing_booleans_and_numbers_keeps_them_apart():
    out, problems = normalise_column("int", [1, True, 1.0])
    assert out == [1, None, 1]
    assert problems == [(1, True, EXPECT_INT)]


def test_an_id_column_mixing_numbers_and_text_gives_one_spelling():
    out, problems = normalise_column("id", [1761444.0, "1761444", "1761444.0", " 1761444", None, ""])
    assert out == ["1761444"] * 4 + [None, None]
    assert problems == []
