"""Reads of people records, always filtered to what the user may see.

Scope rules (documented in README "Who sees what"):
- council-wide roles (auditor, QA lead, PSW, senior leader, inspector, system admin) and
  elected members (aggregates only) see every team;
- a service manager sees the teams of the service areas on their account, plus their own;
- a team manager or practitioner sees the teams they are a current member of, plus any
  extra teams on their account.
"""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY, COUNCIL_WIDE, Role

from .models import CASE_HOLDING_ROLES, Council, StaffMember, Team, TeamMembership

ALL = "all"


def team_scope(user):
    """ALL, or the set of team ids the user may see. Cached on the user for the request."""
    cached = getattr(user, "_triangulate_team_scope", None)
    if cached is not None:
        return cached
    role = role_of(user)
    if role is None:
        scope = frozenset()
    elif role in COUNCIL_WIDE or role in AGGREGATES_ONLY:
        scope = ALL
    else:
        profile = user.profile
        ids = set(profile.teams.values_list("id", flat=True))
        if profile.staff_id:
            ids |= set(TeamMembership.objects.current().filter(staff_id=profile.staff_id)
                       .values_list("team_id", flat=True))
        if role == Role.SERVICE_MANAGER:
            ids |= set(Team.objects.filter(service_area__in=profile.service_areas.all()).values_list("id", flat=True))
        scope = frozenset(ids)
    user._triangulate_team_scope = scope
    return scope


def team_in_scope(user, team_id):
    scope = team_scope(user)
    return scope == ALL or team_id in scope


def teams_visible_to(user):
    scope = team_scope(user)
    teams = Team.objects.select_related("service_area", "locality")
    return teams if scope == ALL else teams.filter(id__in=scope)


def staff_visible_to(user):
    """Staff with any spell in a visible team (leavers included, so managers see their history)."""
    if role_of(user) in AGGREGATES_ONLY:
        return StaffMember.objects.none()
    scope = team_scope(user)
    staff = StaffMember.objects.all()
    if scope != ALL:
        staff = staff.filter(memberships__team_id__in=scope).distinct()
    return staff


def team_staffing(teams, day=None):
    """Per team: headcount and FTE in post, agency FTE, case-holding FTE and vacancy FTE on `day`."""
    day = day or timezone.localdate()
    current = Q(memberships__start_date__lte=day) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gt=day)
    )
    in_post = current & Q(memberships__staff__start_date__lte=day) & (
        Q(memberships__staff__leave_date__isnull=True) | Q(memberships__staff__leave_date__gt=day)
    )
    rows = teams.annotate(
        headcount=Count("memberships", filter=in_post),
        fte_in_post=Sum("memberships__staff__fte", filter=in_post),
        agency_fte=Sum("memberships__staff__fte",
                       filter=in_post & Q(memberships__staff__employment=StaffMember.Employment.AGENCY)),
        case_holding_fte=Sum("memberships__staff__fte",
                             filter=in_post & Q(memberships__staff__role__in=CASE_HOLDING_ROLES)),
    )
    for team in rows:
        team.fte_in_post = team.fte_in_post or 0
        team.agency_fte = team.agency_fte or 0
        team.case_holding_fte = team.case_holding_fte or 0
        team.vacancy_fte = max(team.establishment_fte - team.fte_in_post, 0)
        team.agency_share = (team.agency_fte / team.fte_in_post * 100) if team.fte_in_post else None
        yield team


def the_council():
    return Council.objects.prefetch_related("populations", "statistical_neighbours", "service_areas",
                                            "localities").first()
