"""The visit services (design §1.3, §3.2): create, edit and move, cancel, did not happen, consent, an accepted line
conflict, an assessor's unplanned visit; the state guard; and the in-app notices after publishing."""

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent, Notification
from triangulate.practice import checks
from triangulate.practice.analysis.timetable import OWN_LINE
from triangulate.practice.models import PracticeEvent, Visit
from triangulate.practice.services import visits as services

from ..factories import make_user
from .factories import ObservationFactory, make_event
from .timetable_world import FOSTERING, FRONT_DOOR, MON, NORTH_1, TUE, WEST_1, build


@pytest.fixture
def week(db):
    return build()


def new_visit(week, actor=None, **overrides):
    fields = {"event": week.event, "event_team": week.teams[FRONT_DOOR], "assessor": week.assessors["cat"],
              "date": TUE, "starts_at": time(14), "ends_at": time(15), "activity": "home_visit",
              "activity_note": "Core group", "location": "Travel with the worker"}
    fields.update(overrides)
    return services.create_visit(actor=actor or week.qa_lead, **fields)


def told(kind="practice.visit_changed"):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_create_copies_the_team_and_sets_consent_by_activity(week):
    visit = new_visit(week)
    assert visit.team == week.teams[FRONT_DOOR].team
    assert visit.consent == Visit.Consent.NOT_ASKED  # a home visit: asked for
    assert visit.status == Visit.Status.PLANNED and visit.created_by == week.qa_lead
    meeting = new_visit(week, activity="team_meeting", starts_at=time(16), ends_at=time(17))
    assert meeting.consent == Visit.Consent.NOT_NEEDED
    event = AuditEvent.objects.filter(verb="practice_visit.created", object_id=str(visit.pk)).get()
    assert event.changes["team"] == visit.team_id and "Core group" not in str(event.changes)


def test_create_refuses_bad_input_field_by_field(week):
    with pytest.raises(ValidationError) as error:
        new_visit(week, date=date(2026, 2, 9), starts_at=time(15), ends_at=time(15))
    assert error.value.message_dict == {
        "date": ["The date must be within the event, 2 February to 6 February 2026."],
        "ends_at": ["The visit must end after it starts."]}
    other_event_team = make_event(council=week.event.council, teams=[week.teams[NORTH_1].team],
                                  headings=False).teams.get()
    with pytest.raises(ValidationError) as error:
        new_visit(week, event_team=other_event_team)
    assert error.value.message_dict == {"event_team": ["Choose a team of this event."]}


def test_only_the_events_organisers_manage_visits(week):
    with pytest.raises(PermissionDenied):
        new_visit(week, actor=week.users["cat"])  # a senior leader who does not organise this event


def test_visits_change_only_before_analysis(week):
    PracticeEvent.objects.filter(pk=week.event.pk).update(status=PracticeEvent.Status.ANALYSIS)
    week.event.refresh_from_db()
    with pytest.raises(ValidationError, match="Visits can no longer change: the event is analysis"):
        new_visit(week)
    with pytest.raises(ValidationError, match="no longer change"):
        services.cancel_visit(actor=week.qa_lead, visit=week.visits[1], reason="Team meeting moved")


def test_moving_a_visit_fixes_the_double_booking(week):
    v5 = services.update_visit(actor=week.qa_lead, visit=week.visits[5], expected_version=1,
                               starts_at=time(13), ends_at=time(14))
    assert (v5.starts_at, v5.ends_at, v5.version) == (time(13), time(14), 2)
    assert "double_booked" not in [p.code for p in checks.problems(week.event)]
    with pytest.raises(StaleEdit):
        services.update_visit(actor=week.qa_lead, visit=week.visits[5], expected_version=1, location="Hexham")
    event = AuditEvent.objects.filter(verb="practice_visit.updated").get()
    assert event.changes["changed"] == ["ends_at", "starts_at"]


def test_changing_the_activity_resets_consent_and_a_new_assessor_withdraws_an_acceptance(week):
    v8 = week.visits[8]  # cat's home visit, consent requested
    v8 = services.update_visit(actor=week.qa_lead, visit=v8, activity="case_discussion")
    assert v8.consent == Visit.Consent.NOT_NEEDED
    v8 = services.update_visit(actor=week.qa_lead, visit=v8, activity="family_conversation")
    assert v8.consent == Visit.Consent.NOT_ASKED
    v4 = services.accept_conflict(actor=week.qa_lead, visit=week.visits[4], reason="Agreed with the director")
    assert v4.conflict_reason == "Agreed with the director" and v4.conflict_accepted_by == week.qa_lead
    v4 = services.update_visit(actor=week.qa_lead, visit=v4, assessor=week.assessors["ann"], date=TUE,
                               starts_at=time(14), ends_at=time(15))
    assert (v4.conflict_reason, v4.conflict_accepted_by, v4.conflict_accepted_at) == ("", None, None)


def test_accepting_needs_a_reason_and_a_real_line_conflict(week):
    with pytest.raises(ValidationError) as error:
        services.accept_conflict(actor=week.qa_lead, visit=week.visits[3], reason="  ")
    assert error.value.message_dict == {"reason": ["Give a reason for accepting this visit in the assessor's "
                                                   "line."]}
    with pytest.raises(ValidationError, match="Fostering is not in ann Manager's management line|not in"):
        services.accept_conflict(actor=week.qa_lead, visit=week.visits[2], reason="Why not")
    services.accept_conflict(actor=week.qa_lead, visit=week.visits[3], reason="ann is leaving North 1")
    own_line = {p.visit_ids: p.severity for p in checks.problems(week.event) if p.code == OWN_LINE}
    assert own_line[(week.visits[3].pk,)] == "note"


