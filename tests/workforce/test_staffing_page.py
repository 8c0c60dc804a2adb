"""The staffing page (design §4, §6, §7) on a hand-worked council, measured on 30 September 2025 (the year runs from
30 September 2024, exclusive). The world's Olive (own team), Mo (own team's manager) and Otto (other team) are
permanent, 1 FTE, in post since 6 January 2020; both teams have 10 funded posts. Added below:
  own:   Pat 0.5 FTE since 2021; Lee left on 1 March 2025 (a leaver); Ash an ASYE who started on 15 January 2025
         (a starter); Aga, agency, since 1 June 2025; Fay a family support worker (out of scope)
  other: Ola, an ASYE from 2022 who completed on 1 September 2023 and left on 1 March 2024
On the date:
  own:     permanent Olive, Mo, Pat, Ash = 3.5 FTE (4 people); agency 1.0 (1); vacant 10 − 3.5 = 6.5, agency cover 1.0;
           vacancy rate 6.5 / 10 = 65.0%; agency rate 1 / 4.5 = 22.2%; starters Ash, leavers Lee: turnover
           1 / 3.5 = 28.6%; stability: Olive, Mo, Pat, Lee in post a year before, 3 stayed = 75.0%
  other:   permanent 1.0 (1); vacant 9.0; vacancy rate 90.0%; agency rate 0.0%; turnover 0.0%; stability 1 of 1
  council: permanent 4.5 (5); agency 1.0 (1); funded 20; vacant 6.5 + 9 = 15.5; vacancy rate 15.5 / 20 = 77.5%;
           agency rate 1 / 5.5 = 18.2%; turnover 1 / 4.5 = 22.2%; stability 4 of 5 = 80.0%
ASYE cohorts: 2025 (Ash: started, running); 2022 (Ola: completed, gone 12 and 24 months after)."""

import re
from datetime import date, timedelta
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role

from ..factories import StaffFactory, add_to_team

ON = "2025-09-30"


def staff(team, start, fte="1", leave=None, **fields):
    member = StaffFactory(council=team.council, fte=D(fte), start_date=start, leave_date=leave, **fields)
    add_to_team(member, team, start=start, end=leave)
    return member


@pytest.fixture
def council(world):
    staff(world.own, date(2021, 1, 1), "0.5", first_name="Pat")
    staff(world.own, date(2019, 1, 1), leave=date(2025, 3, 1), first_name="Lee")
    staff(world.own, date(2025, 1, 15), role="asye", asye_started_on=date(2025, 1, 15), first_name="Ash")
    staff(world.own, date(2025, 6, 1), employment="agency", first_name="Aga")
    staff(world.own, date(2020, 1, 1), role="family_support_worker", first_name="Fay")
    staff(world.other, date(2022, 9, 1), leave=date(2024, 3, 1), asye_started_on=date(2022, 9, 1),
          asye_completed_on=date(2023, 9, 1), first_name="Ola")
    return world


def tables(html):
    """{caption: [[cell texts of a row, its header first]]}."""
    out = {}
    for caption, body in re.findall(r'<caption[^>]*>(.*?)</caption>.*?<tbody class="govuk-table__body">(.*?)</tbody>',
                                    html, re.S):
        out[unescape(caption).strip()] = [
            [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c))).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    return out


def page(client_for, user, on=ON):
    response = client_for(user).get(reverse("workforce:staffing"), {"on": on} if on is not None else {})
    assert response.status_code == 200
    return response.content.decode()


POSTS = "In post and vacancies on 30 September 2025"
MOVES = "Starters, leavers and stability in the 12 months to 30 September 2025"
TREND = "Turnover, agency rate and stability for the council at each 30 September"
MONTHLY = "Month by month: the council at the end of each of the last 12 months"


