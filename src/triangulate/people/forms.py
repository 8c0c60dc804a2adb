from datetime import datetime, time

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm, GovukModelForm
from triangulate.core.roles import Role

from .models import Council, ServiceArea, StaffMember, StaffRole, Team, TeamType, UserProfile


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

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account  # the account being changed: its names are not allowed as a password
        self.fields["staff"].queryset = StaffMember.objects.order_by("last_name", "first_name")
        self.fields["teams"].queryset = Team.objects.all()
        self.fields["service_areas"].queryset = ServiceArea.objects.all()

    def clean(self):
        data = super().clean()
        if self.fields.get("new_password") and data.get("new_password"):
            try:
                password_validation.validate_password(data["new_password"], self.account)
            except forms.ValidationError as error:
                self.add_error("new_password", error)
        day = data.get("expires_on")
        # Access ends at the end of the chosen day, council time.
        data["expires_at"] = timezone.make_aware(datetime.combine(day, time(23, 59, 59))) if day else None
        return data


class ChangeAccessForm(AccessForm):
    version = VersionField()
    new_password = forms.CharField(label="New temporary password (optional)", widget=forms.PasswordInput,
                                   strip=False, required=False,
                                   help_text="Only to reset a forgotten password: tell the user, who should change it")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Someone who signs in with their council account (sso, read through its reverse relation: sso sits above
        # people) has no password here on purpose: giving them one would let them round the council's MFA.
        if self.account is not None and self.account.external_identities.exists():
            del self.fields["new_password"]


class NewAccountForm(AccessForm):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter a username"})
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    password = forms.CharField(label="Temporary password", widget=forms.PasswordInput, strip=False,
                               help_text="At least 12 characters; not a common password, and not their name or "
                                         "username with numbers added",
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
            # the account is not created yet: check the password against the names it will have
            account = get_user_model()(username=data.get("username", ""), first_name=data.get("first_name", ""),
                                       last_name=data.get("last_name", ""), email=data.get("email", ""))
            UserProfile(user=account, staff=data.get("staff"))  # unsaved: sets account.profile, so the staff names count
            try:
                password_validation.validate_password(data["password"], account)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class CouncilForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = Council
        fields = ["name", "la_code", "region"]
        labels = {"name": "Council name", "la_code": "DfE local authority code"}
        help_texts = {"la_code": "3 digits, as in DfE statistics and Ofsted's Annex A, for example 929"}
        error_messages = {"name": {"required": "Enter the council's name"},
                          "la_code": {"required": "Enter the DfE local authority code",
                                      "unique": "Another council already has this code"},
                          "region": {"required": "Select the region"}}


class PopulationForm(GovukForm):
    year = forms.IntegerField(label="Year of the mid-year estimate", min_value=2000, max_value=2100,
                              error_messages={"required": "Enter the year, for example 2025",
                                              "invalid": "Year must be a number, for example 2025",
                                              "min_value": "Year must be 2000 or later",
                                              "max_value": "Year must be 2100 or earlier"})
    children_0_17 = forms.IntegerField(label="Children aged 0 to 17", min_value=1, max_value=5_000_000,
                                       help_text="From the ONS mid-year population estimates",
                                       error_messages={"required": "Enter the number of children aged 0 to 17",
                                                       "invalid": "Number of children must be a whole number",
                                                       "min_value": "Number of children must be more than 0",
                                                       "max_value": "Number of children must be 5,000,000 or fewer"})


class NeighboursForm(GovukForm):
    version = VersionField()  # the council's: the list is part of the council record
    neighbours = forms.CharField(
        label="Statistical neighbours, closest first", widget=forms.Textarea, required=False,
        help_text="One council a line: its 3-digit DfE code, then its name. For example: 929 Northumberland. "
                  "Leave empty to remove the list.")
    MAX = 15

    def clean_neighbours(self):
        rows, problems, seen = [], [], set()
        lines = [line.strip() for line in self.cleaned_data["neighbours"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            code, _, name = line.replace(",", " ", 1).replace("\t", " ", 1).partition(" ")
            name = name.strip(" ,\t")
            if not (len(code) == 3 and code.isdigit()):
                problems.append(f"Line {number} (“{line[:40]}”) must start with a 3-digit DfE code")
            elif not name:
                problems.append(f"Line {number} must give the council's name after its code")
            elif code in seen:
                problems.append(f"Line {number} repeats code {code}")
            else:
                seen.add(code)
                rows.append((code, name[:120]))
        if len(lines) > self.MAX:
            problems.append(f"Enter {self.MAX} statistical neighbours or fewer (you entered {len(lines)})")
        if problems:
            raise forms.ValidationError(problems)
        return rows


class TeamForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = Team
        fields = ["name", "team_type", "service_area", "locality", "establishment_fte", "case_system_name",
                  "is_active"]
        labels = {"name": "Team name", "team_type": "Type of team", "establishment_fte": "Funded posts (FTE)",
                  "case_system_name": "Name in case-system extracts", "is_active": "Active"}
        help_texts = {"case_system_name": "How the team is spelled in Annex A's allocated team column, if different",
                      "is_active": "The team still exists"}
        error_messages = {"name": {"required": "Enter the team's name"},
                          "team_type": {"required": "Select the type of team"},
                          "establishment_fte": {"required": "Enter the funded posts, for example 8.5",
                                                "invalid": "Funded posts must be a number, for example 8.5"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_type"].choices = TeamType.choices


class StaffForm(GovukModelForm):
    version = VersionField()
    start_date = GovukDateField(label="Start date", label_lower="start date")
    leave_date = GovukDateField(label="Leaving date (if they have left)", label_lower="leaving date",
                                required=False)
    # the ASYE (assessed and supported year in employment): its capacity rule and cohorts (workforce design §3, §4)
    asye_started_on = GovukDateField(label="ASYE start date (if they are doing or did their ASYE here)",
                                     label_lower="ASYE start date", required=False)
    asye_completed_on = GovukDateField(label="ASYE completion date (if they have completed it)",
                                       label_lower="ASYE completion date", required=False)

    class Meta:
        model = StaffMember
        fields = ["staff_ref", "first_name", "last_name", "role", "fte", "employment", "start_date", "leave_date",
                  "asye_started_on", "asye_completed_on"]
        labels = {"staff_ref": "Staff reference", "fte": "FTE"}
        help_texts = {"staff_ref": "Employee number, or the worker id used in case-system extracts",
                      "fte": "Full-time equivalent, for example 1 or 0.6"}
        error_messages = {"staff_ref": {"required": "Enter the staff reference"},
                          "first_name": {"required": "Enter the first name"},
                          "last_name": {"required": "Enter the last name"},
                          "role": {"required": "Select the role"},
                          "fte": {"required": "Enter the FTE, for example 1 or 0.6",
                                  "invalid": "FTE must be a number, for example 1 or 0.6"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = StaffRole.choices
        self.fields["employment"].widget = forms.RadioSelect(choices=StaffMember.Employment.choices)

    def clean(self):
        data = super().clean()
        start, leave = data.get("start_date"), data.get("leave_date")
        if start and leave and leave < start:
            self.add_error("leave_date", "The leaving date must be on or after the start date")
        return data


class NewStaffForm(StaffForm):
    version = None  # a new record has no version yet
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.filter(is_active=True),
                                  empty_label="Select a team", error_messages={"required": "Select a team"})


class MoveForm(GovukForm):
    team = forms.ModelChoiceField(label="New team", queryset=Team.objects.filter(is_active=True),
                                  empty_label="Select a team", error_messages={"required": "Select the new team"})
    on = GovukDateField(label="First day in the new team", label_lower="first day in the new team")
