"""§4.1's worked example, by hand: seed 7, extract 31 October 2026, sampled 20 November 2026, 12 months."""

from datetime import date

from triangulate.audits.services.sampling import (
    Case,
    CaseRow,
    Params,
    Prior,
    TeamPlan,
    draw,
    one_case_per_child,
    quotas,
    rank_key,
    stratum_order,
)

NORTH, SOUTH, WEST = 1, 2, 3
TEAMS = (TeamPlan(NORTH, "North 1", 4), TeamPlan(SOUTH, "South 2", 4), TeamPlan(WEST, "West 1", 0, True))


def example_cases():
    rows = [CaseRow(f"A0{i}", "cin", "North 1") for i in range(1, 8)]
    rows += [CaseRow("A07", "cp", "North 1"), CaseRow("A08", "cp", "North 1"), CaseRow("A09", "cp", "North 1"),
             CaseRow("A10", "cla", "North 1"), CaseRow("A11", "cin", "North 1")]
    rows += [CaseRow(child, "cla", "South 2") for child in ("B01", "B02", "B06", "B07")]
    rows += [CaseRow("B03", "care_leaver", "South 2"), CaseRow("B04", "cin", "South 2"),
             CaseRow("B05", "cp", "South 2")]
    rows += [CaseRow("C01", "cin", "West 1"), CaseRow("C02", "cp", "West 1"), CaseRow("C03", "cin", "West 1")]
    teams = {"North 1": NORTH, "South 2": SOUTH, "West 1": WEST}
    return [Case(row.child_id, row.case_type, teams[row.team_name]) for row in one_case_per_child(rows)]


PRIOR = [Prior("A06", False, date(2026, 6, 10)), Prior("A11", False, date(2025, 11, 20)),
         Prior("C01", False, date(2026, 8, 14)), Prior("C03", True)]
PARAMS = Params(seed=7, sampled_on=date(2026, 11, 20), teams=TEAMS)


def test_the_keys_are_sha256_of_seed_and_child_id():
    assert rank_key(7, "A01") == "95ec3708" + rank_key(7, "A01")[8:]
    assert len(rank_key(7, "A01")) == 16
    assert [rank_key(7, c)[:8] for c in ("A02", "A07", "B06", "C03")] == ["2e779311", "217fdf14", "526bf9f5",
                                                                          "408e7f74"]
    # Pinned whole, so a change of formula cannot pass unnoticed.
    assert rank_key(7, "A02") == "2e7793112e16c859"


def test_the_worked_example_sample():
    sample = draw(example_cases(), PRIOR, PARAMS, left_out={"no_team": 1, "unmapped": 1})
    assert [c.child_id for c in sample.chosen] == ["A02", "A11", "A09", "A10", "B04", "B05", "B06", "B03",
                                                   "C01", "C02"]
    by_child = {c.child_id: c for c in sample.chosen}
    assert by_child["A09"].case_type == "cp" and by_child["A09"].position == 1
    assert by_child["A11"].position == 2


def test_the_worked_example_counts():
    counts = draw(example_cases(), PRIOR, PARAMS, left_out={"no_team": 1, "unmapped": 1}).counts
    assert counts["1"]["cin"] == {"open": 7, "excluded_recent": 1, "excluded_in_progress": 0, "eligible": 6,
                                  "quota": 2}
    assert counts["1"]["cp"]["quota"] == 1 and counts["1"]["cla"]["quota"] == 1
    assert counts["1"]["care_leaver"] == {"open": 0, "excluded_recent": 0, "excluded_in_progress": 0,
                                          "eligible": 0, "quota": 0}
    assert {c: counts["2"][c]["quota"] for c in ("cin", "cp", "cla", "care_leaver")} == {
        "cin": 1, "cp": 1, "cla": 1, "care_leaver": 1}
    # West 1 is a surgery: C01's recent audit does not count, C03's running audit always does.
    assert counts["3"]["cin"]["excluded_in_progress"] == 1 and counts["3"]["cin"]["excluded_recent"] == 0
    assert counts["left_out"] == {"no_team": 1, "unmapped": 1, "ambiguous": 0, "unplaceable": 0}