def test_cancel_and_did_not_happen_need_reasons_and_a_planned_visit(week):
    with pytest.raises(ValidationError):
        services.cancel_visit(actor=week.qa_lead, visit=week.visits[1], reason="")
    v1 = services.cancel_visit(actor=week.qa_lead, visit=week.visits[1], reason="Team meeting moved")
    assert (v1.status, v1.status_reason) == ("cancelled", "Team meeting moved")
    with pytest.raises(ValidationError, match="Only a planned visit can be cancelled: this one is cancelled"):
        services.cancel_visit(actor=week.qa_lead, visit=v1, reason="Again")
    v2 = services.mark_did_not_happen(actor=week.qa_lead, visit=week.visits[2], reason="Family cancelled")
    assert (v2.status, v2.status_reason) == ("did_not_happen", "Family cancelled")
    trail = AuditEvent.objects.filter(verb="practice_visit.did_not_happen").get()
    assert "Family" not in str(trail.changes)


def test_a_visit_with_an_observation_is_not_cancelled_or_moved_to_another_assessor(week):
    ObservationFactory(visit=week.visits[6])
    with pytest.raises(ValidationError, match="its team, assessor and date stay"):
        services.update_visit(actor=week.qa_lead, visit=week.visits[6], assessor=week.assessors["bob"])
    services.update_visit(actor=week.qa_lead, visit=week.visits[6], location="Fostering office, room 2")
    with pytest.raises(ValidationError, match="has an observation"):
        services.cancel_visit(actor=week.qa_lead, visit=week.visits[6], reason="Clash")


def test_consent_by_an_organiser_or_a_manager_of_the_visited_team(week):
    v8 = week.visits[8]  # West 1
    with pytest.raises(PermissionDenied):  # North 1's manager: not their team
        services.record_consent(actor=week.managers[NORTH_1], visit=v8, consent="given")
    v8 = services.record_consent(actor=week.managers[WEST_1], visit=v8, consent="given")
    assert v8.consent == "given" and v8.consent_recorded_by == week.managers[WEST_1]
    assert v8.consent_recorded_at is not None
    v8 = services.record_consent(actor=week.qa_lead, visit=v8, consent="refused")
    assert v8.consent == "refused" and v8.consent_recorded_by == week.qa_lead
    with pytest.raises(ValidationError, match="only asked for a home visit"):
        services.record_consent(actor=week.qa_lead, visit=week.visits[1], consent="given")
    with pytest.raises(ValidationError):
        services.record_consent(actor=week.qa_lead, visit=v8, consent="not_needed")


def test_no_notice_while_planning(week, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_visit(actor=week.qa_lead, visit=week.visits[5], starts_at=time(13), ends_at=time(14))
    assert told() == []


def test_after_publishing_each_change_tells_the_assessor_and_the_teams_managers(
        week, django_capture_on_commit_callbacks):
    PracticeEvent.objects.filter(pk=week.event.pk).update(status=PracticeEvent.Status.PUBLISHED)
    week.event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_visit(actor=week.qa_lead, visit=week.visits[2], starts_at=time(13), ends_at=time(14))
    assert told() == ["ann", "tm2"]  # ann assesses; tm2 manages Fostering
    notice = Notification.objects.get(kind="practice.visit_changed", user__username="tm2")
    assert notice.title == "A visit to Fostering in Spring week changed"
    assert notice.url == f"/practice/{week.event.pk}/timetable/"
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):  # moved to bob at West 1: old and new are told
        services.update_visit(actor=week.qa_lead, visit=week.visits[2], assessor=week.assessors["bob"],
                              event_team=week.teams[WEST_1], date=TUE)
    assert told() == ["ann", "bob", "tm1", "tm2"]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):  # the manager records consent: not told of it
        services.record_consent(actor=week.managers[WEST_1], visit=week.visits[8], consent="given")
    assert told() == ["cat"]
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_visit(actor=week.qa_lead, visit=week.visits[6], reason="Supervision moved")
    assert told() == ["cat", "tm2"]
    assert Notification.objects.get(user__username="cat").title == "A visit to Fostering in Spring week was cancelled"
    assert Notification.objects.filter(email_sent_at__isnull=False).count() == 0  # in-app only


def test_an_assessor_adds_an_unplanned_visit_while_observing(week, django_capture_on_commit_callbacks):
    cat = week.users["cat"]
    with pytest.raises(ValidationError, match="only while the event is observing"):
        services.add_unplanned_visit(actor=cat, event=week.event, event_team=week.teams[FOSTERING], date=MON,
                                     starts_at=time(14), ends_at=time(15), activity="meeting_observation")
    PracticeEvent.objects.filter(pk=week.event.pk).update(status=PracticeEvent.Status.OBSERVING)
    week.event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        visit = services.add_unplanned_visit(actor=cat, event=week.event, event_team=week.teams[FOSTERING],
                                             date=MON, starts_at=time(14), ends_at=time(15),
                                             activity="meeting_observation", activity_note="Strategy meeting")
    assert visit.assessor == week.assessors["cat"] and visit.created_by == cat
    assert told() == ["tm2"]
    outsider = make_user("auditor", username="outsider")
    with pytest.raises(PermissionDenied):  # not an assessor of this event
        services.add_unplanned_visit(actor=outsider, event=week.event, event_team=week.teams[FOSTERING], date=MON,
                                     starts_at=time(16), ends_at=time(17), activity="other")
