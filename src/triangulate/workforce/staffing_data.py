"""Reading staffing (design §4): people's staff records, team spells and teams' funded posts as the inputs of
analytics/staffing.py, measured on a reference date, with the ASYE cohorts and the trend at each 30 September.

Choices where the design is silent (the page says them too):
- **Funded posts have no history.** A team keeps only today's `establishment_fte`, so a vacancy on any date is
  measured against today's funded posts. The reference date's tables say so when the date is not today; the trend
  leaves vacancy out (a past vacancy rate would set today's posts against past staff, and a change of establishment
  would look like a change in recruitment).
- **Inactive teams** carry no funded posts (establishment 0: a closed team has no vacancies), but their staff still
  count to them on dates they were in them.
- **Roles**: the person's current role (people keeps no role history); scope as analytics.in_scope.
- **The reference date**: the latest 30 September on or before today by default (the DfE census date), any past
  date or today through `?on=YYYY-MM-DD`; a date in the future or not a date is refused with a message and the
  default used.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from triangulate.people.models import StaffMember, Team, TeamMembership

from .analytics import staffing as analytics

TREND_YEARS = 5
EARLIEST = date(2000, 1, 1)  # no council keeps staff records from before this; a typo, not a question


@dataclass(frozen=True)
class ReferenceDate:
    on: date
    default: bool  # the census date chosen for the reader
    error: str = ""  # why the requested date was not used
    asked: str = ""  # the value the reader typed, to show back in the field


def reference_date(value, today=None):
    """The date to measure on from the page's `on` parameter (None or "" for the default)."""
    today = today or timezone.localdate()
    default = analytics.census_date(today)
    if not value:
        return ReferenceDate(default, True)
    value = value.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return ReferenceDate(default, True, "Enter the date as year-month-day, for example 2025-09-30", value[:20])
    if len(value) != 10:  # fromisoformat takes 20250930 too; the address always carries the dashed form
        return ReferenceDate(default, True, "Enter the date as year-month-day, for example 2025-09-30", value[:20])
    if day > today:
        return ReferenceDate(default, True, "The date must be today or in the past: staffing is counted, not "
                                            "forecast", value)
    if day < EARLIEST:
        return ReferenceDate(default, True, f"The date must be on or after {EARLIEST:%-d %B %Y}", value)
    return ReferenceDate(day, day == default)


def spells(council):
    """Every member of the council's staff (leavers included: they are the leavers) as analytics' Spells."""
    staff = StaffMember.objects.filter(council=council).prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.order_by("start_date")))
    return [analytics.Spell(
        key=member.pk, role=member.role, fte=Decimal(member.fte), employment=member.employment,
        start=member.start_date, leave=member.leave_date,
        memberships=tuple(analytics.Membership(m.team_id, m.start_date, m.end_date) for m in member.memberships.all()),
        asye_started=member.asye_started_on, asye_completed=member.asye_completed_on) for member in staff]


def teams(council):
    """The council's teams with today's funded posts (an inactive team's counts as 0), by name."""
    rows = Team.objects.filter(council=council).select_related("service_area").order_by("name")
    return list(rows)


def team_infos(team_rows):
    return [analytics.TeamInfo(t.pk, t.service_area_id, Decimal(t.establishment_fte) if t.is_active else Decimal(0))
            for t in team_rows]


@dataclass
class Picture:
    """What the staffing page shows, before presentation: the measures on the date, the trend and the cohorts."""

    on: date
    staffing: analytics.Staffing
    trend: list  # [analytics.Staffing] at each 30 September, oldest first
    monthly: list  # [analytics.Staffing] at the end of each of the last 12 months, oldest first
    cohorts: list  # [analytics.Cohort], the latest year first
    teams: list  # the council's Team rows, by name
    service_areas: dict  # service area pk (None: teams in none) -> name


def picture(council, on):
    team_rows = teams(council)
    infos = team_infos(team_rows)
    people = spells(council)
    areas = {t.service_area_id: (t.service_area.name if t.service_area else "Teams in no service area")
             for t in team_rows}
    trend = [analytics.measure(people, infos, day) for day in analytics.annual_dates(on, TREND_YEARS)]
    monthly = [analytics.measure(people, infos, day) for day in analytics.monthly_dates(on)]
    return Picture(on=on, staffing=analytics.measure(people, infos, on), trend=trend, monthly=monthly,
                   cohorts=analytics.asye_cohorts(people, on), teams=team_rows,
                   service_areas=dict(sorted(areas.items(), key=lambda kv: (kv[0] is None, kv[1]))))
