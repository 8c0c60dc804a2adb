"""Generate the synthetic demo council: structure, staff with turnover and agency
cover, demo accounts for every role, and a few findings and actions.

Deterministic: the same seed, size and as-of date give the same council.
Everything is written in one transaction, so a failure leaves no half-made council.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from triangulate.audits.services.tools import ensure_default_tools
from triangulate.core.authority import System
from triangulate.core.roles import Role
from triangulate.core.services import ensure_default_themes
from triangulate.people import services as people_services
from triangulate.people.models import (
    Council,
    CouncilPopulation,
    Locality,
    Region,
    ServiceArea,
    StaffMember,
    StatisticalNeighbour,
    Team,
    TeamMembership,
)
from triangulate.people.models import StaffRole as R

from . import structure
from .findings import add_demo_findings
from .journeys.story import council_story
from .names import FIRST_NAMES, LAST_NAMES

DEMO_PASSWORD = "triangulate-demo"
DEFAULT_CHILDREN = 60_000  # children aged 0-17: a mid-sized English council
NEIGHBOURS = ("Brackenshire", "Castlemere", "Dunmoor", "Eastwold", "Fellbridge", "Greywater", "Harrowdale",
              "Ironbridge Vale", "Kingsholm", "Lowthorpe")
# Slots always filled, so that every demo account has a real member of staff behind it.
KEY_ROLES = frozenset({R.TEAM_MANAGER, R.SERVICE_MANAGER, R.PRINCIPAL_SOCIAL_WORKER, R.DIRECTOR,
                       R.HEAD_OF_SERVICE, R.AUDITOR, R.SOCIAL_WORKER})
MOVING_ROLES = frozenset({R.SOCIAL_WORKER, R.SENIOR_PRACTITIONER, R.ASYE, R.DEPUTY_TEAM_MANAGER})
SCALED_ROLES = frozenset({R.SOCIAL_WORKER, R.FAMILY_SUPPORT_WORKER, R.PERSONAL_ADVISER, R.IRO, R.ASYE})


@dataclass
class DemoCouncil:
    council: Council
    users: dict = field(default_factory=dict)  # Role -> User
    staff_count: int = 0


def localities_for(children):
    return max(2, min(len(structure.LOCALITIES), round(children / 15_000)))


class _Generator:
    def __init__(self, seed, children, as_of):
        self.rng = random.Random(seed)
        self.children = children
        self.as_of = as_of
        self.scale = max(0.5, children / DEFAULT_CHILDREN)
        self.next_ref = 10_000 + self.rng.randrange(50_000)
        self.staff = []  # (StaffMember, [(team, start, end)])
        self.cast = None  # the story's parts (journeys/story.py), once the teams exist

    def day_between(self, start, end):
        return start + timedelta(days=self.rng.randrange(max(1, (end - start).days)))

    def person(self, role, team, start, leave=None, employment=StaffMember.Employment.PERMANENT):
        self.next_ref += 1
        part_time = employment == StaffMember.Employment.PERMANENT and self.rng.random() < 0.15
        member = StaffMember(
            staff_ref=f"E{self.next_ref}", first_name=self.rng.choice(FIRST_NAMES),
            last_name=self.rng.choice(LAST_NAMES), role=role, employment=employment,
            fte=Decimal(self.rng.choice(("0.6", "0.8"))) if part_time else Decimal("1"),
            start_date=start, leave_date=leave)
        spells = [(team, start, leave)]
        self.staff.append((member, spells))
        return member, spells

    def staffing(self, team):
        """(share of posts filled, share of those filled by agency staff, chance the post changed hands in the
        last three years) for a team, after the story's strain or strength (structure.py)."""
        fill = structure.FILL_RATE.get(team.team_type, structure.DEFAULT_FILL_RATE)
        agency = structure.AGENCY_SHARE.get(team.team_type, structure.DEFAULT_AGENCY_SHARE)
        turnover = 0.3
        if self.cast is not None and team.name == self.cast.strong_team:
            return structure.STRONG_FILL_RATE, structure.STRONG_AGENCY_SHARE, structure.STRONG_TURNOVER
        strain = self.cast.strained_teams.get(team.name, 0.0) if self.cast is not None else 0.0
        return (fill + structure.STRAIN_FILL_RATE * strain, agency + structure.STRAIN_AGENCY_SHARE * strain,
                turnover + structure.STRAIN_TURNOVER * strain)

    def fill_slot(self, team, role, forced, other_teams, covered=False):
        """forced: always filled by a permanent member of staff (every demo account needs one); covered:
        always filled, if need be by agency staff (a council keeps half its social work posts covered)."""
        fill, agency_share, turnover = self.staffing(team)
        three_years_ago = self.as_of - timedelta(days=3 * 365)
        filled = forced or covered or self.rng.random() < fill
        agency = filled and not forced and role in structure.AGENCY_ROLES and self.rng.random() < agency_share
        if filled:
            years = 2 if agency else 14
            start = self.day_between(self.as_of - timedelta(days=int(365 * years * self.rng.random()) + 30),
                                     self.as_of - timedelta(days=20))
        else:
            start = self.as_of  # vacant since a leaver, below
        # Turnover: the post's previous holder left during the last three years.
        if self.rng.random() < turnover + (0.15 if agency or not filled else 0) \
                and start > three_years_ago + timedelta(60):
            left = self.day_between(three_years_ago + timedelta(days=30), start)
            began = left - timedelta(days=self.rng.randrange(120, 2500))
            leaver_agency = self.rng.random() < agency_share * 1.5 and role in structure.AGENCY_ROLES
            self.person(role, team, began, left,
                        StaffMember.Employment.AGENCY if leaver_agency else StaffMember.Employment.PERMANENT)
        if not filled:
            return None
        member, spells = self.person(role, team, start,
                                     employment=StaffMember.Employment.AGENCY if agency else
                                     StaffMember.Employment.PERMANENT)
        # Some permanent social workers moved here from another social work team.
        if not agency and other_teams and role in MOVING_ROLES and self.rng.random() < 0.12 \
                and (self.as_of - start).days > 400:
            moved = self.day_between(start + timedelta(days=180), self.as_of - timedelta(days=30))
            spells[:] = [(self.rng.choice(other_teams), start, moved), (team, moved, None)]
        return member


