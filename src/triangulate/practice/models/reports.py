"""The feedback and analysis report, the organiser's representative entries, and the action plan (design §1.5).

The action plan is improvement's findings and actions (decision 13): a PlanItem keeps only the seed's extra
columns (issue identified, category and number, responsibility note) and where the item came from."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.improvement.models import Action, Finding

from .events import PracticeEvent
from .headings import EventHeading
from .observations import ObservationEntry


class AnalysisReport(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    # The sections in the report's order (§7.1), the headings' parts coming between reflection and case examples.
    SECTIONS = ("introduction", "process", "reflection", "case_examples", "conclusion")

    event = models.OneToOneField(PracticeEvent, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    introduction = models.TextField(blank=True)
    process = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    case_examples = models.TextField(blank=True)
    conclusion = models.TextField(blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    reopened_reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Report of {self.event}"


class ReportHeading(models.Model):
    """One heading's part of the report; saved against the report's version."""

    report = models.ForeignKey(AnalysisReport, on_delete=models.CASCADE, related_name="headings")
    heading = models.ForeignKey(EventHeading, on_delete=models.PROTECT, related_name="+")
    strengths = models.TextField(blank=True)  # an `examples` heading uses this only
    development = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "heading__number"]
        constraints = [models.UniqueConstraint(fields=["report", "heading"], name="practice_report_heading_once")]


class EntryPick(models.Model):
    """An entry the organiser chose as representative (§6.3), in their order."""

    report = models.ForeignKey(AnalysisReport, on_delete=models.CASCADE, related_name="picks")
    entry = models.ForeignKey(ObservationEntry, on_delete=models.PROTECT, related_name="picks")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["report", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "entry"], name="practice_entry_pick_once")]


class PlanItem(models.Model):
    event = models.ForeignKey(PracticeEvent, on_delete=models.CASCADE, related_name="plan_items")
    heading = models.ForeignKey(EventHeading, on_delete=models.PROTECT, related_name="plan_items")  # the category
    number = models.PositiveSmallIntegerField()  # 1, 2, 3… within the heading
    issue_identified = models.TextField()
    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="practice_plan_item")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="practice_plan_item")
    responsibility_note = models.CharField(max_length=120, blank=True)  # "with the heads of service"
    entries = models.ManyToManyField(ObservationEntry, blank=True, related_name="plan_items")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "heading__number", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "heading", "number"],
                                               name="practice_plan_item_number")]

    def __str__(self):
        return f"{self.heading.number}.{self.number}"