def test_the_census_measures_by_council_service_area_and_team(council, client_for):
    html = page(client_for, council.users[Role.QA_LEAD])
    posts, moves = tables(html)[POSTS], tables(html)[MOVES]
    own_area, other_area = council.own.service_area.name, council.other.service_area.name
    assert posts == [
        ["Council", "4.5 (5)", "1.0 (1)", "20.0", "15.5 (1.0)", "77.5%", "18.2%"],
        *sorted([[f"Service area: {own_area}", "3.5 (4)", "1.0 (1)", "10.0",
                  "6.5 (1.0)", "65.0%", "22.2%"],
                 [f"Service area: {other_area}", "1.0 (1)", "0.0 (0)", "10.0", "9.0 (0.0)",
                  "90.0%", "0.0%"]]),
        ["Team: Children in Care South", "1.0 (1)", "0.0 (0)", "10.0", "9.0 (0.0)",
         "90.0%", "0.0%"],
        ["Team: Safeguarding North 1", "3.5 (4)", "1.0 (1)", "10.0", "6.5 (1.0)",
         "65.0%", "22.2%"],
    ]
    assert moves[0] == ["Council", "1 (1.0)", "1 (1.0)", "22.2%", "80.0% (4 of 5)"]
    assert moves[-1] == ["Team: Safeguarding North 1", "1 (1.0)", "1 (1.0)", "28.6%",
                         "75.0% (3 of 4)"]
    assert moves[-2] == ["Team: Children in Care South", "0 (0.0)", "0 (0.0)", "0.0%",
                         "100.0% (1 of 1)"]
    assert "Pat" not in html and "Olive" not in html  # nobody is named


def test_the_trend_at_each_30_september_and_the_asye_cohorts(council, client_for):
    html = page(client_for, council.users[Role.SENIOR_LEADER])
    trend = tables(html)[TREND]
    assert [row[0] for row in trend] == [f"30 September {y}" for y in range(2021, 2026)]
    # 30 September 2024: Olive, Mo, Pat, Lee, Otto in post; Ola left in March 2024, within that year: turnover
    # 1 / 4.5; of the 6 in post a year before (Ola too) 5 stayed
    assert trend[3] == ["30 September 2024", "4.5 (5)", "0.0 (0)", "0 (0.0)",
                        "1 (1.0)", "22.2%", "0.0%", "83.3% (5 of 6)"]
    assert trend[4][1] == "4.5 (5)" and trend[4][-1] == "80.0% (4 of 5)"
    assert 'role="img"' in html  # the chart is drawn beside its table
    assert "Vacancies are not in the trend: funded posts have no history" in html
    cohorts = tables(html)["ASYE cohorts"]
    assert cohorts == [
        ["2025", "1", "0", "0", "Not available: nobody completed 12 months or more before the date",
         "Not available: nobody completed 24 months or more before the date"],
        ["2022", "1", "1", "0", "0.0% (0 of 1)", "0.0% (0 of 1)"],
    ]


def test_a_team_manager_sees_the_council_the_service_areas_and_their_own_team(council, client_for):
    html = page(client_for, council.users[Role.TEAM_MANAGER])
    labels = [row[0] for row in tables(html)[POSTS]]
    assert labels[0] == "Council" and "Team: Safeguarding North 1" in labels
    assert "Team: Children in Care South" not in labels and len(labels) == 4
    assert "Teams are listed for the teams you work with" in html


