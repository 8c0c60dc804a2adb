"""After the demo's practice week (design §10, S8): its action plan (8 items, 2 per heading, owned by the team and
service managers' demo accounts: 3 complete, 3 in progress, 2 overdue), two library items from the strong team,
and the practice days that follow it up: the strained locality's first team (its caseload and supervision actions
rated "some progress") and the mismatched team (visits), both complete, and next month's day for demo.teammanager's
team, published and not yet observed."""

import datetime as dt

from .practice_entries import (
    HOST_ROLE,
    LOCATION,
    MINUTES,
    OVERSIGHT,
    PARENTS,
    SLOTS,
    VISITS,
    VOICE,
    WORKFORCE,
    Notebook,
    draw_observation,
    office_of,
    rng_for,
)
from .practice_records import (
    AssessorPlan,
    EventPlan,
    LibraryItemPlan,
    PlanItemPlan,
    ProgressCheckPlan,
    ReportPlan,
    VisitPlan,
)

SERVICE, TEAM = "demo.servicemanager", "demo.teammanager"
# (heading, number, team's part or None, theme, issue, action, rationale, priority, owner, note, status, due)
# due: ("after_week", days) from the week's Friday, or ("after_extract", days) from the latest extract.
ITEMS = (
    (1, 1, "strained", WORKFORCE,
     "Caseloads are too high for reflective work; workers write up their visits in the evenings.",
     "Review caseloads weekly and move cases before a worker goes over the agreed number; fill the two vacant "
     "posts.", "Children see less of their worker, changes of worker go on and more staff leave.", "high", SERVICE,
     "with the team manager", "in_progress", ("after_extract", 45)),
    (1, 2, "strained", OVERSIGHT,
     "Supervision records list tasks rather than reflection, and supervision is cancelled for court work.",
     "Use the reflective supervision template in every supervision; the service manager samples three records a "
     "month.", "Risk is not thought about in supervision and drift goes unnoticed.", "high", SERVICE,
     "with the team manager", "overdue", ("after_extract", -30)),
    (2, 1, "mismatched", VISITS,
     "Visits are on time on paper but thin: the notes do not say what the child said or did.",
     "Every visit note to say its purpose, what the child said and did and what happens next; the team manager "
     "reads five notes a month.", "Visits look done while the child's experience is not known.", "high", SERVICE,
     "with the team manager", "overdue", ("after_extract", -14)),
    (2, 2, None, VOICE, "Offices are not welcoming for children, who are not encouraged to come in.",
     "Make a children's room in each locality office, chosen with the children in care council.",
     "Children keep being seen only at home or school, where they may not speak freely.", "medium", SERVICE,
     "with the heads of service", "complete", ("after_week", 75)),
    (3, 1, "drifting", "planning-smart", "Plans lack timescales; families could not say what would happen next.",
     "Core groups agree a date and an owner for each action; plans are checked at every review.",
     "Plans drift and families do not know what is expected of them.", "medium", SERVICE,
     "with the team manager", "in_progress", ("after_extract", 60)),
    (3, 2, "manager_team", PARENTS, "A report was given to a parent on the day of the meeting.",
     "Share conference reports with parents three working days before the meeting and read them through together.",
     "Parents cannot take part in decisions about their own children.", "medium", TEAM, "", "complete",
     ("after_week", 60)),
    (4, 1, None, VISITS, "\"Grab and go\" packs help workers arrive prepared; most teams do not have them.",
     "Share the packs and how to make them at the practice forum; each team to make its own.",
     "Good practice stays in one team.", "low", SERVICE, "with the principal social worker", "complete",
     ("after_week", 90)),
    (4, 2, "strong", VOICE, "The team's direct work tools are strong and other teams could learn from them.",
     "The team presents its direct work tools at two other teams' meetings.",
     "Other teams keep struggling with direct work with younger children.", "low", SERVICE,
     "with the team manager", "in_progress", ("after_extract", 75)),
)
STATUS_NOTE = {"complete": "Done: checked at the practice forum.", "in_progress": "Started; progress reviewed "
               "monthly.", "overdue": "Started but not finished by the date agreed."}


