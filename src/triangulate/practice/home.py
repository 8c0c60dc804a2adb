"""Home panels of the practice app (design §9.1). Each slice adds its own panel function here:
S1a `organiser_panel` ("Practice events to organise"), S2 its guest panel."""

from datetime import timedelta

from django.utils import timezone

from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of

from . import checks
from .assessor_visits import visits_of
from .models import Observation, PracticeEvent

# The events an organiser still has work on.
OPEN = (PracticeEvent.Status.PLANNING, PracticeEvent.Status.PUBLISHED, PracticeEvent.Status.OBSERVING,
        PracticeEvent.Status.ANALYSIS)


def organiser_panel(user):
    """"Practice events to organise": for each open event the user organises, the timetable's errors to fix
    (planning), the observations not handed in (observing or analysis), and team summaries still to share
    (analysis). None when there is nothing to do."""
    rows = []
    for event in (PracticeEvent.objects.filter(organisers=user, status__in=OPEN)
                  .order_by("starts_on", "pk")):
        todo = []
        if event.status == PracticeEvent.Status.PLANNING:
            errors = len(checks.errors(checks.problems(event)))
            if errors:
                todo.append(f"{counted(errors, 'error')} to fix on the timetable")
        if event.status in (PracticeEvent.Status.OBSERVING, PracticeEvent.Status.ANALYSIS):
            drafts = Observation.objects.filter(event=event, state=Observation.State.DRAFT).count()
            if drafts:
                todo.append(f"{counted(drafts, 'observation')} not handed in")
        if event.status == PracticeEvent.Status.ANALYSIS and event.summaries_shared_at is None:
            todo.append("team summaries to share")
        rows.append({"event": event, "todo": todo})
    if not rows:
        return None
    return {"practice_events": rows}


# S2: "Your practice visits" (a role-less panel: guests get it too). ---------------------------------------------
PANEL_DAYS = 7


def visits_panel(user):
    """The user's visits today and in the next 6 days (7 days in all), in events whose timetable has been sent. Left
    out (None) when there are none and none later; a guest (no role) keeps the panel while they have any visit, so
    their home never says they have nothing to do here."""
    today = timezone.localdate()
    soon = visits_of(user, since=today, until=today + timedelta(days=PANEL_DAYS - 1))
    if not soon and not visits_of(user, since=None if role_of(user) is None else today):
        return None
    count = sum(len(group.visits) for group in soon)
    return {"events": soon, "count_text": counted(count, "visit") if count else "No visits"}
