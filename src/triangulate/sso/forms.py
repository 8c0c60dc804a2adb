from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukModelForm
from triangulate.people.models import ServiceArea, Team

from .models import GroupMapping


class GroupMappingForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = GroupMapping
        fields = ["label", "claim_value", "role", "teams", "service_areas", "rank"]
        labels = {"rank": "Order", "teams": "Teams they see", "service_areas": "Service areas they see"}
        help_texts = {"rank": "Someone in several of these groups gets the role of the one first in this order. "
                              "Lower numbers come first, for example 10"}
        widgets = {"teams": forms.CheckboxSelectMultiple, "service_areas": forms.CheckboxSelectMultiple}
        error_messages = {
            "label": {"required": "Enter the group's name"},
            "claim_value": {"required": "Enter the group's object ID or the app role's value",
                            "unique": "Another row already maps this group or app role"},
            "role": {"required": "Choose the role this group gives"},
            "rank": {"required": "Enter an order, for example 10", "invalid": "Order must be a whole number"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(is_active=True).order_by("name")
        self.fields["service_areas"].queryset = ServiceArea.objects.order_by("name")
        self.fields["teams"].help_text = "For team managers and practitioners: the teams the group's members see"
        self.fields["service_areas"].help_text = "For service managers: the service areas the group's members see"
