"""What the evidence pages keep (design §4.5, §5, §6): the lead's paragraph on a pack, the council's own top 10,
and the workforce development plan's training topics. Everything else on those pages is computed on request."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council


class EvidenceNote(Versioned):
    """The lead's paragraph for one pack: a theme's, a team's or a priority's (`scope_kind`, `scope_id`)."""

    class ScopeKind(models.TextChoices):
        THEME = "theme", "Theme"
        TEAM = "team", "Team"
        PRIORITY = "priority", "Priority"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="evidence_notes")
    scope_kind = models.CharField(max_length=16, choices=ScopeKind.choices)
    scope_id = models.PositiveIntegerField()
    text = models.TextField()
    period_start = models.DateField()
    period_end = models.DateField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "scope_kind", "scope_id"],
                                               name="one_note_per_pack")]


class TopTen(Versioned):
    """The council's own list of its top strengths or areas for development, saved from the computed ranking."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strengths"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Areas for development"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="top_tens")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    ranked_on = models.DateField()  # the ranking it started from
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-ranked_on", "kind", "-id"]


class TopTenItem(models.Model):
    top_ten = models.ForeignKey(TopTen, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)  # the signals' (source, title, url) when saved
    added_reason = models.CharField(max_length=300, blank=True)  # an item the lead added, not ranked

    class Meta:
        ordering = ["top_ten", "order"]


class TrainingTopic(Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        DELIVERED = "delivered", "Delivered"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="training_topics")
    title = models.CharField(max_length=200)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="training_topics")
    audience = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    delivered_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evidence = models.JSONField(default=list, blank=True)  # the signals that asked for it, frozen when added
    plan = models.ForeignKey("improvement.ImprovementPlan", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="training_topics")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "title"]

    def __str__(self):
        return self.title
