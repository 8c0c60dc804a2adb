"""Which practice records a user may read, and an assessor's management line: the one place that decides them
(design §1.6, §4, §8).

`observations_visible_to` and `visits_visible_to` are the rules of rules.py written as one query
(VIEW_OBSERVATIONS and VIEW_TIMETABLE for a user with a role; OBSERVE and GUEST_VISITS, their own, for a guest),
so a list and a record's page always agree; tests/practice/test_selectors.py checks them against the predicates
role by role."""

from django.db.models import Q

from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import home_teams

from .models import Assessor, Observation, PracticeEvent, Visit
from .rules import is_guest_assessor

ORGANISER_ROLES = (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)
ASSESSOR_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, *ORGANISER_ROLES)
READS_EVERY_EVENT = (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.INSPECTOR)
EVERY_TIMETABLE = (*ORGANISER_ROLES, Role.INSPECTOR)
TIMETABLE_IN_SCOPE = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)




def _events_assessed_by(user):
    return Assessor.objects.filter(user=user).values("event_id")


def _events_organised_by(user):
    return PracticeEvent.objects.filter(organisers=user).values("pk")


def observations_visible_to(user):
    role = role_of(user)
    observations = Observation.objects.all()
    if role is None:
        if is_guest_assessor(user):  # a guest: their own observations (OBSERVE), never another's
            return observations.filter(assessor__user=user)
        return observations.none()
    if role not in ASSESSOR_ROLES and role not in READS_EVERY_EVENT:
        return observations.none()
    handed_in = Q(state=Observation.State.HANDED_IN)
    if role in READS_EVERY_EVENT:
        allowed = handed_in
    else:  # (an empty Q() would vanish from an OR, so the events are built up from nothing)
        readers = Q(event__in=_events_assessed_by(user))
        if role == Role.SENIOR_LEADER:
            readers |= Q(event__in=_events_organised_by(user))
        allowed = handed_in & readers
    if role in ASSESSOR_ROLES:  # drafts: their own assessor, whoever types them in, the event's organisers
        allowed |= (Q(assessor__user=user) | Q(entered_by=user) | Q(event__in=_events_organised_by(user)))
    return observations.filter(allowed)


def visits_visible_to(user):
    role = role_of(user)
    visits = Visit.objects.all()
    if role is None:
        if is_guest_assessor(user):  # a guest: their own visits (GUEST_VISITS)
            return visits.filter(assessor__user=user)
        return visits.none()
    if role in EVERY_TIMETABLE:
        return visits
    allowed = Q(pk__in=[])
    if role in TIMETABLE_IN_SCOPE:
        scope = team_scope(user)
        if scope == ALL:  # not so for these roles today; if it were, every row is in scope
            return visits
        allowed |= Q(team__in=scope)
    if role in ASSESSOR_ROLES:
        allowed |= Q(event__in=_events_assessed_by(user))
    return visits.filter(allowed)


def management_line(assessor):
    """The ids of the teams in `assessor`'s management line (§4), read from today's people records: their home
    teams, every team they manage as a team manager or service manager, and the teams declared in
    `conflict_teams`. A guest on paper has only the last; a director with no teams or service areas on their
    account has none unless declared.

    people.selectors.team_managers and service_managers reach a manager through the team's current members,
    the account's extra teams and (a service manager) its service areas: the first two are `home_teams`, so
    only the service areas are added here, in one query rather than two per team of the council."""
    from triangulate.people.models import Team

    line = set(assessor.conflict_teams.values_list("pk", flat=True))
    user = assessor.user
    if user is None:
        return frozenset(line)
    line |= set(home_teams(user).values_list("pk", flat=True))
    if role_of(user) == Role.SERVICE_MANAGER:
        line |= set(Team.objects.filter(service_area__in=user.profile.service_areas.values("pk"))
                    .values_list("pk", flat=True))
    return frozenset(line)
