"""Form pieces that match the GOV.UK Design System: a three-box date input and
error lists in the order the fields appear, for the error summary."""

from datetime import date

from django import forms


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes named <name>-day, <name>-month, <name>-year."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as three numbers, with the Design System's error messages."""

    widget = DateInputWidget

    def __init__(self, *, label_lower="date", **kwargs):
        self.label_lower = label_lower
        fields = [forms.CharField(required=False)] * 3
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = ((p or "").strip() for p in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(f"Enter the {self.label_lower}", code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"The {self.label_lower} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"The {self.label_lower} must be a real date, in numbers")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"The {self.label_lower} must be a real date") from None

    def clean(self, value):
        # MultiValueField would report "required" before compress sees partial input.
        if isinstance(value, (list, tuple)):
            result = self.compress(value)
            self.run_validators(result)
            return result
        return super().clean(value)


class GovukForm(forms.Form):
    """A form that can list its errors for the GOV.UK error summary."""

    def error_summary(self):
        items = []
        for name in self.fields:
            for error in self.errors.get(name, []):
                anchor = f"id_{name}-day" if isinstance(self.fields[name], GovukDateField) else f"id_{name}"
                items.append({"text": error, "href": f"#{anchor}"})
        for error in self.non_field_errors():
            items.append({"text": error, "href": "#main-content"})
        return items


class GovukModelForm(forms.ModelForm):
    error_summary = GovukForm.error_summary


def widget_kind(bound_field):
    """Which GOV.UK macro renders this field (used by the generic form template)."""
    widget = bound_field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple) or isinstance(widget, forms.SelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "text"
