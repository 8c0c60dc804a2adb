"""The forms of the tool builder and grade scale pages (design §1.1, §9.1)."""

from django import forms
from django.db.models import Q

from triangulate.core.concurrency import VersionField
from triangulate.core.forms import GovukForm
from triangulate.core.models import Theme

from .models import AuditTool, CaseType, Grade, GradeScale, Population, Question


class ToolForm(GovukForm):
    version = VersionField()
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the tool's name"})
    kind = forms.ChoiceField(label="Kind of audit", choices=AuditTool.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of audit"})
    population = forms.ChoiceField(label="Which cases it audits", choices=Population.choices,
                                   widget=forms.RadioSelect, error_messages={"required": "Choose which cases"})
    description = forms.CharField(label="Description (optional)", widget=forms.Textarea, required=False,
                                  max_length=2000, help_text="What the tool is for, as auditors will see it.")
    is_active = forms.BooleanField(label="New rounds", required=False, help_text="Offered for new rounds")


class ToolCreateForm(ToolForm):
    key = forms.SlugField(label="Key (optional)", max_length=60, required=False,
                          help_text="A short, stable name for imports, such as full_case_audit. Leave blank to make "
                                    "one from the name. It cannot change later.",
                          error_messages={"invalid": "The key can only use letters, numbers, underscores and "
                                                     "hyphens"})
    grade_scale = forms.ModelChoiceField(queryset=GradeScale.objects.none(), label="Grade scale",
                                         error_messages={"required": "Choose a grade scale"})

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        self.fields["grade_scale"].queryset = GradeScale.objects.filter(council=council)


class VersionForm(GovukForm):
    version = VersionField()
    grade_scale = forms.ModelChoiceField(queryset=GradeScale.objects.none(), label="Grade scale",
                                         error_messages={"required": "Choose a grade scale"})
    change_note = forms.CharField(label="What has changed?", widget=forms.Textarea, required=False, max_length=5000,
                                  help_text="Needed to publish version 2 or later. Auditors see it.")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade_scale"].queryset = GradeScale.objects.filter(council=council)


class SectionForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Title", max_length=120, error_messages={"required": "Enter the section's title"})
    guidance = forms.CharField(label="Guidance for auditors (optional)", widget=forms.Textarea, required=False,
                               max_length=2000)


class QuestionForm(GovukForm):
    version = VersionField()
    text = forms.CharField(label="Question", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "Enter the question",
                                           "max_length": "The question must be 300 characters or fewer"})
    answer_type = forms.ChoiceField(label="Type of answer", choices=Question.AnswerType.choices,
                                    widget=forms.RadioSelect, error_messages={"required": "Choose the type of answer"})
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), label="Theme", required=False,
                                   help_text="Needed for grade and yes or no questions: results are reported by theme.")
    mandatory = forms.BooleanField(label="Mandatory", required=False, help_text="The auditor must answer it")
    allow_not_applicable = forms.BooleanField(label="Not applicable", required=False,
                                              help_text="The auditor may answer “Not applicable”")
    asks_evidence = forms.BooleanField(label="Evidence", required=False,
                                       help_text="Ask the auditor for the evidence behind the answer")
    guidance = forms.CharField(label="Guidance (optional)", max_length=500, required=False,
                               help_text="One sentence that helps the auditor answer.")
    applies_to = forms.MultipleChoiceField(label="Which case types it applies to", choices=CaseType.choices,
                                           widget=forms.CheckboxSelectMultiple, required=False,
                                           help_text="Leave all unticked for every case type.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active themes, and the question's own even if it has since been retired (so a save keeps it).
        self.fields["theme"].queryset = Theme.objects.filter(Q(is_active=True) | Q(pk=self.initial.get("theme")))


class QuestionCreateForm(QuestionForm):
    key = forms.SlugField(label="Key (optional)", max_length=60, required=False,
                          help_text="Results with the same key join one trend, across versions and tools. Leave "
                                    "blank to make a new key from the question; use an existing key to join its "
                                    "trend.",
                          error_messages={"invalid": "The key can only use letters, numbers, underscores and "
                                                     "hyphens"})


class QuestionEditForm(QuestionForm):
    new_trend = forms.BooleanField(label="Trend", required=False,
                                   help_text="The meaning has changed: start a new trend")


class ScaleForm(GovukForm):
    version = VersionField()
    name = forms.CharField(label="Name", max_length=100, error_messages={"required": "Enter the scale's name"})
    good_threshold = forms.TypedChoiceField(label="“Good or better” starts at", coerce=int, choices=(),
                                            error_messages={"required": "Choose the lowest grade that counts as good"})
    is_default = forms.BooleanField(label="Default", required=False,
                                    help_text="Use this scale for new tools")

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["good_threshold"].choices = [(g.value, f"{g.label} ({g.value})") for g in scale.grades.all()]


class GradeForm(GovukForm):
    version = VersionField()  # the scale's: a grade is claimed through its scale
    label = forms.CharField(label="Label", max_length=60, error_messages={"required": "Enter the grade's label"})
    value = forms.IntegerField(label="Value", min_value=-100, max_value=100,
                               help_text="Higher is better. The order of the grades follows their values.",
                               error_messages={"required": "Enter the grade's value",
                                               "invalid": "The value must be a whole number"})
    colour = forms.ChoiceField(label="Colour", choices=Grade.Colour.choices,
                               help_text="The colour of its tag, always shown with its label.")
    description = forms.CharField(label="Description", max_length=300, required=False,
                                  help_text="One sentence saying what the grade means.")
    is_inadequate = forms.BooleanField(label="Inadequate", required=False,
                                       help_text="This is the inadequate grade (only the lowest grade can be)")
