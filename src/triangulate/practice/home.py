"""Home panels of the practice app (design §9.1). Each slice adds its own panel function here:
S1a `organiser_panel` ("Practice events to organise"), S2 its guest panel."""

from triangulate.core.formatting import counted

from . import checks
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
