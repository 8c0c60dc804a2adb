"""The analysis page (design §6.1–6.3, §7.2, §9.1) on §6.2's worked example: what the organiser sees, what an
assessor who is a team manager sees, and the tick boxes that lead to the action plan."""

import re
from datetime import time

import pytest
from django.urls import NoReverseMatch, reverse

from triangulate.core.roles import Role
from triangulate.practice.models import AnalysisReport, Assessor, EntryPick, PracticeEvent

from ..factories import StaffFactory, TeamFactory, add_to_team, make_user, theme
from .analysis_example import build_example
from .factories import ObservationEntryFactory, VisitFactory, make_event
from .page_text import section, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    return build_example()


def page(client, event, **query):
    response = client.get(reverse("practice:analysis", args=[event.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_organiser_sees_the_designs_figures(example, client_for):
    content = page(client_for(example.organiser), example.event)
    text = words(content)
    assert "Counted from 4 handed-in observations in 3 teams" in text
    by_theme = section(content, "by-theme")
    for row in ("Leadership 2 of 3 (67%) 0 of 3 (0%)",
                "Voice of the child 2 of 3 (67%) 1 of 3 (33%)",
                "Management oversight and supervision 0 of 3 (0%) 1 of 3 (33%)",
                "Multi-agency working 1 of 3 (33%) 0 of 3 (0%)",
                "Workforce and caseloads 0 of 3 (0%) 2 of 3 (67%)",
                "Parent and carer experience 1 of 3 (33%) 0 of 3 (0%)"):
        assert row in by_theme
    assert section(content, "felt-supported").startswith("Felt supported 1 of 2 teams asked said they felt supported.")
    assert "Mixed: Safeguarding West 1." in section(content, "felt-supported")
    assert section(content, "heard-directly") == (
        "Heard directly A child was heard directly in 2 of 4 visits (50%) "
        "A parent or carer was heard directly in 2 of 4 visits (50%)")


def test_the_theme_by_team_tables(example, client_for):
    table = section(page(client_for(example.organiser), example.event), "theme-by-team")
    # teams in name order: North 1, South 2, West 1; then teams with a strength, with an area for development
    assert ("1. Leadership Theme Safeguarding North 1 Safeguarding South 2 Safeguarding West 1 Teams with a strength "
            "Teams with an area for development") in table
    assert "Workforce and caseloads None A 1 A 2 0 2" in table
    assert "Leadership S 1 S 1 None 2 0" in table  # e10, on the draft, is not counted
    assert "Voice of the child None S 1 S 1 · A 1 2 1" in table  # e13 was removed
    assert "4. Good or innovative practice" in table
    assert "Multi-agency working G 1 None None 1" in table


def test_representative_entries_and_picks(example, client_for):
    client = client_for(example.organiser)
    rep = section(page(client, example.event), "representative")
    # Leadership × workforce × area: e5 (West 1 has 2; e5 is longer than e9) then e2 (South 2)
    assert ("Workforce and caseloads: area for development Senior practitioner carries a full caseload and cannot "
            "supervise Caseloads high") in rep
    report = AnalysisReport.objects.create(event=example.event)
    EntryPick.objects.create(report=report, entry=example.entries["e9"], position=1)
    rep = section(page(client, example.event), "representative")
    assert "Workforce and caseloads: area for development Caseloads above 25 Chosen Caseloads high" in rep


def test_drafts_and_names_are_for_the_organiser(example, client_for):
    jo = StaffFactory(council=example.event.council, first_name="Jo", last_name="Bell")
    add_to_team(jo, example.teams["West 1"])
    entry = example.entries["e7"]
    entry.text = "Jo did direct work with colours for feelings"
    entry.save()
    content = page(client_for(example.organiser), example.event)
    assert section(content, "names") == (
        "Entries that may contain a name These entries hold the first or last name of someone in the visited team. "
        "Check them before they go in the report. Jo did direct work with colours for feelings (this may contain a "
        "name: Jo Bell is in Safeguarding West 1)")
    assert section(content, "not-handed-in").startswith(
        "Not handed in Not counted in the analysis. Observations still drafts Safeguarding North 1, ")
    assert "Dan Assessor" in section(content, "not-handed-in")
    assert "Visits that did not happen" not in content


def test_the_tick_boxes_lead_to_the_action_plan(example, client_for):
    content = page(client_for(example.organiser), example.event)
    e = example.entries
    boxes = re.findall(r'name="entry" type="checkbox" value="(\d+)" form="plan-form"', content)
    try:
        plan_url = reverse("practice:plan_item_create", args=[example.event.pk])
    except NoReverseMatch:  # slice S6 has not landed: the form is left out rather than broken
        assert boxes == [] and "Add to the action plan" not in content
        return
    assert f'<form method="get" action="{plan_url}" id="plan-form"' in content
    # every development and positive entry, never a quote; e10 (draft) and e13 (removed) are not there
    counted = ("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e11", "e12")
    assert sorted(map(int, boxes)) == sorted(e[label].pk for label in counted)
    assert "Add to the action plan" in content


def test_an_assessor_who_manages_a_team_sees_figures_not_every_entry(example, client_for):
    manager = make_user(Role.TEAM_MANAGER, teams=[example.teams["South 2"]])
    Assessor.objects.create(event=example.event, user=manager, name="Tom Manager")
    content = page(client_for(manager), example.event)
    assert "Voice of the child 2 of 3 (67%) 1 of 3 (33%)" in section(content, "by-theme")
    assert "Senior practitioner carries a full caseload" in section(content, "representative")
    assert 'id="entries"' not in content and 'id="not-handed-in"' not in content and "checkbox" not in content
    assert "Choose" not in section(content, "representative")


def test_a_qa_lead_who_does_not_organise_reads_every_entry_but_ticks_and_picks_nothing(example, client_for):
    content = page(client_for(make_user(Role.QA_LEAD)), example.event)
    entries = section(content, "entries")
    assert entries.startswith("Entries Every entry handed in Heading Kind Theme Team Entry Leadership Strength")
    assert "Caseloads above 25" in entries and "Team meeting was lively" not in entries
    assert "checkbox" not in content and "Choose" not in entries and 'id="not-handed-in"' not in content


def test_who_may_read_it(example, client_for):
    url = reverse("practice:analysis", args=[example.event.pk])
    assert client_for(make_user(Role.SERVICE_MANAGER)).get(url).status_code == 403  # not an assessor
    assert client_for(example.users["ann"]).get(url).status_code == 200  # an auditor who assessed
    assert client_for(make_user(Role.ELECTED_MEMBER)).get(url).status_code == 403
    assert client_for(make_user(Role.INSPECTOR)).get(url).status_code == 200


def test_quotes_are_listed_not_counted_and_only_usable_ones(example, client_for):
    observation, heading = example.observations["O2"], example.event.headings.get(number=2)
    for text, by, agreed in (("They ring me back", "parent_carer", True), ("I want to stay", "child", False),
                             ("We talk in supervision", "staff", False)):
        ObservationEntryFactory(observation=observation, heading=heading, kind="quote", quote_by=by,
                                may_quote=agreed, theme=theme("voice-of-the-child"), text=text)
    content = page(client_for(example.users["ann"]), example.event)
    assert section(content, "quotes") == (
        "Quotes Listed, not counted. Only quotes that may be used: from staff or partners, or from a child or parent "
        "or carer who agreed to be quoted without their name. 2. The voice of the child “They ring me back” (a "
        "parent or carer; Voice of the child) “We talk in supervision” (a member of staff; Voice of the child)")
    assert "Voice of the child 2 of 3 (67%) 1 of 3 (33%)" in section(content, "by-theme")  # quotes not counted


def test_visits_that_did_not_happen_are_listed_apart(example, client_for):
    VisitFactory(event=example.event, event_team=example.event.teams.get(team=example.teams["South 2"]),
                 assessor=example.observations["O1"].assessor, status="did_not_happen",
                 status_reason="Family cancelled", starts_at=time(15), ends_at=time(16))
    text = section(page(client_for(example.organiser), example.event), "not-handed-in")
    assert "Visits that did not happen Safeguarding South 2, 2 February 2026: Ann Assessor (Family cancelled)" \
        in text


def test_an_event_with_nothing_handed_in(client_for):
    organiser = make_user(Role.QA_LEAD)
    event = make_event(organisers=[organiser], teams=[TeamFactory()], created_by=organiser,
                       status=PracticeEvent.Status.OBSERVING)
    content = page(client_for(organiser), event)
    assert "Counted from 0 handed-in observations in 0 teams" in words(content)
    assert section(content, "felt-supported") == "Felt supported No team was asked."
    assert section(content, "heard-directly") == (
        "Heard directly A child was heard directly no observation handed in yet "
        "A parent or carer was heard directly no observation handed in yet")
