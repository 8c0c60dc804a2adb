"""The day-before reminder (design §9.2 "visit tomorrow"), run daily by the job worker's housekeeping
(`practice_visit_reminders`).

Each assessor with a current account is told, in the app and by email, of each planned visit tomorrow in an event
whose timetable has been sent. The dedupe key `practice-visit:<pk>` tells them once per visit, however often the job
runs. The title names the team and the event, never free text; the link is "Your practice visits"."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from .assessor_visits import RECORDABLE
from .models import Visit
from .notices import Notice, notify_on_commit


def remind_visits_tomorrow(today=None):
    """Returns the number of visits reminded of."""
    today = today or timezone.localdate()
    visits = (Visit.objects.filter(date=today + timedelta(days=1), status=Visit.Status.PLANNED,
                                   event__status__in=RECORDABLE, assessor__user__isnull=False)
              .select_related("event", "team", "assessor__user__profile").order_by("starts_at", "pk"))
    reminded = 0
    for visit in visits:
        user = visit.assessor.user
        profile = getattr(user, "profile", None)
        if profile is None or not profile.is_current():  # a guest whose access has ended
            continue
        title = (f"Visit tomorrow at {visit.starts_at:%H:%M}: {visit.team.name}, {visit.event.title}")[:200]
        notify_on_commit([user], Notice.VISIT_TOMORROW, title, reverse("practice:my_visits"), email=True,
                         dedupe_key=f"practice-visit:{visit.pk}")
        reminded += 1
    return reminded
