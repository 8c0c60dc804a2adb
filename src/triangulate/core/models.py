"""Core records shared by every activity: the audit trail, the access log and themes."""

from django.conf import settings
from django.db import models

from .concurrency import Versioned


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")


class AppendOnlyModel(models.Model):
    """A row that can be written once and never changed (PostgreSQL also enforces this with a trigger)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class AuditEvent(AppendOnlyModel):
    """One write made through a service function: who did what to which record, and when."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # When no person made the change: why the system did (core.authority.System), e.g. "command line".
    system_reason = models.CharField(max_length=64, blank=True, default="")
    verb = models.CharField(max_length=64)  # an app's Verb, e.g. "finding.recorded"
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    # What changed, as field -> value. Never holds child-level personal data.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.verb} {self.object_type}#{self.object_id}"


class AccessLog(AppendOnlyModel):
    """Who viewed or exported which child's data, when, and from where."""

    class Kind(models.TextChoices):
        VIEW = "view", "Viewed"
        EXPORT = "export", "Exported"

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # The page or export, by URL name (never the URL itself, which could carry a query).
    resource = models.CharField(max_length=128)
    # The child's identifier in the council's case system (Annex A "Child Unique ID").
    child_id = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=256, blank=True)
    # Which list it was, as the page was asked for it: e.g. {"kpi": "cp_visits_in_timescale_pct",
    # "team": "North 1", "failing": true}. Names and filters only, never another child's data.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]


class Theme(Versioned):
    """A practice theme that ties KPIs, audits, observations and feedback together."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Notification(models.Model):
    """Something a person should know: a flag raised in their team, an audit allocated, an action overdue
    (core/notifications.py). The title names a team or a kind of record, never a child or free text; the
    url is a page addressed by primary keys."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=64)  # an app's NotificationKind
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_failed_at = models.DateTimeField(null=True, blank=True)
    # Tells a person once however often the reminder runs ("action-overdue:<pk>:<due>:<week>").
    dedupe_key = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"], condition=~models.Q(dedupe_key=""),
                                               name="one_notification_per_dedupe_key")]

    def __str__(self):
        return self.title


class HousekeepingRun(models.Model):
    """When each housekeeping job last ran (core/housekeeping.py), so a restarted worker keeps the timetable."""

    name = models.CharField(max_length=64, unique=True)
    last_run_at = models.DateTimeField()
    last_error = models.CharField(max_length=200, blank=True)  # the exception's type only
