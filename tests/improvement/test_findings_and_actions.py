from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.improvement import selectors, services
from triangulate.improvement.models import Action, ActionStatusChange, Finding, Source

from ..factories import theme


@pytest.fixture
def action(world):
    return services.create_action(
        actor=world.users[Role.TEAM_MANAGER], title="Refresh chronologies", rationale="New workers lack history",
        priority="high", owner=world.users[Role.PRACTITIONER], due_date=date(2027, 1, 29), theme=theme("recording"),
        team=world.own)


def test_recording_a_finding_is_audited(world):
    finding = services.record_finding(actor=world.users[Role.AUDITOR], kind=Finding.Kind.STRENGTH,
                                      text="  Good direct work ", theme=theme(), team=world.other,
                                      source=Source.CASE_AUDIT, found_on=date(2026, 11, 2))
    assert finding.text == "Good direct work"
    event = AuditEvent.objects.get(verb="finding.recorded")
    assert event.changes == {"kind": "strength", "theme": theme().pk, "team": world.other.pk,
                             "source": "case_audit", "found_on": "2026-11-02"}


def test_a_team_manager_cannot_record_a_finding_for_another_team(world):
    with pytest.raises(PermissionDenied):
        services.record_finding(actor=world.users[Role.TEAM_MANAGER], kind=Finding.Kind.STRENGTH, text="x",
                                theme=theme(), team=world.other, source=Source.OTHER, found_on=date(2026, 1, 1))
    assert Finding.objects.count() == 0


def test_a_practitioner_cannot_record_findings(world):
    with pytest.raises(PermissionDenied):
        services.record_finding(actor=world.users[Role.PRACTITIONER], kind=Finding.Kind.STRENGTH, text="x",
                                theme=theme(), team=world.own, source=Source.OTHER, found_on=date(2026, 1, 1))


def test_a_finding_cannot_be_dated_in_the_future(world):
    with pytest.raises(ValidationError):
        services.record_finding(actor=world.users[Role.QA_LEAD], kind=Finding.Kind.STRENGTH, text="x",
                                theme=theme(), team=None, source=Source.OTHER,
                                found_on=timezone.localdate() + timedelta(days=1))


def test_a_new_action_starts_its_status_history(action, world):
    history = list(action.status_history.values_list("status", "note"))
    assert history == [("not_started", "Action set")]


def test_the_owner_moves_their_action_through_its_statuses(action, world):
    owner = world.users[Role.PRACTITIONER]
    today = timezone.localdate()
    services.change_action_status(actor=owner, action=action, status="in_progress", changed_on=today,
                                  note="Started with the oldest cases")
    services.change_action_status(actor=owner, action=action, status="complete", changed_on=today,
                                  evidence="All 23 chronologies updated; checked in audit")
    action.refresh_from_db()
    assert action.status == "complete"
    assert action.evidence == "All 23 chronologies updated; checked in audit"
    assert [s for s, in ActionStatusChange.objects.filter(action=action).order_by("id").values_list("status")] == \
        ["not_started", "in_progress", "complete"]
    assert AuditEvent.objects.filter(verb="action.status_changed").count() == 2


def test_completing_an_action_needs_evidence_and_changes_nothing_without_it(action, world):
    with pytest.raises(ValidationError) as error:
        services.change_action_status(actor=world.users[Role.PRACTITIONER], action=action, status="complete",
                                      changed_on=timezone.localdate())
    assert error.value.message_dict == {"evidence": ["Enter the evidence that the action is complete"]}
    action.refresh_from_db()
    assert action.status == "not_started"
    assert action.status_history.count() == 1


def test_someone_else_in_another_team_cannot_update_the_action(action, world):
    from ..factories import make_user

    stranger = make_user(Role.TEAM_MANAGER, teams=[world.other], username="stranger")
    with pytest.raises(PermissionDenied):
        services.change_action_status(actor=stranger, action=action, status="in_progress",
                                      changed_on=timezone.localdate())


def test_an_inspector_cannot_update_even_a_visible_action(action, world):
    with pytest.raises(PermissionDenied):
        services.change_action_status(actor=world.users[Role.INSPECTOR], action=action, status="in_progress",
                                      changed_on=timezone.localdate())


def test_the_owner_sees_their_action_even_outside_their_teams(world):
    owner = world.users[Role.PRACTITIONER]
    other_action = services.create_action(
        actor=world.users[Role.QA_LEAD], title="Other team's action", rationale="r", priority="low", owner=owner,
        due_date=date(2027, 2, 1), theme=theme(), team=world.other)
    assert other_action in selectors.actions_visible_to(owner)


def test_the_action_summary_counts_open_overdue_and_due_soon(world):
    qa = world.users[Role.QA_LEAD]
    today = timezone.localdate()
    for due, title in ((today - timedelta(days=1), "overdue"), (today + timedelta(days=14), "due soon"),
                       (today + timedelta(days=15), "later")):
        services.create_action(actor=qa, title=title, rationale="r", priority="low", owner=qa, due_date=due,
                               theme=theme(), team=world.own)
    done = Action.objects.get(title="later")
    services.change_action_status(actor=qa, action=done, status="complete", changed_on=today, evidence="done")
    summary = {row["label"]: row["count"] for row in selectors.action_summary(qa)}
    assert summary == {"open actions": 2, "overdue": 1, "due in the next 14 days": 1, "complete": 1}


def test_the_finding_form_rejects_bad_input_with_an_error_summary(world, client_for):
    response = client_for(world.users[Role.TEAM_MANAGER]).post(reverse("improvement:finding_create"), {
        "kind": "", "text": "", "theme": "", "team": str(world.other.pk), "source": "",
        "found_on-day": "30", "found_on-month": "2", "found_on-year": "2026"})
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Select whether this is a strength or an area for development", "Enter the finding",
                    "Select a theme", "Select where the finding came from", "The date found must be a real date",
                    "Select a valid choice"):  # another team's id is not offered to a team manager
        assert message in html
    assert Finding.objects.count() == 0


def test_a_finding_and_its_action_through_the_pages(world, client_for):
    client = client_for(world.users[Role.TEAM_MANAGER])
    response = client.post(reverse("improvement:finding_create"), {
        "kind": "area_for_development", "text": "Plans lack timescales", "theme": str(theme("planning-smart").pk),
        "team": str(world.own.pk), "source": "case_audit",
        "found_on-day": "2", "found_on-month": "11", "found_on-year": "2026"})
    finding = Finding.objects.get()
    assert response["Location"] == reverse("improvement:finding_detail", args=[finding.pk])
    response = client.post(reverse("improvement:action_create") + f"?finding={finding.pk}", {
        "title": "SMART planning workshop", "rationale": "Plans drift", "priority": "medium",
        "owner": str(world.users[Role.TEAM_MANAGER].pk), "theme": str(theme("planning-smart").pk),
        "team": str(world.own.pk), "due_date-day": "31", "due_date-month": "1", "due_date-year": "2027"})
    action = Action.objects.get()
    assert response["Location"] == reverse("improvement:action_detail", args=[action.pk])
    assert (action.finding, action.team, action.due_date) == (finding, world.own, date(2027, 1, 31))
