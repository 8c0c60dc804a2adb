"""What an assessor saw on a visit (design §1.4): one observation per visit, its entries one point each, and on a
follow-up day a rating of each earlier action's progress.

Entries carry the browser's own ids (`client_id`, `last_edit_id`) so an offline outbox can send them again
safely (§5). A removed entry is kept as a tombstone (`removed_at`) so a late retry cannot bring it back."""

from django.conf import settings
from django.db import models

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.improvement.models import Action
from triangulate.people.models import Team

from .events import Assessor, PracticeEvent
from .headings import EventHeading, HeadingMode
from .visits import Visit

TEXT_MAX = 2000
EXEMPLAR_TEXT_MAX = 4000


class Observation(Versioned):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        HANDED_IN = "handed_in", "Handed in"

    class FeltSupported(models.TextChoices):
        UNANSWERED = "", "Not answered"
        YES = "yes", "Yes"
        MIXED = "mixed", "Mixed"
        NO = "no", "No"
        NOT_ASKED = "not_asked", "Not asked"

    class HeardFrom(models.TextChoices):  # the values `heard_from` may hold
        CHILD = "child", "A child or young person"
        PARENT_CARER = "parent_carer", "A parent or carer"
        PARTNER = "partner", "A partner agency"

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="observation")
    event = models.ForeignKey(PracticeEvent, on_delete=models.PROTECT, related_name="observations")  # copy
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="practice_observations")  # copy
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="observations")  # copy
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    what_happened = models.TextField(blank=True)
    felt_supported = models.CharField(max_length=16, choices=FeltSupported.choices, blank=True, default="")
    heard_from = models.JSONField(default=list, blank=True)  # a subset of HeardFrom's values
    # Differs from the assessor's account when an organiser types a paper guest's notes.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    last_edit_id = models.UUIDField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    handed_in_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    returned_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["visit__date", "visit__starts_at", "pk"]

    def __str__(self):
        return f"Observation of {self.visit}"


class ObservationEntry(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
        GOOD_PRACTICE = "good_practice", "Good or innovative practice"
        EXEMPLAR = "exemplar", "Case example"
        QUOTE = "quote", "Quote"

    class QuoteBy(models.TextChoices):
        NONE = "", "Not a quote"
        STAFF = "staff", "A member of staff"
        CHILD = "child", "A child or young person"
        PARENT_CARER = "parent_carer", "A parent or carer"
        PARTNER = "partner", "A partner agency"

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="entries")
    client_id = models.UUIDField()  # made by the browser, or by the server for a form without script
    heading = models.ForeignKey(EventHeading, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()  # TEXT_MAX characters; an exemplar EXEMPLAR_TEXT_MAX (the services check)
    quote_by = models.CharField(max_length=16, choices=QuoteBy.choices, blank=True, default="")
    may_quote = models.BooleanField(default=False)  # a child or parent agreed to be quoted without their name
    child_ref = models.CharField(max_length=64, blank=True)  # an exemplar only, norm_id'd; never a name
    revision = models.PositiveIntegerField(default=1)
    last_edit_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField(null=True, blank=True)  # a tombstone (§5)

    class Meta:
        ordering = ["observation", "heading__number", "created_at", "pk"]
        verbose_name_plural = "observation entries"
        constraints = [
            models.UniqueConstraint(fields=["observation", "client_id"], name="practice_entry_client_id_once"),
            models.CheckConstraint(condition=models.Q(kind="exemplar") | models.Q(child_ref=""),
                                   name="practice_child_ref_only_on_exemplar"),
            models.CheckConstraint(condition=models.Q(kind="quote") | models.Q(quote_by=""),
                                   name="practice_quote_by_only_on_quote"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} under {self.heading}"

    @classmethod
    def kinds_allowed_under(cls, mode):
        """The kinds an entry may have under a heading of `mode` (§1.4): strengths and areas for development under
        a strengths_and_development heading, good practice under an examples heading, case examples and quotes
        under any. The services refuse other pairs."""
        own = {HeadingMode.STRENGTHS_AND_DEVELOPMENT: (cls.Kind.STRENGTH, cls.Kind.AREA_FOR_DEVELOPMENT),
               HeadingMode.EXAMPLES: (cls.Kind.GOOD_PRACTICE,)}[mode]
        return frozenset((*own, cls.Kind.EXEMPLAR, cls.Kind.QUOTE))

    def max_length(self):
        return EXEMPLAR_TEXT_MAX if self.kind == self.Kind.EXEMPLAR else TEXT_MAX


class ProgressCheck(models.Model):
    class Rating(models.TextChoices):
        IMPROVED = "improved", "Improved"
        SOME_PROGRESS = "some_progress", "Some progress"
        NO_PROGRESS = "no_progress", "No progress"
        NOT_SEEN = "not_seen", "Not seen"

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="progress_checks")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="practice_progress_checks")
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True)  # blank until rated
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["observation", "pk"]
        constraints = [models.UniqueConstraint(fields=["observation", "action"], name="practice_progress_once")]
