"""Theme edits never overwrite each other, and which fields a POST really submitted."""

import html as html_lib
import re

from django import forms
from django.urls import reverse

from triangulate.core.concurrency import VersionField, submitted
from triangulate.core.models import AuditEvent, Theme
from triangulate.core.roles import Role

from ..factories import make_user


def test_a_theme_edit_from_an_older_page_is_refused_and_keeps_the_first_save(world, client_for):
    theme = Theme.objects.get(slug="outcomes")
    a, b = client_for(world.users[Role.QA_LEAD]), client_for(make_user(Role.QA_LEAD, username="qa2"))
    url = reverse("core:theme_edit", args=[theme.pk])
    seen = re.search(r'name="version" value="(\d+)"', a.get(url).content.decode()).group(1)
    assert a.post(url, {"name": "Outcomes", "description": "What changed for the child", "order": str(theme.order),
                        "is_active": "on", "version": seen}).status_code == 302
    response = b.post(url, {"name": "Outcomes", "description": theme.description, "order": "5",
                            "is_active": "on", "version": seen})
    page = html_lib.unescape(response.content.decode())
    assert response.status_code == 200 and "Not saved" in page
    assert "What changed for the child" in page  # the stored description is shown beside B's
    theme.refresh_from_db()
    assert (theme.description, theme.order, theme.version) == ("What changed for the child", 120, 2)
    event = AuditEvent.objects.get(verb="theme.updated")
    assert event.changes == {"description": ["Children's circumstances improve because of the help they receive.",
                                             "What changed for the child"]}


class ExampleForm(forms.Form):
    version = VersionField()
    name = forms.CharField(required=False)
    when = forms.DateField(required=False)
    active = forms.BooleanField(required=False)
    teams = forms.MultipleChoiceField(required=False, choices=[("1", "One")])


def test_a_post_holding_only_a_csrf_token_submits_nothing():
    assert submitted(ExampleForm({"csrfmiddlewaretoken": "x"})) == []


def test_fields_present_count_and_empty_checkboxes_count_once_the_form_was_sent():
    # A blank text box is still sent (""), so it counts; an unticked box sends nothing, but the form was sent.
    assert submitted(ExampleForm({"name": ""})) == ["name", "active", "teams"]
    assert submitted(ExampleForm({"version": "3"})) == []  # the version alone sends no field


class TicksOnly(forms.Form):
    version = VersionField()
    active = forms.BooleanField(required=False)


def test_a_form_of_checkboxes_alone_is_known_to_be_sent_by_its_version():
    assert submitted(TicksOnly({"version": "3"})) == ["active"]
    assert submitted(TicksOnly({})) == []
