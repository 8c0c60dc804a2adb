"""The form to issue a feed token."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.people.models import Team

from .models import FeedToken

LONGEST = timedelta(days=2 * 366)  # a token for a report lives no longer than two years; issue a new one then


class IssueForm(GovukForm):
    name = forms.CharField(label="Name", max_length=100, help_text="What the token is for, as people will call it: "
                           "\"Performance team Power BI\".", error_messages={"required": "Enter a name"})
    purpose = forms.CharField(label="Purpose", max_length=300, widget=forms.Textarea,
                              help_text="Which report or workbook reads it, and who looks after that.",
                              error_messages={"required": "Enter the purpose"})
    scope = forms.ChoiceField(label="What it may read", choices=FeedToken.Scope.choices, widget=forms.RadioSelect,
                              initial=FeedToken.Scope.AGGREGATES, error_messages={"required": "Choose what it may read"})
    publication = forms.BooleanField(
        label="For publication: suppress small numbers (fewer than 6), as for elected members", required=False)
    teams = forms.ModelMultipleChoiceField(
        label="Teams (optional)", queryset=Team.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty for every team. With teams chosen, the token reads those teams' rows only.")
    expires_on = GovukDateField(label="Expires on", label_lower="expiry date",
                                help_text="The token stops working at the start of this day. At most two years.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(is_active=True).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("publication") and data.get("scope") == FeedToken.Scope.CHILDREN:
            self.add_error("scope", "A token for publication cannot read child-level lists")
        expires_on = data.get("expires_on")
        if expires_on is not None:
            expires_at = timezone.make_aware(datetime.combine(expires_on, time.min))
            if expires_at <= timezone.now():
                self.add_error("expires_on", "The expiry date must be in the future")
            elif expires_at - timezone.now() > LONGEST:
                self.add_error("expires_on", "The expiry date must be within two years")
            data["expires_at"] = expires_at
        return data
