"""The children behind a KPI (kpis/children.py): the rows of the KPI's own cohort, with the columns its
definition reads and the days overdue by its rule. Expectations are worked out by hand (timescale_rows.py
gives each working-day count); the listing's numerator and denominator must be the engine's figures."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.kpis import children
from triangulate.kpis.children import CALENDAR, WORKING
from triangulate.kpis.periods import Period, year_to
from triangulate.kpis.registry import all_kpis

from .helpers import engine
from .test_properties import care_episode, cp_plan
from .timescale_rows import AT, LISTS, d

YEAR = year_to(AT)
CP_ONLY = [{"child_id": "1", "cp_start": d(1, 1)}]


def listing(kpi_id, tables=LISTS, period=YEAR, settings=None):
    return children.listing(engine(tables, settings=settings), kpi_id, [period])


def shown(result, *fields):
    return [tuple(getattr(r, f) for f in ("child_id", *fields)) for r in result.rows]


def figure(kpi_id, tables=LISTS, period=YEAR):
    return engine(tables).run([period], kpi_ids=[kpi_id]).kpis[kpi_id][0]


def test_cp_visits_days_overdue_in_working_days_with_no_visit_first():
    result = listing("cp_visits_in_timescale_pct")
    # what the definition reads, but the end date: blank on every plan open at the end, so left out
    assert [c.key for c in result.columns] == ["cp_start", "last_visit"]
    assert result.things == "plans" and result.unit == "pct" and result.excluded == 1  # C6: no start date
    # C1 wd(8 Apr, 22 Apr) = 8 against 10: 2 to spare; C2 wd = 11: 1 overdue; C4 wd(17 Apr, 22 Apr) = 1
    # (Good Friday and Easter Monday): 9 to spare. C3, C7, C8 cannot be counted and are not in time.
    assert shown(result, "days_overdue", "days_unit", "note", "in_numerator") == [
        ("C3", None, WORKING, "No visit recorded", False),
        ("C7", None, WORKING, "Visit date unreadable", False),
        ("C8", None, WORKING, "Visit dated after 22/04/2025", False),
        ("C2", 1, WORKING, "", False),
        ("C1", -2, WORKING, "", True),
        ("C4", -9, WORKING, "", True),
    ]
    c2 = next(r for r in result.rows if r.child_id == "C2")
    assert (c2.team, c2.worker, c2.values) == ("North", "Cy", (d(1, 1), d(4, 3)))
    assert [r.child_id for r in result.rows if r.failing] == ["C3", "C7", "C8", "C2"]
    fig = figure("cp_visits_in_timescale_pct")
    assert (result.numerator, result.denominator, result.excluded) == (fig.numerator, fig.denominator, fig.excluded)


def test_cp_reviews_days_past_the_due_date_in_calendar_days():
    result = listing("cp_reviews_in_timescale_pct")
    # C4: no review, due 20 Apr (start 20 Jan + 3 months): 2 days past. C2: review 22 Oct + 6 months = today:
    # not overdue. C3: first review due 1 June, 40 days ahead. C1: 15 July, 84 ahead. C8: 10 August, 110.
    assert shown(result, "days_overdue", "days_unit", "note", "in_numerator") == [
        ("C7", None, CALENDAR, "Review date unreadable", False),
        ("C4", 2, CALENDAR, "No review yet", False),
        ("C2", 0, CALENDAR, "", True),
        ("C3", -40, CALENDAR, "No review yet", True),
        ("C1", -84, CALENDAR, "", True),
        ("C8", -110, CALENDAR, "", True),
    ]
    fig = figure("cp_reviews_in_timescale_pct")
    assert (result.numerator, result.denominator) == (fig.numerator, fig.denominator) == (4, 6)


def test_open_assessments_over_45_working_days_list_only_the_counted():
    result = listing("assessments_open_over_45wd")
    # A3 wd(13 Feb, 22 Apr) = 46, A5 wd(1 Jan, 22 Apr) = 77; A1 and A2 are within 45 and not counted
    assert shown(result, "days_overdue", "in_numerator", "in_denominator") == [("A5", 32, True, False),
                                                                                ("A3", 1, True, False)]
    assert not result.can_fail and result.excluded == 2  # A6 (no start), A7 (unreadable authorisation)
    assert result.numerator == figure("assessments_open_over_45wd").numerator == 2


def test_children_in_care_one_row_per_child_the_row_that_decided():
    visits = listing("cla_visits_in_timescale_pct")
    # L2 is in time through its North row (wd(14 Apr, 22 Apr) = 4 against 30); L1 wd(10 Mar, 22 Apr) = 29;
    # L7 visited today; L4 has no visit. L3 is a short break, L6 has ceased, L5 cannot be placed.
    assert shown(visits, "team", "days_overdue", "note") == [
        ("L4", "South", None, "No visit recorded"), ("L1", "South", -1, ""), ("L2", "North", -26, ""),
        ("L7", "North", -30, "")]
    assert visits.things == "children" and visits.excluded == 1
    reviews = listing("cla_reviews_in_timescale_pct")
    # L2: review 1 Oct 2024, due 1 April: 21 calendar days past (both rows; the first team's is kept).
    # L7: no review, wd(1 Mar, 22 Apr) = 35 against 20. L4: wd(27 Mar, 22 Apr) = 16. L1: due 1 June.
    assert shown(reviews, "team", "days_overdue", "days_unit") == [
        ("L2", "North", 21, CALENDAR), ("L7", "North", 15, WORKING), ("L4", "South", -4, WORKING),
        ("L1", "South", -40, CALENDAR)]
    for result, kpi_id in ((visits, "cla_visits_in_timescale_pct"), (reviews, "cla_reviews_in_timescale_pct")):
        fig = figure(kpi_id)
        assert (result.numerator, result.denominator) == (fig.numerator, fig.denominator), kpi_id


def test_rows_the_rule_cannot_tell_apart_show_the_same_one_whatever_their_order():
    """A child on two CIN plans in one team, both seen in time, counts once; the row listed is the first
    worker's, then the earlier plan's, never whichever the engine met first (DuckDB and Spark differed)."""
    plans = [
        {"child_id": "N1", "allocated_team": "North", "allocated_worker": "Zed", "cin_start": d(2, 1),
         "case_status": "CIN plan", "last_seen": d(4, 16)},
        {"child_id": "N1", "allocated_team": "North", "allocated_worker": "Ann", "cin_start": d(1, 1),
         "case_status": "CIN plan", "last_seen": d(4, 14)},
        {"child_id": "N2", "allocated_team": "North", "allocated_worker": "Bo", "cin_start": d(2, 1),
         "case_status": "CIN plan", "last_seen": d(4, 16)},
        {"child_id": "N2", "allocated_team": "North", "allocated_worker": "Bo", "cin_start": d(1, 1),
         "case_status": "CIN plan", "last_seen": d(4, 14)},
    ]
    # seen 14 April: wd(14 Apr, 22 Apr) = 4 (Good Friday and Easter Monday off), 16 to spare of 20
    for rows in (plans, plans[::-1]):
        result = listing("cin_plan_seen_in_timescale_pct", {6: rows})
        assert shown(result, "worker", "values", "days_overdue") == [
            ("N1", "Ann", (d(1, 1), d(4, 14), "CIN plan"), -16), ("N2", "Bo", (d(1, 1), d(4, 14), "CIN plan"), -16)]


def test_a_flow_measure_lists_each_assessment_with_its_working_days_over_45():
    rows = {4: [
        # Fri 1 Nov 2024 to Fri 10 Jan 2025: 20 in November, 20 in December (25, 26 Dec off), 7 in January
        # (1 Jan off) = 47: 2 over
        {"child_id": "X", "allocated_team": "North", "allocated_worker": "Ann",
         "assessment_start": date(2024, 11, 1), "assessment_authorised": date(2025, 1, 10)},
        # Mon 3 Feb to Fri 28 Feb: 19: 26 to spare; the same child's second assessment
        {"child_id": "X", "allocated_team": "North", "allocated_worker": "Ann",
         "assessment_start": date(2025, 2, 3), "assessment_authorised": date(2025, 2, 28)},
        {"child_id": "Y", "allocated_team": "South", "assessment_authorised": date(2025, 3, 1)},  # no start
    ]}
    result = listing("assessments_within_45wd_pct", rows)
    assert shown(result, "days_overdue", "failing", "values") == [
        ("X", 2, True, (date(2024, 11, 1), date(2025, 1, 10))), ("X", -26, False, (date(2025, 2, 3), date(2025, 2, 28)))]
    assert result.things == "assessments" and result.excluded == 1
    median = listing("assessment_median_wd", rows)
    assert [r.value for r in median.rows] == [47, 19] and median.value_label == "Working days to authorisation"
    assert (result.numerator, result.denominator) == (1, 2) == (figure("assessments_within_45wd_pct", rows).numerator,
                                                                figure("assessments_within_45wd_pct", rows).denominator)


def test_a_ratio_lists_its_numerators_rows_and_its_denominators():
    tables = {1: [{"child_id": "1", "contact_date": d(3, 1)}, {"child_id": "2", "contact_date": d(3, 2)},
                  {"child_id": "3", "contact_date": d(3, 3)}],
              3: [{"child_id": "1", "referral_date": d(3, 4), "allocated_team": "North"}]}
    result = listing("referrals_per_100_contacts", tables)
    assert sorted(shown(result, "in_numerator", "in_denominator", "counted_in")) == [
        ("1", False, True, "Contacts"), ("1", True, False, "Referrals"), ("2", False, True, "Contacts"),
        ("3", False, True, "Contacts")]
    assert [c.key for c in result.columns] == ["referral_date", "contact_date"]
    fig = figure("referrals_per_100_contacts", tables)
    assert (result.numerator, result.denominator) == (fig.numerator, fig.denominator) == (1, 3)
    rate = listing("referrals_rate", tables)  # a rate: its count's rows; the population is not a list
    assert (rate.numerator, rate.denominator) == (1, 0)


def test_a_measure_the_extract_cannot_give_has_a_reason_and_no_rows():
    result = listing("cla_visits_in_timescale_pct", {7: CP_ONLY})
    assert result.rows == () and "list" in result.null_reason


@pytest.mark.parametrize("kpi_id", sorted(k for k, s in all_kpis().items() if set(children.lists_needed(k)) <= {4, 5, 7, 8}))
def test_every_measure_of_the_fixture_lists_exactly_its_numerator_and_denominator(kpi_id):
    spec = all_kpis()[kpi_id]
    result, fig = listing(kpi_id), figure(kpi_id)
    if spec.unit in ("count", "rate"):
        assert result.numerator == fig.numerator, kpi_id
    elif spec.unit in ("pct", "ratio"):
        assert (result.numerator, result.denominator) == (fig.numerator, fig.denominator), kpi_id
    elif kpi_id == "avg_caseload":  # the pairs of worker and child; the workers are not children
        assert result.numerator == fig.numerator
    else:  # mean and median: the rows averaged
        assert result.denominator == fig.denominator, kpi_id
        if spec.unit == "mean" and fig.denominator:
            assert sum(r.value for r in result.rows) == pytest.approx(fig.numerator)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans=st.lists(cp_plan, max_size=10), episodes=st.lists(care_episode, max_size=10),
       end=st.dates(date(2023, 1, 31), date(2025, 12, 31)))
def test_on_any_episodes_the_list_is_the_figure_and_overdue_is_not_in_time(plans, episodes, end):
    """Membership is the engine's; a positive count of days overdue is exactly a row not in time (the
    rules in kpis/children.py re-count what the definitions decide, clamped months and all)."""
    ids = [k for k, s in all_kpis().items() if s.section in ("Child protection", "Children in care")]
    period = Period(end - timedelta(days=200), end)
    run = engine({7: plans, 8: episodes})
    figures = run.run([period], kpi_ids=ids).kpis
    for kpi_id in ids:
        result, fig = children.listing(run, kpi_id, [period]), figures[kpi_id][0]
        if fig.numerator is None:
            continue
        assert result.numerator == fig.numerator, kpi_id
        if all_kpis()[kpi_id].unit == "pct":
            assert result.denominator == fig.denominator, kpi_id
        for row in result.rows:
            if row.days_overdue is not None and kpi_id in children.TIMESCALES:
                assert (row.days_overdue > 0) == row.failing, (kpi_id, row)
