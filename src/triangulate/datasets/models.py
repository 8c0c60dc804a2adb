"""Uploads of child-level data and what validation found. The data itself lives as Parquet
in the data folder (see storage.py); only metadata, row counts and issues are kept here."""

from django.conf import settings
from django.db import models

from triangulate.people.models import Council


class Upload(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        SUCCEEDED = "succeeded", "Imported"  # published: the only extracts the pages read
        HELD = "held", "Held for review"  # imported but implausible: waits for the QA lead to publish or discard
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        DISCARDED = "discarded", "Discarded"  # held for review, then discarded by the QA lead
        INTERRUPTED = "interrupted", "Interrupted"  # the job stopped (worker killed, Ctrl-C): can be retried

    class Kind(models.TextChoices):
        ANNEX_A = "annex_a", "Ofsted Annex A"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="uploads")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ANNEX_A)
    extract_date = models.DateField(help_text="The date the council took the extract from its case system")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=64, blank=True)  # what the job is doing now, for the progress page
    rows_read = models.PositiveIntegerField(default=0)
    row_counts = models.JSONField(default=dict, blank=True)  # list number -> rows
    # the reader's heading report: list number -> {"matched": [...], "absent": [...], "ignored": [...]}
    headings = models.JSONField(default=dict, blank=True)
    # allocated team name as written in the extract (lists 3-9) -> rows naming it, for the team mapping
    teams = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # the job: the uploaded file's copy (relative to DATA_DIR; "" once deleted), how many times it was started,
    # and the lease a running job holds (its process and its last sign of life)
    source_path = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    # plausibility (datasets/plausibility.py): this extract's profile, and the checks' findings
    profile = models.JSONField(default=dict, blank=True)
    plausibility = models.JSONField(default=list, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-extract_date", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} extract of {self.extract_date}"

    @property
    def is_finished(self):
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)


class DataIssue(models.Model):
    """One problem in one cell (or sheet): where it is, what it holds and what was expected."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="issues")
    file = models.CharField(max_length=255, blank=True)
    sheet = models.CharField(max_length=255, blank=True)
    list_number = models.PositiveSmallIntegerField(null=True)
    row = models.PositiveIntegerField(null=True)
    column = models.CharField(max_length=255, blank=True)
    value = models.CharField(max_length=255, blank=True)
    problem = models.CharField(max_length=500)

    class Meta:
        ordering = ["list_number", "row", "id"]


class TeamNameMapping(models.Model):
    """Which council team an extract's team name means. Without a row, a council team whose case-system
    name or name is the same (ignoring case) is the match; a row wins over that, and a row with no team
    says the name deliberately matches none (see datasets/teams/selectors.py)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="team_name_mappings")
    extract_name = models.CharField(max_length=255)  # as the reader gives it: trimmed, single spaces
    key = models.CharField(max_length=255)  # extract_name case-folded: names match ignoring case
    # Deleting a team drops its rows, so its names fall back to the implicit match rather than to "unmapped".
    team = models.ForeignKey("people.Team", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="extract_names")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["council", "key"], name="team_name_mapped_once")]

    def __str__(self):
        return self.extract_name
