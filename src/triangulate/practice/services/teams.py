"""The teams an event visits and their details (design §1.2, §3.1 "edit teams"): add a team with a snapshot of its
staffing and structure, remove it while it has no visit, edit its details, and a manager's confirmation.

Teams, assessors and headings change in any state before `complete` (§3.1); a cancelled event is over too.
The trail carries ids and the names of the fields changed, never their text."""

from collections import Counter
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.models import SENIORITY_ORDER, StaffMember, StaffRole, Team, TeamMembership
from triangulate.people.scope import team_in_scope
from triangulate.people.selectors import team_staffing

from ..models import EventTeam, PracticeEvent
from ..rules import Perm
from ..verbs import Verb

Status = PracticeEvent.Status
# §3.1: teams, assessors and headings are edited in any state before complete (and not once cancelled).
EDITABLE_STATES = (Status.PLANNING, Status.PUBLISHED, Status.OBSERVING, Status.ANALYSIS)
DETAIL_FIELDS = ("office_contact", "contact_details", "meeting_point", "headcount", "fte", "vacancy_fte",
                 "structure", "context", "focus_note")
# How the structure line names each role: (one, many), shorter than the roles' labels.
ROLE_WORDS = {
    StaffRole.DIRECTOR: ("director", "directors"),
    StaffRole.HEAD_OF_SERVICE: ("head of service", "heads of service"),
    StaffRole.SERVICE_MANAGER: ("service manager", "service managers"),
    StaffRole.PRINCIPAL_SOCIAL_WORKER: ("principal social worker", "principal social workers"),
    StaffRole.TEAM_MANAGER: ("team manager", "team managers"),
    StaffRole.DEPUTY_TEAM_MANAGER: ("deputy team manager", "deputy team managers"),
    StaffRole.SENIOR_PRACTITIONER: ("senior practitioner", "senior practitioners"),
    StaffRole.IRO: ("IRO", "IROs"),
    StaffRole.SOCIAL_WORKER: ("social worker", "social workers"),
    StaffRole.ASYE: ("ASYE", "ASYEs"),
    StaffRole.PERSONAL_ADVISER: ("personal adviser", "personal advisers"),
    StaffRole.AUDITOR: ("auditor", "auditors"),
    StaffRole.FAMILY_SUPPORT_WORKER: ("family support worker", "family support workers"),
}
MANAGER_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def require_editable(event, what="teams"):
    if event.status not in EDITABLE_STATES:
        raise ValidationError(f"The event's {what} can no longer change: it is "
                              f"{event.get_status_display().lower()}.")


def current_staff(team, day=None):
    """The team's members in post on `day` (today by default), as team_staffing counts them."""
    day = day or timezone.localdate()
    members = TeamMembership.objects.current(day).filter(team=team).values("staff_id")
    return StaffMember.objects.in_post_on(day).filter(pk__in=members)


def structure_of(team, day=None):
    """"1 team manager, 1 deputy team manager, 5 social workers, 1 ASYE": the team's members in post by role, in
    SENIORITY_ORDER; "" for a team with nobody in post."""
    counts = Counter(current_staff(team, day).values_list("role", flat=True))
    parts = []
    for role in SENIORITY_ORDER:
        if counts[role]:
            one, many = ROLE_WORDS[role]
            parts.append(f"{counts[role]} {one if counts[role] == 1 else many}")
    return ", ".join(parts)


def team_snapshot(team, day=None):
    """The details an EventTeam starts with (§1.2): headcount, FTE and vacancy FTE from
    people.selectors.team_staffing and the structure line, as a dict of EventTeam fields. S1a's "repeat this
    week" takes a fresh snapshot for each copied team."""
    staffing = next(team_staffing(Team.objects.filter(pk=team.pk), day))
    return {"headcount": staffing.headcount, "fte": Decimal(staffing.fte_in_post).quantize(Decimal("0.1")),
            "vacancy_fte": Decimal(staffing.vacancy_fte).quantize(Decimal("0.1")),
            "structure": structure_of(team, day)}


def _trail(actor, verb, event_team, **extra):
    trail.record(actor, verb, event_team, event=event_team.event_id, team=event_team.team_id, **extra)


