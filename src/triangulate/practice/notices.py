"""What practice tells people (design §9.2): the kinds of notification, and a helper that tells each person once.

Titles name the event and the team, never free text; the URL is a page addressed by primary keys.
`core.notifications.notify` creates the rows when the transaction commits. A guest's invitation is not a
Notification: it is the one message carrying a secret, sent by `send_mail` (services/guests.py)."""

from triangulate.core.notifications import NotificationKind, notify


class Notice(NotificationKind):
    VISITS_READY = "practice.visits_ready"  # timetable published: to each assessor with an account
    TEAM_IN_EVENT = "practice.team_in_event"  # timetable published: to each team's managers
    VISIT_CHANGED = "practice.visit_changed"  # a visit changed or cancelled after publishing
    EVENT_CANCELLED = "practice.event_cancelled"  # to those the publication told
    OBSERVATION_RETURNED = "practice.observation_returned"
    SUMMARIES_SHARED = "practice.summaries_shared"
    REPORT_APPROVED = "practice.report_approved"
    VISIT_TOMORROW = "practice.visit_tomorrow"  # housekeeping practice_visit_reminders, daily


def notify_on_commit(users, kind, title, url, *, email=False, dedupe_key=""):
    """Tell each user once, however many ways they qualify (an assessor who manages the visited team is told
    once)."""
    unique = list({user.pk: user for user in users if user is not None and user.is_active}.values())
    if unique:
        notify(unique, kind, title, url, email=email, dedupe_key=dedupe_key)
