from django import forms
from django.utils import timezone

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.people.models import Team


class UploadForm(GovukForm):
    file = forms.FileField(label="Annex A workbook (.xlsx)",
                           help_text="One sheet per list, named like “List 3 - Referrals”, as your case system exports it",
                           error_messages={"required": "Select the Annex A workbook to upload",
                                           "empty": "The selected file is empty"})
    extract_date = GovukDateField(label="Date the extract was taken", label_lower="date the extract was taken")

    def clean_extract_date(self):
        day = self.cleaned_data["extract_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date the extract was taken must be today or in the past")
        return day

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx)")
        return upload


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, team):
        return team.name if team.is_active else f"{team.name} (no longer active)"


class TeamNameMappingForm(GovukForm):
    """Map one team name seen in extracts to a council team. Inactive teams are offered (marked) so a
    name already mapped to one shows its team; choosing one is refused by the service, with the reason."""

    extract_name = forms.ChoiceField(label="Team name in extracts",
                                     error_messages={"required": "Choose a team name from the extracts",
                                                     "invalid_choice": "Choose a team name from the extracts"})
    team = TeamChoiceField(label="Council team", queryset=None, required=False,
                           empty_label="Not mapped to a council team",
                           help_text="Children in this extract team count under the council team you choose",
                           error_messages={"invalid_choice": "Choose one of the council's teams"})

    # what each name meant when the page was drawn ({name key: team pk or null}, JSON), so a save made
    # over someone else's change is refused (services.map_team_name) rather than silently overwriting it
    seen_state = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, council, seen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extract_name"].choices = [("", "Choose a team name")] + [(e.name, e.name) for e in seen]
        self.fields["team"].queryset = Team.objects.filter(council=council).order_by("-is_active", "name")
