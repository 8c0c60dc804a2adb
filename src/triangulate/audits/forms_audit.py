"""The forms of the audit pages (design §3.2, §9.1): a section's questions, drawn from its tool version, and the
stage forms. Every form carries the audit's version, so a save from a page drawn earlier is refused."""

from django import forms

from triangulate.core.concurrency import VersionField, submitted
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.models import Theme
from triangulate.improvement.models import Action, Finding

from .models import Answer, AuditAction, CaseAudit, FamilyFeedback, Grade, Question, Response

Type = Question.AnswerType
NA, EVIDENCE = "__na", "__evidence"


class SectionForm(GovukForm):
    """One field per question that applies to the case, plus "not applicable" and evidence where asked.
    Nothing is required here: an unanswered question is allowed in a draft and checked at share and submit."""

    version = VersionField()

    def __init__(self, *args, audit, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        grades = list(Grade.objects.filter(scale=audit.tool_version.grade_scale_id).order_by("-value"))
        for q in questions:
            label = f"{q.number}. {q.text}"
            if q.answer_type == Type.GRADE:
                field = forms.ChoiceField(label=label, required=False, widget=forms.RadioSelect,
                                          choices=[("", "Not answered"), *((str(g.pk), g.label) for g in grades)])
            elif q.answer_type == Type.YES_NO:
                field = forms.ChoiceField(label=label, required=False, widget=forms.RadioSelect,
                                          choices=[("", "Not answered"), *Answer.YesNo.choices[1:]])
            elif q.answer_type == Type.NUMBER:
                field = forms.DecimalField(label=label, required=False, max_digits=12, decimal_places=2,
                                           error_messages={"invalid": "Enter a number, like 3 or 2.5"})
            elif q.answer_type == Type.DATE:
                field = GovukDateField(label=label, required=False)
            else:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea, max_length=10000)
            field.help_text = q.guidance + ("" if q.mandatory else " (optional)")
            self.fields[q.key] = field
            if q.allow_not_applicable:
                self.fields[q.key + NA] = forms.BooleanField(label="Not applicable to this case", required=False)
            if q.asks_evidence:
                self.fields[q.key + EVIDENCE] = forms.CharField(
                    label="Evidence", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000,
                    help_text="Where in the record, and what it shows")

    def answers(self):
        """{key: {"value", "not_applicable", "evidence"}} for what the POST carried."""
        sent = set(submitted(self))
        data, out = self.cleaned_data, {}
        for q in self.questions:
            given = {}
            if q.key in sent:
                given["value"] = data.get(q.key)
            if q.key + NA in sent:
                given["not_applicable"] = bool(data.get(q.key + NA))
                if given["not_applicable"]:
                    given["value"] = None
            if q.key + EVIDENCE in sent:
                given["evidence"] = data.get(q.key + EVIDENCE) or ""
            if given:
                out[q.key] = given
        return out

    @staticmethod
    def initial_for(audit, questions):
        stored = {a.question_id: a for a in audit.answers.filter(question__in=[q.pk for q in questions])}
        initial = {"version": audit.version}
        for q in questions:
            answer = stored.get(q.pk)
            if answer is None:
                continue
            if q.answer_type == Type.GRADE:
                initial[q.key] = str(answer.grade_id) if answer.grade_id else ""
            else:
                initial[q.key] = getattr(answer, {"yes_no": "yes_no", "number": "number", "date": "date",
                                                  "text": "text"}[q.answer_type])
            initial[q.key + NA] = answer.not_applicable
            initial[q.key + EVIDENCE] = answer.evidence
        return initial


