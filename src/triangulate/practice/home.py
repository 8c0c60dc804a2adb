"""Home panels of the practice app (design §9.1). Each slice adds its own panel function here:
S1a `organiser_panel` ("Practice events to organise"), S2 its guest panel."""

from datetime import timedelta

from django.utils import timezone

from triangulate.core.formatting import counted

from .assessor_visits import visits_of

# S2: "Your practice visits" (a role-less panel: guests get it too). ---------------------------------------------
PANEL_DAYS = 7


def visits_panel(user):
    """The user's visits today and in the next 6 days (7 days in all), in events whose timetable has been sent; None
    when there are none (the panel is left out)."""
    today = timezone.localdate()
    events = visits_of(user, since=today, until=today + timedelta(days=PANEL_DAYS - 1))
    if not events:
        return None
    count = sum(len(group.visits) for group in events)
    return {"events": events, "count_text": counted(count, "visit")}