def test_the_worked_example_reasons():
    sample = draw(example_cases(), PRIOR, PARAMS)
    reasons = {c.child_id: c.reason for c in sample.chosen}
    assert reasons["A11"] == (
        "North 1 asked for 4 of its 10 eligible cases (6 in need, 3 on protection plans, 1 in care): "
        "2 children in need. This child is 2nd of 6 in the seeded order (seed 7). "
        "Last audited 20 November 2025, over 12 months before sampling.")
    assert reasons["A10"].endswith("1 child in care. This child is 1st of 1 in the seeded order (seed 7).")
    assert reasons["C01"] == "Every open case of West 1 (audit surgery)."


def test_one_case_per_child_prefers_cla_then_cp_then_cin_then_care_leaver():
    rows = [CaseRow("K1", "cin", "A"), CaseRow("K1", "cp", "A"), CaseRow("K2", "care_leaver", "A"),
            CaseRow("K2", "cin", "B"), CaseRow("K3", "cp", "A"), CaseRow("K3", "cla", "C")]
    assert [(r.child_id, r.case_type, r.team_name) for r in one_case_per_child(rows)] == [
        ("K1", "cp", "A"), ("K2", "cin", "B"), ("K3", "cla", "C")]


def test_within_a_list_the_latest_start_wins_then_the_team_name():
    rows = [CaseRow("K1", "cin", "B", start=date(2026, 1, 1)), CaseRow("K1", "cin", "A", start=date(2025, 1, 1)),
            CaseRow("K2", "cin", "B", start=date(2026, 1, 1)), CaseRow("K2", "cin", "A", start=date(2026, 1, 1))]
    assert [r.team_name for r in one_case_per_child(rows)] == ["B", "A"]


def test_closed_cases_take_the_latest_end_first():
    rows = [CaseRow("K1", "cla", "A", end=date(2026, 1, 1)), CaseRow("K1", "cin", "B", end=date(2026, 3, 1))]
    assert one_case_per_child(rows, closed=True)[0].team_name == "B"


def test_quotas_with_fewer_places_than_types_go_to_the_largest_types():
    assert quotas(2, {"cin": 3, "cp": 5, "cla": 3, "care_leaver": 1}) == {"cin": 1, "cp": 1, "cla": 0,
                                                                         "care_leaver": 0}


def test_quotas_add_by_largest_remainder():
    # n' = 5, E = 9: exact 2.78, 1.67, 0.56 → floors 2, 1, 0→1 = 4; the largest remainder (CIN, 0.78) gets 1.
    assert quotas(5, {"cin": 5, "cp": 3, "cla": 1}) == {"cin": 3, "cp": 1, "cla": 1}


def test_quotas_never_pass_the_eligible():
    assert quotas(10, {"cin": 2, "cp": 1}) == {"cin": 2, "cp": 1}
    assert quotas(0, {"cin": 2}) == {"cin": 0}


def test_no_exclusion_when_exclude_months_is_zero():
    params = Params(seed=7, sampled_on=date(2026, 11, 20), teams=TEAMS, exclude_months=0)
    counts = draw(example_cases(), PRIOR, params).counts
    assert counts["1"]["cin"]["excluded_recent"] == 0 and counts["1"]["cin"]["eligible"] == 7


def test_the_round_case_types_filter_the_cases():
    params = Params(seed=7, sampled_on=date(2026, 11, 20), teams=TEAMS[:1], case_types=("cp",))
    # Size 4 but only 3 eligible on protection plans: all three, in key order.
    assert [c.child_id for c in draw(example_cases(), PRIOR, params).chosen] == ["A09", "A07", "A08"]


def test_the_stratum_order_gives_the_next_child_for_a_replacement():
    order = stratum_order(example_cases(), PRIOR, PARAMS, NORTH, "cin")
    assert [case.child_id for _key, _position, case in order] == ["A02", "A11", "A03", "A04", "A01", "A05"]


def test_a_different_seed_gives_a_different_but_repeatable_sample():
    params = Params(seed=8, sampled_on=date(2026, 11, 20), teams=TEAMS)
    first = [c.child_id for c in draw(example_cases(), PRIOR, params).chosen]
    assert first == [c.child_id for c in draw(list(reversed(example_cases())), PRIOR, params).chosen]
