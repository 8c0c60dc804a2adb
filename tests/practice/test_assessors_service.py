"""services/assessors.py (design §1.2, §3.1): staff assessors by account, guests on paper or to be invited, their
conflict teams, edits and removal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.practice.models import Assessor, PracticeEvent
from triangulate.practice.services import assessors
from triangulate.practice.verbs import Verb

from ..factories import StaffFactory, TeamFactory, make_user
from .factories import VisitFactory, make_event, make_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    qa = make_user(Role.QA_LEAD, first_name="Quinn", last_name="Lead")
    team = TeamFactory(name="Safeguarding North 1")
    week = make_event(council=team.council, organisers=[qa], teams=[team])
    week.qa = qa
    return week


def test_a_staff_assessor_has_the_accounts_name_and_staff_job_title(event):
    staff = StaffFactory(role="service_manager")
    user = make_user(Role.SERVICE_MANAGER, staff=staff, first_name="Sam", last_name="Service")
    school_team = TeamFactory(council=event.council, name="Hexham schools link")
    assessor = assessors.add_staff_assessor(actor=event.qa, event=event, user=user, conflict_teams=[school_team])
    assert (assessor.kind, assessor.name, assessor.job_title) == ("staff", "Sam Service", "Service manager")
    assert list(assessor.conflict_teams.all()) == [school_team]
    audit = AuditEvent.objects.get(verb=Verb.ASSESSOR_ADDED)
    assert audit.changes == {"event": event.pk, "kind": "staff", "user": user.pk, "conflict_teams": [school_team.pk]}


def test_without_a_staff_record_the_job_title_is_the_access_role(event):
    user = make_user(Role.SENIOR_LEADER, first_name="Dee", last_name="Director")
    assert assessors.add_staff_assessor(actor=event.qa, event=event, user=user).job_title == "Senior leader"


def test_only_assessor_roles_and_once_per_event(event):
    with pytest.raises(ValidationError, match="can be an assessor"):
        assessors.add_staff_assessor(actor=event.qa, event=event, user=make_user(Role.PRACTITIONER))
    with pytest.raises(ValidationError, match="can be an assessor"):
        assessors.add_staff_assessor(actor=event.qa, event=event, user=make_user(Role.ELECTED_MEMBER))
    user = make_user(Role.AUDITOR, first_name="Ada", last_name="Auditor")
    assessors.add_staff_assessor(actor=event.qa, event=event, user=user)
    with pytest.raises(ValidationError, match="Ada Auditor is already an assessor"):
        assessors.add_staff_assessor(actor=event.qa, event=event, user=user)


def test_a_guest_on_paper_needs_a_name_and_organisation(event):
    with pytest.raises(ValidationError) as error:
        assessors.add_guest(actor=event.qa, event=event, name=" ", organisation="", email="not-an-email")
    assert set(error.value.message_dict) == {"name", "organisation", "email"}
    guest = assessors.add_guest(actor=event.qa, event=event, name="Pat Partner", organisation="Hexham Middle School",
                                job_title="Designated safeguarding lead")
    assert (guest.kind, guest.user, guest.email, guest.invited_at) == ("guest", None, "", None)


def test_a_guest_to_be_invited_keeps_the_email_lowercased_and_no_account_yet(event):
    guest = assessors.add_guest(actor=event.qa, event=event, name="Gail Guest", organisation="Northumbria Police",
                                email="Gail.Guest@Example.org")
    assert guest.email == "gail.guest@example.org" and guest.user is None
    assert "Gail" not in str(AuditEvent.objects.get(verb=Verb.ASSESSOR_ADDED).changes)


def test_only_an_organiser_adds_assessors(event):
    with pytest.raises(PermissionDenied):
        assessors.add_guest(actor=make_user(Role.QA_LEAD), event=event, name="Gail", organisation="Police")


def test_editing_a_guest_and_a_staff_assessor(event):
    guest = assessors.add_guest(actor=event.qa, event=event, name="Pat Partner", organisation="School")
    team = event.teams.get().team
    assessors.edit_assessor(actor=event.qa, assessor=guest, expected_version=1, organisation="Hexham Middle School",
                            conflict_teams=[team])
    guest.refresh_from_db()
    assert guest.organisation == "Hexham Middle School" and list(guest.conflict_teams.all()) == [team]
    assert AuditEvent.objects.get(verb=Verb.ASSESSOR_UPDATED).changes["changed"] == ["conflict_teams", "organisation"]
    with pytest.raises(StaleEdit):
        assessors.edit_assessor(actor=event.qa, assessor=guest, expected_version=1, job_title="Head")
    staff = assessors.add_staff_assessor(actor=event.qa, event=event, user=make_user(Role.AUDITOR))
    with pytest.raises(TypeError):
        assessors.edit_assessor(actor=event.qa, assessor=staff, name="Someone else")


def test_a_guest_with_an_account_keeps_their_email(event):
    guest = make_guest(event)
    with pytest.raises(ValidationError, match="email stays"):
        assessors.edit_assessor(actor=event.qa, assessor=guest, email="other@example.org")


def test_an_assessor_with_a_visit_stays(event):
    busy = assessors.add_staff_assessor(actor=event.qa, event=event, user=make_user(Role.AUDITOR, first_name="Ada",
                                                                                      last_name="Auditor"))
    VisitFactory(event=event, event_team=event.teams.get(), assessor=busy)
    with pytest.raises(ValidationError, match="Ada Auditor has visits"):
        assessors.remove_assessor(actor=event.qa, assessor=busy)
    free = assessors.add_guest(actor=event.qa, event=event, name="Pat", organisation="School")
    assessors.remove_assessor(actor=event.qa, assessor=free)
    assert list(Assessor.objects.filter(event=event)) == [busy]


def test_nothing_changes_once_the_event_is_cancelled(event):
    PracticeEvent.objects.filter(pk=event.pk).update(status=PracticeEvent.Status.CANCELLED)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="assessors can no longer change: it is cancelled"):
        assessors.add_guest(actor=event.qa, event=event, name="Pat", organisation="School")
