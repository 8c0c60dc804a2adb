"""The headings feedback is written under (design §1.1): a council's templates, and each event's own copy.

An event copies the active templates when it is made and then keeps its own, so changing a template never
changes what an earlier event's entries meant (decision 2)."""

from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council


class HeadingMode(models.TextChoices):
    # strength and area_for_development entries (plus exemplars and quotes)
    STRENGTHS_AND_DEVELOPMENT = "strengths_and_development", "Strengths and areas for development"
    # good_practice entries (plus exemplars and quotes)
    EXAMPLES = "examples", "Examples of good or innovative practice"


class HeadingTemplate(Versioned):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="practice_headings")
    number = models.PositiveSmallIntegerField()  # the order
    title = models.CharField(max_length=80)
    mode = models.CharField(max_length=32, choices=HeadingMode.choices,
                            default=HeadingMode.STRENGTHS_AND_DEVELOPMENT)
    guidance = models.TextField(blank=True)  # one paragraph
    prompts = models.TextField(blank=True)  # one question per line: what to look for
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")  # offered first in an entry's list
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["council", "number"]
        constraints = [models.UniqueConstraint(fields=["council", "number"], name="practice_heading_template_number")]

    def __str__(self):
        return self.title


class EventHeading(models.Model):
    """An event's own heading, copied from a template. Its title and mode are fixed once an entry is saved under
    any heading of the event (§1.1); the services enforce that."""

    event = models.ForeignKey("practice.PracticeEvent", on_delete=models.CASCADE, related_name="headings")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=80)
    mode = models.CharField(max_length=32, choices=HeadingMode.choices,
                            default=HeadingMode.STRENGTHS_AND_DEVELOPMENT)
    guidance = models.TextField(blank=True)
    prompts = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="practice_event_heading_number")]

    def __str__(self):
        return self.title
