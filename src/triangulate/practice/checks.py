"""The timetable checks of design §4 for one event: the Django side of the pure `analysis.timetable.check`.

It reads the event's teams, assessors (with their management lines from today's people records and their
declared conflict teams) and its live visits, turns them into the plain records the pure module works from, and
returns its problems, errors first. The event page, the timetable, the publish service and the home panel all
call `problems(event)`, so they agree."""

from .analysis import timetable
from .analysis.timetable import Problem  # noqa: F401  (re-exported: callers type their results with it)
from .models import Visit
from .selectors import management_line


def problems(event):
    """Every §4 problem of `event`'s timetable, errors first, then accepted line conflicts (notes), then
    warnings."""
    teams = [timetable.EventTeamRecord(team_id=et.team_id, name=et.team.name,
                                       office_contact_id=et.office_contact_id, meeting_point=et.meeting_point)
             for et in event.teams.select_related("team")]
    assessors = list(event.assessors.select_related("user", "user__profile").prefetch_related("conflict_teams"))
    lines = {a.pk: management_line(a) for a in assessors}
    visits = [timetable.VisitRecord(id=v.pk, assessor_id=v.assessor_id, team_id=v.team_id, date=v.date,
                                    starts_at=v.starts_at, ends_at=v.ends_at, activity=v.activity,
                                    consent=v.consent, status=v.status, conflict_reason=v.conflict_reason)
              for v in event.visits.exclude(status__in=(Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN))]
    return timetable.check(visits, teams, [timetable.AssessorRecord(id=a.pk, name=a.name) for a in assessors],
                           lines, event.max_visits_per_day)


def errors(found):
    return timetable.errors(found)


def warnings(found):
    return timetable.warnings(found)


def notes(found):
    return timetable.notes(found)


def can_publish(found):
    return timetable.can_publish(found)
