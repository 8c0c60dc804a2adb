"""A service's ValidationError lands on the form the page redraws: field errors on their fields, a plain refusal on
the whole form (shown in the error summary), never an AttributeError."""

from django import forms
from django.core.exceptions import ValidationError

from triangulate.core.views.common import attach_errors


class TitleForm(forms.Form):
    title = forms.CharField()


def bound_form():
    form = TitleForm({"title": "Week"})
    assert form.is_valid()
    return form


def test_a_field_error_goes_on_its_field_and_an_unknown_field_on_the_whole_form():
    form = bound_form()
    attach_errors(form, ValidationError({"title": "Too long", "owner": "Choose an owner"}))
    assert form.errors["title"] == ["Too long"]
    assert form.non_field_errors() == ["Choose an owner"]


def test_a_renamed_field_error_goes_on_the_forms_field():
    form = bound_form()
    attach_errors(form, ValidationError({"name": "Too long"}), rename={"name": "title"})
    assert form.errors["title"] == ["Too long"]


def test_a_plain_refusal_goes_on_the_whole_form():
    form = bound_form()
    attach_errors(form, ValidationError("Only while the event is in analysis"))
    assert form.non_field_errors() == ["Only while the event is in analysis"]
    assert "title" not in form.errors
