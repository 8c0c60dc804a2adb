"""analytics/weighting.py by hand (design §3), with the default scheme's points: assessment 2, s47 2.5, cin 1.5,
cp 2.5, cla 2, care leaver 1; court +1.5, missing +1, disability +0.5, out of area +0.5; social worker 40, senior
practitioner 36, ASYE 40, personal adviser 50; bands green < 85, amber 85–100, red > 100; ASYE 80% for 6 months,
then 90%."""

from datetime import date
from decimal import Decimal as D

import pytest

from triangulate.workforce.analytics import weighting as w

SCHEME = w.Scheme(
    case_points={"assessment": D("2"), "s47": D("2.5"), "cin": D("1.5"), "cp": D("2.5"), "cla": D("2"),
                 "care_leaver": D("1")},
    modifier_points={"court": D("1.5"), "missing": D("1"), "disability": D("0.5"), "out_of_area": D("0.5")},
    role_capacity={"social_worker": D("40"), "senior_practitioner": D("36"), "asye": D("40"),
                   "personal_adviser": D("50")})
ALL_FALSE = {"court": False, "missing": False, "disability": False, "out_of_area": False}


def case(child, kind, **flags):
    return w.Case(child, kind, {**ALL_FALSE, **flags})


def test_a_child_takes_its_highest_kind_and_adds_each_modifier_present():
    # cin 1.5 and cp 2.5 -> 2.5; court 1.5 + disability 0.5 -> 4.5
    got = w.child_points(SCHEME, [case("C1", "cin", disability=True), case("C1", "cp", court=True)])
    assert got.base == D("2.5") and got.kinds == ("cp", "cin")
    assert got.modifiers == ("court", "disability")
    assert got.points == got.computed == D("4.5")
    assert got.unknown == ()


def test_an_unknown_flag_adds_nothing_and_is_named():
    # cla 2 + missing 1; court unknown (not added), out of area unknown
    got = w.child_points(SCHEME, [case("C2", "cla", missing=True, court=None, out_of_area=None)])
    assert got.points == D("3")
    assert got.unknown == ("court", "out_of_area")


def test_a_flag_true_on_one_case_and_unknown_on_another_is_present():
    got = w.child_points(SCHEME, [case("C3", "cin", court=None), case("C3", "cla", court=True)])
    assert got.modifiers == ("court",) and got.unknown == ()
    assert got.points == D("3.5")  # cla 2 + court 1.5


def test_a_flag_the_scheme_does_not_weigh_or_no_case_carries_is_ignored():
    # sibling is not in this scheme; a case that does not carry a flag at all is not "unknown"
    got = w.child_points(SCHEME, [w.Case("C4", "cp", {"sibling": True})])
    assert got.points == D("2.5") and got.unknown == () and got.modifiers == ()


def test_an_override_replaces_the_childs_points_but_keeps_the_computed_ones():
    got = w.child_points(SCHEME, [case("C5", "cp", court=True)], override=D("6"))
    assert got.computed == D("4") and got.points == D("6")
    zero = w.child_points(SCHEME, [case("C5", "cp")], override=D("0"))
    assert zero.points == D("0")  # an override of nought is an override, not "none"


def test_load_sums_the_children_once_each():
    cases = [case("A", "cin"), case("A", "cp"), case("B", "assessment", disability=True), case("C", "care_leaver")]
    children = w.children_points(SCHEME, cases, overrides={"C": D("3")})
    assert [c.child_ref for c in children] == ["A", "B", "C"]
    # A: 2.5, B: 2 + 0.5 = 2.5, C: overridden 3 -> 8
    assert w.load_of(children) == D("8")


@pytest.mark.parametrize(("on", "percent"), [
    (date(2025, 12, 31), 100),  # before the ASYE started
    (date(2026, 1, 1), 80),  # the first day
    (date(2026, 6, 30), 80),  # the last day of the first 6 months
    (date(2026, 7, 1), 90),  # 6 months on
    (date(2026, 12, 31), 90),
    (date(2027, 1, 1), 100),  # completed that day
])
def test_the_asye_factor_by_date(on, percent):
    assert w.asye_percent(SCHEME, on, date(2026, 1, 1), date(2027, 1, 1)) == percent


def test_six_months_from_the_31st_of_august_ends_at_the_end_of_february():
    assert w.add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert w.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert w.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_capacity_is_role_points_times_fte_times_the_asye_factor():
    on = date(2026, 3, 1)
    full = w.capacity_of(SCHEME, on, role="social_worker", fte=D("1"))
    assert full.points == D("40") and full.factor_percent == 100
    part = w.capacity_of(SCHEME, on, role="senior_practitioner", fte=D("0.6"))
    assert part.points == D("21.6")  # 36 × 0.6
    asye = w.capacity_of(SCHEME, on, role="asye", fte=D("0.8"), asye_started_on=date(2026, 1, 5))
    assert asye.points == D("25.6") and asye.factor_percent == 80  # 40 × 0.8 × 80%
    later = w.capacity_of(SCHEME, date(2026, 9, 1), role="asye", fte=D("1"), asye_started_on=date(2026, 1, 5))
    assert later.points == D("36")  # 40 × 90%


def test_no_capacity_says_why():
    on = date(2026, 3, 1)
    assert w.capacity_of(SCHEME, on, has_staff=False).reason == w.NO_STAFF_RECORD
    assert w.capacity_of(SCHEME, on, role="team_manager", fte=D("1")).reason == w.NO_ROLE_CAPACITY
    loading = w.loading_of(SCHEME, w.children_points(SCHEME, [case("A", "cp")]),
                           w.capacity_of(SCHEME, on, has_staff=False))
    assert loading.load == D("2.5") and loading.percent is None and loading.band is None
    assert loading.reason == w.NO_STAFF_RECORD


def _loading(load, capacity):
    children = [w.ChildPoints("X", ("cin",), D(0), (), (), D(0), override=D(load))]
    return w.loading_of(SCHEME, children, w.Capacity(D(capacity), 100))


@pytest.mark.parametrize(("load", "capacity", "percent", "band"), [
    ("34", "40", D("85.0"), w.AMBER),  # exactly 85: amber
    ("33.9", "40", D("84.8"), w.GREEN),  # 84.75 rounds half up to 84.8
    ("40", "40", D("100.0"), w.AMBER),  # exactly 100: still amber
    ("40.1", "40", D("100.3"), w.RED),  # 100.25 -> 100.3
    ("0", "40", D("0.0"), w.GREEN),
    ("14.3", "21.6", D("66.2"), w.GREEN),  # 66.203...
    ("30.59", "36", D("85.0"), w.GREEN),  # 84.972...: shown as 85.0 but decided on the exact quotient
])
def test_loading_percent_and_band(load, capacity, percent, band):
    got = _loading(load, capacity)
    assert (got.percent, got.band) == (percent, band)


def test_a_workers_loading_lists_the_unknown_flags_of_their_children():
    children = w.children_points(SCHEME, [case("A", "cla", court=None), case("B", "cin", missing=None)])
    got = w.loading_of(SCHEME, children, w.Capacity(D("40"), 100))
    assert got.load == D("3.5") and got.percent == D("8.8")  # 3.5 / 40 = 8.75%
    assert got.unknown == ["court", "missing"]


def test_a_totals_percent():
    assert w.percent_of(D("50"), D("76")) == D("65.8")  # 65.789...
    assert w.percent_of(D("5"), D("0")) is None