def test_an_elected_member_sees_the_council_only_with_small_numbers_suppressed(council, client_for):
    for _ in range(6):  # the other team grows to 7 permanent staff since 2020: the council's 11 are shown
        staff(council.other, date(2020, 1, 1))
    html = page(client_for, council.users[Role.ELECTED_MEMBER])
    found = tables(html)
    # permanent 4.5 + 6 = 10.5 FTE (11 people); vacant 6.5 + (10 − 7) = 9.5, rate 9.5 / 20 = 47.5%. Agency (1),
    # starters (1) and leavers (1) are small: hidden with the agency cover, agency rate and turnover; stability
    # 10 of 11 has a complement of 1: hidden
    assert found[POSTS] == [["Council", "10.5 (11)", "suppressed", "20.0", "9.5 (suppressed)",
                             "47.5%", "suppressed"]]
    assert found[MOVES] == [["Council", "suppressed", "suppressed", "suppressed", "suppressed"]]
    assert "Safeguarding North 1" not in html and "Children in Care South" not in html
    assert council.own.service_area.name not in html
    assert "You see the council's figures only" in html
    # 2025's cohort (1 started) and 2022's (1 completed) are small numbers
    assert found["ASYE cohorts"] == [["2025", "suppressed", "0", "0",
                                      "Not available: nobody completed 12 months or more before the date",
                                      "Not available: nobody completed 24 months or more before the date"],
                                     ["2022", "suppressed", "suppressed", "suppressed", "suppressed", "suppressed"]]
    trend = found[TREND]
    # 30 September 2024: 11 in post; 12 a year before (Ola too), 11 stayed: stability's complement is 1, hidden; 0
    # agency is a true zero; the 1 leaver (Ola) is hidden with the starters and the turnover
    assert trend[3] == ["30 September 2024", "10.5 (11)", "0.0 (0)", "suppressed", "suppressed",
                        "suppressed", "0.0%", "suppressed"]


def test_the_elected_members_suppress_everything_on_a_council_of_five(council, client_for):
    html = page(client_for, council.users[Role.ELECTED_MEMBER])
    posts = tables(html)[POSTS]
    assert posts == [["Council", "suppressed", "suppressed", "20.0", "suppressed", "suppressed", "suppressed"]]
    shown = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)  # the chart's drawing numbers are its own
    assert ">4.5" not in shown and "77.5%" not in shown and "22.2%" not in shown


def test_the_default_date_is_the_latest_30_september(council, client_for):
    today = timezone.localdate()
    census = date(today.year if (today.month, today.day) >= (9, 30) else today.year - 1, 9, 30)
    html = page(client_for, council.users[Role.QA_LEAD], on=None)
    assert f"In post and vacancies on 30 September {census.year}" in html
    assert "the date of the Department for Education's children's social work workforce census" in html
    assert f'value="{census.isoformat()}"' in html


@pytest.mark.parametrize("value, error", [
    ("2025-13-01", "Enter the date as year-month-day, for example 2025-09-30"),
    ("30/09/2025", "Enter the date as year-month-day, for example 2025-09-30"),
    ("20250930", "Enter the date as year-month-day, for example 2025-09-30"),
    ("1999-12-31", "The date must be on or after 1 January 2000"),
])
def test_a_date_that_is_not_one_is_refused_with_a_message(council, client_for, value, error):
    html = page(client_for, council.users[Role.QA_LEAD], on=value)
    assert "There is a problem" in html and error in html and "<title>Error: " in html
    assert 'href="#on"' in html and 'id="on-error"' in html and f'value="{value}"' in html
    today = timezone.localdate()
    assert f"In post and vacancies on 30 September {today.year if today >= date(today.year, 9, 30) else today.year - 1}" \
        in html  # the default date is used


