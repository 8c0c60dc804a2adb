"""An assessor's own visits across events (design §9.1 "Your practice visits"), for the page and the home panel.

Only events whose timetable has been sent (published or later) are shown: a timetable in planning is still the
organisers' draft. Cancelled and missed visits stay listed with their status, so nobody turns up to them."""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from .models import PracticeEvent, Visit
from .services.publish import event_dates

SENT = (PracticeEvent.Status.PUBLISHED, PracticeEvent.Status.OBSERVING, PracticeEvent.Status.ANALYSIS,
        PracticeEvent.Status.COMPLETE)
# Events whose visits an assessor can still record notes on (S3's page applies its own checks).
RECORDABLE = (PracticeEvent.Status.PUBLISHED, PracticeEvent.Status.OBSERVING)


@dataclass
class EventVisits:
    event: object
    dates: str
    assessor: object
    visits: list  # (visit, the link to record notes on it, or None)


def visits_of(user, *, since=None, until=None):
    """The user's visits by event (soonest event first), each in time order; `since`/`until` limit their dates."""
    visits = (Visit.objects.filter(assessor__user=user, event__status__in=SENT)
              .select_related("event", "team", "assessor", "host", "event_team__office_contact")
              .order_by("event__starts_on", "event_id", "date", "starts_at", "pk"))
    if since:
        visits = visits.filter(date__gte=since)
    if until:
        visits = visits.filter(date__lte=until)
    by_event = defaultdict(list)
    for visit in visits:
        by_event[visit.event].append(visit)
    return [EventVisits(event, event_dates(event), event_visits[0].assessor,
                        [(visit, record_link(visit)) for visit in event_visits])
            for event, event_visits in by_event.items()]


def record_link(visit):
    """The page for recording notes on the visit, while notes can be recorded; None otherwise."""
    if visit.event.status not in RECORDABLE or visit.status in (Visit.Status.CANCELLED, Visit.Status.DID_NOT_HAPPEN):
        return None
    return reverse("practice:observe", args=[visit.pk])
