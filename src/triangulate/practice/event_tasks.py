"""The event page's GOV.UK task list (design §9.1): details and focus; teams (with "confirmed by the team");
assessors; headings; timetable (with its errors and warnings); publish; observations handed in of planned;
analysis; report; action plan; complete.

Each task links, by URL name, to its page when the reader may open it. Statuses are the Design System's words:
"Completed", "In progress", "Not yet started", "Cannot start yet"."""

from dataclasses import dataclass

from django.urls import reverse

from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of

from . import checks
from .models import AnalysisReport, Observation, PracticeEvent, Visit
from .rules import Perm
from .selectors import EVERY_TIMETABLE

Status = PracticeEvent.Status
DONE, STARTED, NOT_STARTED, CANNOT_START = "Completed", "In progress", "Not yet started", "Cannot start yet"
# The states in which the organisers still plan (teams, assessors, headings, visits: §3.1 "any state before
# complete").
PLANNING = (Status.PLANNING, Status.PUBLISHED, Status.OBSERVING, Status.ANALYSIS)
AFTER_PUBLISHING = (Status.PUBLISHED, Status.OBSERVING, Status.ANALYSIS, Status.COMPLETE)
AFTER_CLOSING = (Status.ANALYSIS, Status.COMPLETE)


@dataclass(frozen=True)
class Task:
    name: str
    href: str | None
    status: str
    hint: str = ""


def _task(name, url_name, event, status, hint="", *, allowed=True):
    """A task linking to `url_name` when the reader may open it."""
    return Task(name, reverse(url_name, args=[event.pk]) if allowed else None, status, hint)


def tasks(user, event, *, may_manage):
    teams = list(event.teams.all())
    confirmed = sum(1 for t in teams if t.details_confirmed_at)
    assessors = event.assessors.count()
    headings = event.headings.count()
    visits = Visit.objects.filter(event=event)
    planned = visits.exclude(status__in=(Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN)).count()
    handed_in = Observation.objects.filter(event=event, state=Observation.State.HANDED_IN).count()
    report = AnalysisReport.objects.filter(event=event).first()
    cancelled = event.status == Status.CANCELLED
    sees_checks = may_manage or role_of(user) in EVERY_TIMETABLE
    found = checks.problems(event) if sees_checks and event.status == Status.PLANNING and planned else []
    errors, warnings = len(checks.errors(found)), len(checks.warnings(found))

    def stage(done, started):
        return DONE if done else STARTED if started else NOT_STARTED

    result = [
        _task("Details and focus", "practice:event_edit", event, DONE,
              allowed=may_manage and event.status in PLANNING),
        _task("Teams and their details", "practice:event_teams", event,
              stage(teams and confirmed == len(teams), teams),
              f"{counted(len(teams), 'team')}, {confirmed} confirmed by the team" if teams else "",
              allowed=may_manage),
        _task("Assessors", "practice:event_assessors", event, stage(event.status != Status.PLANNING and assessors,
                                                                    assessors),
              counted(assessors, "assessor") if assessors else "", allowed=may_manage),
        _task("Headings", "practice:event_headings", event, DONE if headings else NOT_STARTED,
              counted(headings, "heading"), allowed=may_manage),
    ]
    timetable_hint = counted(planned, "visit")
    if sees_checks and event.status == Status.PLANNING and planned:
        timetable_hint += f"; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    result.append(_task("Timetable", "practice:timetable_edit" if may_manage else "practice:timetable", event,
                        stage(event.status in AFTER_PUBLISHING, planned), timetable_hint,
                        allowed=user.has_perm(Perm.VIEW_TIMETABLE, event) and not cancelled))
    if may_manage and event.status == Status.PLANNING:
        if errors or not planned:
            result.append(Task("Publish the timetable", None, CANNOT_START,
                               "Fix the timetable's errors first" if errors else "Add visits to the timetable first"))
        else:
            result.append(_task("Publish the timetable", "practice:publish", event, NOT_STARTED))
    else:
        result.append(Task("Publish the timetable", None,
                           DONE if event.status in AFTER_PUBLISHING else CANNOT_START if cancelled else NOT_STARTED,
                           f"Published on {event.published_at:%-d %B %Y}" if event.published_at else ""))
    result.append(Task("Observations", None,
                       DONE if event.status in AFTER_CLOSING else STARTED if handed_in else
                       CANNOT_START if event.status in (Status.PLANNING, Status.CANCELLED) else NOT_STARTED,
                       f"{handed_in} handed in of {planned} planned"))
    analysing = event.status in (Status.OBSERVING, *AFTER_CLOSING)
    result.append(_task("Analysis", "practice:analysis", event,
                        DONE if event.status == Status.COMPLETE else STARTED if analysing else CANNOT_START,
                        allowed=analysing and user.has_perm(Perm.VIEW_ANALYSIS, event)))
    approved = report is not None and report.status == AnalysisReport.Status.APPROVED
    result.append(_task("Report", "practice:report", event,
                        DONE if approved else STARTED if report else NOT_STARTED if analysing else CANNOT_START,
                        "Approved" if approved else "Draft" if report else "",
                        allowed=event.status in AFTER_CLOSING and user.has_perm(Perm.VIEW_REPORT, event)))
    items = event.plan_items.count()
    result.append(_task("Action plan", "practice:plan", event,
                        DONE if event.status == Status.COMPLETE else STARTED if items else
                        NOT_STARTED if event.status in AFTER_CLOSING else CANNOT_START,
                        counted(items, "item") if items else "",
                        allowed=event.status in AFTER_CLOSING and user.has_perm(Perm.VIEW_PLAN, event)))
    result.append(_task("Mark complete", "practice:complete", event,
                        DONE if event.status == Status.COMPLETE else
                        NOT_STARTED if event.status == Status.ANALYSIS else CANNOT_START,
                        allowed=may_manage and event.status == Status.ANALYSIS))
    return result
