"""The event forms (design §1.2, §3.1): plan a week or day, change it, "Repeat this week", "Follow up", and the
reasons some transitions need."""

from django import forms
from django.contrib.auth import get_user_model

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.models import Theme
from triangulate.core.roles import Role

from .models import PracticeEvent

ORGANISER_ROLE_VALUES = (Role.QA_LEAD, Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)


def possible_organisers():
    return (get_user_model().objects.filter(is_active=True, profile__role__in=ORGANISER_ROLE_VALUES)
            .order_by("last_name", "first_name", "pk"))


def full_name(user):
    return user.get_full_name() or user.get_username()


def _dates(form):
    form.fields["starts_on"] = GovukDateField(label="First day", label_lower="first day",
                                              help_text="For example, 2 2 2026")
    form.fields["ends_on"] = GovukDateField(label="Last day", label_lower="last day",
                                            help_text="A practice week's last day is at most 13 days after its "
                                                      "first. A practice day's is the same day.")


class EventForm(GovukForm):
    """A new event (with its kind) or a change to one (kind fixed)."""

    version = VersionField()
    kind = forms.ChoiceField(label="Kind", choices=PracticeEvent.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a practice week or a practice day"})
    title = forms.CharField(label="Title", max_length=120, help_text="For example, “Spring practice week 2026”",
                            error_messages={"required": "Enter a title"})
    focus = forms.CharField(label="Agreed focus", widget=forms.Textarea,
                            help_text="What assessors look at: it is printed in every brief.",
                            error_messages={"required": "Enter the agreed focus"})
    focus_themes = forms.ModelMultipleChoiceField(label="Themes of the focus (optional)", queryset=None,
                                                  required=False, widget=forms.CheckboxSelectMultiple)
    max_visits_per_day = forms.IntegerField(label="Most visits for one assessor in a day", min_value=1,
                                            max_value=8, help_text="From 1 to 8. More is a warning on the "
                                                                   "timetable, never a refusal.",
                                            error_messages={"required": "Enter the most visits in a day",
                                                            "min_value": "Enter a number from 1 to 8",
                                                            "max_value": "Enter a number from 1 to 8",
                                                            "invalid": "Enter a number from 1 to 8"})
    organisers = forms.ModelMultipleChoiceField(label="Organisers", queryset=None, widget=forms.CheckboxSelectMultiple,
                                                help_text="QA leads, principal social workers or senior leaders.",
                                                error_messages={"required": "Choose at least one organiser"})

    field_order = ["version", "kind", "title", "starts_on", "ends_on", "focus", "focus_themes",
                   "max_visits_per_day", "organisers"]

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        if editing:
            del self.fields["kind"]
        self.fields["focus_themes"].queryset = Theme.objects.filter(is_active=True).order_by("name")
        self.fields["organisers"].queryset = possible_organisers()
        self.fields["organisers"].label_from_instance = full_name
        self.order_fields(self.field_order)

    @staticmethod
    def initial_for(event):
        return {"version": event.version, "kind": event.kind, "title": event.title, "starts_on": event.starts_on,
                "ends_on": event.ends_on, "focus": event.focus,
                "focus_themes": list(event.focus_themes.all()), "max_visits_per_day": event.max_visits_per_day,
                "organisers": list(event.organisers.all())}

    def values(self):
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class RepeatForm(GovukForm):
    """"Repeat this week": the new week's title and dates; teams, headings and focus are copied."""

    title = forms.CharField(label="Title of the new week", max_length=120, error_messages={"required": "Enter a title"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)


class FollowUpForm(GovukForm):
    """"Follow up": a practice day for one of the complete event's teams."""

    team = forms.ModelChoiceField(label="Team", queryset=None, error_messages={"required": "Choose the team"})
    title = forms.CharField(label="Title of the practice day", max_length=120,
                            error_messages={"required": "Enter a title"})
    on = GovukDateField(label="Date", label_lower="date")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        from triangulate.people.models import Team

        self.fields["team"].queryset = Team.objects.filter(practice_event_teams__event=event).order_by("name")
        self.fields["team"].empty_label = "Choose a team"


class ReasonForm(GovukForm):
    version = VersionField()
    reason = forms.CharField(label="Reason", widget=forms.Textarea, error_messages={"required": "Enter the reason"})

    def __init__(self, *args, label="Reason", help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class CompleteForm(GovukForm):
    version = VersionField()
    no_actions_reason = forms.CharField(
        label="No actions: why (only when the action plan is empty)", widget=forms.Textarea, required=False,
        help_text="Leave this blank when the action plan has items.")
