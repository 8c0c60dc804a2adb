"""Writes to people records. Each is a public service (core/authority.py): it names its actor, checks its
permission, runs in its own transaction and records an AuditEvent."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.roles import Role

from .models import Council, CouncilPopulation, StaffMember, StatisticalNeighbour, Team, TeamMembership, UserProfile
from .rules import Perm
from .verbs import Verb


def _check_expiry(role, expires_at):
    limit = settings.TRIANGULATE["INSPECTOR_MAX_DAYS"]
    if role == Role.INSPECTOR:
        if expires_at is None:
            raise ValidationError({"expires_at": "Enter the date the inspector's access ends"})
        if expires_at > timezone.now() + timedelta(days=limit):
            raise ValidationError({"expires_at": f"Inspector access can last at most {limit} days"})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The date access ends must be in the future"})


@service(Perm.MANAGE_USERS)
def create_account(*, actor, username, password, first_name="", last_name="", email="", role="",
                   staff=None, teams=(), service_areas=(), expires_at=None):
    _check_expiry(role, expires_at)
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "An account with this username already exists"})
    user = User.objects.create_user(username=username, password=password, first_name=first_name,
                                    last_name=last_name, email=email)
    profile = UserProfile.objects.create(user=user, role=role, staff=staff, expires_at=expires_at)
    profile.teams.set(teams)
    profile.service_areas.set(service_areas)
    audit.record(actor, Verb.ACCOUNT_CREATED, user, username=username, role=role, staff=staff,
                 teams=list(teams), service_areas=list(service_areas), expires_at=expires_at)
    return user


# A change_access argument the caller did not give: that part of the account stays as it is.
UNCHANGED = object()


def _access(profile, user):
    return {"role": profile.role, "staff": profile.staff_id, "expires_at": profile.expires_at,
            "teams": sorted(profile.teams.values_list("id", flat=True)),
            "service_areas": sorted(profile.service_areas.values_list("id", flat=True)),
            "is_active": user.is_active}


@service(Perm.MANAGE_USERS)
def change_access(*, actor, user, role=UNCHANGED, staff=UNCHANGED, teams=UNCHANGED, service_areas=UNCHANGED,
                  expires_at=UNCHANGED, is_active=UNCHANGED, new_password="", expected_version=None):
    """Change only the parts of an account's access that are given: a form that did not send the role
    leaves the role, and no access edit switches a switched-off account back on unless `is_active` says
    so. `expected_version` is the profile version the user's page showed (see core/concurrency.py)."""
    profile, created = UserProfile.objects.get_or_create(user=user)
    if created and expected_version == 0:
        expected_version = profile.version  # the page was drawn when the account had no profile (version 0)
    lock(profile)
    before = _access(profile, user)
    given = {"role": role, "staff": staff, "teams": teams, "service_areas": service_areas,
             "expires_at": expires_at, "is_active": is_active}
    given = {k: v for k, v in given.items() if v is not UNCHANGED}
    _check_expiry(given.get("role", profile.role), given.get("expires_at", profile.expires_at))
    after = {**before, **given}
    for many in ("teams", "service_areas"):
        after[many] = sorted(audit.plain(list(after[many])))
    changes = {k: [audit.plain(before[k]), audit.plain(after[k])] for k in before
               if audit.plain(before[k]) != audit.plain(after[k])}
    if changes:
        claim(profile, expected_version)
    if new_password:
        _set_password(actor, user, new_password)
    for name in ("role", "staff", "expires_at"):
        if name in given:
            setattr(profile, name, given[name])
    profile.save()
    if "teams" in given:
        profile.teams.set(given["teams"])
    if "service_areas" in given:
        profile.service_areas.set(given["service_areas"])
    if "is_active" in given and user.is_active != given["is_active"]:
        user.is_active = given["is_active"]
        user.save(update_fields=["is_active"])
    if changes:
        audit.record(actor, Verb.ACCOUNT_ACCESS_CHANGED, user, **changes)
    return profile


@service(Perm.CHANGE_PASSWORD, on="user")
def set_password(*, actor, user, password):
    """A user changing their own password, or an administrator setting a temporary one."""
    _set_password(actor, user, password)


