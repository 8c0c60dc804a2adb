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
    """Per team: headcount and FTE in post, agency FTE, case-holding FTE and vacancy FTE on `day`.

    Vacancy FTE is the establishment less the *permanent* FTE in post (floor 0), as the DfE workforce census counts a
    vacancy: a funded post an agency worker covers is still vacant (workforce design §4). Agency FTE is shown beside
    it, so the page can say how much of the vacancy agency staff cover."""
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
        permanent_fte=Sum("memberships__staff__fte",
                          filter=in_post & Q(memberships__staff__employment=StaffMember.Employment.PERMANENT)),
        case_holding_fte=Sum("memberships__staff__fte",
                             filter=in_post & Q(memberships__staff__role__in=CASE_HOLDING_ROLES)),
    )
    for team in rows:
        team.fte_in_post = team.fte_in_post or 0
        team.agency_fte = team.agency_fte or 0
        team.permanent_fte = team.permanent_fte or 0
        team.case_holding_fte = team.case_holding_fte or 0
        team.vacancy_fte = max(team.establishment_fte - team.permanent_fte, 0)
        team.agency_share = (team.agency_fte / team.fte_in_post * 100) if team.fte_in_post else None
        yield team


def the_council():
    return Council.objects.prefetch_related("populations", "statistical_neighbours", "service_areas",
                                            "localities").first()


# Who manages whom (design/audits.md §1.4): who is told of a flag, an allocation or an overdue action.

def _active_users_with_role(role):
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(is_active=True, profile__role=role)
            .filter(Q(profile__expires_at__isnull=True) | Q(profile__expires_at__gt=timezone.now())))


def _current_members(team):
    from .models import TeamMembership

    return TeamMembership.objects.current().filter(team=team).values("staff_id")


def team_managers(team):
    """Accounts with the team-manager role who are current members of `team` or hold it as an extra team."""
    from triangulate.core.roles import Role

    return (_active_users_with_role(Role.TEAM_MANAGER)
            .filter(Q(profile__staff_id__in=_current_members(team)) | Q(profile__teams=team))
            .distinct().order_by("pk"))


def service_managers(team):
    """Accounts with the service-manager role over `team`: through its service area, as members, or holding it
    as an extra team."""
    from triangulate.core.roles import Role

    over = Q(profile__staff_id__in=_current_members(team)) | Q(profile__teams=team)
    if team.service_area_id:
        over |= Q(profile__service_areas=team.service_area_id)
    return _active_users_with_role(Role.SERVICE_MANAGER).filter(over).distinct().order_by("pk")


def home_teams(user):
    """The user's current teams (through their staff record) and the extra teams on their account."""
    from .models import TeamMembership

    profile = getattr(user, "profile", None)
    if profile is None:
        return Team.objects.none()
    teams = Q(pk__in=profile.teams.values("pk"))
    if profile.staff_id:
        teams |= Q(pk__in=TeamMembership.objects.current().filter(staff_id=profile.staff_id).values("team_id"))
    return Team.objects.filter(teams)


def line_managers_of(user):
    """The team managers of the user's current teams; for a team manager (or anyone with no team manager
    above them), those teams' service managers. The user is never their own manager."""
    from django.contrib.auth import get_user_model

    from triangulate.core.roles import Role

    teams = list(home_teams(user))
    if role_of(user) != Role.TEAM_MANAGER:
        managers = {u.pk for team in teams for u in team_managers(team)} - {user.pk}
        if managers:
            return get_user_model().objects.filter(pk__in=managers).order_by("pk")
    managers = {u.pk for team in teams for u in service_managers(team)} - {user.pk}
    return get_user_model().objects.filter(pk__in=managers).order_by("pk")
