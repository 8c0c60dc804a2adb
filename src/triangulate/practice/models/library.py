"""The good practice library (design §1.5): anonymised copies of entries, council-wide and not team-scoped.

`from_team` is attribution and deliberately not named `team`, so people.scope never treats an item as a team's
record. The text is a copy, never the entry itself, and never carries a child id (decision 16)."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council, Team

from .events import PracticeEvent
from .observations import ObservationEntry


class LibraryItem(Versioned):
    class Kind(models.TextChoices):
        INNOVATIVE_PRACTICE = "innovative_practice", "Innovative practice"
        CASE_EXAMPLE = "case_example", "Case example"
        QUOTE = "quote", "Quote"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="practice_library")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=120)
    text = models.TextField()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    from_team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(PracticeEvent, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="library_items")
    source_entry = models.ForeignKey(ObservationEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="library_items")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    no_names_checked = models.BooleanField(default=False)  # required to publish
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="published") | models.Q(no_names_checked=True),
                                   name="practice_library_published_checked"),
        ]

    def __str__(self):
        return self.title
