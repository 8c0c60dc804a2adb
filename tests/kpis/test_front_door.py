from datetime import date

from .helpers import children, run_by_team, run_kpi

JAN = (date(2025, 1, 1), date(2025, 1, 31))
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def test_contacts_count_only_dates_inside_the_period_inclusive():
    rows = [{"child_id": "1", "contact_date": date(2025, 1, 1)}, {"child_id": "2", "contact_date": date(2025, 1, 31)},
            {"child_id": "3", "contact_date": date(2024, 12, 31)}, {"child_id": "4", "contact_date": date(2025, 2, 1)},
            {"child_id": "5", "contact_date": None}]
    fig = run_kpi({1: rows}, "contacts", *JAN)
    assert (fig.value, fig.numerator, fig.denominator) == (2, 2, None)


def test_contacts_rate_is_annualised_for_a_month_and_not_for_twelve_months():
    rows = [{"child_id": str(i), "contact_date": date(2025, 1, 10)} for i in range(3)]
    assert run_kpi({1: rows}, "contacts_rate", *JAN, population=20_000).value == 3 / 20_000 * 10_000 * 365 / 31
    assert run_kpi({1: rows}, "contacts_rate", *YEAR, population=20_000).value == 3 / 20_000 * 10_000


def test_a_missing_list_gives_null_not_zero():
    fig = run_kpi({3: []}, "contacts", *JAN)
    assert (fig.value, fig.numerator, fig.denominator) == (None, None, None)


def test_an_empty_cohort_gives_a_null_percentage():
    fig = run_kpi({3: []}, "referral_nfa_pct", *JAN)
    assert (fig.value, fig.numerator, fig.denominator) == (None, 0, 0)


def test_rereferral_counts_an_earlier_referral_within_twelve_months_or_the_extract_count():
    rows = [
        {"child_id": "A", "referral_date": date(2024, 1, 10)},   # exactly 12 months before: counts
        {"child_id": "A", "referral_date": date(2025, 1, 10)},
        {"child_id": "B", "referral_date": date(2024, 1, 9)},    # 12 months and a day before: does not
        {"child_id": "B", "referral_date": date(2025, 1, 10)},
        {"child_id": "C", "referral_date": date(2025, 1, 12), "referrals_last_12m": 2},
        {"child_id": "D", "referral_date": date(2025, 1, 20), "referrals_last_12m": 1},
    ]
    fig = run_kpi({3: rows}, "rereferral_pct", *JAN)
    assert (fig.numerator, fig.denominator, fig.value) == (2, 4, 50.0)
    assert children({3: rows}, "rereferral_pct", *JAN) == {"numerator": ["A", "C"], "denominator": ["A", "B", "C", "D"]}


def test_referrals_by_team_add_up_to_the_whole():
    rows = [{"child_id": "1", "referral_date": date(2025, 1, 2), "allocated_team": "North", "referral_nfa": "Yes"},
            {"child_id": "2", "referral_date": date(2025, 1, 3), "allocated_team": "South", "referral_nfa": "No"},
            {"child_id": "3", "referral_date": date(2025, 1, 4), "allocated_team": None, "referral_nfa": "Yes"}]
    teams, whole = run_by_team({3: rows}, "referral_nfa_pct", *JAN)
    assert {t: (f.numerator, f.denominator) for t, f in teams.items()} == {
        "North": (1, 1), "South": (0, 1), "Unallocated": (1, 1)}
    assert (whole.numerator, whole.denominator) == (2, 3)


def test_referrals_per_100_contacts():
    tables = {1: [{"child_id": str(i), "contact_date": date(2025, 1, 5)} for i in range(4)],
              3: [{"child_id": "1", "referral_date": date(2025, 1, 6)}]}
    fig = run_kpi(tables, "referrals_per_100_contacts", *JAN)
    assert (fig.value, fig.numerator, fig.denominator) == (25.0, 1, 4)
