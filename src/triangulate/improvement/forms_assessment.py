"""The self-assessment's forms (design §3): a new year's draft, the assessment's title, period and summary, a domain's
judgement, the external view, the scale's labels and colours, and a domain template."""

from django import forms

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.selectors import active_themes

from .assessment import TAG_COLOURS
from .models.assessment import OfstedGrade

MAX_TEXT = 20_000
COLOUR_CHOICES = [(c, c.replace("-", " ").capitalize()) for c in TAG_COLOURS]


def _text(label, hint="", rows=8, required=False):
    return forms.CharField(label=label, required=required, max_length=MAX_TEXT, help_text=hint,
                           widget=forms.Textarea(attrs={"rows": rows, "spellcheck": "true"}),
                           error_messages={"max_length": f"{label} must be {MAX_TEXT:,} characters or fewer",
                                           "required": f"Enter {label.lower()}"})


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, grade):
        return f"{grade.value}. {grade.label} (Ofsted: {grade.get_ofsted_display()})"


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, priority):
        return f"{priority.plan.title}: {priority.number}. {priority.title}"


class CreateForm(GovukForm):
    year = forms.IntegerField(label="Year it starts", min_value=2000, max_value=2100,
                              help_text="For example, 2026 for 2026/27",
                              error_messages={"required": "Enter the year it starts",
                                              "invalid": "The year must be a number, like 2026",
                                              "min_value": "The year must be 2000 or later",
                                              "max_value": "The year must be 2100 or earlier"})
    title = forms.CharField(label="Title (optional)", required=False, max_length=200,
                            help_text="Leave blank for “Self-assessment 2026/27”")


class AssessmentForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    period_start = GovukDateField(label="Period from", label_lower="start of the period")
    period_end = GovukDateField(label="Period to", label_lower="end of the period")
    summary = _text("Introduction and context", "The overall narrative: what kind of council we are and how we "
                    "know it. Do not name children or families.", rows=12)


class JudgementForm(GovukForm):
    version = VersionField()
    grade = GradeChoiceField(label="Our grade", queryset=None, required=False, empty_label="Not judged yet")
    what_we_know = _text("What we know", "Do not name children or families.")
    how_we_know = _text("How we know", "The evidence: audits, observations, performance, feedback.")
    what_we_are_doing = _text("What we are doing")
    priorities = PriorityChoiceField(label="Priorities this draws on", queryset=None, required=False,
                                     widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, scale, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = scale.grades.order_by("value")
        self.fields["priorities"].queryset = priorities
        if not priorities.exists():
            del self.fields["priorities"]


class ExternalViewForm(GovukForm):
    """The reviewer, and for each domain their grade and comment (fields grade_<pk>, comment_<pk>)."""

    version = VersionField()
    reviewer_name = forms.CharField(label="External reviewer", max_length=200,
                                    error_messages={"required": "Enter the external reviewer's name"})
    reviewer_organisation = forms.CharField(label="Their organisation (optional)", max_length=200, required=False)
    reviewed_on = GovukDateField(label="Date of the review (optional)", label_lower="date of the review",
                                 required=False)

    def __init__(self, *args, judgements, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.judgements = list(judgements)
        for j in self.judgements:
            self.fields[f"grade_{j.pk}"] = GradeChoiceField(
                label=f"{j.number}. {j.title}: the reviewer's grade", queryset=scale.grades.order_by("value"),
                required=False, empty_label="Not graded by the reviewer")
            self.fields[f"comment_{j.pk}"] = _text(f"{j.number}. {j.title}: the reviewer's comment", rows=3)

    def domains(self):
        return {j: (self.cleaned_data.get(f"grade_{j.pk}"), self.cleaned_data.get(f"comment_{j.pk}", ""))
                for j in self.judgements}


class ScaleForm(GovukForm):
    """Each grade's label and colour (label_<value>, colour_<value>) and, while no self-assessment uses the scale,
    its Ofsted grade (ofsted_<value>)."""

    version = VersionField()

    def __init__(self, *args, grades, used, **kwargs):
        super().__init__(*args, **kwargs)
        self.grades = list(grades)
        self.used = used
        for g in self.grades:
            self.fields[f"label_{g.value}"] = forms.CharField(
                label=f"Grade {g.value}: label", max_length=120,
                error_messages={"required": f"Enter a label for grade {g.value}"})
            self.fields[f"colour_{g.value}"] = forms.ChoiceField(label=f"Grade {g.value}: colour",
                                                                 choices=COLOUR_CHOICES)
            if not used:
                self.fields[f"ofsted_{g.value}"] = forms.ChoiceField(label=f"Grade {g.value}: Ofsted grade",
                                                                     choices=OfstedGrade.choices)

    def grade_values(self):
        data = self.cleaned_data
        return {g: (data[f"label_{g.value}"], data[f"colour_{g.value}"], data.get(f"ofsted_{g.value}"))
                for g in self.grades}


class DomainForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the domain's title"})
    guidance = _text("Guidance (optional)", "What the domain covers, for whoever writes it.", rows=4)
    themes = forms.ModelMultipleChoiceField(label="Themes", queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            help_text="The evidence packs the domain draws on")
    is_active = forms.BooleanField(label="Use this domain in new self-assessments", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_themes()


class NewDomainForm(GovukForm):
    title = forms.CharField(label="New domain's title", max_length=200,
                            error_messages={"required": "Enter the new domain's title"})
