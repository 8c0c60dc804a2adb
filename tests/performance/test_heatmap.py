"""The team heat map and a team's own measures: figures through the team-name mapping, judgements against
the council, the small-number caution, roll-ups from numerators and denominators, team scope and an
elected member's disclosure control. Every expectation is worked out by hand from the stored values."""

import html as html_module
import re
from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.kpis import benchmarks
from triangulate.people.models import Locality
from triangulate.performance import heatmap

from ..factories import TeamFactory
from .test_pages import MARCH, extract, store

FRONT_DOOR = reverse("performance:heatmap") + "?section=front-door"


@pytest.fixture
def upload(world):
    return extract(world, MARCH)


@pytest.fixture
def north(world):
    """Two teams of one locality and service area (the world's own team and one more) and the world's other
    team elsewhere."""
    council = world.own.council
    locality = Locality.objects.create(council=council, name="North")
    world.own.locality = locality
    world.own.save()
    TeamFactory(name="Safeguarding North 2", council=council, service_area=world.own.service_area,
                locality=locality)
    world.other.locality = Locality.objects.create(council=council, name="South")
    world.other.save()
    return locality


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def table_rows(html, caption):
    """{row heading: [cell texts]} of the table whose caption contains `caption`, each cell's texts joined
    by single spaces as a screen reader hears them (visually hidden words included)."""
    table = re.search(rf"<caption[^>]*>[^<]*{re.escape(caption)}.*?</caption>(.*?)</table>", html, re.S)
    assert table, caption
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table.group(1), re.S).group(1)
    out = {}
    for tr in re.findall(r"<tr class=\"govuk-table__row\"[^>]*>(.*?)</tr>", body, re.S):
        cells = [" ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", c)).split())
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        out[cells[0]] = cells[1:]
    return out


def texts(cells):
    return cells


def rereferrals(upload, teams, council):
    """Re-referrals (lower is better) for the council and each team: {team: (numerator, denominator)}."""
    store(upload, "rereferral_pct", 100 * council[0] / council[1], *council)
    for team, (n, d) in teams.items():
        store(upload, "rereferral_pct", 100 * n / d, n, d, team=team)


def test_a_locality_adds_up_its_teams_children_not_their_percentages(world, client_for, upload, north):
    # 3 of 4 and 5 of 6: the locality is 8 of 10 = 80.0% (the average of 75.0% and 83.3% would be 79.2%)
    rereferrals(upload, {"Safeguarding North 1": (3, 4), "Safeguarding North 2": (5, 6),
                         "Children in Care South": (12, 40)}, council=(20, 50))
    html = html_of(client_for(world.users[Role.QA_LEAD]), FRONT_DOOR)
    localities = table_rows(html, "Front door: by locality")
    assert texts(localities["North 2 teams"])[1].startswith("80.0% 8 of 10")
    assert texts(localities["South 1 team"])[1].startswith("30.0% 12 of 40")
    assert texts(localities["Whole council"])[1] == "40.0% 20 of 50"
    areas = table_rows(html, "Front door: by service area")
    assert any(texts(cells)[1].startswith("80.0% 8 of 10") for cells in areas.values())


def test_a_team_is_judged_against_the_council_with_a_small_number_caution(world, client_for, upload, north):
    rereferrals(upload, {"Safeguarding North 1": (3, 4), "Safeguarding North 2": (10, 50),
                         "Children in Care South": (16, 40)}, council=(29, 94))  # council 30.9%
    html = html_of(client_for(world.users[Role.QA_LEAD]), FRONT_DOOR)
    rows = table_rows(html, "Front door: each team against the council")
    # fewer re-referrals is better: 75.0% is worse, 20.0% better, 40.0% worse; 4 children is a small number
    north1, north2, south = (texts(rows[name])[1] for name in
                             ("Safeguarding North 1", "Safeguarding North 2", "Children in Care South"))
    assert "75.0%" in north1 and "Worse than the council's figure" in north1
    assert "Small number: read with care" in north1
    assert "Better than the council's figure" in north2 and "Small number" not in north2
    assert "Worse than the council's figure" in south and "Small number" not in south
    # referrals are a count: shown, never judged against the council's count
    assert not heatmap.judge(heatmap.all_kpis()["referrals"], heatmap.disclosure.Cell("count", 3, 3), 10)


