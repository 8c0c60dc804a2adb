"""The engine's own behaviour: series in one run, team breakdowns, benchmarks, properties."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.kpis import benchmarks
from triangulate.kpis.periods import calendar_months
from triangulate.kpis.registry import all_kpis, kpi

from .helpers import engine

# Every id in kpis.md, in its order (the contract the CLI is checked against).
CONTRACT_IDS = ["contacts", "contacts_rate", "referrals", "referrals_rate", "referrals_per_100_contacts",
    "rereferral_pct", "referral_nfa_pct", "assessments_completed", "assessments_rate",
    "assessments_within_45wd_pct", "assessment_median_wd", "assessments_child_seen_pct",
    "assessments_no_support_pct", "assessments_open_over_45wd", "s47_enquiries", "s47_rate", "icpcs",
    "icpc_rate", "icpc_within_15wd_pct", "s47_to_icpc_pct", "icpc_to_cp_pct", "cin_open", "cin_rate",
    "cin_plan_seen_in_timescale_pct", "cp_open", "cp_rate", "cp_starts", "cp_starts_rate", "cp_repeat_pct",
    "cp_ended", "cp_ended_2y_plus_pct", "cp_open_2y_plus", "cp_visits_in_timescale_pct", "cp_seen_alone_pct",
    "cp_reviews_in_timescale_pct", "cla_open", "cla_rate", "cla_starts", "cla_ceased",
    "cla_3plus_placements_pct", "cla_long_term_stability_pct", "cla_reviews_in_timescale_pct",
    "cla_visits_in_timescale_pct", "cla_health_assessment_pct", "cla_dental_check_pct", "cla_missing_pct",
    "cla_out_of_area_pct", "cla_s20_pct", "cla_uasc", "cl_19_21", "cl_in_touch_pct",
    "cl_suitable_accommodation_pct", "cl_eet_pct", "cl_pathway_plan_in_date_pct", "adoption_orders",
    "a1_avg_days", "a2_avg_days", "avg_caseload", "unallocated_open"]


def test_every_kpi_in_the_contract_is_registered_once():
    specs = all_kpis()
    assert sorted(specs) == sorted(CONTRACT_IDS)
    assert len(CONTRACT_IDS) == len(set(CONTRACT_IDS)) == 59


@pytest.mark.parametrize("bad", [{"unit": "percent"}, {"polarity": "up"}, {"kind": "stock"}])
def test_the_registry_refuses_an_unknown_unit_polarity_or_kind(bad):
    # so every registered KPI has a unit, polarity and kind the pages know how to show
    fields = {"unit": "count", "polarity": "higher", "kind": "flow", **bad}
    with pytest.raises(ValueError, match="bad unit, polarity or kind"):
        kpi("not_a_kpi", "Not a KPI", fields["unit"], polarity=fields["polarity"], kind=fields["kind"],
            needs=("referral_date",), lists=(3,))(lambda ctx: None)
    assert "not_a_kpi" not in all_kpis()


def test_a_series_of_months_comes_from_one_run():
    rows = [{"child_id": str(i), "referral_date": date(2025, 1 + i % 3, 10), "allocated_team": "North"}
            for i in range(7)]  # months 1, 2, 3 get 3, 2, 2 referrals
    periods = calendar_months(date(2025, 3, 31), 3)
    results = engine({3: rows}).run(periods, kpi_ids=["referrals"])
    assert [f.value for f in results.kpis["referrals"]] == [3, 2, 2]


def test_benchmarks_ship_with_england_values_and_sources():
    item = benchmarks.england("rereferral_pct")
    assert (item.value, item.year, item.derived) == (22.6, "2024-25", False)
    assert benchmarks.england("referrals_rate").derived is True
    assert set(benchmarks.load()) <= set(all_kpis())


def test_comparison_with_a_benchmark_respects_polarity():
    assert benchmarks.compare("lower", 30.0, 22.6) == "worse"
    assert benchmarks.compare("higher", 90.0, 85.7) == "better"
    assert benchmarks.compare("higher", 85.0, 85.7) == "similar"
    assert benchmarks.compare("contextual", 600, 519) is None


referral = st.fixed_dictionaries({
    "child_id": st.sampled_from(["1", "2", "3", "4", "5"]),
    "referral_date": st.dates(date(2024, 6, 1), date(2025, 6, 30)),
    "allocated_team": st.sampled_from(["North", "South", None]),
    "referral_nfa": st.sampled_from(["Yes", "No", None]),
    "referrals_last_12m": st.one_of(st.none(), st.integers(0, 4)),
})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(referral, max_size=12), start=st.dates(date(2024, 9, 1), date(2025, 3, 1)))
def test_percentages_stay_in_range_and_teams_add_up(rows, start):
    end = start + timedelta(days=90)
    from triangulate.kpis.periods import Period

    results = engine({3: rows}).run([Period(start, end)], kpi_ids=["rereferral_pct", "referral_nfa_pct", "referrals"],
                                    by="team")
    for kpi_id in ("rereferral_pct", "referral_nfa_pct"):
        whole = results.kpis[kpi_id][0]
        assert whole.numerator <= whole.denominator
        assert whole.value is None if whole.denominator == 0 else 0 <= whole.value <= 100
        assert sum(t[kpi_id][0].numerator for t in results.by_team.values()) == whole.numerator
        assert sum(t[kpi_id][0].denominator for t in results.by_team.values()) == whole.denominator
    expected = sum(1 for r in rows if start <= r["referral_date"] <= end)
    assert results.kpis["referrals"][0].value == expected


def test_lists_without_a_team_column_have_no_team_breakdown():
    # kpis.md "Breakdowns": lists 1, 2, 10 and 11 carry no Allocated Team, so their KPIs are not shown by team
    # (never all under "Unallocated"); a team named in list 3 still gets every KPI that has a breakdown
    from triangulate.kpis.periods import Period

    tables = {1: [{"child_id": "9", "contact_date": date(2025, 1, 3)}],
              3: [{"child_id": "9", "referral_date": date(2025, 1, 4), "allocated_team": "South"}],
              8: [{"child_id": "1", "cla_start": date(2024, 1, 1), "allocated_team": "North"}],
              10: [{"child_id": "2", "adoption_order": date(2025, 1, 5)}]}
    ids = ["cla_open", "cla_rate", "adoption_orders", "a1_avg_days", "contacts", "contacts_rate", "referrals",
           "referrals_per_100_contacts"]
    results = engine(tables).run([Period(date(2025, 1, 1), date(2025, 1, 31))], kpi_ids=ids, by="team")
    figures = {team: {k: v[0].value for k, v in kpis.items()} for team, kpis in results.by_team.items()}
    assert figures == {"North": {"cla_open": 1, "cla_rate": None, "referrals": 0},
                       "South": {"cla_open": 0, "cla_rate": None, "referrals": 1}}
    # a team's rate keeps its count (no team population in Annex A)
    assert results.by_team["North"]["cla_rate"][0].numerator == 1
    assert results.kpis["adoption_orders"][0].value == 1
    assert results.kpis["referrals_per_100_contacts"][0].value == 100.0


def test_kind_flags_follow_kpis_md_history():
    specs = all_kpis()
    snapshot = {k for k, s in specs.items() if s.kind == "snapshot"}
    assert snapshot == {
        "assessments_open_over_45wd", "cin_open", "cin_rate", "cin_plan_seen_in_timescale_pct", "cp_open", "cp_rate",
        "cp_open_2y_plus", "cp_visits_in_timescale_pct", "cp_seen_alone_pct", "cp_reviews_in_timescale_pct",
        "cla_open", "cla_rate", "cla_3plus_placements_pct", "cla_long_term_stability_pct",
        "cla_reviews_in_timescale_pct", "cla_visits_in_timescale_pct", "cla_health_assessment_pct",
        "cla_dental_check_pct", "cla_missing_pct", "cla_out_of_area_pct", "cla_s20_pct", "cla_uasc", "cl_19_21",
        "cl_in_touch_pct", "cl_suitable_accommodation_pct", "cl_eet_pct", "cl_pathway_plan_in_date_pct",
        "avg_caseload", "unallocated_open"}
    assert {s.kind for s in specs.values()} == {"flow", "snapshot"}
    # derived rates take their base's kind
    assert (specs["cla_rate"].kind, specs["cp_starts_rate"].kind, specs["contacts_rate"].kind) == (
        "snapshot", "flow", "flow")


def test_team_breakdown_only_for_lists_3_to_9():
    specs = all_kpis()
    no_team = {k for k, s in specs.items() if not s.by_team}
    assert no_team == {"contacts", "contacts_rate", "referrals_per_100_contacts", "adoption_orders", "a1_avg_days",
                       "a2_avg_days"}
    for spec in specs.values():
        assert spec.by_team == (bool(spec.needs) and all(3 <= n <= 9 for n, _ in spec.needs)), spec.id
