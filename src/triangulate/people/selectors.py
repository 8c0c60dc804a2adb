"""Reads of people records, always filtered to what the user may see (the scope rules: scope.py)."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY

from .models import CASE_HOLDING_ROLES, Council, StaffMember, Team
from .scope import ALL, team_scope


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
