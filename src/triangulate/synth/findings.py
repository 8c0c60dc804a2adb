"""A few findings and actions in the demo council, in the words a practice week
or audit report would use, so the findings and actions pages have something real."""

from datetime import timedelta

from triangulate.core.models import Theme
from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import Action, Finding, Source

S, A = Finding.Kind.STRENGTH, Finding.Kind.AREA_FOR_DEVELOPMENT

# (kind, theme slug, team: "first safeguarding" / "front door" / None, source, text, action for an area for development)
DEMO_FINDINGS = (
    (S, "voice-of-the-child", "safeguarding", Source.PRACTICE_WEEK,
     "Direct work with children was creative and children's words were recorded in their own language."),
    (A, "management-oversight-and-supervision", "safeguarding", Source.CASE_AUDIT,
     "Supervision records list tasks but rarely show reflection on risk or the child's lived experience.",
     "Introduce a reflective supervision template and audit ten supervision records a month"),
    (A, "planning-smart", "safeguarding", Source.CASE_AUDIT,
     "Child protection plans are not specific enough: actions lack timescales and named people.",
     "Run SMART planning workshops for every child protection chair and social worker"),
    (S, "multi-agency-working", "front_door", Source.PRACTICE_WEEK,
     "Partners in the MASH share information quickly and threshold decisions are clear."),
    (A, "timeliness", "front_door", Source.PERFORMANCE,
     "Too many contacts wait more than one working day for a decision.",
     "Add a daily RAG huddle in the front door to clear contacts older than one working day"),
    (S, "workforce-and-caseloads", None, Source.STAFF_SURVEY,
     "Staff say they feel supported by managers and that caseloads have become more manageable."),
    (A, "recording", None, Source.CASE_AUDIT,
     "Case summaries and chronologies are often out of date, so a new worker cannot quickly understand the history.",
     "Bring every open case's chronology up to date and check them in monthly audits"),
    (S, "parent-and-carer-experience", "safeguarding", Source.FAMILY_FEEDBACK,
     "Parents said their social worker was honest with them about worries and explained what would happen next."),
)


def add_demo_findings(users, teams_by_name, as_of, rng):
    qa_lead = users[Role.QA_LEAD]
    owner = users[Role.TEAM_MANAGER]
    safeguarding = next(t for name, t in teams_by_name.items() if t.team_type == "locality_safeguarding")
    front_door = next(t for t in teams_by_name.values() if t.team_type == "front_door")
    team_for = {"safeguarding": safeguarding, "front_door": front_door, None: None}
    themes = {t.slug: t for t in Theme.objects.all()}
    for i, (kind, slug, team_key, source, text, *action_title) in enumerate(DEMO_FINDINGS):
        finding = services.record_finding.step(actor=qa_lead, kind=kind, text=text, theme=themes[slug],
                                          team=team_for[team_key], source=source,
                                          found_on=as_of - timedelta(days=20 + 9 * i))
        if action_title:
            due = as_of + timedelta(days=rng.randrange(-20, 60))
            services.create_action.step(
                actor=qa_lead, title=action_title[0],
                rationale="Without this, children's plans and the help they get will not improve.",
                priority=rng.choice(list(Action.Priority.values)), owner=owner if team_key else qa_lead,
                due_date=due, theme=finding.theme, finding=finding)
