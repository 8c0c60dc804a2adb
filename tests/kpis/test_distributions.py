"""How long timed work took, in bins (kpis/distributions.py): worked out by hand on small extracts, and
checked against the engine's figures for the KPI each distribution explains (the bins within the limit
are its numerator, all bins its denominator, and the rows left out its `excluded`).

wd(a, b) = working days d with a < d <= b (England bank holidays), counted by hand in the comments."""

import random
from datetime import date, timedelta

import pytest

from triangulate.kpis.distributions import MEASURES, Distribution, Unavailable, compute, for_page
from triangulate.kpis.periods import Period

from .helpers import engine, table

YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))
MON_2_JUNE = date(2025, 6, 2)  # no bank holiday in June 2025
# Tue 3 - Fri 6 June = 4, Mon 9 - Fri 13 = 9, Mon 16 = 10, Tue 17 = 11, Fri 20 = 14, Mon 23 = 15, Tue 24 = 16
# Thu 17 April 2025 to Wed 25 June = 45 and Thu 26 June = 46 (Easter and May bank holidays: test_assessments)
EASTER_START = date(2025, 4, 17)


def a(child, start, authorised, **extra):
    return {"child_id": child, "assessment_start": start, "assessment_authorised": authorised, **extra}


def s47(child, start, icpc, **extra):
    return {"child_id": child, "s47_start": start, "icpc_date": icpc, **extra}


ASSESSMENTS = [
    a("1", MON_2_JUNE, MON_2_JUNE),                    # 0: "0 to 10"
    a("2", MON_2_JUNE, date(2025, 6, 16)),             # 10: "0 to 10"
    a("3", MON_2_JUNE, date(2025, 6, 17)),             # 11: "11 to 20"
    a("4", EASTER_START, date(2025, 6, 25)),           # 45: "31 to 45", within the KPI's 45
    a("5", EASTER_START, date(2025, 6, 26)),           # 46: "46 to 60"
    a("6", date(2025, 1, 6), date(2025, 7, 1)),        # about 120: "Over 60"
    a("7", date(2025, 6, 10), date(2025, 6, 5)),       # authorised before it started: within 45 by kpis.md
    a("8", None, date(2025, 6, 5)),                    # no start date: left out, excluded
    a("9", MON_2_JUNE, None, _unreadable=("assessment_authorised",)),  # unplaceable: excluded
    a("10", MON_2_JUNE, date(2026, 4, 1)),             # authorised after the period: not in it
    a("11", MON_2_JUNE, None),                         # still open: not in it
]
CONFERENCES = [
    s47("1", MON_2_JUNE, MON_2_JUNE),                  # 0: "0 to 10"
    s47("2", MON_2_JUNE, date(2025, 6, 16)),           # 10: "0 to 10"
    s47("3", MON_2_JUNE, date(2025, 6, 17)),           # 11: "11 to 15"
    s47("4", MON_2_JUNE, date(2025, 6, 23)),           # 15: "11 to 15", within the KPI's 15
    s47("5", MON_2_JUNE, date(2025, 6, 24)),           # 16: "16 to 20"
    s47("6", date(2025, 6, 20), MON_2_JUNE),           # conference before the strategy discussion: left out
    s47("7", None, MON_2_JUNE),                        # no strategy discussion date: excluded
    s47("8", MON_2_JUNE, None),                        # no conference: not in the cohort
]


def by_label(result):
    return {b.label: n for b, n in result.by_bin()}


def test_assessment_duration_in_bins_by_hand():
    result = compute({4: table(4, ASSESSMENTS)}, YEAR, measures=["assessment_days"])["assessment_days"]
    assert isinstance(result, Distribution)
    assert by_label(result) == {"Before the start date (a data error)": 1, "0 to 10": 2, "11 to 20": 1,
                                "21 to 30": 0, "31 to 45": 1, "46 to 60": 1, "Over 60": 1}
    assert (result.within, result.total, result.excluded) == (5, 7, 2)


