"""Overdue audits and moderations (design §9.3), run daily by the job worker's housekeeping.

The auditor hears of an overdue audit on its first overdue day and then weekly, by email; the QA leads get
one in-app count a day. A moderator hears of an overdue moderation the same way, in the app. Dedupe keys name
the week of lateness, so a second run the same day tells nobody twice."""

from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement.reminders import reminder_week

from ..models import CaseAudit, Moderation
from ..notices import Notice, notify_on_commit, users_with_role

State = CaseAudit.State
UNFINISHED = (State.ALLOCATED, State.RECORD_REVIEW, State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK, State.GRADED)


def remind_overdue_audits(today=None):
    """Returns the number of overdue audits (the QA leads' count)."""
    today = today or timezone.localdate()
    overdue = list(CaseAudit.objects.filter(state__in=UNFINISHED, due_date__lt=today, auditor__isnull=False)
                   .select_related("auditor", "team"))
    for audit in overdue:
        week = reminder_week(audit.due_date, today)
        if week is not None:
            notify_on_commit([audit.auditor], Notice.AUDIT_OVERDUE,
                             f"Your audit of a case in {audit.team.name} is overdue",
                             reverse("audits:audit_detail", args=[audit.pk]), email=True,
                             dedupe_key=f"audit-overdue:{audit.pk}:{week}")
    if overdue:
        count = len(overdue)
        notify_on_commit(users_with_role(Role.QA_LEAD), Notice.AUDITS_OVERDUE_COUNT,
                         f"{count} {'audit is' if count == 1 else 'audits are'} overdue",
                         reverse("audits:round_list"), dedupe_key=f"audits-overdue:{today.isoformat()}")
    return len(overdue)


def remind_overdue_moderations(today=None):
    today = today or timezone.localdate()
    overdue = (Moderation.objects.filter(status=Moderation.Status.ALLOCATED, due_date__lt=today,
                                         moderator__isnull=False).select_related("moderator", "audit__team"))
    reminded = 0
    for moderation in overdue:
        week = reminder_week(moderation.due_date, today)
        if week is not None:
            notify_on_commit([moderation.moderator], Notice.MODERATION_OVERDUE,
                             f"Your moderation of an audit in {moderation.audit.team.name} is overdue",
                             reverse("audits:moderation_detail", args=[moderation.pk]),
                             dedupe_key=f"moderation-overdue:{moderation.pk}:{week}")
            reminded += 1
    return reminded
