"""The demo council's practice story as data (design §10, S8): one complete practice week about five months before
the latest extract, its action plan and library items, and three practice days that follow it. Django-free and
deterministic for a seed: `plan_practice(inputs, seed=..., latest_extract=...)` returns a PracticePlan
(synth/practice_records.py) which the writer replays through the practice services as the demo accounts.

The design names the teams by the parts the story gives them ("North 1, the strong team; South 2, drifting; East 1,
mismatched; West 1 and West 2, the strained locality"). The story casts its parts from the team names in name
order, so in the demo council the strong team is Safeguarding East 1, the drifting Safeguarding North 2 and the
mismatched Safeguarding South 1; the plan follows the parts (`inputs.cast`), not the design's example names, and
adds demo.teammanager's team (Safeguarding North 1) when no part falls to it, so that team is visited and its
practice day can follow the week.

The timetable is built, not searched for: each assessor has three slots a day, so no one is double-booked or has
more than three visits in a day; assessors are given only teams outside their management line, except one visit
accepted with a reason. `plan_practice` then runs the timetable checks (practice/analysis/timetable.py) and
refuses a plan with an error, so the writer can publish it."""

import datetime as dt
from collections import Counter, defaultdict

from triangulate.practice.analysis import timetable as checks

from .names import FIRST_NAMES, LAST_NAMES
from .practice_entries import (
    HOST_ROLE,
    LOCATION,
    MINUTES,
    SLOTS,
    Notebook,
    draw_observation,
    office_of,
    rng_for,
)
from .practice_followup import plan_days, plan_items, plan_library, plan_report
from .practice_records import AssessorPlan, EventPlan, EventTeamPlan, NewAccount, PracticePlan, VisitPlan

FOCUS = "The voice of the child and what it is like to be a parent here."
FOCUS_THEMES = ("voice-of-the-child", "parent-and-carer-experience")
ORGANISER = "demo.qalead"
HEADS_OF_SERVICE = (NewAccount("demo.headofservice1", "head_of_service", "Senior Leadership", 0),
                    NewAccount("demo.headofservice2", "head_of_service", "Senior Leadership", 1))
# Visits per team by its part: 30 in all with demo.teammanager's team.
VISITS_BY_PART = {"front_door": 3, "assessment": 2, "strong": 3, "drifting": 3, "mismatched": 3, "strained": 3,
                  "children_in_care": 3, "fostering": 2, "manager_team": 3}
ACTIVITIES = {  # by team type: (activity, note), the team meeting always first
    "front_door": (("meeting_observation", "Strategy discussion"), ("case_discussion", "Screening a contact"),
                   ("supervision", "")),
    "assessment": (("home_visit", "First assessment visit"), ("case_discussion", ""), ("family_conversation", "")),
    "locality_safeguarding": (("home_visit", "Child protection visit"), ("meeting_observation", "Core group"),
                              ("supervision", ""), ("family_conversation", ""), ("case_discussion", "")),
    "children_in_care": (("home_visit", "Statutory visit to a child in care"),
                         ("meeting_observation", "Child in care review"), ("supervision", "")),
    "fostering_adoption": (("home_visit", "Supervisory visit to a carer"), ("meeting_observation", "Panel")),
}
CONFLICT_REASON = ("No other assessor was free for this case discussion; agreed with the director, and a second "
                   "assessor reads the notes before they are handed in.")
ATTEMPTS = 200


def plan_practice(inputs, *, seed, latest_extract):
    """The whole practice story for the demo council (see the module docstring). `inputs`: PracticeInputs."""
    teams = week_teams(inputs)
    monday = week_monday(latest_extract)
    assessors = week_assessors(inputs, teams, seed)
    visits = week_timetable(inputs, teams, assessors, monday, seed)
    verify_timetable(visits, teams, assessors)
    visits = observe(inputs, teams, visits, seed)
    title = f"Practice week, {monday:%B %Y}"
    items = plan_items(inputs, teams, visits, monday + dt.timedelta(days=4), latest_extract)
    library = plan_library(teams, visits, monday + dt.timedelta(days=39))
    week = EventPlan(
        kind="week", title=title, starts_on=monday, ends_on=monday + dt.timedelta(days=4), focus=FOCUS,
        focus_themes=FOCUS_THEMES, status="complete", organiser=ORGANISER, follows=None, teams=teams,
        assessors=assessors, visits=visits, published_on=monday - dt.timedelta(days=14),
        completed_on=monday + dt.timedelta(days=32), plan_items=items, library_items=library,
        report=plan_report(items, library, monday + dt.timedelta(days=30), ORGANISER))
    return PracticePlan(new_accounts=HEADS_OF_SERVICE, week=week,
                        days=plan_days(inputs, week, latest_extract, seed))


