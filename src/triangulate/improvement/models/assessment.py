"""The self-assessment (design §3): a council's judgement scale mapped to Ofsted's four grades, its domains, and
each year's judgements with what we know, how we know and what we are doing, beside an external reviewer's."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council


class OfstedGrade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class JudgementScale(Versioned):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="judgement_scales")
    name = models.CharField(max_length=120)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name


class ScaleGrade(models.Model):
    """A point on the scale: `value` 1 is the worst. The colour is a GOV.UK tag colour."""

    scale = models.ForeignKey(JudgementScale, on_delete=models.CASCADE, related_name="grades")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=120)
    colour = models.CharField(max_length=16, default="grey")
    ofsted = models.CharField(max_length=24, choices=OfstedGrade.choices)

    class Meta:
        ordering = ["scale", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_grade_value_unique")]

    def __str__(self):
        return self.label


class DomainTemplate(Versioned):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="domain_templates")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["council", "number"]

    def __str__(self):
        return self.title


class SelfAssessment(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="self_assessments")
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()  # 2026 for 2026/27
    period_start = models.DateField()
    period_end = models.DateField()
    scale = models.ForeignKey(JudgementScale, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    reviewer_name = models.CharField("external reviewer", max_length=200, blank=True)
    reviewer_organisation = models.CharField(max_length=200, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title


class DomainJudgement(Versioned):
    """A domain of one self-assessment, copied from its template when the assessment was made."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="judgements")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    grade = models.ForeignKey(ScaleGrade, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    what_we_know = models.TextField(blank=True)
    how_we_know = models.TextField(blank=True)
    what_we_are_doing = models.TextField(blank=True)
    priorities = models.ManyToManyField("improvement.Priority", blank=True, related_name="judgements")
    external_grade = models.ForeignKey(ScaleGrade, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    external_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="judgement_number_unique")]

    def __str__(self):
        return self.title
