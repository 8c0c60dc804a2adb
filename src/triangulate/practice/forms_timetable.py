"""The timetable forms (design §1.3, §3.2, §4): a visit, its consent, and the reasons for cancelling it or
accepting it in the assessor's line. A visit never holds a family's name or address: the location hint says so."""

from datetime import timedelta

from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukForm
from triangulate.people.models import StaffMember, TeamMembership

from .models import Visit
from .services.visits import CONSENT_CHOICES

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
LOCATION_HINT = ("An office, or “travel with the worker”. Never a family’s name or address: the worker brings "
                 "the assessor.")


def event_days(event):
    days, day = [], event.starts_on
    while day <= event.ends_on:
        days.append((day.isoformat(), f"{day:%A} {day.day} {day:%B %Y}"))
        day += timedelta(days=1)
    return days


def hhmm(value):
    return value.strftime("%H:%M") if value else ""


class VisitForm(GovukForm):
    """An organiser's visit: team, assessor, day, times, activity, where, with whom. `unplanned` is an
    assessor's own visit (no assessor or host to choose)."""

    version = VersionField()
    event_team = forms.ModelChoiceField(label="Team", queryset=None, error_messages={"required": "Choose the team"})
    assessor = forms.ModelChoiceField(label="Assessor", queryset=None,
                                      error_messages={"required": "Choose the assessor"})
    date = forms.ChoiceField(label="Day", error_messages={"required": "Choose the day"})
    starts_at = forms.TimeField(label="Starts at", input_formats=TIME_FORMATS, help_text="For example, 09:30",
                                error_messages={"required": "Enter the time the visit starts",
                                                "invalid": "Enter the start time as hours and minutes, like 09:30"})
    ends_at = forms.TimeField(label="Ends at", input_formats=TIME_FORMATS, help_text="For example, 11:00",
                              error_messages={"required": "Enter the time the visit ends",
                                              "invalid": "Enter the end time as hours and minutes, like 11:00"})
    activity = forms.ChoiceField(label="What the assessor joins", choices=Visit.Activity.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Choose what the assessor joins"})
    activity_note = forms.CharField(label="About the activity (optional)", required=False, max_length=200,
                                    help_text="For example, “Core group”. No names.")
    location = forms.CharField(label="Where (optional)", required=False, max_length=200, help_text=LOCATION_HINT)
    host = forms.ModelChoiceField(label="Who the assessor joins (optional)", queryset=None, required=False,
                                  help_text="The worker or manager who brings the assessor.")

    def __init__(self, *args, event, unplanned=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_team"].queryset = event.teams.select_related("team").order_by("team__name")
        self.fields["event_team"].label_from_instance = lambda et: et.team.name
        self.fields["event_team"].empty_label = "Choose a team"
        self.fields["date"].choices = [("", "Choose a day"), *event_days(event)]
        if unplanned:
            del self.fields["assessor"], self.fields["host"]
            return
        self.fields["assessor"].queryset = event.assessors.order_by("name")
        self.fields["assessor"].empty_label = "Choose an assessor"
        self.fields["host"].empty_label = "Not named yet"
        self.fields["assessor"].label_from_instance = (
            lambda a: a.name + (f" (guest, {a.organisation})" if a.kind == "guest" else ""))
        members = TeamMembership.objects.current().filter(team__in=event.teams.values("team"))
        self.fields["host"].queryset = (StaffMember.objects.filter(pk__in=members.values("staff"))
                                        .order_by("last_name", "first_name"))

    def clean_date(self):
        from datetime import date

        return date.fromisoformat(self.cleaned_data["date"])

    def values(self):
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "version"}

    @staticmethod
    def initial_for(visit):
        return {"version": visit.version, "event_team": visit.event_team_id, "assessor": visit.assessor_id,
                "date": visit.date.isoformat(), "starts_at": hhmm(visit.starts_at), "ends_at": hhmm(visit.ends_at),
                "activity": visit.activity, "activity_note": visit.activity_note, "location": visit.location,
                "host": visit.host_id}


class ReasonForm(GovukForm):
    version = VersionField()
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Give a reason"})

    def __init__(self, *args, label, help_text="", required_message="Give a reason", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.fields["reason"].error_messages["required"] = required_message


class CancelForm(ReasonForm):
    """Cancel a visit, or record that it did not happen on the day."""

    outcome = forms.ChoiceField(
        label="What happened to the visit?", widget=forms.RadioSelect,
        choices=[("cancelled", "Cancel it: it will not take place"),
                 ("did_not_happen", "It did not happen on the day")],
        error_messages={"required": "Choose whether the visit is cancelled or did not happen"})
    field_order = ["version", "outcome", "reason"]


class ConsentForm(GovukForm):
    version = VersionField()
    consent = forms.ChoiceField(label="What did the family say?", widget=forms.RadioSelect,
                                choices=[(c.value, c.label) for c in CONSENT_CHOICES],
                                help_text="The worker asks the family. Record their answer here.",
                                error_messages={"required": "Choose what the family said"})