def week_monday(latest_extract):
    """The Monday about five months before the latest extract, moved two weeks earlier if the week would fall
    over Christmas (no council holds a practice week then)."""
    month = latest_extract.year * 12 + latest_extract.month - 1 - 5
    day = dt.date(month // 12, month % 12 + 1, min(latest_extract.day, 28))
    monday = day - dt.timedelta(days=day.weekday())
    while (monday.month == 12 and monday.day >= 18) or (monday.month == 1 and monday.day <= 2):
        monday -= dt.timedelta(days=14)
    return monday


def week_teams(inputs):
    """The week's teams in the design's order (front door, two assessment teams, the strong, drifting and
    mismatched teams, the strained locality's two safeguarding teams, a children in care team, fostering) and
    demo.teammanager's team if no part fell to it."""
    by_type = defaultdict(list)
    for team in sorted(inputs.teams, key=lambda t: t.name):
        by_type[team.team_type].append(team.name)
    cast = inputs.cast
    strained = set(cast.strained_teams)

    def first(team_type, prefer=()):
        names = by_type.get(team_type, [])
        if not names:
            raise ValueError(f"The demo council has no {team_type.replace('_', ' ')} team for its practice week")
        return next((n for n in names if n in prefer), names[0])

    assessment = by_type.get("assessment", [])
    strained_assessment = [n for n in assessment if n in strained]
    other_assessment = [n for n in assessment if n not in strained]
    strained_safeguarding = [n for n in by_type.get("locality_safeguarding", []) if n in strained][:2]
    parts = [(first("front_door"), "front_door")]
    parts += [(n, "assessment") for n in (strained_assessment[:1] + other_assessment)[:2]]
    for part in ("strong", "drifting", "mismatched"):
        name = getattr(cast, f"{part}_team")
        if name is None:
            raise ValueError(f"The story has no {part} team: the demo council needs more safeguarding teams")
        parts.append((name, part))
    parts += [(n, "strained") for n in strained_safeguarding]
    fostering = by_type.get("fostering_adoption", [])
    parts += [(first("children_in_care", strained), "children_in_care"),
              (next((n for n in fostering if n == "Fostering"), fostering[0] if fostering else None), "fostering")]
    if parts[-1][0] is None:
        raise ValueError("The demo council has no fostering team for its practice week")
    if inputs.manager_team not in {name for name, _ in parts}:
        parts.append((inputs.manager_team, "manager_team"))
    # a small council casts one team in two parts (its mismatched team is also strained): it plays the first
    seen = set()
    parts = [(name, part) for name, part in parts if not (name in seen or seen.add(name))]
    if "strained" not in {part for _, part in parts}:
        raise ValueError("The story's strained teams all play other parts: the demo council needs more teams")
    localities = [n.removeprefix("Assessment ") for n in assessment]
    return tuple(_event_team(name, part, localities) for name, part in parts)


CONTEXT = {
    "front_door": ("The front door and MASH, with police and health co-located.", "How quickly do decisions reach "
                   "the family, and what does the child's voice add at the first contact?"),
    "assessment": ("Assessments for the locality, with a new front door upstream this year.",
                   "Is the child seen and heard in the assessment, and do parents know what happens next?"),
    "strong": ("A stable, nearly fully staffed safeguarding team.", "What makes its direct work strong, and what "
               "could other teams copy?"),
    "drifting": ("A safeguarding team whose visits have slipped month by month.", "Are visits still purposeful, "
                 "and do plans keep to their timescales?"),
    "mismatched": ("A safeguarding team whose visits are on time by the figures.", "Look at what happens on the "
                   "visits and how they are written up."),
    "strained": ("A locality under pressure: vacancies covered by agency staff and high caseloads.",
                 "How are staff supported and supervised, and how do caseloads affect the children?"),
    "children_in_care": ("Children in care for two localities, many placed out of the area.",
                         "Do children in care see the same worker, and is their voice in their plans?"),
    "fostering": ("Recruits, assesses and supports the council's carers.", "What is it like to be a carer here?"),
    "manager_team": ("A safeguarding team of the locality.", "The voice of the child in visits and meetings."),
}


def _event_team(name, part, localities):
    office = office_of(name, localities)
    context, focus_note = CONTEXT[part]
    return EventTeamPlan(team=name, part=part, meeting_point=f"Reception, {office}",
                         contact_details="Ask at reception for the team manager", context=context,
                         focus_note=focus_note)


def week_assessors(inputs, teams, seed):
    """Four demo accounts, two heads of service (accounts made for them), a guest with an account (the
    safeguarding partnership's manager) and a guest on paper (an education manager). The heads of service and the
    partnership manager declare the teams they manage or sit with as conflicts."""
    names = {t.team for t in teams}
    area_of = {t.name: t.service_area for t in inputs.teams}
    by_part = defaultdict(list)
    for t in teams:
        by_part[t.part].append(t.team)
    rng = rng_for(seed, "guests")
    guest_names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(2)]

    def staff(username, conflict=(), line=()):
        return AssessorPlan(key=username, kind="staff", username=username, conflict_teams=tuple(conflict),
                            line=frozenset(line) | frozenset(conflict))

    service_line = {n for n in names if area_of.get(n) in inputs.service_manager_areas}
    first, last = guest_names[0].split()
    return (
        staff("demo.director"),
        staff("demo.servicemanager", line=service_line),
        staff("demo.psw"),
        staff("demo.auditor"),
        staff("demo.headofservice1", conflict=by_part["children_in_care"] + by_part["fostering"]),
        staff("demo.headofservice2", conflict=by_part["front_door"] + by_part["assessment"]),
        AssessorPlan(key="guest.1", kind="guest", username=None, name=guest_names[0],
                     organisation="Aldermoor Safeguarding Children Partnership", job_title="Partnership manager",
                     email=f"{first}.{last}@partnership.example.org".lower(), with_account=True,
                     conflict_teams=tuple(by_part["front_door"]), line=frozenset(by_part["front_door"])),
        AssessorPlan(key="guest.2", kind="guest", username=None, name=guest_names[1],
                     organisation="Aldermoor Council Education Service", job_title="Education safeguarding manager"),
    )


