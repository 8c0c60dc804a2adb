"""Optimistic concurrency: edits never silently overwrite each other.

Every record people edit through a form carries a `version` (inherit `Versioned`). The edit form
carries the version it was drawn from (`VersionField`, a hidden input). The service passes it to
`lock` and `claim`, inside its transaction, before changing anything: if someone has saved the record since
the page was drawn, `StaleEdit` is raised and nothing is written; the form view
(core/views/forms.py) then shows the stored values beside the user's own input.

A POST that carries no version (a script, an old test client) is not checked, as in
datasets/teams/services.map_team_name; every page form carries one.

`submitted(form)` says which fields a POST really sent, so a save writes only those: a POST with
nothing in it changes nothing.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

# The hidden input's name. Models and forms both use it.
VERSION = "version"


class Versioned(models.Model):
    """A record edited through forms: `version` goes up by one on every save made through `claim`."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(ValidationError):
    """The record changed after the user's page was drawn. `current` is the record as stored now."""

    def __init__(self, current, expected):
        self.current, self.expected = current, expected
        # Plain words, for a page that shows the service's errors without the stale-save panel.
        super().__init__("Someone changed this after you opened the page, so nothing was saved. "
                         "Open the page again to see their change.", code="stale")


def lock(obj):
    """Reload `obj` from its row, locked until the transaction ends (call inside the service's
    transaction, before reading the values a save is compared with). Returns `obj`."""
    obj.refresh_from_db(from_queryset=type(obj).objects.select_for_update())
    return obj


def claim(obj, expected_version):
    """Refuse a stale save of the locked `obj`, else bump its version (in the row and on `obj`).

    Call before writing: if a later check fails, the transaction rolls back and the version with
    it. `expected_version` None means the caller did not say (not checked).
    """
    if expected_version is not None and obj.version != expected_version:
        raise StaleEdit(obj, expected_version)
    # Compare-and-set as well as the lock: a database without row locks (SQLite) still cannot
    # let two saves drawn from the same version both through.
    model = type(obj)
    if not model.objects.filter(pk=obj.pk, version=obj.version).update(version=F(VERSION) + 1):
        raise StaleEdit(lock(obj), expected_version)
    obj.version += 1
    return obj


def current_version(obj):
    """The version a page about `obj` is drawn from (0 when there is no record yet)."""
    return getattr(obj, VERSION, 0) if obj is not None else 0


class VersionField(forms.IntegerField):
    """The hidden input carrying the version a form was drawn from."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, **kwargs)


def version_of(form):
    """The version the user's page was drawn from, or None when the POST did not say."""
    return form.cleaned_data.get(VERSION) if VERSION in form.data else None


# Widgets that send nothing when left empty (a checkbox, a multiple select or checkboxes): absent
# from the POST means "none", but only when the form itself was sent (see `submitted`).
_SENDS_NOTHING_WHEN_EMPTY = (forms.CheckboxInput, forms.SelectMultiple, forms.CheckboxSelectMultiple)


def submitted(form):
    """The names of the fields a bound form's POST really carried (the version excepted).

    A text box, select or date sends its name even when blank, so it counts only when present.
    A checkbox or multiple select sends nothing when empty, so it counts whenever the form was sent
    at all (another field present), which a real page always does. A POST holding only a CSRF
    token, or only the version, therefore submits nothing.
    """
    present, silent, detectable = [], [], False
    for name, field in form.fields.items():
        if name == VERSION:
            continue
        widget = field.widget
        if isinstance(widget, _SENDS_NOTHING_WHEN_EMPTY):
            silent.append(name)
            continue
        detectable = True
        if not widget.value_omitted_from_data(form.data, form.files, form.add_prefix(name)):
            present.append(name)
    # Only a form made of checkboxes alone has to rely on its version input to say it was sent.
    sent = bool(present) or (not detectable and VERSION in form.data)
    return present + silent if sent else []


def submitted_values(form, names=None):
    """cleaned_data for the submitted fields (of `names`, if given), in the form's order."""
    sent = submitted(form)
    return {name: form.cleaned_data[name] for name in sent
            if (names is None or name in names) and name in form.cleaned_data}
