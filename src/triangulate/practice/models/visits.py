"""The timetable (design §1.3): one visit is one assessor joining one piece of a team's work.

No child's or family member's name, address or id is stored on a visit; `location` is an office or "travel with
the worker", never a family's address."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from triangulate.core.concurrency import Versioned
from triangulate.people.models import StaffMember, Team

from .events import Assessor, EventTeam, PracticeEvent


class Visit(Versioned):
    class Activity(models.TextChoices):
        TEAM_MEETING = "team_meeting", "Team meeting"
        SUPERVISION = "supervision", "Supervision"
        HOME_VISIT = "home_visit", "Home visit"
        CASE_DISCUSSION = "case_discussion", "Case discussion"
        MEETING_OBSERVATION = "meeting_observation", "Meeting observation"
        FAMILY_CONVERSATION = "family_conversation", "Conversation with a family"
        OTHER = "other", "Other"

    class Consent(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        NOT_ASKED = "not_asked", "Not asked yet"
        REQUESTED = "requested", "Requested"
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HAPPENED = "happened", "Happened"
        CANCELLED = "cancelled", "Cancelled"
        DID_NOT_HAPPEN = "did_not_happen", "Did not happen"

    # Activities with a family present: consent is asked, and recording waits until it is given (§3.3).
    WITH_A_FAMILY = (Activity.HOME_VISIT, Activity.FAMILY_CONVERSATION)

    event = models.ForeignKey(PracticeEvent, on_delete=models.CASCADE, related_name="visits")
    event_team = models.ForeignKey(EventTeam, on_delete=models.PROTECT, related_name="visits")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="practice_visits")  # copy, for scope
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="visits")
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    activity = models.CharField(max_length=24, choices=Activity.choices)
    activity_note = models.CharField(max_length=200, blank=True)  # "Core group"
    location = models.CharField(max_length=200, blank=True)
    host = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    consent = models.CharField(max_length=16, choices=Consent.choices, default=Consent.NOT_NEEDED)
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(blank=True)
    conflict_reason = models.TextField(blank=True)  # why a line conflict is accepted (§4)
    conflict_accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    conflict_accepted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="practice_visit_ends_after"),
        ]

    def __str__(self):
        return f"{self.get_activity_display()}, {self.date:%-d %B %Y} {self.starts_at:%H:%M}"

    @classmethod
    def default_consent(cls, activity):
        """`not_asked` for a home visit or family conversation, else `not_needed` (§1.3)."""
        return cls.Consent.NOT_ASKED if activity in cls.WITH_A_FAMILY else cls.Consent.NOT_NEEDED
