"""The round forms (design §1.2, §3.1, §4.2, §4.3): plan or edit a round with its teams, withdraw or add a child,
and the allocation pool."""

from django import forms
from django.contrib.auth import get_user_model

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.people.models import Team

from .models import AuditRound, ToolVersion
from .models.choices import CaseType
from .models.rounds import MAX_SEED
from .rules import AUDITOR_ROLES
from .services.sample_changes import WITHDRAW_REASONS


class RoundForm(GovukForm):
    """The round's settings, then one size and a surgery box per active team of the council."""

    version = VersionField()
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the round's name"})
    kind = forms.ChoiceField(label="Kind of round", choices=[c for c in AuditRound.Kind.choices if c[0] != "imported"])
    tool_version = forms.ModelChoiceField(queryset=ToolVersion.objects.none(), label="Audit tool",
                                          error_messages={"required": "Choose the audit tool"})
    case_types = forms.MultipleChoiceField(label="Case types", choices=CaseType.choices,
                                           widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": "Choose at least one case type"})
    audits_due = GovukDateField(label="Audits due", label_lower="date the audits are due")
    closed_since = GovukDateField(label="Cases closed since (closure tools only)", label_lower="closed-since date",
                                  required=False)
    exclude_months = forms.IntegerField(
        label="Leave out children audited in the last … months", min_value=0, max_value=60, initial=12,
        help_text="0 audits them again whenever they are sampled. Surgeries ignore this.")
    moderation_share = forms.DecimalField(label="Share moderated (0 to 1)", min_value=0, max_value=1,
                                          decimal_places=2, initial="0.20")
    seed = forms.IntegerField(label="Seed", required=False, min_value=1, max_value=MAX_SEED,
                              help_text="Fixes the order children are drawn in. Leave blank for a random one.")
    allow_own_team = forms.BooleanField(label="Auditors may audit their own team's cases", required=False)

    def __init__(self, *args, council, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tool_version"].queryset = (ToolVersion.objects.filter(tool__council=council, status="live")
                                                .select_related("tool").order_by("tool__name"))
        self.fields["tool_version"].label_from_instance = lambda v: f"{v.tool.name} (version {v.number})"
        if round is not None and round.status != AuditRound.Status.PLANNED:
            del self.fields["seed"]  # fixed once the sample is drawn: "Draw again" picks a new one
        self.teams = list(Team.objects.filter(council=council, is_active=True).order_by("name"))
        held = {rt.team_id: rt for rt in round.teams.all()} if round is not None else {}
        for team in self.teams:
            self.fields[f"size_{team.pk}"] = forms.IntegerField(
                label=f"{team.name}: cases to audit", required=False, min_value=0, max_value=500,
                initial=held[team.pk].size if team.pk in held else None)
            self.fields[f"surgery_{team.pk}"] = forms.BooleanField(
                label=f"{team.name}: every open case (an audit surgery)", required=False,
                initial=held[team.pk].every_open_case if team.pk in held else False)

    def round_teams(self):
        """[(team, size, every_open_case)] for the teams given a size or made a surgery."""
        chosen = []
        for team in self.teams:
            size = self.cleaned_data.get(f"size_{team.pk}") or 0
            every = bool(self.cleaned_data.get(f"surgery_{team.pk}"))
            if size or every:
                chosen.append((team, size, every))
        return chosen

    def values(self):
        names = ("name", "kind", "tool_version", "case_types", "audits_due", "closed_since", "exclude_months",
                 "moderation_share", "allow_own_team", "seed")
        return {n: self.cleaned_data[n] for n in names if n in self.cleaned_data}


class WithdrawForm(GovukForm):
    reason = forms.ChoiceField(label="Why is the child withdrawn?", choices=WITHDRAW_REASONS, widget=forms.RadioSelect,
                               error_messages={"required": "Choose why the child is withdrawn"})
    note = forms.CharField(label="More detail (needed for “Other”)", required=False, widget=forms.Textarea,
                           max_length=2000)
    replace = forms.BooleanField(label="Replace with the next child in the seeded order", required=False)


class AddChildForm(GovukForm):
    child_id = forms.CharField(label="Child Unique ID", max_length=64,
                               error_messages={"required": "Enter the child's ID"})
    reason = forms.CharField(label="Why is this child added?", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Say why the child is added"})
    case_type = forms.ChoiceField(label="Case type (if the child is not in the extract)", required=False,
                                  choices=[("", "From the extract")] + list(CaseType.choices))
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False,
                                  label="Team (if the child is not in the extract)", empty_label="From the extract")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(council=council, is_active=True).order_by("name")


def auditor_choices():
    users = get_user_model().objects.filter(is_active=True).select_related("profile").order_by(
        "first_name", "last_name", "username")
    return [u for u in users if AUDITOR_ROLES(u)]


class AuditorsForm(GovukForm):
    """One "in the pool" box and a capacity per person who can be given audits (§4.3)."""

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = auditor_choices()
        held = {p.user_id: p for p in round.auditors.all()}
        for user in self.people:
            name = user.get_full_name() or user.get_username()
            self.fields[f"in_{user.pk}"] = forms.BooleanField(label=f"{name} audits in this round", required=False,
                                                              initial=user.pk in held)
            self.fields[f"capacity_{user.pk}"] = forms.IntegerField(
                label=f"{name}: most audits (blank for a balanced share)", required=False, min_value=1,
                max_value=500, initial=held[user.pk].capacity if user.pk in held else None)

    def pool(self):
        return [(u, self.cleaned_data.get(f"capacity_{u.pk}")) for u in self.people
                if self.cleaned_data.get(f"in_{u.pk}")]