def _set_password(actor, user, password):
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, Verb.ACCOUNT_PASSWORD_CHANGED if actor == user else Verb.ACCOUNT_PASSWORD_RESET, user)


# Guest accounts (docs/design/practice.md §3.4, decision 6): a practice week's guest assessor gets an account with
# no role, no staff record and no teams, so every existing permission, menu and scope stays closed to it; practice
# grants it its own visits. It ends at `expires_at` (AccountExpiryMiddleware). Its password is unusable until the
# guest sets one through their one-time link.

def _check_guest_access_end(access_ends_at, *, may_end_now=False):
    limit = settings.TRIANGULATE["PRACTICE"]["GUEST_MAX_DAYS"]
    now = timezone.now()
    if access_ends_at is None:
        raise ValidationError({"access_ends_at": "Enter the date the guest's access ends"})
    if access_ends_at <= now and not may_end_now:
        raise ValidationError({"access_ends_at": "The date access ends must be in the future"})
    if access_ends_at > now + timedelta(days=limit):
        raise ValidationError({"access_ends_at": f"Guest access can last at most {limit} days"})


def _refuse_an_account_with_a_role(user, field):
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None and profile.role:
        raise ValidationError({field: "This account has a role: it is not a guest's. Add the person as a "
                                      "staff assessor instead"})


def _guest_username(first_name, last_name):
    """guest.<first>.<last>, then guest.<first>.<last>.2, .3… for a second person of the same name."""
    from django.utils.text import slugify

    parts = [slugify(first_name), slugify(last_name)]
    if not all(parts):
        raise ValidationError("Enter the guest's first and last names, in letters or digits")
    base = "guest." + ".".join(parts)
    User = get_user_model()
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}.{n}"
    return username


@service(Perm.INVITE_GUESTS)
def create_guest_account(*, actor, first_name, last_name, email, access_ends_at):
    """A role-less account for a guest assessor, ending at `access_ends_at` (at most GUEST_MAX_DAYS ahead).
    Refused when an account with this email already holds a role: that person is staff, not a guest."""
    from django.core.validators import validate_email

    first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip()
    if not email:
        raise ValidationError({"email": "Enter the guest's email address"})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter an email address like name@example.org"}) from None
    _check_guest_access_end(access_ends_at)
    for existing in get_user_model().objects.filter(email__iexact=email):
        _refuse_an_account_with_a_role(existing, "email")
    username = _guest_username(first_name, last_name)
    user = get_user_model().objects.create_user(username=username, password=None, first_name=first_name,
                                                last_name=last_name, email=email)  # unusable password
    UserProfile.objects.create(user=user, role="", staff=None, expires_at=access_ends_at)
    audit.record(actor, Verb.GUEST_ACCOUNT_CREATED, user, username=username, expires_at=access_ends_at)
    return user


@service(Perm.INVITE_GUESTS)
def set_guest_access_end(*, actor, user, access_ends_at):
    """Move a guest account's end (now, for "End access now"; at most GUEST_MAX_DAYS ahead). Refused for an
    account with a role."""
    _refuse_an_account_with_a_role(user, "access_ends_at")
    _check_guest_access_end(access_ends_at, may_end_now=True)
    profile = UserProfile.objects.get(user=user)
    before = profile.expires_at
    profile.expires_at = access_ends_at
    profile.save(update_fields=["expires_at"])
    audit.record(actor, Verb.GUEST_ACCESS_END_SET, user, expires_at=[audit.plain(before), audit.plain(access_ends_at)])
    return profile


@service(Perm.MANAGE_STAFF)
def move_staff(*, actor, staff, team, on):
    """End the staff member's current spell(s) on `on` (end dates are exclusive) and start one in `team`."""
    if staff.leave_date and on >= staff.leave_date:
        raise ValidationError({"on": "The move must be before the member of staff left"})
    if on < staff.start_date:
        raise ValidationError({"on": "The move cannot be before the member of staff started"})
    current = list(TeamMembership.objects.current(on).filter(staff=staff))
    for spell in current:
        if spell.team_id == team.pk:
            return spell
        if spell.start_date >= on:
            raise ValidationError({"on": "The move must be after the current team spell began"})
        spell.end_date = on
        spell.save(update_fields=["end_date"])
    spell = TeamMembership.objects.create(staff=staff, team=team, start_date=on)
    audit.record(actor, Verb.STAFF_MOVED_TEAM, staff, team=team, on=on,
                 from_teams=[s.team_id for s in current])
    return spell


