"""practice/follow_up.py (design §6.5): the earlier plan items a practice day shows a team, the team's other open
actions, earlier entries and recent findings, and the §6.5 worked example: 2 ÷ 3 = 67%, 1 of 4 = 25%."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.practice import follow_up
from triangulate.practice.models import PracticeEvent

from ..factories import make_user, theme
from .factories import VisitFactory, make_event
from .follow_up_world import build_follow_up, old_and_recent_findings

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def test_earlier_plan_items_are_the_teams_and_council_wide_of_earlier_complete_events_that_visited():
    world = build_follow_up()
    items = follow_up.earlier_plan_items(world.day, world.team)
    assert [i.action.title for i in items] == ["Review caseload weighting", "Protect supervision time",
                                               "Record the child's views", "Refresh the duty rota"]
    # West 1 was visited by the week: it gets its own item and the council-wide one
    assert [i.action.title for i in follow_up.earlier_plan_items(world.day, world.other_team)] == [
        "Protect supervision time", "West's action"]


def test_an_event_not_complete_later_or_that_did_not_visit_the_team_gives_nothing():
    world = build_follow_up()
    PracticeEvent.objects.filter(pk=world.week.pk).update(status=PracticeEvent.Status.ANALYSIS)
    assert follow_up.earlier_plan_items(world.day, world.team) == []
    PracticeEvent.objects.filter(pk=world.week.pk).update(status=PracticeEvent.Status.COMPLETE)
    # the week is not earlier than itself, nor than an event starting the day it ends
    assert follow_up.earlier_plan_items(world.week, world.team) == []
    unvisited = make_event(council=world.team.council, teams=[], title="Other")
    stranger = VisitFactory(event=world.day).team  # a team of the day the week never visited
    assert follow_up.earlier_plan_items(world.day, stranger) == []
    assert unvisited


def test_a_cancelled_visit_did_not_visit_the_team():
    world = build_follow_up()
    world.week.visits.filter(team=world.team).update(status="cancelled")
    assert follow_up.earlier_plan_items(world.day, world.team) == []


def test_the_worked_example_progress_67_and_actions_complete_25():
    world = build_follow_up()
    figures = follow_up.panel(world.day, world.team, today=TODAY).progress
    assert (figures.progress.value, figures.progress.numerator, figures.progress.denominator) == (67, 2, 3)
    assert (figures.complete.value, figures.complete.numerator, figures.complete.denominator) == (25, 1, 4)


def test_no_checks_and_no_actions_are_none_with_a_reason():
    world = build_follow_up()
    figures = follow_up.panel(world.week, world.team, today=TODAY).progress
    assert figures.progress.value is None and figures.progress.reason == "no action was seen"
    assert figures.complete.value is None and figures.complete.reason == "no actions"


def test_panel_rows_carry_the_last_status_change_and_overdue():
    world = build_follow_up()
    rows = follow_up.panel(world.day, world.team, today=TODAY).plan_items
    done = rows[3]
    assert done.last_change.status == "complete" and done.last_change.note == "Rota agreed"
    assert done.last_change.changed_on == date.today()
    assert not done.overdue  # complete is never overdue
    assert rows[0].overdue  # due 30 April 2026, not started, on 1 December 2026
    assert rows[0].last_change.note == "Action set"
    assert not follow_up.panel(world.day, world.team, today=date(2026, 4, 1)).plan_items[0].overdue


def test_other_open_actions_are_the_teams_own_not_on_an_earlier_plan():
    world = build_follow_up()
    manager = make_user(Role.QA_LEAD)
    own = improvement.create_action(actor=manager, title="Audit follow-up", rationale="r", priority="low",
                                    owner=world.owner, due_date=date(2027, 1, 31), theme=theme(), team=world.team)
    done = improvement.create_action(actor=manager, title="Done already", rationale="r", priority="low",
                                     owner=world.owner, due_date=date(2027, 1, 31), theme=theme(), team=world.team)
    improvement.change_action_status(actor=manager, action=done, status="cancelled", changed_on=date.today())
    other = follow_up.panel(world.day, world.team, today=TODAY).other_open_actions
    assert other == [own]


def test_earlier_entries_by_theme_count_p_and_d_with_development_texts():
    world = build_follow_up()
    rows = {r.theme.slug: r for r in follow_up.panel(world.day, world.team, today=TODAY).entries_by_theme}
    assert set(rows) == {"leadership", "workforce-and-caseloads"}
    assert (rows["leadership"].positive, rows["leadership"].development) == (1, 0)
    assert (rows["workforce-and-caseloads"].positive, rows["workforce-and-caseloads"].development) == (0, 1)
    assert rows["workforce-and-caseloads"].development_texts == ["Caseloads high in Safeguarding North 1"]


def test_findings_from_the_last_12_months_by_theme():
    world = build_follow_up()
    old, recent = old_and_recent_findings(world, recorder=world.organiser)
    grouped = dict(follow_up.panel(world.day, world.team, today=TODAY).findings_by_theme)
    shown = [f for findings in grouped.values() for f in findings]
    assert recent in shown and old not in shown
    # the week's plan findings about North 1 (found 6 February 2026) are within 12 months too
    assert {f.text for f in grouped[theme("workforce-and-caseloads")]} == {"- Issue 1", "- Issue 3", "- Issue 4"}
