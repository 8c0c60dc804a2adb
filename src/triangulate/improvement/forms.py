from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.selectors import active_themes
from triangulate.people.selectors import teams_visible_to

from . import kpi_links, selectors
from .models import Action, Finding, Source


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def kpi_field():
    # choices are read when the form is made: the catalogue is registered once every app is ready
    return forms.ChoiceField(label="Measure (optional)", required=False,
                             help_text="The performance measure this is about, if it is about one",
                             error_messages={"invalid_choice": "Select a measure from the list"})


def offer_measures(form):
    form.fields["kpi_id"].choices = [("", "No one measure")] + kpi_links.choices()


class FindingForm(GovukForm):
    kind = forms.ChoiceField(label="Strength or area for development", choices=Finding.Kind.choices,
                             error_messages={"required": "Select whether this is a strength or an area for development"})
    text = forms.CharField(label="Finding", widget=forms.Textarea, max_length=5000,
                           help_text="What was found, in plain words. Do not name children or families.",
                           error_messages={"required": "Enter the finding",
                                           "max_length": "Finding must be 5000 characters or fewer"})
    theme = forms.ModelChoiceField(label="Theme", queryset=None, empty_label="Select a theme",
                                   error_messages={"required": "Select a theme"})
    team = forms.ModelChoiceField(label="Team", queryset=None, required=False, empty_label="Council-wide (no one team)")
    source = forms.ChoiceField(label="Where it came from", choices=[("", "Select a source")] + Source.choices,
                               error_messages={"required": "Select where the finding came from"})
    found_on = GovukDateField(label="Date found", label_lower="date found")
    kpi_id = kpi_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = active_themes()
        self.fields["team"].queryset = teams_visible_to(user).filter(is_active=True)
        offer_measures(self)


class ActionForm(GovukForm):
    title = forms.CharField(label="What needs to happen", max_length=200,
                            error_messages={"required": "Enter what needs to happen",
                                            "max_length": "What needs to happen must be 200 characters or fewer"})
    rationale = forms.CharField(label="Why, and the risk if it is not done", widget=forms.Textarea, max_length=5000,
                                error_messages={"required": "Enter why the action matters and the risk if it is not done"})
    priority = forms.ChoiceField(label="Priority", choices=Action.Priority.choices,
                                 error_messages={"required": "Select a priority"})
    owner = OwnerChoiceField(label="Owner", queryset=None, empty_label="Select an owner",
                             error_messages={"required": "Select who owns the action"})
    due_date = GovukDateField(label="Due date", label_lower="due date")
    theme = forms.ModelChoiceField(label="Theme", queryset=None, empty_label="Select a theme",
                                   error_messages={"required": "Select a theme"})
    team = forms.ModelChoiceField(label="Team", queryset=None, required=False, empty_label="Council-wide (no one team)")
    kpi_id = kpi_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.possible_owners()
        self.fields["theme"].queryset = active_themes()
        self.fields["team"].queryset = teams_visible_to(user).filter(is_active=True)
        offer_measures(self)


class StatusChangeForm(GovukForm):
    version = VersionField()  # the action's, so a change posted from an out-of-date page is refused
    status = forms.ChoiceField(label="New status", choices=Action.Status.choices,
                               error_messages={"required": "Select the new status"})
    changed_on = GovukDateField(label="Date of the change", label_lower="date of the change")
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False, max_length=2000)
    evidence = forms.CharField(label="Evidence of completion", widget=forms.Textarea, required=False, max_length=5000,
                               help_text="Needed to mark the action complete: what was done and where the proof is")
