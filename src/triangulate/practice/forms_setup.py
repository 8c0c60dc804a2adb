"""The setup forms (design §1.1, §1.2, §3.1): adding a team, a team's details, adding a staff assessor or a guest,
an assessor's edit, and a heading."""

from django import forms
from django.contrib.auth import get_user_model

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukForm
from triangulate.core.selectors import active_themes
from triangulate.people.models import Team

from .models import HeadingMode
from .selectors import ASSESSOR_ROLES
from .services.teams import current_staff


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, team):
        return team.name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, staff):
        return f"{staff.full_name} ({staff.get_role_display().lower()})"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name() or user.get_username()} ({user.profile.get_role_display().lower()})"


class TeamsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, team):
        return team.name


def council_teams(event):
    return Team.objects.filter(council=event.council, is_active=True).order_by("name")


def conflict_teams_field():
    return TeamsField(label="Conflict teams (optional)", queryset=Team.objects.none(), required=False,
                      help_text="Teams in the assessor's line that the people records cannot see, such as a school's "
                                "link team or a partner's co-located team. They are not given visits to these teams.")


class AddTeamForm(GovukForm):
    team = TeamChoiceField(label="Team", queryset=None, empty_label="Choose a team",
                           error_messages={"required": "Choose the team to add"})

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = council_teams(event).exclude(practice_event_teams__event=event)


class TeamDetailsForm(GovukForm):
    version = VersionField()
    office_contact = StaffChoiceField(label="Office contact", queryset=None, required=False,
                                      empty_label="No one yet",
                                      help_text="A member of the team who meets the assessors on the day.")
    contact_details = forms.CharField(label="Contact details", max_length=200, required=False,
                                      help_text="A work phone number, or “ask at reception for the duty manager”.")
    meeting_point = forms.CharField(label="Meeting point", max_length=200, required=False,
                                    help_text="Where assessors go when they arrive.")
    headcount = forms.IntegerField(label="Headcount", required=False, min_value=0, max_value=999,
                                   widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    fte = forms.DecimalField(label="Full-time equivalent (FTE) in post", required=False, min_value=0,
                             max_digits=5, decimal_places=1, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    vacancy_fte = forms.DecimalField(label="Vacancies (FTE)", required=False, min_value=0, max_digits=5,
                                     decimal_places=1, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    structure = forms.CharField(label="Structure", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text="For example, “1 team manager, 1 deputy team manager, 5 social workers, "
                                          "1 ASYE”.")
    context = forms.CharField(label="Context", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="The team's work, pressures and recent changes. No children's or families' "
                                        "names.")
    focus_note = forms.CharField(label="What to look at in this team", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label="Confirm", required=False,
                                 help_text="These details are right for the team")

    def __init__(self, *args, event_team, may_confirm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office_contact"].queryset = current_staff(event_team.team).order_by("last_name", "first_name")
        if not may_confirm:
            del self.fields["confirm"]

    @staticmethod
    def initial_for(event_team):
        initial = {name: getattr(event_team, name) for name in
                   ("contact_details", "meeting_point", "headcount", "fte", "vacancy_fte", "structure", "context",
                    "focus_note")}
        return {**initial, "office_contact": event_team.office_contact_id, "version": event_team.version}


class AddStaffAssessorForm(GovukForm):
    user = UserChoiceField(label="Member of staff", queryset=None, empty_label="Choose an account",
                           error_messages={"required": "Choose the member of staff"})
    conflict_teams = conflict_teams_field()

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (get_user_model().objects.filter(is_active=True, profile__role__in=ASSESSOR_ROLES)
                                        .exclude(practice_assessors__event=event).select_related("profile")
                                        .order_by("first_name", "last_name", "username"))
        self.fields["conflict_teams"].queryset = council_teams(event)


class GuestForm(GovukForm):
    version = VersionField()
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the guest's name"})
    organisation = forms.CharField(label="Organisation", max_length=120,
                                   help_text="For example, Northumbria Police or Hexham Middle School.",
                                   error_messages={"required": "Enter the guest's organisation"})
    job_title = forms.CharField(label="Job title (optional)", max_length=120, required=False)
    email = forms.EmailField(label="Email address (optional)", required=False,
                             help_text="To invite the guest to record their notes in Triangulate. Leave it blank for "
                                       "a guest on paper: an organiser types their notes in.",
                             error_messages={"invalid": "Enter an email address like name@example.org"})
    conflict_teams = conflict_teams_field()

    def __init__(self, *args, event, with_account=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflict_teams"].queryset = council_teams(event)
        if with_account:  # the guest was invited at this address
            del self.fields["email"]


class StaffAssessorForm(GovukForm):
    version = VersionField()
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    conflict_teams = conflict_teams_field()

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflict_teams"].queryset = council_teams(event)


def assessor_initial(assessor):
    fields = ("name", "organisation", "job_title", "email") if assessor.kind == "guest" else ("job_title",)
    return {**{name: getattr(assessor, name) for name in fields}, "version": assessor.version,
            "conflict_teams": list(assessor.conflict_teams.values_list("pk", flat=True))}


class HeadingForm(GovukForm):
    title = forms.CharField(label="Title", max_length=80, error_messages={"required": "Enter the heading's title"})
    mode = forms.ChoiceField(label="What it collects", choices=HeadingMode.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose what the heading collects"})
    guidance = forms.CharField(label="Guidance (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="One paragraph for the assessors.")
    prompts = forms.CharField(label="Prompts (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="One question per line: what to look for.")
    themes = forms.ModelMultipleChoiceField(label="Themes offered first (optional)", queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, fixed=False, **kwargs):
        """`fixed`: entries are saved, so only guidance and prompts change (§1.1)."""
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_themes()
        if fixed:
            for name in ("title", "mode", "themes"):
                del self.fields[name]

    @staticmethod
    def initial_for(heading):
        return {"title": heading.title, "mode": heading.mode, "guidance": heading.guidance,
                "prompts": heading.prompts, "themes": list(heading.themes.values_list("pk", flat=True))}
