"""Team scope: which teams, and so which team-owned records, a user may see. The one place it is decided.

Who sees which teams (README "Who sees what"):
- council-wide roles (auditor, QA lead, PSW, senior leader, inspector, system admin) and elected members
  (aggregates only; their pages hide individuals by permission, not by scope) see every team;
- a service manager sees the teams of the service areas on their account, plus their own;
- a team manager or practitioner sees the teams they are a current member of, plus any extra teams on
  their account;
- a user without a current role sees no team.

A scoped record is any model with a nullable `team` foreign key to people.Team: a record with a team
belongs to that team, one without (team is null) is council-wide and visible to everyone with a role.

Nothing is cached on the user object: the scope is a lazy query of team ids, so a list filtered by it is
one SQL query (a subquery), and a later change to the user's teams is seen at once rather than after the
user object happens to be rebuilt.

The pattern a new app (audits, practice weeks, ...) copies, here as findings do in improvement/:

    # models.py: the team, null for a council-wide record
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="audits")

    # selectors.py: every list and detail page reads through this, so an out-of-scope pk is a 404
    from triangulate.people.scope import visible_to

    def audits_visible_to(user):
        return visible_to(user, Audit.objects.select_related("team"))

    # rules.py: object permissions that depend on the team
    from triangulate.people.scope import in_scope
    rules.add_perm("audits.change_audit", can_write & RECORDERS & in_scope)

    # services.py: refuse a write that puts a record in a team the actor cannot see
    from triangulate.people.scope import check_team
    check_team(actor, team)

Records that name teams as case-system extracts spell them (the KPI drill-down's children) map those names
to these teams through datasets/teams/selectors.py: `extract_names_in_scope(user)`.
"""

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from triangulate.core.authority import System
from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY, COUNCIL_WIDE, Role

from .models import Team, TeamMembership

ALL = "all"  # the scope of a user who sees every team


def team_scope(user):
    """ALL, or a lazy queryset of the ids of the teams the user may see (empty without a role)."""
    role = role_of(user)
    if role is None:
        return Team.objects.none().values_list("pk", flat=True)
    if role in COUNCIL_WIDE or role in AGGREGATES_ONLY:
        return ALL
    profile = user.profile
    teams = Q(pk__in=profile.teams.values("pk"))
    if profile.staff_id:
        teams |= Q(pk__in=TeamMembership.objects.current().filter(staff_id=profile.staff_id).values("team_id"))
    if role == Role.SERVICE_MANAGER:
        teams |= Q(service_area__in=profile.service_areas.values("pk"))
    return Team.objects.filter(teams).values_list("pk", flat=True)


def team_in_scope(user, team_id):
    scope = team_scope(user)
    return scope == ALL or scope.filter(pk=team_id).exists()


@dataclass(frozen=True)
class Grant:
    """A write grant: the record (kind, id) that lets its holder write one record for a team outside their
    scope. Peer audit needs it: an auditor from another team records findings and actions for the audited
    team (design/audits.md §1.4). A grant widens one write, never what anyone can read."""

    kind: str
    object_id: int


_grant_checkers = {}


def register_grant(kind, checker):
    """`checker(user, team, object_id)` says whether the grant (kind, object_id) lets `user` write for `team`."""
    _grant_checkers[kind] = checker


def check_team(actor, team, grant=None):
    """For a service: refuse (PermissionDenied) a write that puts a record in a team the actor cannot see,
    unless `grant` (a Grant whose kind is registered) allows it. A System reason (core/authority.py) is not
    limited to teams."""
    if team is None or isinstance(actor, System) or team_in_scope(actor, team.pk):
        return
    if grant is not None:
        if grant.kind not in _grant_checkers:
            raise ValueError(f"no write grant of kind {grant.kind!r} is registered")
        if _grant_checkers[grant.kind](actor, team, grant.object_id):
            return
    raise PermissionDenied("team outside the actor's scope")


def visible_to(user, queryset, team_field="team"):
    """The scoped records in `queryset` the user may see: their teams' records and the council-wide ones.
    `team_field` is the lookup to the record's team (e.g. "finding__team" for a record scoped through
    another)."""
    if role_of(user) is None:
        return queryset.none()
    scope = team_scope(user)
    if scope == ALL:
        return queryset
    return queryset.filter(Q(**{f"{team_field}__in": scope}) | Q(**{f"{team_field}__isnull": True}))


@rules.predicate
def in_scope(user, record, *, team_field="team"):
    """Whether the user may see this scoped record: the same answer as `visible_to` for one object.
    A `rules` predicate; rules asks it without a record for a permission's model-level check ("may this
    user update actions at all?"), where scope does not limit, hence True for None."""
    if record is None:
        return True
    team_id = getattr(record, f"{team_field}_id")
    if team_id is None:
        return role_of(user) is not None
    return team_in_scope(user, team_id)
