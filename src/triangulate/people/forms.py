from datetime import datetime, time

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.roles import Role

from .models import ServiceArea, StaffMember, Team


class AccessForm(GovukForm):
    """Role, member of staff and scope for an account."""

    role = forms.ChoiceField(label="Role", choices=[("", "No role (cannot see anything)")] + list(Role.choices),
                             required=False)
    staff = forms.ModelChoiceField(label="Member of staff", queryset=StaffMember.objects.none(), required=False,
                                   help_text="Links the account to a staff record; their current team sets what they see")
    teams = forms.ModelMultipleChoiceField(label="Extra teams they can see", queryset=Team.objects.none(),
                                           required=False, widget=forms.SelectMultiple)
    service_areas = forms.ModelMultipleChoiceField(label="Service areas (service managers)",
                                                   queryset=ServiceArea.objects.none(), required=False,
                                                   widget=forms.SelectMultiple)
    expires_on = GovukDateField(label="Access ends on", label_lower="date access ends", required=False,
                                help_text="Required for inspectors (at most 28 days). For example, 27 3 2027")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = StaffMember.objects.order_by("last_name", "first_name")
        self.fields["teams"].queryset = Team.objects.all()
        self.fields["service_areas"].queryset = ServiceArea.objects.all()

    def clean(self):
        data = super().clean()
        day = data.get("expires_on")
        # Access ends at the end of the chosen day, council time.
        data["expires_at"] = timezone.make_aware(datetime.combine(day, time(23, 59, 59))) if day else None
        return data


class NewAccountForm(AccessForm):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter a username"})
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    password = forms.CharField(label="Temporary password", widget=forms.PasswordInput, strip=False,
                               help_text="At least 12 characters; not a common password",
                               error_messages={"required": "Enter a temporary password"})

    field_order = ["username", "first_name", "last_name", "email", "password", "role", "staff", "teams",
                   "service_areas", "expires_on"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise forms.ValidationError("Username must only include letters, numbers, full stops, hyphens and underscores")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
