"""What follows an audit: safeguarding flags, moderation and the round's briefing (design §1.3, §3.3, §3.4)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from triangulate.core.concurrency import Versioned
from triangulate.people.models import Team

from .audits import CaseAudit
from .rounds import AuditRound
from .tools import Grade


class SafeguardingFlag(Versioned):
    """An immediate concern found while auditing. `team` copies the audit's so that the flag list is scoped
    like any team record, and a manager sees a flag without reading the audit."""

    class Status(models.TextChoices):
        RAISED = "raised", "Raised"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ACTION_RECORDED = "action_recorded", "Action recorded"
        CLOSED = "closed", "Closed"

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="flags")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="safeguarding_flags")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    stage = models.CharField(max_length=24, choices=CaseAudit.State.choices)  # the audit's state when raised
    # Never copied into an event, a notification or an email.
    concern = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RAISED)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(blank=True)
    action_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    action_recorded_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    returned_count = models.PositiveSmallIntegerField(default=0)  # times "Not enough" sent it back
    return_reason = models.TextField(blank=True)  # why it was last sent back; kept off the trail like the concern
    escalated_at = models.DateTimeField(null=True, blank=True)  # escalation happens once

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="action_recorded") | ~Q(action_taken=""),
                                   name="recorded_flag_actions_are_written"),
        ]


class Moderation(Versioned):
    """A second look at an audit's overall grade (only the overall grade is moderated, decision 9)."""

    class Reason(models.TextChoices):
        SHARE = "share", "The round's share"
        INADEQUATE = "inadequate", "Graded inadequate"
        TOP_UP = "top_up", "Top-up at close"
        REQUESTED = "requested", "Requested"
        IMPORTED = "imported", "Imported"

    class Status(models.TextChoices):
        SELECTED = "selected", "Selected"
        ALLOCATED = "allocated", "Allocated"
        AGREED = "agreed", "Agreed"
        REGRADED = "regraded", "Re-graded"

    DONE_STATUSES = (Status.AGREED, Status.REGRADED)

    audit = models.OneToOneField(CaseAudit, on_delete=models.PROTECT, related_name="moderation")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    # The audit's draw, 0 to 1, from the round's seed and the child id (§5.1): kept to show why it was chosen.
    u = models.DecimalField(max_digits=5, decimal_places=4)
    selected_at = models.DateTimeField(default=timezone.now)
    selected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # null: the system chose it
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="moderations")
    allocated_at = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SELECTED)
    # Taken at selection, so agreement is measured against what the auditor gave (decision 10).
    auditor_grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="+")
    moderator_grade = models.ForeignKey(Grade, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason_text = models.TextField(blank=True)
    learning = models.TextField(blank=True)  # feedback for the auditor
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(u__gte=0) & Q(u__lt=1), name="moderation_u_is_a_fraction"),
            models.CheckConstraint(condition=~Q(status__in=["agreed", "regraded"]) | Q(moderator_grade__isnull=False),
                                   name="finished_moderations_have_a_grade"),
            models.CheckConstraint(condition=~Q(status="agreed") | Q(moderator_grade=F("auditor_grade")),
                                   name="agreed_means_the_same_grade"),
            models.CheckConstraint(
                condition=~Q(status="regraded") | (~Q(moderator_grade=F("auditor_grade")) & ~Q(reason_text="")),
                name="regrades_differ_and_say_why"),
        ]


class RoundBriefing(Versioned):
    """The 7-minute briefing's written boxes, pre-filled from the round's figures and then edited."""

    round = models.OneToOneField(AuditRound, on_delete=models.CASCADE, related_name="briefing")
    working_well = models.TextField(blank=True)
    needs_to_improve = models.TextField(blank=True)
    doing_about_it = models.TextField(blank=True)
    questions_for_teams = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