def test_days_to_initial_conference_in_bins_by_hand():
    result = compute({5: table(5, CONFERENCES)}, YEAR, measures=["icpc_days"])["icpc_days"]
    assert by_label(result) == {"0 to 10": 2, "11 to 15": 2, "16 to 20": 1, "21 to 30": 0, "31 to 45": 0,
                                "46 to 60": 0, "Over 60": 0}
    assert (result.within, result.total, result.excluded) == (4, 5, 1)


def test_the_bins_within_the_limit_are_the_kpis_numerator_on_the_same_extract():
    results = engine({4: ASSESSMENTS, 5: CONFERENCES}).run([YEAR], ["assessments_within_45wd_pct",
                                                                    "icpc_within_15wd_pct"])
    found = compute({4: table(4, ASSESSMENTS), 5: table(5, CONFERENCES)}, YEAR)
    for measure_id, kpi_id in (("assessment_days", "assessments_within_45wd_pct"),
                               ("icpc_days", "icpc_within_15wd_pct")):
        figure, result = results.kpis[kpi_id][0], found[measure_id]
        assert (result.within, result.total, result.excluded) == \
            (figure.numerator, figure.denominator, figure.excluded), kpi_id
    assert results.kpis["assessments_within_45wd_pct"][0].numerator == 5  # the hand count above


def _day(rng, first=date(2024, 1, 1), days=900):
    return first + timedelta(days=rng.randrange(days))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_bins_agree_with_the_engine_on_random_extracts(seed):
    """Dates anywhere from 2024 to mid-2026, some blank, some unreadable, some in the wrong order."""
    rng = random.Random(seed)
    assessments, conferences = [], []
    for i in range(400):
        start = None if rng.random() < 0.05 else _day(rng)
        done = None if rng.random() < 0.1 else (start or _day(rng)) + timedelta(days=rng.randrange(-5, 140))
        row = a(str(i % 150), start, done)
        if done is not None and rng.random() < 0.03:
            row.update(assessment_authorised=None, _unreadable=("assessment_authorised",))
        assessments.append(row)
        icpc = None if rng.random() < 0.3 else (start or _day(rng)) + timedelta(days=rng.randrange(-3, 60))
        conferences.append(s47(str(i % 150), start, icpc))
    periods = [YEAR, Period(date(2025, 7, 1), date(2025, 9, 30))]
    results = engine({4: assessments, 5: conferences}).run(periods, ["assessments_within_45wd_pct",
                                                                     "icpc_within_15wd_pct"])
    for k, period in enumerate(periods):
        found = compute({4: table(4, assessments), 5: table(5, conferences)}, period)
        for measure_id, kpi_id in (("assessment_days", "assessments_within_45wd_pct"),
                                   ("icpc_days", "icpc_within_15wd_pct")):
            figure, result = results.kpis[kpi_id][k], found[measure_id]
            assert result.total > 20  # the comparison is not of empty cohorts
            assert (result.within, result.total, result.excluded) == \
                (figure.numerator, figure.denominator, figure.excluded), (kpi_id, period)


def test_a_missing_list_or_column_gives_a_reason_not_zeros():
    found = compute({4: table(4, ASSESSMENTS, absent=["assessment_start"])}, YEAR)
    assert found["icpc_days"] == Unavailable(MEASURES["icpc_days"],
                                             "The extract has no list 5 (Section 47 enquiries and ICPCs).")
    assert found["assessment_days"].reason == \
        "List 4 of the extract has no column Continuous Assessment Start Date."


def test_distributions_are_shown_on_the_timeliness_pages():
    assert [m.id for m in for_page("assessments_within_45wd_pct")] == ["assessment_days"]
    assert [m.id for m in for_page("assessment_median_wd")] == ["assessment_days"]
    assert [m.id for m in for_page("icpc_within_15wd_pct")] == ["icpc_days"]
    assert for_page("referrals") == []
    # each measure's bins have the KPI's limit as an edge, so "within the limit" is whole bins
    for measure in MEASURES.values():
        assert any(b.high == measure.limit for b in measure.bins)
