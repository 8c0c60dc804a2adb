"""The census measures on a hand-worked council (analytics/staffing.py; expectations computed by hand below)."""

from datetime import date
from decimal import Decimal as D

import pytest

from triangulate.workforce.analytics.staffing import Membership, Spell, TeamInfo, measure

ON = date(2025, 9, 30)  # so the year runs 2024-09-30 (exclusive) to 2025-09-30


def sw(key, fte="1", employment="permanent", start=date(2020, 1, 1), leave=None, teams=(), role="social_worker"):
    return Spell(key, role, D(fte), employment, start, leave, tuple(Membership(*m) for m in teams))


TEAMS = [TeamInfo("A", "north", D("5")), TeamInfo("B", "north", D("2")), TeamInfo("C", "south", D("1"))]
SPELLS = [
    sw("p1", teams=[("A", date(2020, 1, 1))]),
    sw("p2", "0.5", start=date(2021, 1, 1), leave=date(2025, 3, 1), teams=[("A", date(2021, 1, 1))]),  # leaver
    sw("p3", role="asye", start=date(2025, 1, 15), teams=[("A", date(2025, 1, 15))]),  # starter
    sw("p4", employment="agency", start=date(2025, 6, 1), teams=[("A", date(2025, 6, 1))]),
    sw("p5", "0.8", role="senior_practitioner", start=date(2019, 5, 1),  # moved B → A: neither leaver nor starter
       teams=[("B", date(2019, 5, 1), date(2025, 4, 1)), ("A", date(2025, 4, 1))]),
    sw("p6", role="family_support_worker", teams=[("A", date(2020, 1, 1))]),  # out of scope
    sw("p7", start=date(2024, 9, 30), teams=[("B", date(2024, 9, 30))]),  # started on the year's first edge: in post
    sw("p8", start=date(2022, 1, 1), leave=date(2024, 9, 30), teams=[("B", date(2022, 1, 1))]),  # gone before
    sw("p9", start=date(2023, 1, 1), leave=ON, teams=[("C", date(2023, 1, 1))]),  # leaves on the date: a leaver
    sw("p10", role="team_manager", start=date(2018, 1, 1)),  # no team: the council only
]


@pytest.fixture
def result():
    return measure(SPELLS, TEAMS, ON)


def test_team_a(result):
    a = result.teams["A"]
    assert (a.permanent_fte, a.permanent_headcount, a.agency_fte, a.agency_headcount) == (D("2.8"), 3, D("1"), 1)
    assert a.vacancy_fte == D("2.2")  # establishment 5 − permanent 2.8: the agency worker covers, not fills
    assert a.agency_cover_fte == D("1")
    assert a.agency_rate.value == pytest.approx(1 / 3.8)
    assert a.vacancy_rate.value == pytest.approx(2.2 / 5.0)
    assert (a.starters_headcount, a.starters_fte, a.leavers_headcount, a.leavers_fte) == (1, D("1"), 1, D("0.5"))
    assert a.turnover_rate.value == pytest.approx(0.5 / 2.8)
    assert (a.stability_base, a.stability_stayed) == (2, 1)  # p1 stayed, p2 left; p5 was in B a year ago
    assert a.stability.value == 0.5


def test_team_b_edges(result):
    b = result.teams["B"]
    assert (b.permanent_fte, b.permanent_headcount, b.vacancy_fte) == (D("1"), 1, D("1"))
    assert b.agency_rate.value == 0.0
    assert (b.starters_headcount, b.leavers_headcount) == (0, 0)
    assert b.turnover_rate.value == 0.0
    assert (b.stability_base, b.stability_stayed) == (2, 2)  # p5 (moved on, still in post) and p7


def test_empty_team_rates_say_why(result):
    c = result.teams["C"]
    assert c.permanent_fte == 0 and c.vacancy_fte == D("1")
    assert c.vacancy_rate.value == 1.0
    assert c.agency_rate.value is None and "no permanent or agency" in c.agency_rate.reason
    assert (c.leavers_headcount, c.leavers_fte) == (1, D("1"))
    assert c.turnover_rate.value is None and c.turnover_rate.reason
    assert c.stability.value == 0.0


def test_council(result):
    c = result.council
    assert (c.permanent_fte, c.permanent_headcount, c.agency_fte) == (D("4.8"), 5, D("1"))
    assert (c.establishment_fte, c.vacancy_fte) == (D("8"), D("4.2"))  # the teams' vacancies summed
    assert (c.starters_headcount, c.leavers_headcount, c.leavers_fte) == (1, 2, D("1.5"))
    assert c.turnover_rate.value == pytest.approx(1.5 / 4.8)
    assert c.agency_rate.value == pytest.approx(1 / 5.8)
    assert c.vacancy_rate.value == pytest.approx(4.2 / 9.0)
    assert (c.stability_base, c.stability_stayed) == (6, 4)
    # in post now = in post a year ago + starters − leavers
    assert c.permanent_headcount == c.stability_base + c.starters_headcount - c.leavers_headcount


def test_service_areas_sum_their_teams(result):
    north, south = result.service_areas["north"], result.service_areas["south"]
    assert (north.permanent_fte, north.establishment_fte, north.vacancy_fte) == (D("3.8"), D("7"), D("3.2"))
    assert (north.stability_base, north.stability_stayed, north.leavers_fte) == (4, 3, D("0.5"))
    assert (south.permanent_fte, south.vacancy_fte, south.leavers_headcount) == (0, D("1"), 1)


def test_nothing_to_count():
    empty = measure([], [], ON).council
    assert empty.vacancy_rate.value is None and empty.vacancy_rate.reason == "no establishment recorded"
    for rate in (empty.agency_rate, empty.turnover_rate, empty.stability):
        assert rate.value is None and rate.reason
