"""A practice week or day, the teams it visits and its assessors (design §1.2). The event is council-wide; an
EventTeam places the team's details in that team."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.core.models import Theme
from triangulate.people.models import Council, StaffMember, Team


def default_max_visits_per_day():
    return settings.TRIANGULATE["PRACTICE"]["MAX_VISITS_PER_DAY"]


def _user(related_name="+", null=True):
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=null, blank=null, on_delete=models.PROTECT,
                             related_name=related_name)


class PracticeEvent(Versioned):
    class Kind(models.TextChoices):
        WEEK = "week", "Practice week"
        DAY = "day", "Practice day"

    class Status(models.TextChoices):  # §3.1
        PLANNING = "planning", "Planning"
        PUBLISHED = "published", "Published"
        OBSERVING = "observing", "Observing"
        ANALYSIS = "analysis", "Analysis"
        COMPLETE = "complete", "Complete"
        CANCELLED = "cancelled", "Cancelled"

    # A week's dates are at most this many days apart (a day's are equal).
    MAX_WEEK_SPAN_DAYS = 13

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="practice_events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    focus = models.TextField()  # req: the agreed focus sent in every brief
    focus_themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNING)
    max_visits_per_day = models.PositiveSmallIntegerField(
        default=default_max_visits_per_day, validators=[MinValueValidator(1), MaxValueValidator(8)])
    # The complete week a repeat week is compared with (a week only).
    benchmark = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats")
    # The complete event a practice day follows up.
    follows = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups")
    organisers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="organised_practice_events")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = _user()
    observation_closed_at = models.DateTimeField(null=True, blank=True)
    observation_closed_by = _user()
    # Why observations were last reopened after closing (§3.1 "Reopen observations": a reason).
    observation_reopened_reason = models.TextField(blank=True)
    summaries_shared_at = models.DateTimeField(null=True, blank=True)
    summaries_shared_by = _user()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = _user()
    # "No actions": why an event is complete with an empty action plan (§3.1); blank otherwise.
    no_actions_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = _user()
    cancelled_reason = models.TextField(blank=True)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="practice_event_ends_after_start"),
            models.CheckConstraint(condition=Q(kind="week") | Q(ends_on=models.F("starts_on")),
                                   name="practice_day_is_one_day"),
            models.CheckConstraint(condition=Q(kind="week") | Q(benchmark__isnull=True),
                                   name="practice_benchmark_only_on_a_week"),
        ]

    def __str__(self):
        return self.title


class EventTeam(Versioned):
    event = models.ForeignKey(PracticeEvent, on_delete=models.CASCADE, related_name="teams")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="practice_event_teams")
    office_contact = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    contact_details = models.CharField(max_length=200, blank=True)  # work phone, or "ask at reception for…"
    meeting_point = models.CharField(max_length=200, blank=True)
    # A snapshot from people.selectors.team_staffing when the team is added; editable.
    headcount = models.PositiveSmallIntegerField(null=True, blank=True)
    fte = models.DecimalField("FTE", max_digits=5, decimal_places=1, null=True, blank=True)
    vacancy_fte = models.DecimalField("vacancies (FTE)", max_digits=5, decimal_places=1, null=True, blank=True)
    structure = models.TextField(blank=True)  # prefilled from current memberships in SENIORITY_ORDER
    context = models.TextField(blank=True)
    focus_note = models.TextField(blank=True)
    details_confirmed_by = _user()
    details_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "team__name"]
        constraints = [models.UniqueConstraint(fields=["event", "team"], name="practice_event_team_once")]

    def __str__(self):
        return str(self.team)


class Assessor(Versioned):
    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        GUEST = "guest", "Guest"

    event = models.ForeignKey(PracticeEvent, on_delete=models.CASCADE, related_name="assessors")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.STAFF)
    # A staff assessor's account or a guest's account; null for a guest on paper.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="practice_assessors")
    name = models.CharField(max_length=120)  # the user's full name, copied; a guest's as given
    organisation = models.CharField(max_length=120, blank=True)  # required for guests (the services check)
    job_title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)  # required for a guest with an account
    # Lines the people records cannot see: a school's link team, a partner's co-located team (§4).
    conflict_teams = models.ManyToManyField(Team, blank=True, related_name="+")
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = _user()
    access_ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], condition=Q(user__isnull=False),
                                    name="practice_assessor_once_per_event"),
            models.CheckConstraint(condition=Q(kind="guest") | Q(user__isnull=False),
                                   name="practice_staff_assessor_has_account"),
        ]

    def __str__(self):
        return self.name