def _team_names(template, localities):
    if template.per_locality:
        return [(template.name.format(locality=loc, n=n), loc)
                for loc in localities for n in range(1, template.per_locality + 1)]
    if "{half}" in template.name:
        half = (len(localities) + 1) // 2
        return [(template.name.format(half=" and ".join(part)), None)
                for part in (localities[:half], localities[half:])]
    return [(template.name, None)]


@transaction.atomic
def generate_demo_council(*, seed=1, children=DEFAULT_CHILDREN, as_of=None, with_accounts=True):
    """Create the demo council. Refuses if a council already exists (the demo is one council)."""
    if Council.objects.exists():
        raise ValueError("A council already exists in this database; the demo council was not generated.")
    if children < 1_000:
        raise ValueError("The demo council needs at least 1,000 children aged 0 to 17")
    as_of = as_of or timezone.localdate()
    ensure_default_themes.step(actor=System.DEMO)  # .step: one transaction for the whole demo
    gen = _Generator(seed, children, as_of)
    council = Council.objects.create(name="Aldermoor Council", la_code="990", region=Region.NORTH_EAST)
    CouncilPopulation.objects.bulk_create(
        CouncilPopulation(council=council, year=as_of.year - k, children_0_17=int(children * (1 - 0.004 * k)))
        for k in range(1, 6))
    codes = gen.rng.sample(range(900, 990), len(NEIGHBOURS))
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(council=council, rank=i, name=name, la_code=str(code))
        for i, (name, code) in enumerate(zip(NEIGHBOURS, codes, strict=True), start=1))
    areas = {name: ServiceArea.objects.create(council=council, name=name) for name in structure.SERVICE_AREAS}
    locality_names = list(structure.LOCALITIES[:localities_for(children)])
    localities = {name: Locality.objects.create(council=council, name=name) for name in locality_names}

    teams = []
    for template in structure.TEAMS:
        for name, locality in _team_names(template, locality_names):
            slots = [(role, max(1, round(n * gen.scale)) if role in SCALED_ROLES else n)
                     for role, n in template.roles]
            team = Team.objects.create(
                council=council, name=name, team_type=template.team_type, service_area=areas[template.service_area],
                locality=localities.get(locality), case_system_name=name,
                establishment_fte=Decimal(sum(n for _, n in slots)))
            teams.append((team, slots))
    teams_by_type = defaultdict(list)
    for team, _ in teams:
        teams_by_type[team.team_type].append(team.case_system_name or team.name)
    gen.cast = council_story(dict(teams_by_type), seed, as_of).cast
    social_work_teams = [t for t, _ in teams if t.team_type in ("assessment", "locality_safeguarding",
                                                               "children_in_care", "adolescent")]
    for team, slots in teams:
        others = [t for t in social_work_teams if t != team] if team in social_work_teams else []
        for role, count in slots:
            for i in range(count):
                gen.fill_slot(team, role, forced=(i == 0 and role in KEY_ROLES), other_teams=others,
                              covered=role == R.SOCIAL_WORKER and i < (count + 1) // 2)

    for member, _ in gen.staff:
        member.council = council
    StaffMember.objects.bulk_create([m for m, _ in gen.staff])
    TeamMembership.objects.bulk_create(
        TeamMembership(staff=m, team=team, start_date=start, end_date=end)
        for m, spells in gen.staff for team, start, end in spells)
    ensure_default_tools.step(actor=System.DEMO, council=council)  # the audit tools and grade scale (audits §2)
    demo = DemoCouncil(council=council, staff_count=len(gen.staff))
    if with_accounts:
        demo.users = create_demo_accounts(council, as_of)
        add_demo_findings(demo.users, {t.name: t for t, _ in teams}, as_of, gen.rng)
    return demo


def _first_in_post(role, team_name, as_of):
    return (StaffMember.objects.in_post_on(as_of)
            .filter(role=role, memberships__team__name=team_name, memberships__end_date__isnull=True)
            .order_by("staff_ref").first())


def demo_account_plan(council, as_of):
    """Role -> (username, first name, last name, member of staff, service areas)."""
    safeguarding = council.teams.filter(team_type="locality_safeguarding").order_by("id").first().name
    return {
        Role.PRACTITIONER: ("demo.practitioner", _first_in_post(R.SOCIAL_WORKER, safeguarding, as_of), ()),
        Role.TEAM_MANAGER: ("demo.teammanager", _first_in_post(R.TEAM_MANAGER, safeguarding, as_of), ()),
        Role.SERVICE_MANAGER: ("demo.servicemanager", _first_in_post(R.SERVICE_MANAGER, "Senior Leadership", as_of),
                               ("Safeguarding",)),
        Role.AUDITOR: ("demo.auditor", _first_in_post(R.AUDITOR, "Quality Assurance", as_of), ()),
        Role.QA_LEAD: ("demo.qalead", _first_in_post(R.SERVICE_MANAGER, "Quality Assurance", as_of), ()),
        Role.PRINCIPAL_SOCIAL_WORKER: ("demo.psw", _first_in_post(R.PRINCIPAL_SOCIAL_WORKER, "Quality Assurance",
                                                                  as_of), ()),
        Role.SENIOR_LEADER: ("demo.director", _first_in_post(R.DIRECTOR, "Senior Leadership", as_of), ()),
        Role.ELECTED_MEMBER: ("demo.councillor", None, ()),
        Role.INSPECTOR: ("demo.inspector", None, ()),
        Role.SYSTEM_ADMIN: ("demo.admin", None, ()),
    }


def inspector_expiry(as_of):
    return timezone.make_aware(datetime.combine(max(as_of, timezone.localdate()) + timedelta(days=27),
                                                time(23, 59)))


def create_demo_accounts(council, as_of):
    users = {}
    for role, (username, staff, area_names) in demo_account_plan(council, as_of).items():
        first, last = (staff.first_name, staff.last_name) if staff else (role.label, "(demo)")
        users[role] = people_services.create_account.step(
            actor=System.DEMO, username=username, password=DEMO_PASSWORD, first_name=first, last_name=last,
            role=role, staff=staff, service_areas=list(council.service_areas.filter(name__in=area_names)),
            expires_at=inspector_expiry(as_of) if role == Role.INSPECTOR else None)
    return users


def refresh_demo_inspector():
    """The demo inspector's access is time-limited; each demo start gives it 28 more days."""
    from triangulate.people.models import UserProfile

    profile = UserProfile.objects.filter(user__username="demo.inspector", role=Role.INSPECTOR).first()
    if profile is not None:
        people_services.change_access(actor=System.DEMO, user=profile.user, role=Role.INSPECTOR,
                                      expires_at=inspector_expiry(date.today()))