CAPACITY = {"demo.director": 4, "demo.servicemanager": 4, "demo.psw": 5, "demo.auditor": 5,
            "demo.headofservice1": 4, "demo.headofservice2": 4, "guest.1": 2, "guest.2": 2}
DAYS_FREE = {"guest.1": (1, 2), "guest.2": (3,)}  # weekday numbers; everyone else is free all week


def week_timetable(inputs, teams, assessors, monday, seed):
    """The week's visits, numbered by date and time. Tries seeded shuffles until one fits (the first nearly
    always does); the conflict visit is the service manager's case discussion with a strained team."""
    for attempt in range(ATTEMPTS):
        rng = rng_for(seed, "timetable", attempt)
        visits = _try_timetable(inputs, teams, assessors, monday, rng)
        if visits is not None:
            ordered = sorted(visits, key=lambda v: (v.date, v.starts_at, v.team, v.assessor))
            return tuple(VisitPlan(number=n, **_fields(v)) for n, v in enumerate(ordered, start=1))
    raise ValueError("No timetable fits the demo's teams and assessors")


def _fields(v):
    return {k: getattr(v, k) for k in VisitPlan.__dataclass_fields__ if k != "number"}


def _try_timetable(inputs, teams, assessors, monday, rng):
    types = {t.name: t.team_type for t in inputs.teams}
    lines = {a.key: a.line for a in assessors}
    left = dict(CAPACITY)
    conflict_team = next(t.team for t in teams if t.part == "strained" and t.team in lines["demo.servicemanager"])
    wanted = []  # (team, activity, note, conflict)
    for t in teams:
        pool = list(ACTIVITIES.get(types.get(t.team, ""), ACTIVITIES["locality_safeguarding"]))
        rng.shuffle(pool)
        if t.part == "mismatched":  # its visits are the point: go on one
            pool.sort(key=lambda a: a[0] != "home_visit")
        count = VISITS_BY_PART[t.part] - (t.team == conflict_team)
        wanted += [(t.team, *(("team_meeting", "") if k == 0 else pool[(k - 1) % len(pool)]), "")
                   for k in range(count)]
    rng.shuffle(wanted)
    wanted.insert(0, (conflict_team, "case_discussion", "", CONFLICT_REASON))
    given = []
    visited_by = defaultdict(set)
    for team, activity, note, reason in wanted:
        if reason:
            who = "demo.servicemanager"
        else:
            free = [a for a in left if left[a] > 0 and team not in lines[a]]
            if not free:
                return None
            fresh = [a for a in free if a not in visited_by[team]] or free
            who = max(fresh, key=lambda a: (left[a] - _demand(a, wanted, lines), rng.random()))
        left[who] -= 1
        visited_by[team].add(who)
        given.append((team, activity, note, reason, who))
    return _schedule(given, monday, rng)


def _demand(who, wanted, lines):
    """A crude scarcity score: assessors barred from many teams should take the visits they can do first."""
    return -sum(team in lines[who] for team, *_ in wanted) / 10


