"""Writes to people records: each takes the acting user, is atomic and is audited."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.roles import Role

from .models import TeamMembership, UserProfile


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
                  is_active=True):
    _check_expiry(role, expires_at)
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
def move_staff(*, actor, staff, team, on):
    """End the staff member's current spell(s) the day before `on` and start one in `team`."""
    current = list(TeamMembership.objects.current(on).filter(staff=staff))
    for spell in current:
        if spell.team_id == team.pk:
            return spell
        if spell.start_date >= on:
            raise ValidationError({"start_date": "The move must be after the current team spell began"})
        spell.end_date = on
        spell.save(update_fields=["end_date"])
    spell = TeamMembership.objects.create(staff=staff, team=team, start_date=on)
    audit.record(actor, "staff.moved_team", staff, team=team, on=on,
                 from_teams=[s.team_id for s in current])
    return spell
