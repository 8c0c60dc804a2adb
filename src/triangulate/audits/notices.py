"""What audits tells people (design §9.3): the kinds of notification, and who holds a role council-wide.

Titles name the team and the kind of event, never a child id or any free text; the URL is a page addressed by
primary keys. `core.notifications.notify` creates the rows when the transaction commits."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from triangulate.core.notifications import NotificationKind, notify


class Notice(NotificationKind):
    FLAG_RAISED = "audits.flag_raised"
    FLAG_ESCALATED = "audits.flag_escalated"
    FLAG_ACKNOWLEDGED = "audits.flag_acknowledged"
    FLAG_ACTION_RECORDED = "audits.flag_action_recorded"
    FLAG_RETURNED = "audits.flag_returned"
    AUDITS_ALLOCATED = "audits.allocated"
    TEAM_CASES_IN_ROUND = "audits.team_cases_in_round"
    DRAFT_SHARED = "audits.draft_shared"
    AUDIT_SUBMITTED = "audits.submitted"
    RESPONSE_ADDED = "audits.response_added"
    AUDIT_OVERDUE = "audits.overdue"
    AUDITS_OVERDUE_COUNT = "audits.overdue_count"
    MODERATION_ALLOCATED = "audits.moderation_allocated"
    AUDIT_REGRADED = "audits.regraded"
    MODERATION_OVERDUE = "audits.moderation_overdue"


def users_with_role(role):
    """Active accounts holding `role` now (expired accounts, such as an inspector's, are left out)."""
    return (get_user_model().objects.filter(is_active=True, profile__role=role)
            .filter(Q(profile__expires_at__isnull=True) | Q(profile__expires_at__gt=timezone.now()))
            .order_by("pk"))


def notify_on_commit(users, kind, title, url, *, email=False, dedupe_key=""):
    """Tell each user once, however many ways they qualify (a QA lead who raised a flag is told once)."""
    unique = list({user.pk: user for user in users if user is not None and user.is_active}.values())
    if unique:
        notify(unique, kind, title, url, email=email, dedupe_key=dedupe_key)
