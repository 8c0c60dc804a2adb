"""Audit tools, their versions, sections and questions, and the grade scales they use (design §1.1).

Council-wide: no team. A tool's content lives in its versions so that an audit keeps the exact form it was
filled in against; only a draft version changes (the services refuse the rest)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council

from .choices import Population


class GradeScale(Versioned):
    """A council's grades. Once a non-draft version uses it, its values, order and inadequate grade are frozen
    (services), because stored answers and moderations compare grades by value."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="grade_scales")
    name = models.CharField(max_length=100)
    # A grade of this value or more is "good or better" (R5, R8, R10).
    good_threshold = models.SmallIntegerField()
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="grade_scale_name_unique"),
            models.UniqueConstraint(fields=["council"], condition=Q(is_default=True),
                                    name="one_default_grade_scale"),
        ]

    def __str__(self):
        return self.name


class Grade(models.Model):
    """One grade of a scale. Higher is better, so "good or better" is a comparison of values."""

    class Colour(models.TextChoices):
        # GOV.UK tag modifiers: a colour is always shown with its label, never alone.
        GREEN = "green", "Green"
        TURQUOISE = "turquoise", "Turquoise"
        BLUE = "blue", "Blue"
        LIGHT_BLUE = "light-blue", "Light blue"
        PURPLE = "purple", "Purple"
        PINK = "pink", "Pink"
        YELLOW = "yellow", "Yellow"
        ORANGE = "orange", "Orange"
        RED = "red", "Red"
        GREY = "grey", "Grey"

    scale = models.ForeignKey(GradeScale, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(max_length=60)
    value = models.SmallIntegerField()
    colour = models.CharField(max_length=16, choices=Colour.choices, default=Colour.GREY)
    description = models.TextField(blank=True)  # one sentence
    # Only on the lowest grade (the services check which is lowest; the database allows one per scale).
    is_inadequate = models.BooleanField(default=False)

    class Meta:
        ordering = ["scale", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="grade_label_unique"),
            models.UniqueConstraint(fields=["scale", "value"], name="grade_value_unique"),
            models.UniqueConstraint(fields=["scale"], condition=Q(is_inadequate=True),
                                    name="one_inadequate_grade"),
        ]

    def __str__(self):
        return self.label


class AuditTool(Versioned):
    class Kind(models.TextChoices):
        FULL = "full", "Full case audit"
        THEMED = "themed", "Themed audit"
        CLOSURE = "closure", "Closure audit"
        MULTI_AGENCY = "multi_agency", "Multi-agency audit"
        OTHER = "other", "Other"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="audit_tools")
    name = models.CharField(max_length=120)
    # Stable (e.g. "full_case_audit"): the defaults and the tracker import find a tool by it.
    key = models.SlugField(max_length=60)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    population = models.CharField(max_length=16, choices=Population.choices, default=Population.OPEN_CASES)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="audit_tool_name_unique"),
            models.UniqueConstraint(fields=["council", "key"], name="audit_tool_key_unique"),
        ]

    def __str__(self):
        return self.name


class ToolVersion(Versioned):
    """One version of a tool's form. At most one draft (being edited) and one live (used by new rounds) per
    tool; an audit keeps its version for life, so a retired version is kept, never deleted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        RETIRED = "retired", "Retired"

    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    grade_scale = models.ForeignKey(GradeScale, on_delete=models.PROTECT, related_name="tool_versions")
    # What changed since the last version: required to publish version 2 or later.
    change_note = models.TextField(blank=True)
    # Null for the defaults a data migration installs (a System write).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["tool", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="tool_version_number_unique"),
            models.UniqueConstraint(fields=["tool"], condition=Q(status="draft"), name="one_draft_per_tool"),
            models.UniqueConstraint(fields=["tool"], condition=Q(status="live"), name="one_live_per_tool"),
            models.CheckConstraint(condition=Q(number__gte=1), name="tool_version_number_from_1"),
            models.CheckConstraint(condition=Q(status="draft") | Q(number=1) | ~Q(change_note=""),
                                   name="published_version_has_change_note"),
        ]

    def __str__(self):
        return f"{self.tool} version {self.number}"


class Section(models.Model):
    version = models.ForeignKey(ToolVersion, on_delete=models.CASCADE, related_name="sections")
    # The order within the version. Unique, so "Move up" swaps through a spare number (services).
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="section_number_unique")]

    def __str__(self):
        return f"{self.number} {self.title}"


class Question(models.Model):
    """A question of a section. `key` joins its results across versions and tools (trends, imports), so it
    is unique within a version, which is why the question also names its version (the services keep it equal
    to the section's)."""

    class AnswerType(models.TextChoices):
        GRADE = "grade", "Grade"
        YES_NO = "yes_no", "Yes or no"
        NUMBER = "number", "Number"
        DATE = "date", "Date"
        TEXT = "text", "Text"

    # The types whose results are reported by theme (R10), so they must name one.
    THEMED_TYPES = (AnswerType.GRADE, AnswerType.YES_NO)

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    version = models.ForeignKey(ToolVersion, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()  # the order within the section
    key = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    answer_type = models.CharField(max_length=8, choices=AnswerType.choices)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_questions")
    mandatory = models.BooleanField(default=False)
    allow_not_applicable = models.BooleanField(default=False)
    # On by default for grades: the builder's form sets it, not the database.
    asks_evidence = models.BooleanField(default=False)
    guidance = models.TextField(blank=True)  # one sentence
    # The case types it applies to ([] = all).
    applies_to = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="question_number_unique"),
            models.UniqueConstraint(fields=["version", "key"], name="question_key_unique"),
            models.CheckConstraint(condition=~Q(answer_type__in=["grade", "yes_no"]) | Q(theme__isnull=False),
                                   name="graded_questions_have_a_theme"),
        ]

    def __str__(self):
        return self.key
