"""Team tables show the council's teams: extract team names are read through the editable mapping when the
page is drawn, several spellings of one team add up, and names that mean no team are listed as such."""

import pytest

from triangulate.core.roles import Role
from triangulate.datasets.teams.services import map_team_name
from triangulate.performance.team_rows import TeamFigure, by_council_team, combine

from .test_pages import MARCH, extract, page, store, table_rows


@pytest.fixture
def upload(world):
    return extract(world, MARCH)


def test_two_spellings_of_one_team_add_up_under_the_council_teams_name(world, client_for, upload):
    lead = world.users[Role.QA_LEAD]
    council = world.own.council
    # "Safeguarding North 1" matches by name; "SG North One" is mapped to it by hand
    map_team_name(actor=lead, council=council, extract_name="SG North One", team=world.own)
    store(upload, "referral_nfa_pct", 100 * 30 / 100, 30, 100)
    store(upload, "referral_nfa_pct", 100 * 10 / 40, 10, 40, team="Safeguarding North 1")
    store(upload, "referral_nfa_pct", 100 * 8 / 20, 8, 20, team="SG North One")
    store(upload, "referral_nfa_pct", 100 * 12 / 40, 12, 40, team="Mystery Team")
    html = page(client_for(lead), "performance:kpi_detail", "referral_nfa_pct")
    rows = table_rows(html, "by team")
    assert rows["Safeguarding North 1"] == ["30.0%", "18 of 60"]  # (10 + 8) / (40 + 20)
    assert rows["Mystery Team"] == ["30.0%", "12 of 40"]
    assert "SG North One" not in rows
    assert "not mapped to a council team: Mystery Team" in html


def test_figures_combine_through_their_numerators_and_denominators():
    a, b = TeamFigure(50.0, 5, 10, 1), TeamFigure(25.0, 5, 20, None)
    assert combine("pct", [a, b]) == TeamFigure(100 * 10 / 30, 10, 30, 1)
    assert combine("count", [TeamFigure(4, 4, None, 0), TeamFigure(3, 3, None, 2)]) == TeamFigure(7, 7, None, 2)
    assert combine("mean", [TeamFigure(10.0, 30.0, 3, 0), TeamFigure(2.0, 2.0, 1, 0)]) == TeamFigure(8.0, 32.0, 4, 0)
    # a median of two groups cannot be worked out from their medians
    assert combine("median", [TeamFigure(10.0, None, 3, 0), TeamFigure(2.0, None, 1, 0)]).value is None


def test_an_unmapped_name_keeps_its_spelling_and_is_reported(world):
    rows, unmapped = by_council_team("count", {"Nowhere": TeamFigure(3, 3, None, 0)}, world.own.council)
    assert list(rows) == ["Nowhere"] and unmapped == ["Nowhere"]
