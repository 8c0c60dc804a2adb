"""Workload weighting (design §3): the council's scheme of points by case kind and complexity, capacity by role, and
managers' overrides of one case's weight with a reason."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.people.models import Council, StaffRole

from .caseloads import CaseKind


class Modifier(models.TextChoices):
    COURT = "court", "Court or pre-proceedings (PLO)"
    MISSING = "missing", "Missing or exploitation"
    DISABILITY = "disability", "Disability"
    OUT_OF_AREA = "out_of_area", "Placed out of the area (travel)"
    SIBLING = "sibling", "Sibling group"


class WeightingScheme(Versioned):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)
    green_below = models.PositiveSmallIntegerField(default=85)  # % loading
    red_above = models.PositiveSmallIntegerField(default=100)
    asye_first_months = models.PositiveSmallIntegerField(default=6)
    asye_first_percent = models.PositiveSmallIntegerField(default=80)
    asye_after_percent = models.PositiveSmallIntegerField(default=90)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council"], condition=models.Q(is_active=True),
                                               name="weighting_one_active_scheme")]


class CaseWeight(models.Model):
    scheme = models.ForeignKey(WeightingScheme, on_delete=models.CASCADE, related_name="case_weights")
    kind = models.CharField(max_length=16, choices=CaseKind.choices)
    points = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="case_weight_unique")]


class ModifierWeight(models.Model):
    scheme = models.ForeignKey(WeightingScheme, on_delete=models.CASCADE, related_name="modifier_weights")
    modifier = models.CharField(max_length=16, choices=Modifier.choices)
    points = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "modifier"], name="modifier_weight_unique")]


class RoleCapacity(models.Model):
    """The points a role carries at 1.0 FTE; a role without a row has no capacity (its loading is not computed)."""

    scheme = models.ForeignKey(WeightingScheme, on_delete=models.CASCADE, related_name="capacities")
    staff_role = models.CharField(max_length=32, choices=StaffRole.choices)
    points = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "staff_role"], name="role_capacity_unique")]


class WeightOverride(Versioned):
    """A manager's weight for one child's case with one worker, kept while the case stays with that worker. The
    reason is shown on the worker's page; the audit trail records ids and points only."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    child_ref = models.CharField(max_length=64)
    worker_key = models.CharField(max_length=255)  # name_key of the extract's worker
    points = models.DecimalField(max_digits=4, decimal_places=1)
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "child_ref", "worker_key"],
                                               name="weight_override_unique")]