def test_a_future_date_is_refused(council, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = page(client_for, council.users[Role.QA_LEAD], on=tomorrow)
    assert "The date must be today or in the past" in html


def test_any_past_date_says_vacancies_use_todays_funded_posts(council, client_for):
    html = page(client_for, council.users[Role.QA_LEAD], on="2025-03-31")
    assert "In post and vacancies on 31 March 2025" in html
    assert "So vacancies on 31 March 2025 are measured against today's funded posts" in html
    # Lee left on 1 March, Ash started in January, Aga not yet: Olive, Mo, Pat, Ash, Otto (4.5 FTE, 5 people)
    assert tables(html)["In post and vacancies on 31 March 2025"][0][1] == "4.5 (5)"


def test_the_workforce_index_lists_staffing_for_its_readers(world, client_for):
    staffing = reverse("workforce:staffing")
    for role, listed in ((Role.ELECTED_MEMBER, True), (Role.TEAM_MANAGER, True), (Role.PRACTITIONER, False),
                         (Role.AUDITOR, False)):
        html = client_for(world.users[role]).get(reverse("workforce:index")).content.decode()
        assert (f'href="{staffing}"' in html) is listed, role


def test_month_by_month_in_the_last_year(council, client_for):
    monthly = tables(page(client_for, council.users[Role.QA_LEAD]))[MONTHLY]
    assert [row[0] for row in monthly][:2] == ["31 October 2024", "30 November 2024"] and len(monthly) == 12
    # 28 February 2025: Olive, Mo, Pat, Lee (leaves 1 March), Ash and Otto in post; Ash started and Ola left (1 March
    # 2024) in the 12 months; of the 6 in post on 28 February 2024 (Ola too) 5 stayed
    assert monthly[4] == ["28 February 2025", "5.5 (6)", "0.0 (0)", "1 (1.0)",
                          "1 (1.0)", "18.2%", "0.0%", "83.3% (5 of 6)"]
    assert monthly[-1][0] == "30 September 2025" and monthly[-1][-1] == "80.0% (4 of 5)"


def test_the_trend_of_a_team_or_service_area(council, client_for):
    client = client_for(council.users[Role.QA_LEAD])
    html = client.get(reverse("workforce:staffing"), {"on": ON, "unit": f"team-{council.own.pk}"}).content.decode()
    trend = tables(html)["Turnover, agency rate and stability for Safeguarding North 1 at each 30 September"]
    assert trend[-1] == ["30 September 2025", "3.5 (4)", "1.0 (1)", "1 (1.0)",
                         "1 (1.0)", "28.6%", "22.2%", "75.0% (3 of 4)"]
    assert f'<option value="team-{council.own.pk}" selected>' in html
    assert f'<input type="hidden" name="unit" value="team-{council.own.pk}">' in html  # the date form keeps it
    area = council.other.service_area
    html = client.get(reverse("workforce:staffing"), {"on": ON, "unit": f"area-{area.pk}"}).content.decode()
    assert tables(html)[f"Turnover, agency rate and stability for {area.name} at each 30 September"][-1][1] == \
        "1.0 (1)"


def test_a_unit_the_reader_does_not_see_is_not_found(council, client_for):
    other_team = {"on": ON, "unit": f"team-{council.other.pk}"}
    assert client_for(council.users[Role.TEAM_MANAGER]).get(reverse("workforce:staffing"), other_team).status_code \
        == 404
    area = {"on": ON, "unit": f"area-{council.own.service_area.pk}"}
    assert client_for(council.users[Role.ELECTED_MEMBER]).get(reverse("workforce:staffing"), area).status_code == 404
    assert client_for(council.users[Role.QA_LEAD]).get(reverse("workforce:staffing"), {"unit": "team-x"}).status_code \
        == 404


def test_people_in_no_team_count_towards_the_council_only(council, client_for):
    StaffFactory(council=council.own.council, start_date=date(2020, 1, 1))  # no team spell
    html = page(client_for, council.users[Role.QA_LEAD])
    assert tables(html)[POSTS][0][1] == "5.5 (6)"
    assert "1 person in post on 30 September 2025 is in no team" in html
    assert "Teams are listed for the teams you work with" not in html  # the QA lead sees every team


def test_the_workforce_index_lists_teams_by_loading_for_caseload_readers(world, client_for):
    loading = reverse("workforce:loading")
    for role, listed in ((Role.TEAM_MANAGER, True), (Role.INSPECTOR, True), (Role.PRACTITIONER, False),
                         (Role.ELECTED_MEMBER, False)):
        html = client_for(world.users[role]).get(reverse("workforce:index")).content.decode()
        assert (f'href="{loading}"' in html) is listed, role