def _schedule(given, monday, rng):
    taken = set()  # (assessor, day, slot)
    team_days = Counter()
    team_slots = set()
    out = []
    for team, activity, note, reason, who in given:
        choices = [(d, s) for d in DAYS_FREE.get(who, range(5)) for s in range(len(SLOTS))
                   if (who, d, s) not in taken and (team, d, s) not in team_slots]
        if not choices:
            return None
        d, s = min(choices, key=lambda c: (team_days[(team, c[0])], activity == "team_meeting" and c[1] != 0,
                                           rng.random()))
        taken.add((who, d, s))
        team_slots.add((team, d, s))
        team_days[(team, d)] += 1
        start, end = SLOTS[s]
        length = MINUTES[activity]
        spare = (dt.datetime.combine(monday, end) - dt.datetime.combine(monday, start)).seconds // 60 - length
        shift = rng.choice(range(0, spare + 1, 15)) if spare > 0 else 0
        begins = dt.datetime.combine(monday, start) + dt.timedelta(minutes=shift)
        out.append(VisitPlan(
            number=0, date=monday + dt.timedelta(days=d), starts_at=begins.time(),
            ends_at=(begins + dt.timedelta(minutes=length)).time(), team=team, assessor=who, activity=activity,
            activity_note=note, location="", consent="given" if activity in checks.NEEDS_CONSENT else "not_needed",
            conflict_reason=reason, host_role=HOST_ROLE.get(activity, "social_worker")))
    return out


def observe(inputs, teams, visits, seed):
    """Each visit with its location, what happened, felt supported, heard from and entries (practice_entries.py).

    §10 says felt supported is "yes" with probability 0.45 + quality on oversight, "West 1 mixed, the rest
    supported"; the team status is strict (practice/analysis/counts.py A5: one "mixed" makes a team mixed), so the
    formula is applied in the strained locality's first team, which gets at least one "mixed", and every other
    team says yes. The strong team's first visit finds good practice and its second a case example, so the
    library has its two items."""
    localities = [t.name.removeprefix("Assessment ") for t in inputs.teams if t.team_type == "assessment"]
    part = {t.team: t.part for t in teams}
    mixed_team = next(t.team for t in teams if t.part == "strained")
    strong_seen = Counter()
    book = Notebook(seed, "week")
    out = []
    for v in visits:
        force = ()
        if part[v.team] == "strong":
            force = (("good_practice",), ("exemplar",), ())[min(strong_seen[v.team], 2)]
            strong_seen[v.team] += 1
        location = LOCATION[v.activity].format(office=office_of(v.team, localities))
        observed = draw_observation(inputs, v, part[v.team], rng_for(seed, "visit", v.number), book,
                                    mixed_team=v.team == mixed_team, force=force)
        out.append(VisitPlan(number=v.number, **{**_fields(v), "location": location, **observed}))
    mixed = [v for v in out if v.team == mixed_team and v.felt_supported != "not_asked"]
    if mixed and all(v.felt_supported == "yes" for v in mixed):
        out[out.index(mixed[-1])] = VisitPlan(number=mixed[-1].number,
                                              **{**_fields(mixed[-1]), "felt_supported": "mixed"})
    return tuple(out)


def timetable_records(event):
    """The event's visits, teams and assessors as the pure checks' records, and the management lines."""
    team_ids = {t.team: n for n, t in enumerate(event.teams, start=1)}
    assessor_ids = {a.key: n for n, a in enumerate(event.assessors, start=1)}
    visits = [checks.VisitRecord(id=v.number, assessor_id=assessor_ids[v.assessor], team_id=team_ids[v.team],
                                 date=v.date, starts_at=v.starts_at, ends_at=v.ends_at, activity=v.activity,
                                 consent=v.consent, conflict_reason=v.conflict_reason) for v in event.visits]
    teams = [checks.EventTeamRecord(team_id=team_ids[t.team], name=t.team, office_contact_id=team_ids[t.team],
                                    meeting_point=t.meeting_point) for t in event.teams]
    assessors = [checks.AssessorRecord(id=assessor_ids[a.key], name=a.name or a.key) for a in event.assessors]
    lines = {assessor_ids[a.key]: frozenset(team_ids[t] for t in a.line if t in team_ids) for a in event.assessors}
    return visits, teams, assessors, lines


def timetable_problems(event):
    """The timetable checks (§4) on a planned event, with an office contact assumed for every team (the writer
    sets each team's manager)."""
    return checks.check(*timetable_records(event), limit=event.max_visits_per_day)


def verify_timetable(visits, teams, assessors):
    event = EventPlan(kind="week", title="", starts_on=visits[0].date, ends_on=visits[-1].date, focus="",
                      focus_themes=(), status="planning", organiser="", follows=None, teams=teams,
                      assessors=assessors, visits=visits)
    errors = checks.errors(timetable_problems(event))
    if errors:
        raise ValueError("The planned timetable has errors: " + "; ".join(p.message for p in errors))
