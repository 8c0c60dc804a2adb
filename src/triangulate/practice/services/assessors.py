"""An event's assessors (design §1.2, §3.1 "edit assessors"): staff assessors by their account, guests (a partner or
a school, on paper or to be invited: the invitation is services/guests.py's), their declared conflict teams (§4:
lines the people records cannot see), and removal while they have no visit.

The trail carries ids, kinds and the names of the fields changed, never names, organisations or emails."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.predicates import role_of
from triangulate.people.models import Team

from ..models import Assessor
from ..rules import Perm
from ..selectors import ASSESSOR_ROLES
from ..verbs import Verb
from .teams import require_editable

GUEST_FIELDS = ("name", "organisation", "job_title", "email", "conflict_teams")
STAFF_FIELDS = ("job_title", "conflict_teams")


def job_title_of(user):
    """What a staff assessor's brief calls them: their staff record's role ("Team manager"), else their access
    role's label."""
    profile = getattr(user, "profile", None)
    staff = getattr(profile, "staff", None) if profile else None
    if staff is not None:
        return staff.get_role_display()
    return profile.get_role_display() if profile and profile.role else ""


def _conflict_teams(event, teams):
    teams = list(teams or ())
    if any(not isinstance(team, Team) or team.council_id != event.council_id for team in teams):
        raise ValidationError({"conflict_teams": "Choose teams of this council."})
    return teams


def _trail(actor, verb, assessor, **extra):
    trail.record(actor, verb, assessor, event=assessor.event_id, kind=assessor.kind, user=assessor.user_id,
                 **extra)


@service(Perm.MANAGE_EVENT, on="event")
def add_staff_assessor(*, actor, event, user, conflict_teams=()):
    """A member of staff with an assessor's role (§8 "Be an assessor": TM, SM, AU, QA, PW, SL) joins the event;
    their full name and job title are copied for the briefs."""
    require_editable(event, "assessors")
    if not isinstance(user, get_user_model()) or not user.is_active or role_of(user) not in ASSESSOR_ROLES:
        raise ValidationError({"user": "Choose an account that can be an assessor: a team or service manager, an "
                                       "auditor, a QA lead, the principal social worker or a senior leader."})
    if Assessor.objects.filter(event=event, user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name() or user.get_username()} is already an assessor of "
                                       "this event."})
    teams = _conflict_teams(event, conflict_teams)
    assessor = Assessor.objects.create(event=event, kind=Assessor.Kind.STAFF, user=user,
                                       name=(user.get_full_name() or user.get_username())[:120],
                                       job_title=job_title_of(user)[:120])
    assessor.conflict_teams.set(teams)
    _trail(actor, Verb.ASSESSOR_ADDED, assessor, conflict_teams=[t.pk for t in teams])
    return assessor


def _check_guest(values):
    errors = {}
    if not (values["name"] or "").strip():
        errors["name"] = "Enter the guest's name."
    if not (values["organisation"] or "").strip():
        errors["organisation"] = "Enter the guest's organisation, such as Northumbria Police."
    for name in ("name", "organisation", "job_title"):
        if len(values[name] or "") > 120:
            errors.setdefault(name, "Keep this to 120 characters.")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = "Enter an email address like name@example.org."
    if errors:
        raise ValidationError(errors)


@service(Perm.MANAGE_EVENT, on="event")
def add_guest(*, actor, event, name, organisation, job_title="", email="", conflict_teams=()):
    """A guest assessor from a partner: on paper (no email), or with an email to be invited (§3.4)."""
    require_editable(event, "assessors")
    values = {"name": (name or "").strip(), "organisation": (organisation or "").strip(),
              "job_title": (job_title or "").strip(), "email": (email or "").strip().lower()}
    _check_guest(values)
    teams = _conflict_teams(event, conflict_teams)
    assessor = Assessor.objects.create(event=event, kind=Assessor.Kind.GUEST, **values)
    assessor.conflict_teams.set(teams)
    _trail(actor, Verb.ASSESSOR_ADDED, assessor, conflict_teams=[t.pk for t in teams])
    return assessor


@service(Perm.MANAGE_EVENT, on="assessor")
def edit_assessor(*, actor, assessor, expected_version=None, **fields):
    """Change a guest's name, organisation, job title, email and conflict teams, or a staff assessor's job title
    and conflict teams (their name is their account's). A guest with an account keeps the email they were
    invited at."""
    assessor = lock(assessor)
    require_editable(assessor.event, "assessors")
    allowed = GUEST_FIELDS if assessor.kind == Assessor.Kind.GUEST else STAFF_FIELDS
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"edit_assessor cannot change {sorted(unknown)} of a {assessor.kind} assessor")
    values = {name: getattr(assessor, name) for name in allowed if name != "conflict_teams"}
    values.update({name: (value or "").strip() for name, value in fields.items() if name != "conflict_teams"})
    if "email" in values:
        values["email"] = values["email"].lower()
        if assessor.user_id and values["email"] != assessor.email:
            raise ValidationError({"email": "This guest has an account: their email stays the one they were "
                                            "invited at."})
    if assessor.kind == Assessor.Kind.GUEST:
        _check_guest(values)
    elif len(values["job_title"]) > 120:
        raise ValidationError({"job_title": "Keep this to 120 characters."})
    changed = sorted(name for name, value in values.items() if value != getattr(assessor, name))
    teams = None
    if "conflict_teams" in fields:
        teams = _conflict_teams(assessor.event, fields["conflict_teams"])
        if {t.pk for t in teams} != set(assessor.conflict_teams.values_list("pk", flat=True)):
            changed.append("conflict_teams")
    if not changed:
        return assessor
    claim(assessor, expected_version)
    for name, value in values.items():
        setattr(assessor, name, value)
    assessor.save()
    if teams is not None:
        assessor.conflict_teams.set(teams)
    _trail(actor, Verb.ASSESSOR_UPDATED, assessor, changed=sorted(changed))
    return assessor


@service(Perm.MANAGE_EVENT, on="assessor")
def remove_assessor(*, actor, assessor):
    """Take an assessor out of the event; refused once they have a visit (cancelled ones included)."""
    assessor = Assessor.objects.select_related("event").get(pk=assessor.pk)
    require_editable(assessor.event, "assessors")
    if assessor.event.visits.filter(assessor=assessor).exists():
        raise ValidationError(f"{assessor.name} has visits on the timetable, so they stay an assessor.")
    _trail(actor, Verb.ASSESSOR_REMOVED, assessor)
    assessor.delete()
