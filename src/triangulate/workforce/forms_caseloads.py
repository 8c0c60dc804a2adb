"""The caseload settings' forms (design §2.3, §2.4): matching an extract's worker, and a caseload target."""

from django import forms

from triangulate.core.forms import GovukForm
from triangulate.people.models import StaffMember, Team

NOT_STAFF = "not_staff"


class WorkerMatchForm(GovukForm):
    """Match one worker named in the latest extract to a staff record, or mark them not a member of staff."""

    worker = forms.ChoiceField(label="Worker in the extract",
                               error_messages={"required": "Choose a worker from the extract",
                                               "invalid_choice": "Choose a worker from the extract"})
    decision = forms.ChoiceField(label="Member of staff",
                                 help_text="Their cases count on this member of staff's caseload, in their team",
                                 error_messages={"required": "Choose the member of staff, or say the worker is not "
                                                             "a member of staff",
                                                 "invalid_choice": "Choose one of the council's staff"})

    def __init__(self, *args, council, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", "Choose a worker")] + [(w, w) for w in workers]
        staff = StaffMember.objects.filter(council=council).order_by("last_name", "first_name", "pk")
        self.staff = {str(s.pk): s for s in staff}
        self.fields["decision"].choices = (
            [("", "Choose a member of staff"), (NOT_STAFF, "Not a member of staff (a duty inbox, a locum)")]
            + [(pk, f"{s.full_name} ({s.staff_ref})" + ("" if s.leave_date is None else " (has left)"))
               for pk, s in self.staff.items()])

    def decided(self):
        """(staff or None, not_staff) from the cleaned decision."""
        choice = self.cleaned_data["decision"]
        return (None, True) if choice == NOT_STAFF else (self.staff[choice], False)


class TargetForm(GovukForm):
    team = forms.ChoiceField(label="For", required=False)
    average = forms.DecimalField(label="Average caseload target", max_digits=3, decimal_places=1,
                                 error_messages={"required": "Enter an average caseload target",
                                                 "invalid": "Enter the average as a number, like 24",
                                                 "max_digits": "Enter an average caseload between 0.1 and 99.9",
                                                 "max_decimal_places": "Enter the average to one decimal place"})
    maximum = forms.IntegerField(label="Maximum caseload (optional)", required=False,
                                 help_text="Workers holding more children than this are counted as above the maximum",
                                 error_messages={"invalid": "Enter the maximum as a whole number, like 30"})

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.pk): t for t in Team.objects.filter(council=council, is_active=True).order_by("name")}
        self.fields["team"].choices = [("", "The council (the default for every team)")] + [
            (pk, t.name) for pk, t in self.teams.items()]

    def chosen_team(self):
        return self.teams.get(self.cleaned_data.get("team") or "")
