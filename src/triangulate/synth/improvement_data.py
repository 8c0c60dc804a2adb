"""The demo council's improvement story (design docs/design/improvement.md §10, S6) as plain data: its council plan
with ten priorities in seed 002's words adapted to the demo's story, their dated progress, last year's published
self-assessment (with an external reviewer's view, as seed 004's service review) and this year's draft, and two
training topics. synth/improvement.py replays it through the services as the demo accounts.

Dates are offsets from the plan year's start (1 April before the latest extract), so the story moves with the demo.
The story's threads: visits look better in the figures than in audits and observations (the mismatched team), West
is strained (workforce and supervision), the strongest team's direct work is the good practice to spread, and the new
front door has cut re-referrals."""

from dataclasses import dataclass
from datetime import date

# (progress, offset in days from the plan's start, evidence of impact, what's next)
Update = tuple


@dataclass(frozen=True)
class PriorityPlan:
    title: str
    owner: str  # demo username
    themes: tuple  # theme slugs
    kpi_ids: tuple
    target: str
    updates: tuple  # of Update, oldest first
    team_parts: tuple = ()  # the story's parts whose teams the priority is about (empty: council-wide)


PRIORITIES = (
    PriorityPlan(
        "Right help at the right time: the front door and thresholds", "demo.servicemanager",
        ("timeliness", "multi-agency-working"), ("rereferral_pct", "referral_nfa_pct"),
        "Re-referrals within 12 months below the England average",
        (("in_progress", 75, "The new front door has cut re-referrals since it opened; daily triage with the police is "
          "in place.", "Test how thresholds are applied in the localities."),
         ("largely_achieved", 170, "Re-referrals are below England for the sixth month; partners use the consultation "
          "line.", "Some step-down decisions still wait too long.")), ("front_door",)),
    PriorityPlan(
        "Purposeful visits within the child's timescales", "demo.servicemanager",
        ("visits-and-direct-work", "voice-of-the-child"), ("cp_visits_in_timescale_pct", "cla_visits_in_timescale_pct"),
        "Child protection visits in time 90%, and audits of visits good or better 70%",
        (("in_progress", 80, "Visits in time have risen, but audits and the practice week found visit notes thin: the "
          "child's words are missing.", "Guidance on the purpose of a visit; the team manager reads five notes a "
          "month."),
         ("not_achieved", 175, "The figures look good; audits of visits are still mostly requires improvement. The "
          "practice day found no progress in South 1.", "One of the two key priorities for the next six months.")),
        ("mismatched", "drifting")),
    PriorityPlan(
        "Workforce stability in West", "demo.director", ("workforce-and-caseloads",), ("avg_caseload",),
        "Average caseload 18 or fewer in every West team; agency share below 15%",
        (("in_progress", 60, "Two posts filled; caseloads reviewed weekly.", "Fill the remaining vacancies; "
          "ASYE protected caseloads."),
         ("in_progress", 165, "Caseloads are reviewed weekly now, but two posts are still vacant.", "A recruitment "
          "campaign for experienced social workers.")), ("strained",)),
    PriorityPlan(
        "Reflective supervision and management oversight", "demo.servicemanager",
        ("management-oversight-and-supervision",), (),
        "Supervision in time and reflective in 80% of audited cases",
        (("in_progress", 90, "The reflective template is in use in some teams.", "The service manager samples three "
          "supervision records a month."),
         ("in_progress", 180, "Audits show oversight improving outside West; West's supervision is still cancelled for "
          "court work.", "Protect supervision time in West.")), ("strained",)),
    PriorityPlan(
        "SMART plans that families understand", "demo.servicemanager", ("planning-smart",),
        ("cp_repeat_pct",), "Plans SMART in 70% of audited cases",
        (("in_progress", 100, "Core groups agree an owner and a date for each action.", "Check plans at every "
          "review."),), ("drifting",)),
    PriorityPlan(
        "The voice of the child in every assessment and plan", "demo.psw", ("voice-of-the-child",),
        ("assessments_child_seen_pct",), "The child's views recorded and used in 80% of audited cases",
        (("in_progress", 70, "Direct work tools from the strongest team are shared at the practice forum.",
          "Children's rooms in each locality office."),
         ("largely_achieved", 160, "Children's rooms are open in three offices; the practice week found the child's "
          "voice strong in most teams.", "Spread the tools to the teams where it is weaker.")), ()),
    PriorityPlan(
        "Parents understand the worries and the plan", "demo.psw", ("parent-and-carer-experience",), (),
        "Families saying the work made a positive difference 75%",
        (("achieved", 150, "Conference reports are shared three working days before; families' feedback improved.",
          "Keep it under review through family feedback."),), ()),
    PriorityPlan(
        "Children in care: stable homes close to home", "demo.director", ("outcomes",),
        ("cla_3plus_placements_pct", "cla_out_of_area_pct"), "Three or more placements in a year below 10%",
        (("in_progress", 120, "Fewer agency carers; stability acceptable to good.", "Find placements for teenagers "
          "near home."),), ()),
    PriorityPlan(
        "Care leavers in education, employment or training", "demo.director", ("outcomes",),
        ("cl_eet_pct", "cl_suitable_accommodation_pct"), "Care leavers aged 19 to 21 in EET above England",
        (("achieved", 140, "Apprenticeships with the council; a new accommodation framework.", "Focus on outcomes "
          "for the most vulnerable."),), ()),
    PriorityPlan(
        "Quality assurance that changes practice", "demo.qalead", ("recording", "leadership"), (),
        "Every audit's learning reaches its team within a month",
        (("in_progress", 90, "Monthly audits, practice days and QPAG bring the evidence together.", "Use findings to "
          "influence practice directly: the learning loop."),
         ("largely_achieved", 175, "QPAG sees the evidence packs each month; the top 10 drives the training plan.",
          "Co-produce next year's self-assessment with staff.")), ()),
)

