"""Every link in a form's error summary reaches an input the page draws (GOV.UK: the link moves focus to the field
in error). A radio group and a checkbox group have no id of their own in Django, so the GOV.UK macro names the
first option after the field; a date is three boxes, and the link goes to the day's."""

import re

from django import forms
from django.template import engines

from triangulate.core.forms import GovukDateField, GovukForm, widget_kind


class EveryKind(GovukForm):
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    chosen = forms.ChoiceField(label="Chosen", choices=[("", "Select"), ("a", "A")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(label="Many", choices=[("a", "A"), ("b", "B")],
                                     widget=forms.CheckboxSelectMultiple)
    tick = forms.BooleanField(label="Tick")
    name = forms.CharField(label="Name")
    starts = GovukDateField(label="Starts", label_lower="start date")
    ends = GovukDateField(label="Ends", label_lower="end date")


def drawn(form):
    template = engines["jinja2"].env.from_string(
        '{% import "core/forms.html" as f %}{% for bound in form %}{{ f.field(bound) }}{% endfor %}')
    return template.render(form=form, widget_kind=widget_kind)


def ids(html):
    return re.findall(r'\sid="([^"]*)"', html)


def test_each_error_links_to_the_first_input_of_its_field():
    form = EveryKind({})
    assert not form.is_valid()
    summary = [item["href"] for item in form.error_summary()]
    assert summary == ["#kind", "#chosen", "#many", "#id_tick", "#id_name", "#id_starts-day", "#id_ends-day"]
    inputs = re.findall(r"<(?:input|textarea|select)\b[^>]*>", drawn(form))
    first = {}
    for tag in inputs:
        name = re.search(r'name="([^"]*)"', tag).group(1)
        first.setdefault(name.removesuffix("-day"), re.search(r'\sid="([^"]*)"', tag).group(1))
    assert [f"#{first[n]}" for n in ("kind", "chosen", "many", "tick", "name", "starts", "ends")] == summary


def test_two_date_fields_never_share_an_id():
    html = drawn(EveryKind({}))
    assert {"id_starts-day", "id_starts-month", "id_starts-year", "id_ends-day"} <= set(ids(html))
    assert len(ids(html)) == len(set(ids(html)))


def test_a_prefixed_form_links_to_its_prefixed_inputs():
    form = EveryKind({}, prefix="p")
    form.is_valid()
    html_ids = set(ids(drawn(form)))
    for item in form.error_summary():
        assert item["href"].removeprefix("#") in html_ids, item
