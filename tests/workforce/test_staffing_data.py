"""Reading staffing from people's records (workforce/staffing_data.py) and the elected members' disclosure rules
(workforce/staffing_display.py), hand-computed."""

from datetime import date
from decimal import Decimal as D

import pytest

from triangulate.workforce import staffing_data as data
from triangulate.workforce.analytics.staffing import Figures
from triangulate.workforce.staffing_display import Audience, hidden_parts, unit_row

from ..factories import StaffFactory, TeamFactory, add_to_team

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize("value, on, default, error", [
    (None, date(2026, 9, 30), True, ""),
    ("", date(2026, 9, 30), True, ""),
    ("2026-09-30", date(2026, 9, 30), True, ""),
    ("2024-02-29", date(2024, 2, 29), False, ""),
    ("2026-12-05", date(2026, 12, 5), False, ""),  # today
    ("2026-12-06", date(2026, 9, 30), True, "The date must be today or in the past"),
    ("2025-02-29", date(2026, 9, 30), True, "Enter the date as year-month-day"),
    ("2025093", date(2026, 9, 30), True, "Enter the date as year-month-day"),
    ("1999-09-30", date(2026, 9, 30), True, "The date must be on or after 1 January 2000"),
])
def test_the_reference_date(value, on, default, error):
    when = data.reference_date(value, TODAY)
    assert (when.on, when.default) == (on, default)
    assert when.error.startswith(error) and bool(when.error) == bool(error)
    if error:
        assert when.asked == value


def test_spells_and_teams_from_the_records(db):
    team = TeamFactory(establishment_fte=D("4"))
    closed = TeamFactory(council=team.council, establishment_fte=D("3"), is_active=False)
    mover = StaffFactory(council=team.council, fte=D("0.8"), start_date=date(2021, 1, 1),
                         asye_started_on=date(2021, 1, 1), asye_completed_on=date(2022, 1, 1))
    add_to_team(mover, closed, start=date(2021, 1, 1), end=date(2024, 4, 1))
    add_to_team(mover, team, start=date(2024, 4, 1))
    [spell] = data.spells(team.council)
    assert (spell.fte, spell.employment, spell.start, spell.leave) == (D("0.8"), "permanent", date(2021, 1, 1), None)
    assert (spell.team_on(date(2024, 3, 31)), spell.team_on(date(2024, 4, 1))) == (closed.pk, team.pk)
    assert (spell.asye_started, spell.asye_completed) == (date(2021, 1, 1), date(2022, 1, 1))
    picture = data.picture(team.council, date(2025, 9, 30))
    # the closed team has no funded posts: its 3 are not vacancies
    assert picture.staffing.council.establishment_fte == D("4") and picture.staffing.council.vacancy_fte == D("3.2")
    # 30 September 2023: the mover was in the closed team, which counts them though it has no posts
    assert picture.trend[2].teams[closed.pk].permanent_fte == D("0.8")
    assert [c.year for c in picture.cohorts] == [2021]


def figures(**counts):
    base = dict(permanent_fte=D("10"), permanent_headcount=10, agency_fte=D("2"), agency_headcount=2,
                establishment_fte=D("14"), vacancy_fte=D("4"), starters_headcount=7, starters_fte=D("7"),
                leavers_headcount=6, leavers_fte=D("6"), stability_base=9, stability_stayed=3)
    return Figures(**{**base, **counts})


OPEN, CONTROLLED = Audience(False), Audience(True)


def test_nothing_is_hidden_from_a_reader_of_individuals():
    assert hidden_parts(figures(permanent_headcount=1), OPEN) == set()


def test_the_rules_for_an_elected_member():
    # agency 2: hidden with the agency rate and the cover; stability 3 of 9: 3 stayed is small
    assert hidden_parts(figures(), CONTROLLED) == {"agency", "agency_rate", "cover", "stability"}
    # 3 starters: the leavers go too (in post = a year before + starters − leavers), and turnover with them
    assert hidden_parts(figures(agency_headcount=0, starters_headcount=3, stability_stayed=9), CONTROLLED) == {
        "starters", "leavers", "turnover"}
    # 4 in post a year before: so are those in post now, and all that rests on them
    assert hidden_parts(figures(agency_headcount=0, stability_base=4, stability_stayed=4), CONTROLLED) == {
        "permanent", "base", "stability", "vacancy", "vacancy_rate", "cover", "agency_rate", "turnover"}
    row = unit_row("Council", figures(agency_headcount=0, agency_fte=D("0"), stability_base=4, stability_stayed=4),
                   CONTROLLED, kind="council")
    assert (row["permanent"], row["vacancy"], row["establishment"], row["agency"]) == (
        "suppressed", "suppressed", "14.0", "0.0 (0)")
    assert row["values"] == {"turnover": None, "agency_rate": None, "stability": None}