# Last year's self-assessment: (our grade, external grade, what we know, how we know, what we are doing) per default
# domain, on the default six-point scale (1 inadequate … 6 outstanding).
LAST_YEAR = (
    (4, 4, "Leaders know the service well and act on what they find; corporate parenting has stepped up.",
     "Performance data monthly, audits, the practice week, the staff health check.",
     "Leadership development for team managers; a QPAG each month."),
    (3, 3, "The front door is stronger; practice with children in need is variable and plans are not SMART enough.",
     "Audits of assessments and plans; re-referral and timeliness figures; the practice week.",
     "SMART planning workshops; core groups set owners and dates."),
    (3, 4, "Most children in care are in stable homes; too many teenagers live out of the area.",
     "Placement stability figures, children in care council, audits.", "Recruit carers for teenagers."),
    (3, 3, "More care leavers are in suitable homes; too few are in education, employment or training.",
     "Pathway plan audits, the care leavers' forum, EET figures.", "Apprenticeships and an EET adviser."),
    (3, 2, "Caseloads are too high in West, where agency staff cover vacancies.",
     "Caseload and staffing figures, the health check, practice week observations in West.",
     "Recruitment campaign; weekly caseload reviews in West."),
    (3, 3, "Audits are regular and moderated, but findings do not yet reach practice quickly.",
     "Audit reports, moderation agreement, QPAG minutes.", "A learning loop from audits to training."),
)
THIS_YEAR_GRADES = (4, 3, 4, 4, 3, 4)  # the draft so far
REVIEWER = ("A. Reviewer", "Former HMI, commissioned through the regional improvement alliance")
SUMMARY = ("This self-assessment gives an up to date evaluation of the quality of our work with children and families "
           "and of our progress against last year's priorities. It was written by senior officers with the QA and "
           "performance team, from our performance data, case file audits, the practice week and practice days, and "
           "what families and staff told us.")

TRAINING = (  # (title, theme, audience, delivered offset or None)
    ("Purposeful visits: what the child said and did", "visits-and-direct-work", "Social workers and senior "
     "practitioners", 150),
    ("Reflective supervision for team managers", "management-oversight-and-supervision", "Team managers", None),
)


def plan_year_start(latest_extract):
    """The 1 April on or before the latest extract: the plan year the demo is in."""
    year = latest_extract.year if latest_extract.month >= 4 else latest_extract.year - 1
    return date(year, 4, 1)
