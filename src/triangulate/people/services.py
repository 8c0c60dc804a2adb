"""Writes to people records: each takes the acting user, is atomic and is audited."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.roles import Role

from .models import CouncilPopulation, StaffMember, StatisticalNeighbour, Team, TeamMembership, UserProfile


def _check_expiry(role, expires_at):
    limit = settings.TRIANGULATE["INSPECTOR_MAX_DAYS"]
    if role == Role.INSPECTOR:
        if expires_at is None:
            raise ValidationError({"expires_at": "Enter the date the inspector's access ends"})
        if expires_at > timezone.now() + timedelta(days=limit):
            raise ValidationError({"expires_at": f"Inspector access can last at most {limit} days"})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The date access ends must be in the future"})


@transaction.atomic
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
    audit.record(actor, "account.created", user, username=username, role=role, staff=staff,
                 teams=list(teams), service_areas=list(service_areas), expires_at=expires_at)
    return user


@transaction.atomic
def change_access(*, actor, user, role, staff=None, teams=(), service_areas=(), expires_at=None,
                  is_active=True, new_password=""):
    _check_expiry(role, expires_at)
    if new_password:
        set_password(actor=actor, user=user, password=new_password)
    profile, _ = UserProfile.objects.get_or_create(user=user)
    before = {"role": profile.role, "staff": profile.staff_id, "expires_at": profile.expires_at,
              "teams": sorted(profile.teams.values_list("id", flat=True)),
              "service_areas": sorted(profile.service_areas.values_list("id", flat=True)),
              "is_active": user.is_active}
    profile.role, profile.staff, profile.expires_at = role, staff, expires_at
    profile.save()
    profile.teams.set(teams)
    profile.service_areas.set(service_areas)
    if user.is_active != is_active:
        user.is_active = is_active
        user.save(update_fields=["is_active"])
    after = {"role": role, "staff": staff.pk if staff else None, "expires_at": expires_at,
             "teams": sorted(t.pk for t in teams), "service_areas": sorted(s.pk for s in service_areas),
             "is_active": is_active}
    changes = {k: [audit.plain(before[k]), audit.plain(v)] for k, v in after.items()
               if audit.plain(before[k]) != audit.plain(v)}
    if changes:
        audit.record(actor, "account.access_changed", user, **changes)
    return profile


@transaction.atomic
def set_password(*, actor, user, password):
    """A user changing their own password, or an administrator setting a temporary one."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, "account.password_changed" if actor == user else "account.password_reset", user)


@transaction.atomic
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
    audit.record(actor, "staff.moved_team", staff, team=team, on=on,
                 from_teams=[s.team_id for s in current])
    return spell


COUNCIL_FIELDS = ("name", "la_code", "region")
TEAM_FIELDS = ("name", "team_type", "service_area", "locality", "establishment_fte", "case_system_name", "is_active")
STAFF_FIELDS = ("staff_ref", "first_name", "last_name", "role", "fte", "employment", "start_date", "leave_date")


@transaction.atomic
def update_council(*, actor, council, **values):
    return audit.update_recorded(actor, council, fields=COUNCIL_FIELDS, verb="council.updated", values=values)


@transaction.atomic
def set_population(*, actor, council, year, children_0_17):
    row, created = CouncilPopulation.objects.update_or_create(council=council, year=year,
                                                             defaults={"children_0_17": children_0_17})
    audit.record(actor, "council.population_set", council, year=year, children_0_17=children_0_17,
                 replaced=not created)
    return row


@transaction.atomic
def replace_statistical_neighbours(*, actor, council, neighbours):
    """Replace the whole list with `neighbours`: [(la_code, name)] in rank order."""
    council.statistical_neighbours.all().delete()
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(council=council, rank=rank, la_code=code, name=name)
        for rank, (code, name) in enumerate(neighbours, start=1))
    audit.record(actor, "council.neighbours_replaced", council, neighbours=[code for code, _ in neighbours])


@transaction.atomic
def create_team(*, actor, council, **values):
    team = Team(council=council, **{k: v for k, v in values.items() if k in TEAM_FIELDS})
    team.full_clean()
    team.save()
    audit.record(actor, "team.created", team, **{f: getattr(team, f) for f in TEAM_FIELDS})
    return team


@transaction.atomic
def update_team(*, actor, team, **values):
    return audit.update_recorded(actor, team, fields=TEAM_FIELDS, verb="team.updated", values=values)


@transaction.atomic
def add_staff(*, actor, council, team, **values):
    """A new member of staff and their first team spell, from their start date."""
    member = StaffMember(council=council, **{k: v for k, v in values.items() if k in STAFF_FIELDS})
    member.full_clean()
    member.save()
    TeamMembership.objects.create(staff=member, team=team, start_date=member.start_date,
                                  end_date=member.leave_date)
    audit.record(actor, "staff.added", member, team=team, **{f: getattr(member, f) for f in STAFF_FIELDS})
    return member


@transaction.atomic
def update_staff(*, actor, member, **values):
    member = audit.update_recorded(actor, member, fields=STAFF_FIELDS, verb="staff.updated", values=values)
    if member.leave_date:
        # A leaver's open team spell ends on their leaving date.
        member.memberships.filter(end_date__isnull=True).update(end_date=member.leave_date)
    return member
