"""A historic tracker being imported (design §7). Here in S0 because every model is in one migration
(decision 19); the importer itself is slice S7."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.people.models import Council

from .tools import ToolVersion


class TrackerImport(Versioned):
    """An uploaded tracker and its mapping. All or nothing: it ends `imported`, with its round
    (`AuditRound.tracker_import`, read back as `.round`), or `failed` with its errors."""

    class Status(models.TextChoices):
        MAPPING = "mapping", "Mapping"
        FAILED = "failed", "Failed"
        IMPORTED = "imported", "Imported"
        DISCARDED = "discarded", "Discarded"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="tracker_imports")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.MAPPING)
    sheet = models.CharField(max_length=255, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    headings = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # column -> target
    value_maps = models.JSONField(default=dict, blank=True)  # target -> {value: code}
    # Every row's tool when the tracker has no tool column.
    default_tool_version = models.ForeignKey(ToolVersion, null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="+")
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.original_name


class TrackerError(models.Model):
    """One reason a tracker row failed (up to 500 kept). The design's `import` is a Python keyword, hence
    `tracker_import`."""

    tracker_import = models.ForeignKey(TrackerImport, on_delete=models.CASCADE, related_name="errors")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=255, blank=True)
    value = models.CharField(max_length=100, blank=True)
    problem = models.TextField()

    class Meta:
        ordering = ["tracker_import", "row", "id"]