def plan_items(inputs, teams, visits, friday, latest_extract):
    team_of = {}
    for t in teams:  # the first team of each part: the strained locality's first team
        team_of.setdefault(t.part, t.team)
    team_of.setdefault("manager_team", inputs.manager_team)  # when the manager's team plays another part too
    out = []
    for heading, number, part, theme, issue, action, rationale, priority, owner, note, status, due in ITEMS:
        team = team_of[part] if part else None
        due_on = (friday if due[0] == "after_week" else latest_extract) + dt.timedelta(days=due[1])
        status_on = {"complete": due_on - dt.timedelta(days=10), "in_progress": friday + dt.timedelta(days=40),
                     "overdue": friday + dt.timedelta(days=35)}[status]
        kinds = ("good_practice", "exemplar", "strength") if heading == 4 else ("area_for_development",)
        sources = tuple((v.number, i) for v in visits for i, e in enumerate(v.entries)
                        if (team is None or v.team == team) and e.theme == theme and e.kind in kinds)
        out.append(PlanItemPlan(
            heading=heading, number=number, team=team, theme=theme, issue=issue, action=action, rationale=rationale,
            priority=priority, due=due_on, owner=owner, responsibility_note=note, status=status,
            status_on=status_on, status_note=STATUS_NOTE[status], entries=sources[:3]))
    return tuple(out)


def plan_library(teams, visits, published_on):
    """The strong team's good practice and case example, copied into the library (the observe step makes sure
    there is one of each)."""
    strong = next(t.team for t in teams if t.part == "strong")
    out = []
    for kind, library_kind in (("good_practice", "innovative_practice"), ("exemplar", "case_example")):
        number, index, entry = next((v.number, i, e) for v in visits if v.team == strong
                                    for i, e in enumerate(v.entries) if e.kind == kind)
        out.append(LibraryItemPlan(kind=library_kind, title=_title(entry.text), text=entry.text, theme=entry.theme,
                                   from_team=strong, source=(number, index), published_on=published_on))
    return tuple(out)


def _title(text):
    """The text's first clause, without quotation marks, as a title of at most 80 characters."""
    clause = text.replace('"', "")
    for stop in (":", ";", ","):
        clause = clause.split(stop)[0]
    return clause[:80].rstrip(" .")


# A practice day: (team's part, months after the week, focus, focus themes, theme weights, visits, ratings)
# visits: (assessor, slot, activity); ratings: per plan item theme, the rating and note on each observed visit.
DAYS = (
    ("strained", 1, "Caseloads and supervision since the practice week.", (WORKFORCE, OVERSIGHT),
     {WORKFORCE: 3.0, OVERSIGHT: 3.0},
     (("demo.psw", 0, "team_meeting"), ("demo.auditor", 1, "supervision"), ("demo.psw", 2, "home_visit")),
     {WORKFORCE: ("some_progress", "Caseloads are reviewed weekly now, but two posts are still vacant."),
      OVERSIGHT: ("some_progress", "The reflective template is used in some supervision records, not all.")}),
    ("mismatched", 2, "Visits: what happens on them and how they are written up.", (VISITS, VOICE),
     {VISITS: 4.0, VOICE: 2.0},
     (("demo.psw", 0, "home_visit"), ("demo.auditor", 1, "case_discussion"), ("demo.auditor", 2, "home_visit")),
     {VISITS: ("no_progress", "The visit notes seen are still thin: what the child said is missing.")}),
)

NOT_SEEN = ("not_seen", "Not looked at on this visit.")


