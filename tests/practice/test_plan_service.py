"""services/plan.py (design §7.2): the pre-fill from chosen entries, and adding, editing, moving and removing
items, over the §6.2 example (tests/practice/analysis_example.py)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action, ActionStatusChange, Finding, Source
from triangulate.practice.models import PlanItem, PracticeEvent
from triangulate.practice.services import plan
from triangulate.practice.verbs import Verb

from ..factories import make_user, theme
from .analysis_example import LEADERSHIP, VOICE, build_example
from .factories import make_event

pytestmark = pytest.mark.django_db


def _add(example, *, heading=LEADERSHIP, entries=(), owner=None, **fields):
    values = {"issue_identified": "- Caseloads high", "title": "Review caseload weighting",
              "rationale": "Staff leave and children wait", "priority": "high",
              "owner": owner or make_user(Role.SERVICE_MANAGER), "due_date": date(2027, 3, 31),
              "theme": theme("workforce-and-caseloads"), "team": None, "responsibility_note": "with the heads of service"}
    values.update(fields)
    return plan.add_item(actor=example.organiser, event=example.event,
                         heading=example.event.headings.get(number=heading), entries=entries, **values)


def test_prefill_takes_the_first_heading_the_most_frequent_theme_one_team_and_bullets():
    ex = build_example()
    e = ex.entries
    # e2 and e9 are workforce, e4 supervision: workforce is the most frequent; West 1 and South 2 differ
    filled = plan.prefill([e["e4"], e["e2"], e["e9"]])
    assert filled["heading"].number == LEADERSHIP
    assert filled["theme"].slug == "workforce-and-caseloads"
    assert filled["team"] is None
    assert filled["issue_identified"] == ("• Supervision notes list tasks only\n• Caseloads high\n"
                                          "• Caseloads above 25")


def test_prefill_breaks_a_theme_tie_by_theme_order_and_keeps_one_teams_entries_for_the_team():
    ex = build_example()
    e = ex.entries
    # e4 (supervision) and e5 (workforce), both O2 of West 1: one each, so theme order decides
    first = min([theme("management-oversight-and-supervision"), theme("workforce-and-caseloads")],
                key=lambda t: (t.order, t.name))
    filled = plan.prefill([e["e5"], e["e4"]])
    assert filled["theme"] == first
    assert filled["team"] == ex.teams["West 1"]
    # headings differ: the first chosen entry's
    assert plan.prefill([e["e6"], e["e5"]])["heading"].number == VOICE


def test_add_item_writes_improvements_finding_and_action_and_numbers_within_the_heading():
    ex = build_example()
    owner = make_user(Role.TEAM_MANAGER)
    item = _add(ex, entries=[ex.entries["e2"], ex.entries["e9"]], owner=owner, team=ex.teams["West 1"])
    second = _add(ex, title="Protect supervision time")
    other = _add(ex, heading=VOICE, title="Write up the child's views")
    assert (item.number, second.number, other.number) == (1, 2, 1)
    finding = Finding.objects.get(pk=item.finding_id)
    assert finding.kind == Finding.Kind.AREA_FOR_DEVELOPMENT and finding.source == Source.PRACTICE_WEEK
    assert finding.found_on == ex.event.ends_on  # the event ended before today
    assert finding.text == "- Caseloads high" and finding.team == ex.teams["West 1"]
    action = Action.objects.get(pk=item.action_id)
    assert (action.title, action.rationale, action.priority, action.owner, action.due_date) == (
        "Review caseload weighting", "Staff leave and children wait", "high", owner, date(2027, 3, 31))
    assert action.finding == finding and action.team == ex.teams["West 1"]
    assert action.theme.slug == "workforce-and-caseloads"
    assert set(item.entries.all()) == {ex.entries["e2"], ex.entries["e9"]}
    assert AuditEvent.objects.filter(verb=Verb.PLAN_ITEM_ADDED, object_id=str(item.pk)).exists()


def test_add_item_refuses_missing_fields_and_leaves_nothing_behind():
    ex = build_example()
    with pytest.raises(ValidationError) as error:
        _add(ex, issue_identified=" ", title="", rationale="", priority="urgent", due_date=None)
    assert set(error.value.message_dict) == {"issue_identified", "title", "rationale", "priority", "due_date"}
    assert not Finding.objects.exists() and not Action.objects.exists() and not PlanItem.objects.exists()


def test_add_item_refuses_a_draft_observations_entry_and_another_events_heading():
    ex = build_example()
    with pytest.raises(ValidationError, match="handed-in"):
        _add(ex, entries=[ex.entries["e10"]])  # O4 is a draft
    other = make_event(council=ex.event.council, organisers=[ex.organiser])
    with pytest.raises(ValidationError, match="headings"):
        plan.add_item(actor=ex.organiser, event=ex.event, heading=other.headings.get(number=1),
                      issue_identified="x", title="x", rationale="x", priority="low", owner=ex.organiser,
                      due_date=date(2027, 1, 1), theme=theme())


def test_only_the_events_organiser_builds_the_plan_and_only_in_analysis():
    ex = build_example()
    another_qa = make_user(Role.QA_LEAD)
    with pytest.raises(PermissionDenied):
        plan.add_item(actor=another_qa, event=ex.event, heading=ex.event.headings.get(number=1),
                      issue_identified="x", title="x", rationale="x", priority="low", owner=ex.organiser,
                      due_date=date(2027, 1, 1), theme=theme())
    PracticeEvent.objects.filter(pk=ex.event.pk).update(status=PracticeEvent.Status.COMPLETE)
    ex.event.refresh_from_db()
    with pytest.raises(ValidationError, match="in analysis"):
        _add(ex)


def test_edit_item_moves_it_to_another_heading_last_and_closes_up():
    ex = build_example()
    first, second, third = _add(ex), _add(ex, title="b"), _add(ex, title="c")
    voice_item = _add(ex, heading=VOICE, title="d")
    plan.edit_item(actor=ex.organiser, item=first, issue_identified="- Caseloads above 25",
                   responsibility_note="heads of service", heading=ex.event.headings.get(number=VOICE))
    numbers = {i.action.title: (i.heading.number, i.number) for i in PlanItem.objects.all()}
    assert numbers == {"Review caseload weighting": (VOICE, 2), "b": (LEADERSHIP, 1), "c": (LEADERSHIP, 2),
                       "d": (VOICE, 1)}
    first.refresh_from_db()
    assert first.issue_identified == "- Caseloads above 25" and first.responsibility_note == "heads of service"
    assert second and third and voice_item


def test_move_item_swaps_with_its_neighbour_and_refuses_past_the_ends():
    ex = build_example()
    first, second = _add(ex, title="a"), _add(ex, title="b")
    plan.move_item(actor=ex.organiser, item=second, up=True)
    assert [i.action.title for i in PlanItem.objects.order_by("number")] == ["b", "a"]
    first.refresh_from_db()
    with pytest.raises(ValidationError, match="already last"):
        plan.move_item(actor=ex.organiser, item=first, up=False)


def test_remove_item_cancels_the_action_keeps_the_finding_and_closes_up():
    ex = build_example()
    first, second = _add(ex, title="a"), _add(ex, title="b")
    action_pk, finding_pk = first.action_id, first.finding_id
    plan.remove_item(actor=ex.organiser, item=first)
    action = Action.objects.get(pk=action_pk)
    assert action.status == Action.Status.CANCELLED
    assert ActionStatusChange.objects.filter(action=action, status="cancelled").count() == 1
    assert Finding.objects.filter(pk=finding_pk).exists()
    assert list(PlanItem.objects.values_list("action__title", "number")) == [("b", 1)]
    second.refresh_from_db()
    assert second.number == 1
    assert AuditEvent.objects.filter(verb=Verb.PLAN_ITEM_REMOVED).count() == 1


def test_removing_an_item_whose_action_the_owner_already_cancelled_keeps_one_cancellation():
    ex = build_example()
    owner = make_user(Role.SERVICE_MANAGER)
    item = _add(ex, owner=owner)
    improvement.change_action_status(actor=owner, action=item.action, status="cancelled", changed_on=date.today(),
                                     note="No longer needed")
    item.refresh_from_db()
    plan.remove_item(actor=ex.organiser, item=item)
    changes = sorted(ActionStatusChange.objects.filter(action_id=item.action_id).values_list("status", "note"))
    assert changes == [("cancelled", "No longer needed"), ("not_started", "Action set")]
    assert not PlanItem.objects.exists()