COUNCIL_FIELDS = ("name", "la_code", "region")
TEAM_FIELDS = ("name", "team_type", "service_area", "locality", "establishment_fte", "case_system_name", "is_active")
STAFF_FIELDS = ("staff_ref", "first_name", "last_name", "role", "fte", "employment", "start_date", "leave_date",
                "asye_started_on", "asye_completed_on")


@service(Perm.MANAGE_COUNCIL)
def create_council(*, actor, name, la_code, region):
    """The installation's one council (manage.py setup_council); refused when there is one already."""
    if Council.objects.exists():
        raise ValidationError("This installation already has its council; change it on the council profile page")
    council = Council(name=name, la_code=la_code, region=region)
    council.full_clean()
    council.save()
    audit.record(actor, Verb.COUNCIL_CREATED, council, name=name, la_code=la_code, region=region)
    return council


@service(Perm.MANAGE_COUNCIL)
def update_council(*, actor, council, expected_version=None, **values):
    return audit.update_recorded(actor, council, fields=COUNCIL_FIELDS, verb=Verb.COUNCIL_UPDATED, values=values,
                                 expected_version=expected_version)


@service(Perm.MANAGE_COUNCIL)
def set_population(*, actor, council, year, children_0_17):
    row, created = CouncilPopulation.objects.update_or_create(council=council, year=year,
                                                             defaults={"children_0_17": children_0_17})
    audit.record(actor, Verb.COUNCIL_POPULATION_SET, council, year=year, children_0_17=children_0_17,
                 replaced=not created)
    return row


@service(Perm.MANAGE_COUNCIL)
def replace_statistical_neighbours(*, actor, council, neighbours, expected_version=None):
    """Replace the whole list with `neighbours`: [(la_code, name)] in rank order.

    The list is part of the council record: its version guards it, and the audit event holds the
    whole list before and after (code and name), so a replaced list can be typed back in."""
    lock(council)
    before = [[n.la_code, n.name] for n in council.statistical_neighbours.all()]
    after = [[code, name] for code, name in neighbours]
    if before == after:
        return
    claim(council, expected_version)
    council.statistical_neighbours.all().delete()
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(council=council, rank=rank, la_code=code, name=name)
        for rank, (code, name) in enumerate(neighbours, start=1))
    audit.record(actor, Verb.COUNCIL_NEIGHBOURS_REPLACED, council, neighbours=[code for code, _ in neighbours],
                 before=before, after=after)


@service(Perm.MANAGE_TEAMS)
def create_team(*, actor, council, **values):
    team = Team(council=council, **{k: v for k, v in values.items() if k in TEAM_FIELDS})
    team.full_clean()
    team.save()
    audit.record(actor, Verb.TEAM_CREATED, team, **{f: getattr(team, f) for f in TEAM_FIELDS})
    return team


@service(Perm.MANAGE_TEAMS)
def update_team(*, actor, team, expected_version=None, **values):
    return audit.update_recorded(actor, team, fields=TEAM_FIELDS, verb=Verb.TEAM_UPDATED, values=values,
                                 expected_version=expected_version)


@service(Perm.MANAGE_STAFF)
def add_staff(*, actor, council, team, **values):
    """A new member of staff and their first team spell, from their start date."""
    member = StaffMember(council=council, **{k: v for k, v in values.items() if k in STAFF_FIELDS})
    member.full_clean()
    member.save()
    TeamMembership.objects.create(staff=member, team=team, start_date=member.start_date,
                                  end_date=member.leave_date)
    audit.record(actor, Verb.STAFF_ADDED, member, team=team, **{f: getattr(member, f) for f in STAFF_FIELDS})
    return member


@service(Perm.MANAGE_STAFF)
def update_staff(*, actor, member, expected_version=None, **values):
    member = audit.update_recorded(actor, member, fields=STAFF_FIELDS, verb=Verb.STAFF_UPDATED, values=values,
                                   expected_version=expected_version)
    if member.leave_date:
        # A leaver's open team spell ends on their leaving date.
        member.memberships.filter(end_date__isnull=True).update(end_date=member.leave_date)
    return member
