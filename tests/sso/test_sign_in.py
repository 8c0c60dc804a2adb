"""Who a verified token signs in as, and with what access (sso/services.sign_in; docs/design/estate.md §1.3–1.4)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from triangulate.core.authority import System
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.sso import services
from triangulate.sso.models import ExternalIdentity, GroupMapping

from ..factories import PASSWORD, make_user

ISSUER = "https://login.microsoftonline.com/t/v2.0"


def sign_in(**claims):
    return services.sign_in(actor=System.SIGN_IN, issuer=ISSUER, claims={"oid": "oid-1", **claims})


def map_group(value, role, rank=10, teams=(), service_areas=()):
    mapping = GroupMapping.objects.create(claim_value=value, label=value, role=role, rank=rank)
    mapping.teams.set(teams)
    mapping.service_areas.set(service_areas)
    return mapping


def test_first_sign_in_finds_the_account_by_email_then_by_subject_only(world):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    psw.email = "Pat.Smith@council.gov.uk"
    psw.save()
    assert sign_in(email="pat.smith@COUNCIL.gov.uk").user == psw
    identity = ExternalIdentity.objects.get(user=psw)
    assert (identity.issuer, identity.subject, identity.access_from_groups) == (ISSUER, "oid-1", False)
    assert identity.last_sign_in_at is not None
    psw.refresh_from_db()
    assert not psw.has_usable_password()  # the council's MFA cannot be got round with the old password
    assert AuditEvent.objects.filter(verb="sso_identity.bound", object_id=str(psw.pk)).count() == 1
    # the address changes at the council: the subject still finds her
    assert sign_in(email="pat.jones@council.gov.uk").user == psw
    assert psw.profile.role == Role.PRINCIPAL_SOCIAL_WORKER  # no mapping exists: her role was set by hand


def test_an_address_passed_to_someone_else_does_not_open_the_first_persons_account(world):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    psw.email = "p.smith@council.gov.uk"
    psw.save()
    assert sign_in(email="p.smith@council.gov.uk").user == psw
    newcomer = sign_in(oid="oid-2", email="p.smith@council.gov.uk")  # a new P. Smith got the address
    assert newcomer.user is None and newcomer.refusal == services.BOUND_ELSEWHERE


def test_two_accounts_with_one_address_are_refused_not_guessed(world):
    for user in (world.users[Role.AUDITOR], world.users[Role.QA_LEAD]):
        user.email = "shared@council.gov.uk"
        user.save()
    outcome = sign_in(email="shared@council.gov.uk")
    assert outcome.user is None and outcome.refusal == services.SHARED_ADDRESS
    assert not ExternalIdentity.objects.exists()


def test_no_account_and_no_mapped_group_is_refused(world):
    map_group("tm", Role.TEAM_MANAGER)
    outcome = sign_in(email="new.person@council.gov.uk", groups=["not-mapped"])
    assert outcome.user is None and outcome.refusal == services.NO_ACCOUNT
    overflow = sign_in(email="new.person@council.gov.uk", _claim_names={"groups": "src1"})
    assert overflow.refusal.startswith(services.NO_ACCOUNT) and "more than it can send" in overflow.refusal


def test_a_mapped_group_makes_the_account_with_exactly_its_role_and_teams(world):
    map_group("auditors", Role.AUDITOR, rank=30)
    map_group("tm-north", Role.TEAM_MANAGER, rank=20, teams=[world.own])
    outcome = sign_in(email="Tina@council.gov.uk", given_name="Tina", family_name="Marsh",
                      groups=["auditors", "tm-north"])
    tina = outcome.user
    tina.profile.refresh_from_db()
    assert (tina.username, tina.first_name, tina.last_name) == ("tina@council.gov.uk", "Tina", "Marsh")
    assert tina.profile.role == Role.TEAM_MANAGER
    assert list(tina.profile.teams.all()) == [world.own]
    assert not tina.has_usable_password()
    assert ExternalIdentity.objects.get(user=tina).access_from_groups


def test_groups_replace_a_hand_set_role_and_leaving_them_withdraws_it(world):
    manager = world.users[Role.TEAM_MANAGER]
    manager.email = "mo@council.gov.uk"
    manager.save()
    map_group("tm-south", Role.TEAM_MANAGER, teams=[world.other])
    assert sign_in(email="mo@council.gov.uk", groups=["tm-south"]).user == manager
    manager.profile.refresh_from_db()
    assert list(manager.profile.teams.all()) == [world.other]  # exactly the mapping's: not the old ones as well
    changed = AuditEvent.objects.filter(verb="account.access_changed", object_id=str(manager.pk)).get()
    assert changed.system_reason == System.SIGN_IN.value

    outcome = sign_in(email="mo@council.gov.uk", groups=[])  # moved out of children's services
    assert outcome.user is None and outcome.refusal == services.GROUPS_WITHDRAWN
    manager.profile.refresh_from_db()
    assert manager.profile.role == "" and not manager.profile.teams.exists()  # kept although refused
    assert AuditEvent.objects.filter(verb="sso_identity.access_withdrawn", object_id=str(manager.pk)).exists()


def test_a_hand_set_role_outside_every_group_is_kept(world):
    inspector = world.users[Role.INSPECTOR]
    inspector.email = "lead.inspector@ofsted.gov.uk"
    inspector.save()
    inspector.profile.expires_at = timezone.now() + timedelta(days=5)
    inspector.profile.save()
    map_group("tm", Role.TEAM_MANAGER)
    assert sign_in(email="lead.inspector@ofsted.gov.uk", groups=["guests"]).user == inspector
    inspector.profile.refresh_from_db()
    assert inspector.profile.role == Role.INSPECTOR


@pytest.mark.parametrize("problem", ["switched_off", "expired", "no_role"])
def test_switched_off_expired_and_roleless_accounts_are_refused(world, problem):
    user = make_user(role="" if problem == "no_role" else Role.AUDITOR, username="someone", email="s@council.gov.uk",
                     expires_at=timezone.now() + timedelta(days=1))
    if problem == "switched_off":
        user.is_active = False
        user.save()
    if problem == "expired":
        user.profile.expires_at = timezone.now() - timedelta(minutes=1)
        user.profile.save()
    outcome = sign_in(email="s@council.gov.uk")
    expected = {"switched_off": services.SWITCHED_OFF, "expired": services.EXPIRED, "no_role": services.NO_ROLE}
    assert outcome.user is None and outcome.refusal == expected[problem]


def test_only_the_system_may_sign_someone_in(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.sign_in(actor=world.users[Role.SYSTEM_ADMIN], issuer=ISSUER, claims={"oid": "x"})


def test_a_password_still_signs_in_an_account_never_bound(world, client):
    response = client.post("/sign-in/", {"username": "inspector", "password": PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(world.users[Role.INSPECTOR].pk)
