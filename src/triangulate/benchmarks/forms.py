from django import forms

from triangulate.core.forms import GovukForm
from triangulate.kpis.registry import all_kpis

from .models import BenchmarkFigure


class BenchmarkUploadForm(GovukForm):
    file = forms.FileField(label="Benchmarks file (.csv)",
                           help_text="The template’s columns, or a DfE download saved as CSV: one row per KPI, area "
                                     "and year",
                           error_messages={"required": "Select the benchmarks file to upload",
                                           "empty": "The selected file is empty"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV file (.csv)")
        return upload


class FigureFilterForm(forms.Form):
    """The filters above one upload's figures (a GET form)."""

    kpi = forms.ChoiceField(label="KPI", required=False)
    area_type = forms.ChoiceField(label="Area", required=False,
                                  choices=[("", "All areas")] + BenchmarkFigure.AreaType.choices)

    def __init__(self, *args, kpi_ids, **kwargs):
        super().__init__(*args, **kwargs)
        catalogue = all_kpis()
        self.fields["kpi"].choices = [("", "All KPIs")] + sorted(
            ((k, catalogue[k].title if k in catalogue else k) for k in kpi_ids), key=lambda choice: choice[1])
