"""The social work health check (design §5): an anonymous staff survey, its unaddressed links, the answers (kept with
no person, time or order), and the "you said, we will, we expect you" plan.

Anonymity lives in the schema: `HealthLink` names a team, never a person; `HealthResponse` names the check and the
team, never a link, a person or a time; both take random primary keys so the order of answering is not kept."""

import secrets

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.people.models import Council, Team


def random_key():
    """A random positive 63-bit key: rows do not sort in the order they were written (design §5.2)."""
    return secrets.randbelow(2**63 - 1) + 1


class HealthTheme(models.TextChoices):
    WORKLOAD = "workload", "Workload and work-life balance"
    SAFEGUARDING = "safeguarding", "Confidence in safeguarding"
    COMMUNICATION = "communication", "Information sharing and communication"
    HAVING_A_SAY = "having_a_say", "Having a say"
    SUPERVISION = "supervision", "Supervision"
    SUPPORT = "support", "Support and training"


class HealthCheck(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for answers"
        CLOSED = "closed", "Closed"
        PUBLISHED = "published", "Published"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    min_responses = models.PositiveSmallIntegerField(default=6)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        constraints = [models.UniqueConstraint(fields=["council", "year"], name="health_check_one_a_year")]

    def __str__(self):
        return self.title


class HealthQuestion(Versioned):
    class Kind(models.TextChoices):
        AGREE = "agree", "Agree or disagree (five points)"
        TEXT = "text", "A comment"

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=16, choices=HealthTheme.choices)
    key = models.SlugField(max_length=60)  # carries the question from year to year
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.AGREE)

    class Meta:
        ordering = ["health_check", "number"]
        constraints = [models.UniqueConstraint(fields=["health_check", "number"], name="health_question_number_unique"),
                       models.UniqueConstraint(fields=["health_check", "key"], name="health_question_key_unique")]


class HealthLink(models.Model):
    """An unaddressed link for one team: only the token's hash is kept, and nothing about who holds it."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="links")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class HealthResponse(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")


class Agreement(models.IntegerChoices):
    STRONGLY_AGREE = 5, "Strongly agree"
    AGREE = 4, "Agree"
    NEITHER = 3, "Neither agree nor disagree"
    DISAGREE = 2, "Disagree"
    STRONGLY_DISAGREE = 1, "Strongly disagree"
    DONT_KNOW = 0, "Don't know"


class HealthAnswer(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    response = models.ForeignKey(HealthResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(HealthQuestion, on_delete=models.PROTECT, related_name="answers")
    choice = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    text = models.TextField(blank=True)


class HealthPlanItem(Versioned):
    """One row of the plan (seed 003): what staff said, recorded as an improvement Finding whose Actions are "we
    will", and what we expect of staff."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="plan_items")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=16, choices=HealthTheme.choices)
    you_said = models.TextField()
    we_expect_you = models.TextField(blank=True)
    finding = models.OneToOneField("improvement.Finding", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["health_check", "number"]
        constraints = [models.UniqueConstraint(fields=["health_check", "number"], name="health_plan_number_unique")]
