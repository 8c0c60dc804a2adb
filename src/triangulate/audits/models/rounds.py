"""Audit rounds, their teams and auditors, and the children sampled (design §1.2). Council-wide.

Only the chosen children are stored: a replacement is recomputed from the round's extract (decision 6), which
keeps thousands of child ids out of the database."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.people.models import Council, StaffMember, Team

from .choices import CaseType, Population, all_case_types
from .tools import ToolVersion

MAX_SEED = 2**31 - 1


def random_seed():
    """A new round's seed, 1 to 2³¹−1: it fixes the sample's order (sha256 of seed and child id, §4.1)."""
    return 1 + secrets.randbelow(MAX_SEED)


class AuditRound(Versioned):
    class Kind(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        THEMED = "themed", "Themed"
        SURGERY = "surgery", "Audit surgery"
        CLOSURE = "closure", "Closure"
        MULTI_AGENCY = "multi_agency", "Multi-agency"
        IMPORTED = "imported", "Imported"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        SAMPLING = "sampling", "Sampling"
        ALLOCATED = "allocated", "Allocated"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="audit_rounds")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Live when set; null for an imported round, whose rows may name several tools.
    tool_version = models.ForeignKey(ToolVersion, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="rounds")
    population = models.CharField(max_length=16, choices=Population.choices, default=Population.OPEN_CASES)
    closed_since = models.DateField(null=True, blank=True)  # closed cases: ended on or after this date
    case_types = models.JSONField(default=all_case_types)  # a subset of CaseType's values
    # A child audited in the last n months is left out (0 = none; not for surgeries).
    exclude_months = models.PositiveSmallIntegerField(default=12)
    moderation_share = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.20"),
                                           validators=[MinValueValidator(0), MaxValueValidator(1)])
    seed = models.PositiveIntegerField(default=random_seed, validators=[MinValueValidator(1),
                                                                        MaxValueValidator(MAX_SEED)])
    audits_due = models.DateField()
    allow_own_team = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    # The published extract the sample was drawn from: kept so a replacement is drawn from the same children.
    upload = models.ForeignKey("datasets.Upload", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="audit_rounds")
    sampled_at = models.DateTimeField(null=True, blank=True)
    sampled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    sample_counts = models.JSONField(default=dict, blank=True)  # §4.1 step 10: every child accounted for
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # One import makes one round, so one-to-one; `tracker_import.round` reads it back (§7's `round`).
    tracker_import = models.OneToOneField("audits.TrackerImport", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="round")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audits_due", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(population="closed_cases") | Q(closed_since__isnull=False),
                                   name="closed_case_rounds_have_closed_since"),
            models.CheckConstraint(condition=Q(moderation_share__gte=0) & Q(moderation_share__lte=1),
                                   name="moderation_share_is_a_fraction"),
            models.CheckConstraint(condition=Q(seed__gte=1) & Q(seed__lte=MAX_SEED), name="round_seed_in_range"),
        ]

    def __str__(self):
        return self.name


class RoundTeam(models.Model):
    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="teams")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="audit_round_teams")
    size = models.PositiveSmallIntegerField(default=0)
    every_open_case = models.BooleanField(default=False)  # an audit surgery: the size is ignored

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "team"], name="round_team_unique")]


class RoundAuditor(models.Model):
    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="auditors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_round_places")
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)  # null: a balanced share (§4.3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="round_auditor_unique")]


class SampleEntry(models.Model):
    """A child chosen for a round, with why ("reason"), so every choice can be explained."""

    class Status(models.TextChoices):
        SELECTED = "selected", "Selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Source(models.TextChoices):
        SAMPLED = "sampled", "Sampled"
        REPLACEMENT = "replacement", "Replacement"
        ADDED = "added", "Added by hand"

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="entries")
    child_id = models.CharField(max_length=64)  # normalise.norm_id
    case_type = models.CharField(max_length=16, choices=CaseType.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="audit_sample_entries")
    worker_name = models.CharField(max_length=120, blank=True)
    worker = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="audit_sample_entries")  # null: not matched (§1.5)
    rank_key = models.CharField(max_length=16, blank=True)  # sha256 of seed and child id; blank when added
    position = models.PositiveIntegerField(null=True, blank=True)  # place in its stratum, from 1
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SELECTED)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.SAMPLED)
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    reason = models.TextField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        ordering = ["round", "team", "case_type", "position", "id"]
        verbose_name_plural = "sample entries"
        constraints = [models.UniqueConstraint(fields=["round", "child_id"], name="sample_child_once_per_round")]
