"""The daily timescale report (kpis/timescales.py) on the hand-worked extract of timescale_rows.py, and its
agreement with the KPI engine: each section's overdue count is the matching snapshot KPI's denominator
minus its numerator (or the count itself) at the extract date, for the council and for each team."""

from datetime import date

import pytest

from triangulate.kpis import timescales
from triangulate.kpis.figures import NO_TEAM
from triangulate.kpis.periods import year_to

from .helpers import engine, table
from .timescale_rows import AT, LISTS, d


@pytest.fixture(scope="module")
def tables():
    return {n: table(n, rows) for n, rows in LISTS.items()}


@pytest.fixture(scope="module")
def report(tables):
    return timescales.report(tables, AT)


def listed(report, section_id):
    """(child, due, working days left, overdue, note) of each listed row, in the report's order."""
    return [(r.child_id, r.due, r.days_left, r.overdue, r.note) for r in report.section(section_id).rows]


def test_working_days_are_counted_across_the_easter_bank_holidays():
    assert timescales.wd(d(4, 17), d(4, 22)) == 1        # Good Friday and Easter Monday are not working days
    assert timescales.add_working_days(d(4, 17), 1) == d(4, 22)
    assert timescales.add_working_days(d(4, 19), 1) == d(4, 22)  # from a Saturday
    assert timescales.add_working_days(d(4, 17), 45) == d(6, 25)  # across 5 and 26 May too
    assert timescales.wd(date(1989, 12, 31), AT) is None  # outside the shipped calendar: cannot be counted


def test_open_assessments_with_working_days_elapsed_due_date_and_days_left(report):
    section = report.section("assessments")
    assert listed(report, "assessments") == [
        ("A5", d(3, 5), -32, True, ""), ("A3", d(4, 17), -1, True, ""),
        ("A2", d(4, 23), 1, False, ""), ("A1", d(6, 25), 44, False, "")]
    assert [r.elapsed for r in section.rows] == [77, 46, 44, 1]
    assert (section.overdue, section.coming_due, section.open, section.unplaced) == (2, 1, 4, 2)


def test_s47_enquiries_awaiting_a_conference_against_15_working_days(report):
    assert listed(report, "s47") == [("S3", d(4, 14), -4, True, ""), ("S2", d(4, 24), 2, False, ""),
                                     ("S1", d(5, 13), 14, False, "")]
    assert [r.elapsed for r in report.section("s47").rows] == [19, 13, 1]


def test_child_protection_visits_a_child_with_no_visit_is_overdue_and_first(report):
    assert listed(report, "cp_visits") == [
        # no date to count from: first, the longest-running plans first
        ("C7", None, None, True, "Visit date unreadable"), ("C8", None, None, True, "Visit dated after the extract date"),
        ("C3", None, None, True, "No visit recorded"),
        ("C2", d(4, 17), -1, True, ""), ("C1", d(4, 24), 2, False, "")]
    section = report.section("cp_visits")
    assert (section.overdue, section.coming_due, section.open, section.unplaced) == (4, 1, 6, 1)


def test_child_protection_reviews_first_in_three_months_then_every_six(report):
    assert listed(report, "cp_reviews") == [
        ("C7", None, None, True, "Review date unreadable"),
        ("C4", d(4, 20), -1, True, ""),          # due on a Sunday: overdue by the Tuesday
        ("C2", d(4, 22), 0, False, "")]          # due today: not overdue


def test_children_in_care_visits_count_each_child_once(report):
    assert listed(report, "cla_visits") == [("L4", None, None, True, "No visit recorded"),
                                            ("L1", d(4, 23), 1, False, "")]
    section = report.section("cla_visits")
    assert (section.overdue, section.coming_due, section.open, section.unplaced) == (1, 1, 4, 1)


def test_children_in_care_reviews_first_in_20_working_days_then_every_six_months(report):
    rows = report.section("cla_reviews").rows
    assert listed(report, "cla_reviews") == [("L7", d(3, 28), -15, True, ""), ("L2", d(4, 1), -13, True, ""),
                                             ("L4", d(4, 28), 4, False, "")]
    assert rows[1].team == "North"  # both of L2's rows overdue alike: the first team name, as the engine


def counts_by(report, key):
    """{(section id, team or worker): (overdue, coming due)}; no team is the engine's NO_TEAM."""
    out = {}
    for section in report.sections:
        for r in section.rows:
            name = getattr(r, key) or NO_TEAM
            overdue, soon = out.get((section.id, name), (0, 0))
            out[(section.id, name)] = (overdue + r.overdue, soon + r.coming_due)
    return out


def test_counts_by_team_and_worker(report):
    teams = counts_by(report, "team")
    assert teams[("cp_visits", "North")] == (3, 1) and teams[("cp_visits", "South")] == (1, 0)
    assert counts_by(report, "worker")[("assessments", "Bo")] == (2, 0)


KPI_CHECKS = [(section, kpi) for section, kpi in timescales.KPI_OF_SECTION.items()]


@pytest.mark.parametrize(("section_id", "kpi_id"), KPI_CHECKS)
def test_the_numbers_overdue_are_the_kpis_not_in_time_at_the_extract_date(report, section_id, kpi_id):
    results = engine(LISTS).run([year_to(AT)], kpi_ids=[kpi_id], by="team")
    figure = results.kpis[kpi_id][0]
    not_in_time = figure.numerator if figure.denominator is None else figure.denominator - figure.numerator
    section = report.section(section_id)
    assert section.overdue == not_in_time
    assert section.unplaced == figure.excluded
    by_team = counts_by(report, "team")
    for team, kpis in results.by_team.items():
        team_figure = kpis[kpi_id][0]
        expected = team_figure.numerator if team_figure.denominator is None \
            else team_figure.denominator - team_figure.numerator
        assert by_team.get((section_id, team), (0, 0))[0] == expected, team


def test_a_missing_list_or_column_is_no_figure_never_zero():
    report = timescales.report({7: table(7, [{"child_id": "1", "cp_start": d(1, 1)}], absent=["last_visit"])}, AT)
    assert report.section("assessments").overdue is None
    assert report.section("assessments").null_reason == "The extract has no list 4."
    assert report.section("cp_visits").null_reason == "List 7 in the extract has no column last_visit."
    assert report.section("cp_reviews").overdue is None


def test_the_care_visit_standard_is_the_councils_setting():
    rows = [{"child_id": "1", "cla_start": d(1, 1), "legal_status": "C2", "last_visit": d(3, 10)}]  # 29 wd ago
    assert timescales.report({8: table(8, rows)}, AT).section("cla_visits").coming_due == 1
    stricter = timescales.report({8: table(8, rows)}, AT, settings={"cla_visit_wd": 20})
    assert stricter.section("cla_visits").rows[0].days_left == -9
