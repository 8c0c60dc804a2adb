"""The forms of the plan pages (design §2): a plan, a priority, a progress update, linking an action, a milestone."""

from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.selectors import active_themes
from triangulate.people.models import ServiceArea, Team

from . import kpi_links, selectors
from .forms import OwnerChoiceField
from .models import ImprovementPlan, Progress


def owner_field(label="Owner"):
    return OwnerChoiceField(label=label, queryset=None, empty_label="Select an owner",
                            error_messages={"required": "Select who owns it"})


class PlanForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200, error_messages={
        "required": "Enter the plan's title", "max_length": "Title must be 200 characters or fewer"})
    level = forms.ChoiceField(label="Level", choices=ImprovementPlan.Level.choices,
                              error_messages={"required": "Select the plan's level"})
    service_area = forms.ModelChoiceField(label="Service area (service plans)", queryset=None, required=False,
                                          empty_label="Select a service area")
    team = forms.ModelChoiceField(label="Team (team plans)", queryset=None, required=False,
                                  empty_label="Select a team")
    owner = owner_field()
    starts_on = GovukDateField(label="Starts on", label_lower="start date")
    ends_on = GovukDateField(label="Ends on", label_lower="end date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.possible_owners()
        self.fields["service_area"].queryset = ServiceArea.objects.order_by("name")
        self.fields["team"].queryset = Team.objects.filter(is_active=True).order_by("name")


class PlanEditForm(GovukForm):
    version = VersionField()
    title = PlanForm.base_fields["title"]
    owner = owner_field()
    starts_on = GovukDateField(label="Starts on", label_lower="start date")
    ends_on = GovukDateField(label="Ends on", label_lower="end date")
    status = forms.ChoiceField(label="Status", choices=ImprovementPlan.Status.choices,
                               error_messages={"required": "Select the plan's status"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.possible_owners()


class PriorityForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Priority", max_length=200, error_messages={
        "required": "Enter the priority", "max_length": "Priority must be 200 characters or fewer"})
    owner = owner_field()
    themes = forms.ModelMultipleChoiceField(label="Themes", queryset=None, widget=forms.CheckboxSelectMultiple,
                                            error_messages={"required": "Select at least one theme"})
    teams = forms.ModelMultipleChoiceField(label="Teams (none: council-wide)", queryset=None, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    kpi_ids = forms.MultipleChoiceField(label="Measures (optional)", required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        error_messages={"invalid_choice": "Select measures from the list"})
    target = forms.CharField(label="Target (optional)", max_length=300, required=False,
                             help_text="For example, visits within timescale 90% by March")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.possible_owners()
        self.fields["themes"].queryset = active_themes()
        self.fields["teams"].queryset = Team.objects.filter(is_active=True).order_by("name")
        self.fields["kpi_ids"].choices = kpi_links.choices()


class ProgressForm(GovukForm):
    version = VersionField()  # the priority's: an update drawn before someone else's is refused
    progress = forms.ChoiceField(label="Progress", choices=Progress.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Select the progress"})
    evidence_of_impact = forms.CharField(label="Evidence of impact", widget=forms.Textarea, required=False,
                                         max_length=5000)
    whats_next = forms.CharField(label="What's next", widget=forms.Textarea, required=False, max_length=5000)
    on = GovukDateField(label="Date of the update", label_lower="date of the update")


class LinkForm(GovukForm):
    version = VersionField()  # the action's
    priority = forms.ModelChoiceField(label="Priority", queryset=None, required=False,
                                      empty_label="No priority (take it off the plan)")

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["priority"].label_from_instance = lambda p: f"{p.plan.title}: {p.number}. {p.title}"


class MilestoneForm(GovukForm):
    title = forms.CharField(label="Milestone", max_length=200, error_messages={
        "required": "Enter the milestone", "max_length": "Milestone must be 200 characters or fewer"})
    due_on = GovukDateField(label="Due on", label_lower="due date")
