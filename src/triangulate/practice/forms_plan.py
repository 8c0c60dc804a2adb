"""The action plan's forms (design §7.2): an item from the chosen entries, and an item's edit."""

from django import forms

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.selectors import active_themes
from triangulate.improvement.forms import OwnerChoiceField
from triangulate.improvement.models import Action
from triangulate.improvement.selectors import possible_owners
from triangulate.people.models import Team

from .models import EventHeading, ObservationEntry

NOTE_MAX = 120


class HeadingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, heading):
        return f"{heading.number}. {heading.title}"


def heading_field():
    return HeadingChoiceField(label="Category", queryset=EventHeading.objects.none(), empty_label="Select a category",
                              error_messages={"required": "Select the category (heading) of the item"})


def issue_field():
    return forms.CharField(label="Issue identified", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                           help_text="One point per line. Do not name children, families or staff.",
                           error_messages={"required": "Enter the issue identified",
                                           "max_length": "Issue identified must be 5000 characters or fewer"})


def note_field():
    return forms.CharField(label="Responsibility note (optional)", required=False, max_length=NOTE_MAX,
                           help_text="For example, “with the heads of service”",
                           error_messages={"max_length": f"The responsibility note must be {NOTE_MAX} characters "
                                                         "or fewer"})


class PlanItemForm(GovukForm):
    heading = heading_field()
    issue_identified = issue_field()
    title = forms.CharField(label="Action to be taken", max_length=200,
                            error_messages={"required": "Enter the action to be taken",
                                            "max_length": "Action to be taken must be 200 characters or fewer"})
    rationale = forms.CharField(label="Anticipated risk if not completed", widget=forms.Textarea, max_length=5000,
                                error_messages={"required": "Enter the anticipated risk if not completed"})
    priority = forms.ChoiceField(label="Priority", choices=[("", "Select a priority")] + Action.Priority.choices,
                                 error_messages={"required": "Select a priority"})
    due_date = GovukDateField(label="Proposed date for completion", label_lower="proposed date for completion")
    owner = OwnerChoiceField(label="Responsibility for completion", queryset=None, empty_label="Select an owner",
                             error_messages={"required": "Select who is responsible for completing the action"})
    responsibility_note = note_field()
    theme = forms.ModelChoiceField(label="Theme", queryset=None, empty_label="Select a theme",
                                   error_messages={"required": "Select a theme"})
    team = forms.ModelChoiceField(label="Team", queryset=None, required=False, empty_label="Council-wide (no one team)")
    entries = forms.ModelMultipleChoiceField(queryset=ObservationEntry.objects.none(), required=False,
                                             widget=forms.MultipleHiddenInput)

    def __init__(self, *args, event, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = EventHeading.objects.filter(event=event).order_by("number")
        self.fields["owner"].queryset = possible_owners()
        self.fields["theme"].queryset = active_themes()
        self.fields["team"].queryset = Team.objects.filter(council=event.council, is_active=True).order_by("name")
        self.fields["entries"].queryset = entries


class PlanItemEditForm(GovukForm):
    heading = heading_field()
    issue_identified = issue_field()
    responsibility_note = note_field()

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = EventHeading.objects.filter(event=event).order_by("number")