@service(Perm.MANAGE_EVENT, on="event")
def add_team(*, actor, event, team):
    """Add a team to the event with its staffing snapshot and structure line (editable afterwards)."""
    require_editable(event)
    if not isinstance(team, Team) or team.council_id != event.council_id:
        raise ValidationError({"team": "Choose a team of this council."})
    if not team.is_active:
        raise ValidationError({"team": f"{team.name} is no longer active."})
    if EventTeam.objects.filter(event=event, team=team).exists():
        raise ValidationError({"team": f"{team.name} is already in this event."})
    event_team = EventTeam.objects.create(event=event, team=team, **team_snapshot(team))
    _trail(actor, Verb.TEAM_ADDED, event_team)
    return event_team


@service(Perm.MANAGE_EVENT, on="event_team")
def remove_team(*, actor, event_team):
    """Take a team out of the event; refused once it has a visit (cancelled visits included: they are the
    event's record of what was planned)."""
    event_team = EventTeam.objects.select_related("event", "team").get(pk=event_team.pk)
    require_editable(event_team.event)
    if event_team.event.visits.filter(event_team=event_team).exists():
        raise ValidationError(f"{event_team.team.name} has visits on the timetable, so it stays in the event.")
    _trail(actor, Verb.TEAM_REMOVED, event_team)
    event_team.delete()


def _check_details(event_team, fields):
    errors = {}
    contact = fields["office_contact"]
    if contact is not None and (not isinstance(contact, StaffMember)
                                or not current_staff(event_team.team).filter(pk=contact.pk).exists()):
        errors["office_contact"] = f"Choose a member of {event_team.team.name} in post."
    for name in ("contact_details", "meeting_point"):
        if len(fields[name] or "") > 200:
            errors[name] = "Keep this to 200 characters."
    headcount = fields["headcount"]
    if headcount is not None and not 0 <= headcount <= 999:
        errors["headcount"] = "Enter a headcount between 0 and 999."
    for name in ("fte", "vacancy_fte"):
        value = fields[name]
        if value is not None and not Decimal(0) <= value <= Decimal("9999.9"):
            errors[name] = "Enter a number of full-time posts, 0 or more, such as 7.5."
    if errors:
        raise ValidationError(errors)


def is_team_manager_of(user, event_team):
    """A team or service manager with the team in scope: who confirms the team's details (§1.2)."""
    return role_of(user) in MANAGER_ROLES and team_in_scope(user, event_team.team_id)


@service(Perm.EDIT_TEAM_DETAILS, on="event_team")
def edit_team_details(*, actor, event_team, expected_version=None, **fields):
    """Change a team's details (organisers, and a manager of the team). A change withdraws an earlier
    confirmation: the team confirmed what it saw. A manager may `confirm=True` in the same save."""
    confirm = fields.pop("confirm", False)
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"edit_team_details cannot change {sorted(unknown)}")
    event_team = lock(event_team)
    require_editable(event_team.event, "team details")
    values = {name: getattr(event_team, name) for name in DETAIL_FIELDS}
    text = ("contact_details", "meeting_point", "structure", "context", "focus_note")
    values.update({name: ("" if value is None and name in text else value) for name, value in fields.items()})
    _check_details(event_team, values)
    changed = sorted(name for name in DETAIL_FIELDS if values[name] != getattr(event_team, name))
    if confirm and not is_team_manager_of(actor, event_team):
        raise PermissionDenied("only a manager of the team confirms its details")
    if not changed and not confirm:
        return event_team
    claim(event_team, expected_version)
    for name in DETAIL_FIELDS:
        setattr(event_team, name, values[name])
    if confirm:
        event_team.details_confirmed_by, event_team.details_confirmed_at = user_of(actor), timezone.now()
    elif changed:
        event_team.details_confirmed_by = event_team.details_confirmed_at = None
    event_team.save()
    if changed:
        _trail(actor, Verb.TEAM_UPDATED, event_team, changed=changed)
    if confirm:
        _trail(actor, Verb.TEAM_DETAILS_CONFIRMED, event_team)
    return event_team


@service(Perm.EDIT_TEAM_DETAILS, on="event_team")
def confirm_team_details(*, actor, event_team, expected_version=None):
    """A manager of the team confirms its details as they stand (§1.2: seed 000's "an office contact to meet
    them", checked by the team). Organisers edit, but only the team confirms."""
    if not is_team_manager_of(actor, event_team):
        raise PermissionDenied("only a manager of the team confirms its details")
    return edit_team_details.step(actor=actor, event_team=event_team, expected_version=expected_version,
                                  confirm=True)