def plan_days(inputs, week, latest_extract, seed):
    """The practice days that follow the week, oldest first."""
    out = [_day(inputs, week, seed, *spec) for spec in DAYS]
    first = latest_extract + dt.timedelta(days=1)  # the month the demo is in; its day is next month's
    month = first.year * 12 + first.month  # the month after, 0-based month index + 1
    start = dt.date(month // 12, month % 12 + 1, 1)
    wednesday = start + dt.timedelta(days=(2 - start.weekday()) % 7 + 7)  # the second Wednesday
    team = next(t for t in week.teams if t.team == inputs.manager_team)
    visits = tuple(_visit(n, wednesday, team.team, who, slot, activity, inputs, observed=False)
                   for n, (who, slot, activity) in enumerate((("demo.psw", 0, "team_meeting"),
                                                              ("demo.auditor", 1, "home_visit")), start=1))
    out.append(EventPlan(
        kind="day", title=f"Practice day: {team.team}, {wednesday:%B %Y}", starts_on=wednesday, ends_on=wednesday,
        focus="The voice of the child in visits and meetings, since the practice week.", focus_themes=(VOICE,),
        status="published", organiser=week.organiser, follows=week.title, teams=(team,),
        assessors=_assessors(visits), visits=visits))
    return tuple(out)


def _assessors(visits):
    return tuple(AssessorPlan(key=k, kind="staff", username=k) for k in dict.fromkeys(v.assessor for v in visits))


def _visit(number, day, team, who, slot, activity, inputs, observed=True):
    start = SLOTS[slot][0]
    ends = (dt.datetime.combine(day, start) + dt.timedelta(minutes=MINUTES[activity])).time()
    localities = [t.name.removeprefix("Assessment ") for t in inputs.teams if t.team_type == "assessment"]
    return VisitPlan(number=number, date=day, starts_at=start, ends_at=ends, team=team, assessor=who,
                     activity=activity, activity_note="", consent="given" if activity in (
                         "home_visit", "family_conversation") else "not_needed",
                     location=LOCATION[activity].format(office=office_of(team, localities)),
                     host_role=HOST_ROLE.get(activity, "social_worker"), observed=observed)


def _day(inputs, week, seed, part, months, focus, themes, weights, planned, ratings):
    team = next(t for t in week.teams if t.part == part)
    day = week.starts_on + dt.timedelta(weeks=4 * months + months // 2, days=2)  # a Wednesday, monthly
    # every item of the team's or council-wide is rated on each visit (hand-in needs them all, §6.5); the ones the
    # day did not look at are "not seen"
    checked = [(i, ratings.get(i.theme, NOT_SEEN) if i.team == team.team else NOT_SEEN)
               for i in week.plan_items if i.team in (team.team, None)]
    book = Notebook(seed, part)
    visits = []
    for n, (who, slot, activity) in enumerate(planned, start=1):
        visit = _visit(n, day, team.team, who, slot, activity, inputs)
        observed = draw_observation(inputs, visit, part, rng_for(seed, "day", part, n), book, weights=weights)
        checks = tuple(ProgressCheckPlan(item=(i.heading, i.number), rating=rating, note=note)
                       for i, (rating, note) in checked)
        visits.append(VisitPlan(**{**visit.__dict__, **observed, "progress_checks": checks}))
    return EventPlan(
        kind="day", title=f"Practice day: {team.team}, {day:%B %Y}", starts_on=day, ends_on=day, focus=focus,
        focus_themes=themes, status="complete", organiser=week.organiser, follows=week.title, teams=(team,),
        assessors=_assessors(visits), visits=tuple(visits), published_on=day - dt.timedelta(days=10),
        completed_on=day + dt.timedelta(days=14))


# Seed 000's reflection and conclusion, in the demo council's words.
REFLECTION = (
    "What worked: every team had an office contact and a meeting point, and assessors had the focus and the team's "
    "context in their brief before the week.\n\n"
    "What should change next time:\n"
    "- Plan more visits where assessors hear directly from children, parents and carers.\n"
    "- Prepare teams earlier: some staff were not sure why the assessors were there.\n"
    "- Workers often did not recognise the quality of their own work; managers should say so when they see it.")
CONCLUSION = (
    "The week gives a benchmark for the next one and for each team's own plan. The action plan below sets out what is "
    "to change, who owns it and by when.\n\n"
    "Practice days now take place monthly, to look at practice in one team at a time and to test how far it "
    "has come since the week.")


def plan_report(items, library, approved_on, organiser):
    """The week's report: the plan items' first source entries and the library's entries as the picks."""
    picks = [i.entries[0] for i in items if i.entries] + [item.source for item in library]
    return ReportPlan(reflection=REFLECTION, conclusion=CONCLUSION, picks=tuple(dict.fromkeys(picks)),
                      approved_on=approved_on, approved_by=organiser)
