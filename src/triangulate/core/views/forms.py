"""The one service-backed form view: validate the form, call the service, put the service's errors on
the form, flash and redirect; and when someone else saved the record after the user's page was drawn,
show what is stored now beside what the user entered, keeping their input (nothing lost).

A view builds its form (bound to the POST or not) and passes a `save` that calls its service with
`submitted_values(form)` (only the fields the POST really carried) and `version_of(form)`:

    @requires(Perm.MANAGE_TEAMS, methods=EDIT)  # people/rules.py
    def team_edit(request, pk):
        team = get_object_or_404(Team, pk=pk)
        form = TeamForm(request.POST or None, instance=Team.objects.get(pk=pk), initial={"version": team.version})
        return service_form(
            request, form,
            save=lambda form: services.update_team(actor=request.user, team=team,
                                                   expected_version=version_of(form), **submitted_values(form)),
            success_message=f"Team {team.name} updated", success_url=reverse("people:team_detail", args=[pk]),
            context={"title": f"Change {team.name}", "back_url": ...})

The page template shows the stale-save panel with `{% include "core/_stale_save.html" %}`
(core/form_page.html already does).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import models
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render

from triangulate.core.concurrency import VERSION, StaleEdit, submitted
from triangulate.core.formatting import date_uk
from triangulate.core.models import AuditEvent
from triangulate.core.views.common import attach_errors

STALE_MESSAGE = ("Someone else saved this after you opened the page, so nothing was saved. Check what is "
                 "stored now against your entries below, then save again to keep yours.")


@dataclass
class StaleRow:
    label: str
    stored: str
    yours: str

    @property
    def differs(self):
        return self.stored != self.yours


@dataclass
class StaleSave:
    """What the stale-save panel shows: who saved last, when, and each submitted field both ways."""

    rows: list
    changed_by: str
    changed_at: datetime | None


def service_form(request, form, *, save, success_message, success_url, template="core/form_page.html",
                 context=None, rename=None, stored_values=None, audited=None):
    """Run one form page. `save(form)` calls the service and returns its result; `success_message` and
    `success_url` are strings or functions of that result. `rename` maps service error keys to form
    fields. On a stale save, `stored_values(record)` gives the record as the form's initial values
    (default: the model's own fields) and `audited(record)` the object its audit events are kept
    under (default: the record)."""
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except StaleEdit as error:
            stale = _stale_save(form, error.current, stored_values, audited)
            # The page now stands on the stored version: saving again keeps the user's entries on purpose.
            form.data = form.data.copy()
            form.data[form.add_prefix(VERSION)] = str(error.current.version)
            form.add_error(None, STALE_MESSAGE)
        except forms.ValidationError as error:
            attach_errors(form, error, rename)
        else:
            messages.success(request, _of(success_message, result))
            return redirect(_of(success_url, result))
    return render(request, template, {**(context or {}), "form": form, "stale": stale})


def service_action(request, action, *, success_message, redirect_to):
    """Run one button (a POST with no form: publish, cancel, delete): `action()` calls the service; its
    refusal (ValidationError) or `success_message` (a string or a function of the result) is flashed, and
    the user goes back to `redirect_to` (a URL, or a function of the result) either way."""
    try:
        result = action()
    except forms.ValidationError as error:
        messages.error(request, error.messages[0])
        result = None
    else:
        messages.success(request, _of(success_message, result))
    return redirect(_of(redirect_to, result))


def _of(value, result):
    return value(result) if callable(value) else value


def _stale_save(form, record, stored_values, audited):
    stored = stored_values(record) if stored_values else model_to_dict(record)
    rows = [StaleRow(label=str(form.fields[name].label or name), stored=shown(form.fields[name], stored.get(name)),
                     yours=shown(form.fields[name], form.cleaned_data.get(name)))
            for name in submitted(form) if name in stored]
    subject = audited(record) if audited else record
    last = AuditEvent.objects.filter(object_type=subject._meta.label_lower, object_id=str(subject.pk)) \
        .select_related("actor").first()
    who = (last.actor.get_full_name() or last.actor.get_username()) if last and last.actor else "someone"
    return StaleSave(rows=rows, changed_by=who, changed_at=last.occurred_at if last else None)


def shown(field, value):
    """A value as the user would recognise it on the form: choice labels, names, UK dates."""
    if isinstance(value, (models.QuerySet, models.Manager)):
        value = list(value.all())
    if value is None or value == "" or value == [] or value == ():
        return "Blank"
    if isinstance(value, (list, tuple)):
        return "; ".join(shown(field, item) if not isinstance(item, tuple) else " ".join(map(str, item))
                         for item in value)
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):
            value = field.queryset.model._default_manager.filter(pk=value).first()
        return field.label_from_instance(value) if value is not None else "Blank"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_uk(value.date())
    if isinstance(value, date):
        return date_uk(value)
    return str(value)
