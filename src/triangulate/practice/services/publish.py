"""Publishing the timetable (design §3.1 planning → published, §4, §9.2).

Publishing is refused while any §4 error remains (a double booking, an unaccepted own-line visit, a team with no
visit); warnings are listed on the confirmation page and block nothing. It tells each assessor with an account that
their visits are ready and each team's team managers that the team is in the event (both by email too), and
invites the guests who have an email address and no account yet (services/guests.py) when their invitation can be
made now (a guest's access lasts at most GUEST_MAX_DAYS; an organiser invites the others later from their page)."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import counted
from triangulate.people.selectors import team_managers

from .. import checks
from ..models import Assessor, PracticeEvent
from ..notices import Notice, notify_on_commit
from ..rules import Perm
from ..verbs import Verb
from . import guests


def event_dates(event):
    """"Monday 2 to Friday 6 February 2026", or one day's date."""
    start, end = event.starts_on, event.ends_on
    if start == end:
        return f"{start:%A} {start.day} {start:%B %Y}"
    same_month = (start.year, start.month) == (end.year, end.month)
    first = f"{start:%A} {start.day}" + ("" if same_month else f" {start:%B}" +
                                         ("" if start.year == end.year else f" {start:%Y}"))
    return f"{first} to {end:%A} {end.day} {end:%B %Y}"


@service(Perm.MANAGE_EVENT, on="event")
def publish_timetable(*, actor, event, expected_version=None):
    """planning → published, when no §4 error remains. Returns the event."""
    event = lock(event)
    if event.status != PracticeEvent.Status.PLANNING:
        raise ValidationError(f"Only a timetable in planning can be published: this event is "
                              f"{event.get_status_display().lower()}.")
    if not event.teams.exists():
        raise ValidationError("Add at least one team before publishing the timetable.")
    found = checks.problems(event)
    errors = checks.errors(found)
    if errors:
        raise ValidationError(f"The timetable has {counted(len(errors), 'error')} to fix before it can be "
                              "published.")
    claim(event, expected_version)
    # Told before the guests are invited: a newly invited guest's message is the invitation itself.
    told = list(event.assessors.select_related("user").filter(user__isnull=False))
    event.status = PracticeEvent.Status.PUBLISHED
    event.published_at, event.published_by = timezone.now(), user_of(actor)
    event.save(update_fields=["status", "published_at", "published_by"])
    trail.record(actor, Verb.EVENT_PUBLISHED, event, status=event.status,
                 warnings=len(checks.warnings(found)), notes=len(checks.notes(found)))
    timetable = reverse("practice:timetable", args=[event.pk])
    ready = f"Your visits for {event.title} are ready"[:200]
    # A guest cannot read the timetable (it is not theirs): they see their own visits on "Your practice visits".
    notify_on_commit([a.user for a in told if a.kind == Assessor.Kind.STAFF], Notice.VISITS_READY, ready,
                     timetable, email=True)
    notify_on_commit([a.user for a in told if a.kind == Assessor.Kind.GUEST], Notice.VISITS_READY, ready,
                     reverse("practice:my_visits"), email=True)
    dates = event_dates(event)
    for event_team in event.teams.select_related("team"):
        notify_on_commit(team_managers(event_team.team), Notice.TEAM_IN_EVENT,
                         f"{event_team.team.name} is in {event.title}, {dates}: check the team's details"[:200],
                         reverse("practice:event_team_edit", args=[event_team.pk]), email=True)
    for assessor in guests.guests_to_invite(event):
        if guests.invite_refusal(assessor) is None:  # the others are invited from their page once put right
            guests.invite_guest.step(assessor=assessor, actor=actor)
    return event

