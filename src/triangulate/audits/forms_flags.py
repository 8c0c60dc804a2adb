"""The forms of the safeguarding flag pages (design §3.3)."""

from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukForm


class RaiseFlagForm(GovukForm):
    concern = forms.CharField(
        label="What is the concern?", widget=forms.Textarea, max_length=5000,
        help_text="Say what you found and why the child may be at risk now. The team's managers are told at once; "
                  "the concern itself is only ever shown on the flag's page.",
        error_messages={"required": "Describe the concern"})


class FlagActionForm(GovukForm):
    version = VersionField()
    action_taken = forms.CharField(
        label="What action has been taken?", widget=forms.Textarea, max_length=5000,
        help_text="For example: a strategy discussion held, a visit made, the plan changed.",
        error_messages={"required": "Enter the action taken"})


class CloseFlagForm(GovukForm):
    DECISIONS = [("close", "Close the flag: the action is enough"),
                 ("return", "Send it back: the action is not enough")]
    version = VersionField()
    decision = forms.ChoiceField(label="What do you want to do?", choices=DECISIONS, widget=forms.RadioSelect,
                                 error_messages={"required": "Select whether to close the flag or send it back"})
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False, max_length=5000,
                           help_text="Needed to send it back, or to close a flag with no action recorded.")
