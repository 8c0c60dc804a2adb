"""Home panels of the practice app (design §9.1). Each slice adds its own panel function here:
S1a `organiser_panel` ("Practice events to organise"), S2 its guest panel."""

from datetime import timedelta

from django.utils import timezone

from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of

from .assessor_visits import visits_of

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
