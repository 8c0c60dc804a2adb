"""Staffing stability as the DfE children's social work workforce census measures it (workforce design §4). Pure.

Definitions (DfE, "Children's social work workforce" statistics and methodology, explore-education-statistics
.service.gov.uk/methodology/children-s-social-work-workforce-methodology and the release's underlying data, whose
2023 national row the formulas below reproduce: turnover 5254.6 / 33119.1 = 15.9%, agency 7173.5 / (7173.5 +
33119.1) = 17.8%, vacancy 7722.7 / (7722.7 + 33119.1) = 18.9%):
- **Children and family social workers** are employed and paid directly by the council (here: `permanent`);
  **agency workers** are not directly paid by it (here: `agency`). FTE is contracted hours over standard hours
  (people's `fte`); headcount counts each person once.
- **In post**: at the reference date (the census's is 30 September). Starters and leavers are over the year to it.
- **Turnover rate** = FTE permanent leavers in the year ÷ FTE permanent in post at the date.
- **Agency rate** = agency FTE at the date ÷ (agency FTE + permanent FTE).
- **Vacancy**: a funded post with no permanent social worker in it, *whether or not an agency worker covers it*
  (DfE reports "vacancies covered by agency workers" as a share of vacancies). So vacancy FTE = establishment −
  permanent FTE (floor 0), and **vacancy rate** = vacancy FTE ÷ (vacancy FTE + permanent FTE). The design first
  said establishment − permanent and agency FTE; DfE's letter wins (design §4 says so). The FTE of vacancies an
  agency worker covers is given as `agency_cover_fte` = min(agency FTE, vacancy FTE), our estimate of DfE's figure.
- **Starters** and **leavers** are permanent staff only (agency workers are a point-in-time count), headcount and FTE.
  A move between teams is neither: it is the council the person joins or leaves.

Our choices where DfE is silent (it does not publish these):
- **Stability** (headcount): of the permanent staff in post 12 months before the date, the share still in post on
  it. For a team or service area the base is those in it 12 months before; they count as stayed if still in post
  anywhere in the council (a move is not a loss to the service).
- A leaver belongs to the team they were in on their last day; a starter to the team they joined on their first day.
  Staff with no team on the day count towards the council only. A team's vacancy is its own; the council's and a
  service area's are the sum of their teams' (one team's surplus does not fill another's post).
- Scope: case-holding and managerial social work roles, i.e. every role but family support worker, auditor and
  director (design §4). The role is the person's current one (people keeps no role history).
- Dates as people's models: in post on `day` when `start <= day < leave` (leave is the first day out), in a team when
  `start <= day < end`. So "left in the year to D" is `D - 1 year < leave <= D`, and in-post(D) = in-post(D - 1 year)
  + starters − leavers.
- **ASYE cohorts** by the calendar year of `asye_started`: started; completed (on or before the date); left before
  completing; still in post 12 and 24 months after completing, counted only for those whose 12 or 24 months have
  passed by the date (the base is given alongside).
- A rate whose denominator is 0 is `None` with the reason.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

PERMANENT = "permanent"
AGENCY = "agency"
OUT_OF_SCOPE_ROLES = frozenset({"family_support_worker", "auditor", "director"})
NO_SERVICE_AREA = None  # the key for teams that sit in no service area


@dataclass(frozen=True)
class Membership:
    team: object  # a team key
    start: date
    end: date | None = None  # exclusive


@dataclass(frozen=True)
class Spell:
    """One member of staff: their employment with the council and the teams they were in."""

    key: object
    role: str
    fte: Decimal
    employment: str
    start: date
    leave: date | None = None  # exclusive: the first day no longer in post
    memberships: tuple = ()
    asye_started: date | None = None
    asye_completed: date | None = None

    def in_post(self, day):
        return self.start <= day and (self.leave is None or self.leave > day)

    def team_on(self, day):
        for m in self.memberships:
            if m.start <= day and (m.end is None or m.end > day):
                return m.team
        return None


@dataclass(frozen=True)
class TeamInfo:
    key: object
    service_area: object = NO_SERVICE_AREA
    establishment: Decimal = Decimal(0)


@dataclass(frozen=True)
class Rate:
    value: float | None  # a fraction (0.25 = 25%)
    reason: str = ""

    @classmethod
    def of(cls, numerator, denominator, reason):
        if not denominator:
            return cls(None, reason)
        return cls(float(Decimal(numerator) / Decimal(denominator)))


@dataclass
class Figures:
    """One unit's (team, service area or council) measures on a date."""

    permanent_fte: Decimal = Decimal(0)
    permanent_headcount: int = 0
    agency_fte: Decimal = Decimal(0)
    agency_headcount: int = 0
    establishment_fte: Decimal | None = None  # None: the unit has no teams to carry one (staff with no team)
    vacancy_fte: Decimal = Decimal(0)
    starters_headcount: int = 0
    starters_fte: Decimal = Decimal(0)
    leavers_headcount: int = 0
    leavers_fte: Decimal = Decimal(0)
    stability_base: int = 0  # permanent headcount in post 12 months before
    stability_stayed: int = 0

    @property
    def agency_cover_fte(self):
        return min(self.agency_fte, self.vacancy_fte)

    @property
    def agency_rate(self):
        return Rate.of(self.agency_fte, self.agency_fte + self.permanent_fte, "no permanent or agency staff in post")

    @property
    def vacancy_rate(self):
        if self.establishment_fte is None:
            return Rate(None, "no establishment recorded")
        return Rate.of(self.vacancy_fte, self.vacancy_fte + self.permanent_fte,
                       "no establishment and no permanent staff in post")

    @property
    def turnover_rate(self):
        return Rate.of(self.leavers_fte, self.permanent_fte, "no permanent staff in post on the date")

    @property
    def stability(self):
        return Rate.of(self.stability_stayed, self.stability_base, "no permanent staff in post 12 months before")


