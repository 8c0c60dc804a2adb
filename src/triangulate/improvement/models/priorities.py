"""Improvement plans, their priorities with a dated progress history, and actions' milestones (design §2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council, ServiceArea, Team


class Progress(models.TextChoices):
    """Seed 002's progress key, in its order (worst first)."""

    NOT_ACHIEVED = "not_achieved", "Not achieved"
    IN_PROGRESS = "in_progress", "In progress"
    LARGELY_ACHIEVED = "largely_achieved", "Largely achieved, some tasks outstanding"
    ACHIEVED = "achieved", "Achieved"


class ImprovementPlan(Versioned):
    """A council, service or team plan. Service and team plans are made from their parent's priorities (§2.1)."""

    class Level(models.TextChoices):
        COUNCIL = "council", "Council"
        SERVICE = "service", "Service"
        TEAM = "team", "Team"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="improvement_plans")
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.COUNCIL)
    service_area = models.ForeignKey(ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_plans")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "level", "title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="plan_ends_after_start"),
            models.CheckConstraint(
                condition=(Q(level="council", service_area__isnull=True, team__isnull=True)
                           | Q(level="service", service_area__isnull=False, team__isnull=True)
                           | Q(level="team", team__isnull=False)),
                name="plan_level_matches_scope"),
        ]

    def __str__(self):
        return self.title


class Priority(Versioned):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_priorities")
    themes = models.ManyToManyField(Theme, related_name="priorities")
    teams = models.ManyToManyField(Team, blank=True, related_name="priorities")  # none: council-wide
    # KPI catalogue ids, checked through kpi_links (improvement may not import the catalogue)
    kpi_ids = models.JSONField(default=list, blank=True)
    target = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    # the latest update's, copied for lists (the history is PriorityUpdate)
    progress = models.CharField(max_length=20, choices=Progress.choices, default=Progress.IN_PROGRESS)
    evidence_of_impact = models.TextField(blank=True)
    whats_next = models.TextField("what's next", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")]
        verbose_name_plural = "priorities"

    def __str__(self):
        return f"{self.number}. {self.title}"


class PriorityUpdate(models.Model):
    """One dated progress update, never edited (the priority's history)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    evidence_of_impact = models.TextField(blank=True)
    whats_next = models.TextField("what's next", blank=True)
    on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]


class Milestone(models.Model):
    action = models.ForeignKey("improvement.Action", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.title
