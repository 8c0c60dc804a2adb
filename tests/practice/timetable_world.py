"""The §4 worked example built as records (design §4), for the timetable slice's tests: a week from Monday 2 to
Friday 6 February 2026, limit 3, organised by a QA lead. ann (Ann Able) is a team manager in Safeguarding North 1; bob (Bob Bell) a
service manager whose account holds the Safeguarding service area (North 1 and West 1); cat (Cat Clay) a senior leader with
no teams; Gail a guest on paper. Every team has an office contact and a meeting point, so no `details_missing`
warning clutters the example. `build(with_visits=True)` adds V1–V10 of the example's table."""

from dataclasses import dataclass
from datetime import date, time

from triangulate.core.roles import Role
from triangulate.practice.models import Visit

from ..factories import ServiceAreaFactory, StaffFactory, TeamFactory, add_to_team, make_user
from .factories import AssessorFactory, VisitFactory, make_event, make_guest

MON, TUE, WED, THU = date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4), date(2026, 2, 5)
NORTH_1, WEST_1, FOSTERING, FRONT_DOOR = "Safeguarding North 1", "Safeguarding West 1", "Fostering", "Front Door"

# V1–V10: assessor, team, date, start, end, activity, extra fields
TABLE = {
    1: ("ann", WEST_1, MON, "09:30", "11:00", "team_meeting", {}),
    2: ("ann", FOSTERING, MON, "11:00", "12:00", "supervision", {}),
    3: ("ann", NORTH_1, TUE, "10:00", "11:00", "case_discussion", {}),
    4: ("bob", WEST_1, MON, "10:00", "11:30", "meeting_observation", {}),
    5: ("bob", FOSTERING, MON, "11:00", "12:30", "team_meeting", {}),
    6: ("cat", FOSTERING, WED, "09:00", "10:00", "supervision", {}),
    7: ("cat", WEST_1, WED, "10:00", "11:00", "case_discussion", {}),
    8: ("cat", WEST_1, WED, "13:00", "14:00", "home_visit", {"consent": "requested"}),
    9: ("cat", NORTH_1, WED, "15:00", "16:00", "team_meeting", {}),
    10: ("gail", FRONT_DOOR, THU, "09:00", "10:00", "team_meeting", {"status": "cancelled"}),
}


def hm(text):
    return time(*map(int, text.split(":")))


@dataclass
class Week:
    event: object
    qa_lead: object
    users: dict  # ann, bob, cat: accounts
    assessors: dict  # ann, bob, cat, gail
    teams: dict  # name → EventTeam
    managers: dict  # team name → a team-manager account of that team (North 1: ann)
    visits: dict  # 1–10 → Visit


def build(with_visits=True):
    safeguarding = ServiceAreaFactory(name="Safeguarding")
    council = safeguarding.council
    teams = [TeamFactory(name=NORTH_1, council=council, service_area=safeguarding),
             TeamFactory(name=WEST_1, council=council, service_area=safeguarding),
             TeamFactory(name=FOSTERING, council=council, service_area=ServiceAreaFactory(name="Care")),
             TeamFactory(name=FRONT_DOOR, council=council, service_area=ServiceAreaFactory(name="MASH"))]
    managers = {}
    for i, team in enumerate(teams):
        staff = StaffFactory(council=council, role="team_manager", first_name=["Ann", "Wes", "Fay", "Fred"][i],
                             last_name="Manager")
        add_to_team(staff, team)
        managers[team.name] = make_user(Role.TEAM_MANAGER, staff=staff, username="ann" if i == 0 else f"tm{i}",
                                        email=f"tm{i}@example.org", first_name=staff.first_name,
                                        last_name="Able" if i == 0 else "Manager")
    users = {"ann": managers[NORTH_1],
             "bob": make_user(Role.SERVICE_MANAGER, service_areas=[safeguarding], username="bob",
                              email="bob@example.org", first_name="Bob", last_name="Bell"),
             "cat": make_user(Role.SENIOR_LEADER, username="cat", email="cat@example.org", first_name="Cat",
                          last_name="Clay")}
    qa_lead = make_user(Role.QA_LEAD, username="qalead", first_name="Quinn", last_name="Lead")
    event = make_event(council=council, organisers=[qa_lead], teams=teams, headings=False, title="Spring week",
                       created_by=qa_lead)
    event_teams = {et.team.name: et for et in event.teams.select_related("team")}
    for name, et in event_teams.items():
        et.office_contact = StaffFactory(council=council, first_name="Desk", last_name=name.split()[-1])
        et.save()
    assessors = {name: AssessorFactory(event=event, user=user) for name, user in users.items()}
    assessors["gail"] = make_guest(event, with_account=False, organisation="Hexham Middle School")
    week = Week(event, qa_lead, users, assessors, event_teams, managers, {})
    if with_visits:
        for number, (who, team, day, start, end, activity, extra) in TABLE.items():
            week.visits[number] = VisitFactory(event=event, event_team=event_teams[team], assessor=assessors[who],
                                               date=day, starts_at=hm(start), ends_at=hm(end), activity=activity,
                                               **extra)
    return week


def refresh(week):
    week.event.refresh_from_db()
    for visit in week.visits.values():
        visit.refresh_from_db()
    return week


def live_visits(event):
    return Visit.objects.filter(event=event).exclude(status__in=("cancelled", "did_not_happen"))
