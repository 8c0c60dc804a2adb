"""Findings and actions: what every QA activity ends in, tied to a team and a theme."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Team


class Source(models.TextChoices):
    CASE_AUDIT = "case_audit", "Case file audit"
    PRACTICE_WEEK = "practice_week", "Practice week or day"
    PERFORMANCE = "performance", "Performance data"
    FAMILY_FEEDBACK = "family_feedback", "Family feedback"
    STAFF_SURVEY = "staff_survey", "Staff survey or health check"
    SUPERVISION = "supervision", "Supervision"
    INSPECTION = "inspection", "Ofsted inspection or visit"
    PEER_REVIEW = "peer_review", "Peer review"
    OTHER = "other", "Other"


class Finding(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    text = models.TextField()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    # Null: a council-wide finding, not about one team.
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="findings")
    source = models.CharField(max_length=32, choices=Source.choices)
    # The performance measure the finding is about ("" for none): a KPI id of the catalogue, checked by the
    # service through kpi_links (improvement may not import the catalogue itself)
    kpi_id = models.CharField("measure", max_length=64, blank=True, default="")
    found_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Action(Versioned):
    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField("what", max_length=200)
    rationale = models.TextField("why, and the risk if it is not done")
    priority = models.CharField(max_length=8, choices=Priority.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions")
    due_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField("evidence of completion", blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    kpi_id = models.CharField("measure", max_length=64, blank=True, default="")  # as Finding.kpi_id
    # the improvement plan's priority the action serves (design §2.1), whatever it came from (`priority` above is
    # the action's own high/medium/low)
    plan_priority = models.ForeignKey("improvement.Priority", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="actions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="complete") | ~models.Q(evidence=""),
                                   name="complete_actions_have_evidence"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today):
        return self.is_open and self.due_date < today


class ActionStatusChange(models.Model):
    """The dated history of an action's status: one row per change, never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(max_length=16, choices=Action.Status.choices)
    changed_on = models.DateField()
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
