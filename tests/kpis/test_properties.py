"""Properties every KPI must keep, on random child protection and care episodes (hypothesis)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.kpis.periods import Period
from triangulate.kpis.registry import all_kpis

from .helpers import engine

DAY = st.dates(date(2021, 1, 1), date(2025, 12, 31))
MAYBE_DAY = st.one_of(st.none(), DAY)
TEAM = st.sampled_from(["North", "South", None])

cp_plan = st.fixed_dictionaries({
    "child_id": st.sampled_from(list("ABCDEFG")), "allocated_team": TEAM,
    "allocated_worker": st.sampled_from(["w1", "w2", None]), "cp_start": MAYBE_DAY, "cp_end": MAYBE_DAY,
    "last_visit": MAYBE_DAY, "latest_review": MAYBE_DAY, "seen_alone": st.sampled_from(["Yes", "No", None]),
    "previous_cp_plans": st.one_of(st.none(), st.integers(0, 3)),
})
care_episode = st.fixed_dictionaries({
    "child_id": st.sampled_from(list("HIJKLMN")), "allocated_team": TEAM,
    "allocated_worker": st.sampled_from(["w3", None]), "date_of_birth": st.dates(date(2005, 1, 1), date(2024, 1, 1)),
    "cla_start": MAYBE_DAY, "cla_end": MAYBE_DAY, "placement_start": MAYBE_DAY, "latest_review": MAYBE_DAY,
    "last_visit": MAYBE_DAY, "last_health_assessment": MAYBE_DAY, "last_dental_check": MAYBE_DAY,
    "legal_status": st.sampled_from(["C2", "V2", "V3", "E1", None]),
    "placements_last_12m": st.one_of(st.none(), st.integers(0, 5)),
    "missing_episodes_12m": st.one_of(st.none(), st.integers(0, 3)),
    "placement_location": st.sampled_from(["In LA area", "Out of LA area", None]),
    "uasc": st.sampled_from(["Yes", "No", None]),
})

SECTIONS = ("Child protection", "Children in care", "Caseloads")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans=st.lists(cp_plan, max_size=10), episodes=st.lists(care_episode, max_size=10),
       end=st.dates(date(2023, 1, 31), date(2025, 12, 31)))
def test_percentages_are_in_range_numerators_fit_and_teams_add_up(plans, episodes, end):
    specs = [s for s in all_kpis().values() if s.section in SECTIONS and not s.derived]
    period = Period(end - timedelta(days=90), end)
    results = engine({7: plans, 8: episodes}).run([period], kpi_ids=[s.id for s in specs], by="team")
    for spec in specs:
        whole = results.kpis[spec.id][0]
        if spec.unit == "pct":
            assert whole.numerator <= whole.denominator, spec.id
            assert (whole.value is None) if whole.denominator == 0 else (0 <= whole.value <= 100), spec.id
        if spec.unit in ("pct", "count"):
            teams = [kpis[spec.id][0] for kpis in results.by_team.values()]
            assert sum(t.numerator for t in teams) == whole.numerator, spec.id
            if spec.unit == "pct":
                assert sum(t.denominator for t in teams) == whole.denominator, spec.id
        if spec.unit in ("mean", "median") and whole.denominator == 0:
            assert whole.value is None, spec.id
