from django import forms
from django.utils import timezone

from triangulate.core.forms import GovukDateField, GovukForm


class UploadForm(GovukForm):
    file = forms.FileField(label="Annex A workbook (.xlsx)",
                           help_text="One sheet per list, named like “List 3 - Referrals”, as your case system exports it",
                           error_messages={"required": "Select the Annex A workbook to upload",
                                           "empty": "The selected file is empty"})
    extract_date = GovukDateField(label="Date the extract was taken", label_lower="date the extract was taken")

    def clean_extract_date(self):
        day = self.cleaned_data["extract_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date the extract was taken must be today or in the past")
        return day

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The selected file must be an Excel workbook (.xlsx)")
        return upload
