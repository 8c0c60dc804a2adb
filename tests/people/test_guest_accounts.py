"""Guest accounts for practice weeks (docs/design/practice.md §1.7, §3.4): role-less, no staff record, no teams,
an unusable password until the guest sets one, ending at most GUEST_MAX_DAYS (60) days ahead; made and ended by
QA leads, principal social workers and senior leaders; never for an account that has a role."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.core.models import AuditEvent
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.rules import Perm
from triangulate.people.scope import team_scope
from triangulate.people.services import create_guest_account, set_guest_access_end

from ..factories import make_user


def invite(actor, **fields):
    values = {"first_name": "Gail", "last_name": "Guest", "email": "gail@example.org",
              "access_ends_at": timezone.now() + timedelta(days=20)}
    return create_guest_account(actor=actor, **{**values, **fields})


def test_a_guest_account_has_no_role_staff_teams_or_password(world):
    ends = timezone.now() + timedelta(days=20)
    guest = invite(world.users[Role.QA_LEAD], access_ends_at=ends)
    assert guest.username == "guest.gail.guest"
    assert not guest.has_usable_password()
    assert guest.email == "gail@example.org"
    profile = guest.profile
    assert (profile.role, profile.staff, profile.expires_at) == ("", None, ends)
    assert not profile.teams.exists() and not profile.service_areas.exists()
    assert role_of(guest) is None
    assert not team_scope(guest).exists()
    event = AuditEvent.objects.get(verb="account.guest_created")
    assert event.changes["username"] == "guest.gail.guest"


def test_a_second_guest_of_the_same_name_is_numbered(world):
    qa_lead = world.users[Role.QA_LEAD]
    invite(qa_lead)
    second = invite(qa_lead, email="gail.two@example.org")
    third = invite(qa_lead, first_name="Gail", last_name="GUEST", email="g3@example.org")
    assert (second.username, third.username) == ("guest.gail.guest.2", "guest.gail.guest.3")


@pytest.mark.parametrize("role", [Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER])
def test_organiser_roles_invite(world, role):
    assert world.users[role].has_perm(Perm.INVITE_GUESTS)
    invite(world.users[role])


@pytest.mark.parametrize("role", [r for r in Role
                                  if r not in (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)])
def test_other_roles_do_not(world, role):
    with pytest.raises(PermissionDenied):
        invite(world.users[role])


def test_access_lasts_at_most_sixty_days_and_ends_in_the_future(world):
    qa_lead = world.users[Role.QA_LEAD]
    with pytest.raises(ValidationError, match="at most 60 days"):
        invite(qa_lead, access_ends_at=timezone.now() + timedelta(days=60, minutes=1))
    with pytest.raises(ValidationError, match="in the future"):
        invite(qa_lead, access_ends_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="date the guest's access ends"):
        invite(qa_lead, access_ends_at=None)
    invite(qa_lead, access_ends_at=timezone.now() + timedelta(days=59, hours=23))


def test_names_and_email_are_checked(world):
    qa_lead = world.users[Role.QA_LEAD]
    with pytest.raises(ValidationError, match="email address like"):
        invite(qa_lead, email="not an email")
    with pytest.raises(ValidationError, match="guest's email"):
        invite(qa_lead, email=" ")
    with pytest.raises(ValidationError, match="first and last names"):
        invite(qa_lead, last_name="")


def test_a_staff_members_email_is_refused(world):
    staff = make_user(Role.AUDITOR, username="sam", email="sam@council.gov.uk")
    with pytest.raises(ValidationError, match="has a role"):
        invite(world.users[Role.QA_LEAD], email="SAM@council.gov.uk")
    assert staff.profile.role == Role.AUDITOR


def test_access_can_be_ended_now_or_moved_within_the_limit(world):
    qa_lead = world.users[Role.QA_LEAD]
    guest = invite(qa_lead)
    later = timezone.now() + timedelta(days=40)
    set_guest_access_end(actor=qa_lead, user=guest, access_ends_at=later)
    guest.profile.refresh_from_db()
    assert guest.profile.expires_at == later
    now = timezone.now()
    set_guest_access_end(actor=qa_lead, user=guest, access_ends_at=now)  # "End access now"
    guest.profile.refresh_from_db()
    assert not guest.profile.is_current()
    with pytest.raises(ValidationError, match="at most 60 days"):
        set_guest_access_end(actor=qa_lead, user=guest, access_ends_at=timezone.now() + timedelta(days=61))
    assert AuditEvent.objects.filter(verb="account.guest_access_end_set").count() == 2


def test_an_account_with_a_role_is_never_treated_as_a_guest(world):
    with pytest.raises(ValidationError, match="has a role"):
        set_guest_access_end(actor=world.users[Role.QA_LEAD], user=world.users[Role.AUDITOR],
                             access_ends_at=timezone.now())
    assert world.users[Role.AUDITOR].profile.expires_at is None