class ConversationForm(GovukForm):
    version = VersionField()
    conversation = forms.ChoiceField(
        label="Was the conversation with the worker held?", widget=forms.RadioSelect,
        choices=CaseAudit.Conversation.choices[1:],
        error_messages={"required": "Select whether the conversation was held"})
    conversation_on = GovukDateField(label="Date of the conversation", required=False,
                                     help_text="If it was held. For example, 27 3 2026")
    manager_present = forms.TypedChoiceField(
        label="Was the worker's manager there?", required=False, widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes", empty_value=None)
    notes = forms.CharField(label="Notes of the conversation", required=False, widget=forms.Textarea,
                            max_length=10000)
    not_held_reason = forms.CharField(label="Why was it not held?", required=False, widget=forms.Textarea,
                                      max_length=5000)


class FamilyForm(GovukForm):
    version = VersionField()
    outcome = forms.ChoiceField(label="Did you reach the family?", widget=forms.RadioSelect,
                                choices=FamilyFeedback.Outcome.choices,
                                error_messages={"required": "Select whether the family was reached"})
    not_reached_reason = forms.ChoiceField(label="If not, why not?", required=False,
                                           choices=FamilyFeedback.NotReachedReason.choices)
    reason_note = forms.CharField(label="More about why", required=False, widget=forms.Textarea, max_length=5000)
    attempts = forms.IntegerField(label="Attempts to reach them", required=False, min_value=0, max_value=99)
    consent = forms.BooleanField(
        # the house single checkbox: the label is the legend, the help text the box's own words
        label="Consent: without it, only whether they were reached is kept", required=False,
        help_text="They agreed that what they said can be recorded, without their name")
    contacted_on = GovukDateField(label="Date you spoke", required=False)
    spoke_with = forms.ChoiceField(label="Who did you speak with?", required=False,
                                   choices=FamilyFeedback.SpokeWith.choices)
    positive_difference = forms.ChoiceField(label="Has the social worker made a positive difference?",
                                            required=False, choices=FamilyFeedback.PositiveDifference.choices)
    confident_to_ask_again = forms.ChoiceField(label="Would they feel confident asking for help again?",
                                               required=False, choices=FamilyFeedback.Confident.choices)
    what_went_well = forms.CharField(label="What went well, in their words", required=False, widget=forms.Textarea,
                                     max_length=5000)
    what_could_be_better = forms.CharField(label="What could be better, in their words", required=False,
                                           widget=forms.Textarea, max_length=5000)
    share_with_worker = forms.BooleanField(label="They agreed the worker may read their words", required=False)
    featured = forms.BooleanField(label="Choose their words for the round's briefing", required=False)


class OutcomeForm(GovukForm):
    version = VersionField()
    overall_grade = forms.ModelChoiceField(label="Overall grade", queryset=Grade.objects.none(),
                                           widget=forms.RadioSelect, empty_label=None,
                                           error_messages={"required": "Choose the overall grade"})
    next_steps = forms.CharField(label="Next steps", widget=forms.Textarea, max_length=10000,
                                 error_messages={"required": "Enter the next steps"})

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overall_grade"].queryset = Grade.objects.filter(
            scale=audit.tool_version.grade_scale_id).order_by("-value")


class FindingForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of finding", widget=forms.RadioSelect, choices=Finding.Kind.choices,
                             error_messages={"required": "Select the kind of finding"})
    text = forms.CharField(label="Finding", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Enter the finding"})
    theme = forms.ModelChoiceField(label="Theme", queryset=Theme.objects.all(),
                                   error_messages={"required": "Choose a theme"})
    suggested_by = forms.ModelChoiceField(label="From the question", queryset=Question.objects.none(),
                                          required=False, widget=forms.HiddenInput)

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_by"].queryset = Question.objects.filter(version=audit.tool_version_id)


class ActionForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of action", widget=forms.RadioSelect, choices=AuditAction.Kind.choices,
                             error_messages={"required": "Select the kind of action"})
    title = forms.CharField(label="What needs to happen", max_length=200,
                            error_messages={"required": "Enter what needs to happen"})
    rationale = forms.CharField(label="Why, and the risk if it is not done", widget=forms.Textarea, max_length=5000,
                                error_messages={"required": "Enter why"})
    priority = forms.ChoiceField(label="Priority", choices=Action.Priority.choices)
    owner = forms.ModelChoiceField(label="Owner", queryset=None, error_messages={"required": "Choose the owner"})
    due_date = GovukDateField(label="Due date", required=False,
                              help_text="Leave blank for 1 working day (escalate) or 20 working days (others)")
    theme = forms.ModelChoiceField(label="Theme", queryset=Theme.objects.all(),
                                   error_messages={"required": "Choose a theme"})
    finding = forms.ModelChoiceField(label="From the finding", queryset=Finding.objects.none(), required=False)

    def __init__(self, *args, owners, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["finding"].queryset = findings
        self.fields["finding"].label_from_instance = lambda f: f.text[:80]


class ResponseForm(GovukForm):
    version = VersionField()
    text = forms.CharField(widget=forms.Textarea, max_length=10000)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        reflection = kind == Response.Kind.WORKER_REFLECTION
        self.fields["text"].label = "Your reflection" if reflection else "Your comment"
        self.fields["text"].error_messages["required"] = ("Enter your reflection" if reflection
                                                          else "Enter your comment")


class AmendForm(SectionForm):
    """The whole audit as one form (§3.2), with the overall grade, next steps and a required reason."""

    def __init__(self, *args, audit, questions, **kwargs):
        super().__init__(*args, audit=audit, questions=questions, **kwargs)
        self.fields["overall_grade"] = forms.ModelChoiceField(
            label="Overall grade", widget=forms.RadioSelect, empty_label=None,
            queryset=Grade.objects.filter(scale=audit.tool_version.grade_scale_id).order_by("-value"),
            error_messages={"required": "Choose the overall grade"})
        self.fields["next_steps"] = forms.CharField(label="Next steps", widget=forms.Textarea, max_length=10000,
                                                    error_messages={"required": "Enter the next steps"})
        self.fields["reason"] = forms.CharField(
            label="Why are you amending the audit?", widget=forms.Textarea, max_length=5000,
            help_text="Kept with the revision, beside what changed",
            error_messages={"required": "Say why the audit is being amended"})


class ReallocateForm(GovukForm):
    version = VersionField()
    auditor = forms.ModelChoiceField(label="Who should carry out the audit?", queryset=None,
                                     error_messages={"required": "Choose the new auditor"},
                                     help_text="They are told; the current auditor can no longer change it")

    def __init__(self, *args, auditors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = auditors
        self.fields["auditor"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