@dataclass
class Staffing:
    on: date
    council: Figures
    service_areas: dict = field(default_factory=dict)  # service area key (None: no area) -> Figures
    teams: dict = field(default_factory=dict)  # team key -> Figures


def years_before(day, years):
    """The same day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def in_scope(spell):
    return spell.role not in OUT_OF_SCOPE_ROLES


def measure(spells, teams, on):
    """The census measures on `on` for the council, each service area and each team in `teams`."""
    year_ago = years_before(on, 1)
    team_info = {t.key: t for t in teams}
    by_team = {t.key: Figures(establishment_fte=Decimal(t.establishment)) for t in teams}
    council = Figures()
    def units(team):  # a team unknown to `teams` (or none) counts towards the council only
        return [council] + ([by_team[team]] if team in by_team else [])

    for spell in filter(in_scope, spells):
        fte = Decimal(spell.fte)
        permanent = spell.employment == PERMANENT
        if spell.in_post(on):
            for unit in units(spell.team_on(on)):
                if permanent:
                    unit.permanent_fte += fte
                    unit.permanent_headcount += 1
                else:
                    unit.agency_fte += fte
                    unit.agency_headcount += 1
        if not permanent:
            continue
        if year_ago < spell.start <= on:
            for unit in units(spell.team_on(spell.start)):
                unit.starters_headcount += 1
                unit.starters_fte += fte
        if spell.leave is not None and year_ago < spell.leave <= on:
            for unit in units(spell.team_on(spell.leave - timedelta(days=1))):
                unit.leavers_headcount += 1
                unit.leavers_fte += fte
        if spell.in_post(year_ago):
            stayed = spell.in_post(on)
            for unit in units(spell.team_on(year_ago)):
                unit.stability_base += 1
                unit.stability_stayed += stayed

    for figures in by_team.values():
        figures.vacancy_fte = max(figures.establishment_fte - figures.permanent_fte, Decimal(0))

    # service areas sum their teams; the council's people are counted directly (staff with no team included), its
    # establishment and vacancy are its teams'
    areas = {}
    for key, figures in by_team.items():
        area = areas.setdefault(team_info[key].service_area, Figures(establishment_fte=Decimal(0)))
        _add(area, figures)
    if by_team:
        council.establishment_fte = sum((f.establishment_fte for f in by_team.values()), Decimal(0))
        council.vacancy_fte = sum((f.vacancy_fte for f in by_team.values()), Decimal(0))
    return Staffing(on=on, council=council, service_areas=areas, teams=by_team)


def _add(total, figures):
    for name in ("permanent_fte", "permanent_headcount", "agency_fte", "agency_headcount", "establishment_fte",
                 "vacancy_fte", "starters_headcount", "starters_fte", "leavers_headcount", "leavers_fte",
                 "stability_base", "stability_stayed"):
        setattr(total, name, getattr(total, name) + getattr(figures, name))


@dataclass
class Cohort:
    year: int
    started: int = 0
    completed: int = 0
    left_before_completing: int = 0
    due_12: int = 0  # completed at least 12 months before the date
    stayed_12: int = 0
    due_24: int = 0
    stayed_24: int = 0

    @property
    def retained_12(self):
        return Rate.of(self.stayed_12, self.due_12, "nobody completed 12 months or more before the date")

    @property
    def retained_24(self):
        return Rate.of(self.stayed_24, self.due_24, "nobody completed 24 months or more before the date")


def asye_cohorts(spells, on):
    """ASYE cohorts by the year their ASYE started, as known on `on`; the latest year first."""
    cohorts = {}
    for spell in spells:
        if spell.asye_started is None or spell.asye_started > on:
            continue
        cohort = cohorts.setdefault(spell.asye_started.year, Cohort(spell.asye_started.year))
        cohort.started += 1
        done = spell.asye_completed
        if done is not None and done <= on:
            cohort.completed += 1
            for years, due, stayed in ((1, "due_12", "stayed_12"), (2, "due_24", "stayed_24")):
                after = years_before(done, -years)
                if after <= on:
                    setattr(cohort, due, getattr(cohort, due) + 1)
                    setattr(cohort, stayed, getattr(cohort, stayed) + spell.in_post(after))
        elif spell.leave is not None and spell.leave <= on:
            cohort.left_before_completing += 1
    return sorted(cohorts.values(), key=lambda c: c.year, reverse=True)


def census_date(day):
    """The latest 30 September on or before `day`: the census's reference date and the page's default."""
    this_year = date(day.year, 9, 30)
    return this_year if this_year <= day else date(day.year - 1, 9, 30)


def annual_dates(on, years=5):
    """Each 30 September of the last `years` years to `on`, oldest first."""
    latest = census_date(on)
    return [date(latest.year - n, 9, 30) for n in range(years - 1, -1, -1)]


def monthly_dates(on, months=12):
    """The last day of each of the `months` months to `on` (its own month's end if `on` is that day), oldest first."""
    if on.day == calendar.monthrange(on.year, on.month)[1]:
        end = on
    else:
        end = on.replace(day=1) - timedelta(days=1)
    days = []
    year, month = end.year, end.month
    for _ in range(months):
        days.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]