def test_the_teams_sort_by_a_measure_with_missing_figures_last(world, client_for, upload, north):
    rereferrals(upload, {"Safeguarding North 1": (30, 40), "Safeguarding North 2": (10, 50),
                         "Children in Care South": (16, 40)}, council=(56, 130))
    store(upload, "referrals", 60, 60, team="Safeguarding North 1")  # a row with no re-referral figure
    client = client_for(world.users[Role.QA_LEAD])

    def order(sort):
        return list(table_rows(html_of(client, f"{FRONT_DOOR}&sort={sort}"), "each team against the council"))

    assert order("rereferral_pct") == ["Safeguarding North 2", "Children in Care South", "Safeguarding North 1"]
    assert order("-rereferral_pct") == ["Safeguarding North 1", "Children in Care South", "Safeguarding North 2"]
    store(upload, "referrals", 20, 20, team="Safeguarding North 2")
    # sorted by referrals, the team without a figure stays last both ways
    assert order("referrals")[-1] == "Children in Care South"
    assert order("-referrals")[-1] == "Children in Care South"
    assert order("-team")[0] == "Safeguarding North 2"


def test_a_team_manager_sees_only_their_own_teams_row(world, client_for, upload, north):
    rereferrals(upload, {"Safeguarding North 1": (3, 4), "Safeguarding North 2": (5, 6),
                         "Children in Care South": (12, 40)}, council=(20, 50))
    html = html_of(client_for(world.users[Role.TEAM_MANAGER]), FRONT_DOOR)
    assert list(table_rows(html, "each team against the council")) == ["Safeguarding North 1"]
    # the locality adds up only the team they see: 3 of 4
    localities = table_rows(html, "by locality")
    assert texts(localities["North 1 team"])[1].startswith("75.0% 3 of 4")
    assert "Safeguarding North 2" not in html and "Children in Care South" not in html
    # another team's page is not found; their own is there
    client = client_for(world.users[Role.TEAM_MANAGER])
    assert client.get(reverse("performance:team", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("performance:team", args=[world.own.pk])).status_code == 200


def test_an_elected_member_sees_the_kpi_pages_suppression_and_roll_ups_that_give_nothing_away(
        world, client_for, upload, north):
    # North 1: 2 of 34 (a small count), so hidden; secondary suppression hides the next smallest cohort too,
    # North 2's 40: both hidden teams are in North
    rereferrals(upload, {"Safeguarding North 1": (2, 34), "Safeguarding North 2": (20, 40),
                         "Children in Care South": (30, 50)}, council=(52, 124))
    # the same again, but the second team hidden is South's 40, so the hidden teams are split
    store(upload, "referral_nfa_pct", 100 * 52 / 124, 52, 124)
    for team, (n, d) in {"Safeguarding North 1": (2, 34), "Safeguarding North 2": (30, 50),
                         "Children in Care South": (20, 40)}.items():
        store(upload, "referral_nfa_pct", 100 * n / d, n, d, team=team)
    member = client_for(world.users[Role.ELECTED_MEMBER])
    html = html_of(member, FRONT_DOOR)
    rows = {name: cells[1] for name, cells in table_rows(html, "each team against the council").items()}
    kpi_page = table_rows(html_of(member, reverse("performance:kpi_detail", args=["rereferral_pct"])), "by team")
    for team in rows:  # the very cells of the KPI page's team table: value, then what it is of
        value, of = kpi_page[team]
        assert rows[team].startswith(value + " ,") and f" {of}" in rows[team]
    assert rows["Safeguarding North 1"].startswith("suppressed") and "of 34" in rows["Safeguarding North 1"]
    assert "5.9%" not in html and "2 of 34" not in html
    localities = table_rows(html, "by locality")
    # North holds both hidden teams: its 22 of 74 is the council's 52 of 124 less South's 30 of 50, which the
    # reader has already, so it is shown
    assert localities["North 2 teams"][1].startswith("29.7% 22 of 74")
    # with the hidden teams split, North less North 2 would be North 1: hidden (and South is its one team)
    assert localities["North 2 teams"][2].startswith("suppressed")
    assert localities["South 1 team"][2].startswith("suppressed")
    assert "32 of 84" not in html
    team_page = html_of(member, reverse("performance:team", args=[world.own.pk]))
    assert "5.9%" not in team_page and "2 of 34" not in team_page and "suppressed" in team_page
    assert "Record a finding" not in html and "Record a finding" not in team_page


def test_the_team_page_lists_the_teams_measures_with_direction_and_comparisons(world, client_for, upload):
    before = extract(world, date(2025, 2, 28))
    year_before = (date(2024, 3, 1), date(2025, 2, 28))
    store(before, "rereferral_pct", 25.0, 25, 100, period=year_before)
    store(before, "rereferral_pct", 100 * 10 / 40, 10, 40, team="Safeguarding North 1", period=year_before)
    store(before, "rereferral_pct", 25.0, 15, 60, team="Children in Care South", period=year_before)
    rereferrals(upload, {"Safeguarding North 1": (12, 40), "Children in Care South": (15, 60)}, council=(27, 100))
    html = html_of(client_for(world.users[Role.QA_LEAD]), reverse("performance:team", args=[world.own.pk]))
    rows = table_rows(html, "Front door: Safeguarding North 1")
    team, since, council, england, act = rows["Re-referrals within 12 months"]
    assert team.startswith("30.0% 12 of 40") and "Worse than the council's figure" in team
    # up from 25.0% in February, and up is worse for re-referrals
    assert since == "↑ Up from 25.0% in February 2025: worse"
    assert council == "27.0% 27 of 100"
    shipped = benchmarks.england("rereferral_pct")  # no council upload: the figure shipped with Triangulate
    assert shipped.value < 30
    assert england == f"{shipped.value:g}% ({shipped.year}) ▼ Worse than England"
    assert "Record a finding" in act and "Add an action" in act
    # a measure that counted nobody in the team is named, not shown as a row of dashes
    assert "Not listed, because they counted no child in this team" in html


def test_the_heat_map_downloads_the_pages_own_texts(world, client_for, upload, north):
    rereferrals(upload, {"Safeguarding North 1": (2, 34), "Safeguarding North 2": (20, 40),
                         "Children in Care South": (30, 50)}, council=(52, 124))
    response = client_for(world.users[Role.ELECTED_MEMBER]).get(FRONT_DOOR + "&format=csv")
    assert response.status_code == 200
    body = response.content.decode()
    assert '"Safeguarding North 1","Team","Re-referrals' in body and "suppressed" in body
    assert "5.9" not in body and '"2 of 34"' not in body


def test_every_sections_default_theme_is_a_default_theme():
    from django.utils.text import slugify

    from triangulate.core.defaults import DEFAULT_THEMES
    from triangulate.kpis.registry import all_kpis
    from triangulate.performance.act_on_number import MEASURE_THEMES, SECTION_THEMES, theme_for

    slugs = {slugify(name) for name, _ in DEFAULT_THEMES}
    assert set(SECTION_THEMES.values()) | set(MEASURE_THEMES.values()) <= slugs
    assert {s.name for s in heatmap.sections()} <= set(SECTION_THEMES)
    # a measure's own theme wins over its section's, and names a measure of the catalogue
    assert set(MEASURE_THEMES) <= set(all_kpis())
    assert (theme_for("cp_seen_alone_pct"), theme_for("cp_visits_in_timescale_pct")) == (
        "voice-of-the-child", "visits-and-direct-work")
