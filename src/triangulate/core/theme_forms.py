from django import forms
from django.utils.text import slugify

from .concurrency import VersionField
from .forms import GovukModelForm
from .models import Theme


class ThemeForm(GovukModelForm):
    version = VersionField()

    class Meta:
        model = Theme
        fields = ["name", "description", "order", "is_active"]
        labels = {"name": "Theme name", "order": "Position in lists", "is_active": "In use"}
        help_texts = {"description": "What auditors and observers should look for under this theme"}
        error_messages = {
            "name": {"required": "Enter a theme name", "unique": "A theme with this name already exists"},
            "order": {"required": "Enter a position, for example 10", "invalid": "Position must be a whole number"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = "Leave blank to put the theme at the end of lists"

    def clean_order(self):
        order = self.cleaned_data.get("order")
        return self.instance.order if order is None and self.instance.pk else order

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not slugify(name):
            raise forms.ValidationError("Theme name must include letters or numbers")
        clash = Theme.objects.filter(slug=slugify(name)[:100]).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("A theme with this name already exists")
        return name
