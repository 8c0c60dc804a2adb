"""Form pieces that match the GOV.UK Design System: a three-box date input and
error lists in the order the fields appear, for the error summary."""

from datetime import date

from django import forms


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes named <name>-day, <name>-month, <name>-year."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)
        self.widgets_names = ["-day", "-month", "-year"]

    def id_for_label(self, id_):
        """The field's own id (Django's MultiWidget gives none): the boxes are drawn as <id>-day, <id>-month and
        <id>-year (core/forms.html), so two date fields on a page never share ids and the error summary's link
        reaches the day box."""
        return id_

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
                items.append({"text": error, "href": f"#{error_anchor(self[name])}"})
        for error in self.non_field_errors():
            items.append({"text": error, "href": "#main-content"})
        return items


def error_anchor(bound_field):
    """The id of the input an error summary's link goes to, as core/forms.html draws the field: a date's day box;
    a radio group's or checkbox group's first option, which the GOV.UK macro names after the field
    (`idPrefix`), since Django gives such a group no id of its own (its id_for_label is empty); else the field's
    own input."""
    if isinstance(bound_field.field, GovukDateField):
        return f"{bound_field.id_for_label}-day"
    if isinstance(bound_field.field.widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
        return bound_field.id_for_label or bound_field.html_name
    return bound_field.id_for_label or bound_field.auto_id or bound_field.html_name


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
