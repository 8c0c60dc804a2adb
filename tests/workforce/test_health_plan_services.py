"""Correcting and removing a row of the health check's plan (design §5.4): the row, its finding and its actions move
together in one transaction, against the row's version; removing cancels the open actions and keeps the finding."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement.models import Action, ActionStatusChange, Finding
from triangulate.improvement.services import change_action_status
from triangulate.workforce.models import HealthPlanItem
from triangulate.workforce.services import health as services
from triangulate.workforce.services import health_plan

from .health_helpers import lead, open_check


def closed(world):
    check = open_check(world)
    return services.close_check(actor=lead(world), health_check=check)


def row(world, check, you_said="Caseloads are too high.", we_will="Recruit four social workers"):
    return health_plan.add_plan_item(actor=lead(world), health_check=check, theme="workload", you_said=you_said,
                                     we_will=we_will, owner=lead(world), due_date=date(2027, 3, 31),
                                     we_expect_you="Tell your manager early.")


def test_a_row_is_corrected_with_its_finding_and_action_in_step(world):
    check = closed(world)
    item = row(world, check)
    action = Action.objects.get(finding_id=item.finding_id)
    qa = world.users[Role.QA_LEAD]
    health_plan.update_plan_item(
        actor=lead(world), item=item, expected_version=1, you_said=" Caseloads are far too high. ",
        we_expect_you="Raise it in supervision.",
        we_will={action.pk: {"title": "Recruit six social workers", "owner": qa, "due_date": date(2027, 6, 30)}})
    item.refresh_from_db()
    action.refresh_from_db()
    assert (item.you_said, item.we_expect_you, item.version) == (
        "Caseloads are far too high.", "Raise it in supervision.", 2)
    assert Finding.objects.get(pk=item.finding_id).text == "Caseloads are far too high."
    assert (action.title, action.owner, action.due_date, action.version) == (
        "Recruit six social workers", qa, date(2027, 6, 30), 2)
    assert action.rationale == f"Staff said in the {check.title}: Caseloads are far too high."
    # the trail: what changed, never the words
    on_row = AuditEvent.objects.filter(verb="workforce_health_plan_item.changed").latest("pk").changes
    assert on_row == {"number": 1, "you_said": "changed", "we_expect_you": "changed", "actions": [action.pk]}
    on_action = AuditEvent.objects.get(verb="workforce_health_plan_item.action_changed").changes
    assert on_action == {"number": 1, "title": "changed", "owner": [lead(world).pk, qa.pk],
                         "due_date": ["2027-03-31", "2027-06-30"]}


def test_a_stale_correction_is_refused_and_changes_nothing(world):
    check = closed(world)
    item = row(world, check)
    action = Action.objects.get(finding_id=item.finding_id)
    health_plan.update_plan_item(actor=lead(world), item=item, expected_version=1, we_expect_you="Theirs.")
    with pytest.raises(StaleEdit):
        health_plan.update_plan_item(actor=lead(world), item=item, expected_version=1, you_said="Mine.",
                                     we_will={action.pk: {"title": "Mine too"}})
    item.refresh_from_db()
    action.refresh_from_db()
    assert (item.you_said, item.we_expect_you, action.title) == (
        "Caseloads are too high.", "Theirs.", "Recruit four social workers")
    assert Finding.objects.get(pk=item.finding_id).text == "Caseloads are too high."


def test_adding_a_we_will_makes_an_earlier_edit_page_stale(world):
    item = row(world, closed(world))
    health_plan.add_we_will(actor=lead(world), item=item, we_will="Weighted allocation", owner=lead(world),
                            due_date=date(2027, 6, 30))
    with pytest.raises(StaleEdit):
        health_plan.update_plan_item(actor=lead(world), item=item, expected_version=1, we_expect_you="Mine.")


def test_saving_what_is_stored_changes_nothing(world):
    item = row(world, closed(world))
    action = Action.objects.get(finding_id=item.finding_id)
    before = AuditEvent.objects.count()
    health_plan.update_plan_item(actor=lead(world), item=item, expected_version=1, you_said="Caseloads are too high.",
                                 we_will={action.pk: {"title": action.title, "owner": lead(world),
                                                      "due_date": action.due_date}})
    item.refresh_from_db()
    assert item.version == 1 and AuditEvent.objects.count() == before


def test_a_correction_is_checked(world):
    check = closed(world)
    item = row(world, check)
    other = row(world, check, you_said="Supervision is cancelled.", we_will="Protect supervision")
    theirs = Action.objects.get(finding_id=other.finding_id)
    with pytest.raises(ValidationError) as refused:
        health_plan.update_plan_item(actor=lead(world), item=item, you_said="  ")
    assert refused.value.message_dict == {"you_said": ["Enter what staff said"]}
    with pytest.raises(ValidationError, match="not one of this row"):
        health_plan.update_plan_item(actor=lead(world), item=item, we_will={theirs.pk: {"title": "Taken"}})
    with pytest.raises(PermissionDenied):
        health_plan.update_plan_item(actor=world.users[Role.SERVICE_MANAGER], item=item, we_expect_you="No.")


def test_removing_a_row_cancels_its_open_actions_and_keeps_its_finding(world):
    check = closed(world)
    first = row(world, check)
    second = row(world, check, you_said="Supervision is cancelled.", we_will="Protect supervision")
    third = row(world, check, you_said="Nobody asks us.", we_will="Hold staff forums")
    done = health_plan.add_we_will(actor=lead(world), item=second, we_will="Audit supervision",
                                   owner=lead(world), due_date=date(2027, 1, 31))
    change_action_status(actor=lead(world), action=done, status="complete", changed_on=timezone.localdate(),
                         evidence="Audit report")
    open_one = Action.objects.get(finding_id=second.finding_id, title="Protect supervision")
    second.refresh_from_db()
    cancelled = health_plan.remove_plan_item(actor=lead(world), item=second, expected_version=second.version)
    assert [a.pk for a in cancelled] == [open_one.pk]
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert (open_one.status, done.status) == ("cancelled", "complete")
    change = ActionStatusChange.objects.filter(action=open_one).first()
    assert (change.status, change.note) == ("cancelled", f"Cancelled: its row was removed from the {check.title}'s plan")
    assert Finding.objects.filter(pk=second.finding_id).exists()
    # the rows after it close up
    assert list(HealthPlanItem.objects.order_by("number").values_list("pk", "number")) == [(first.pk, 1),
                                                                                         (third.pk, 2)]
    event = AuditEvent.objects.get(verb="workforce_health_plan_item.removed")
    assert event.changes == {"number": 2, "theme": "workload", "finding": second.finding_id,
                             "cancelled": [open_one.pk]}


def test_a_stale_removal_is_refused(world):
    item = row(world, closed(world))
    health_plan.update_plan_item(actor=lead(world), item=item, we_expect_you="Changed.")
    with pytest.raises(StaleEdit):
        health_plan.remove_plan_item(actor=lead(world), item=item, expected_version=1)
    assert HealthPlanItem.objects.filter(pk=item.pk).exists()
    assert Action.objects.get(finding_id=item.finding_id).status == "not_started"
