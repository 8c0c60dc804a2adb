"""Writing the audit trail. Service functions call `record` inside their transaction,
so an event exists exactly when its change does.

Verbs are named, never typed as text: each app lists the changes its services record in its verbs.py,
`class Verb(AuditVerb): FINDING_RECORDED = "finding.recorded"`, so the audit trail's vocabulary can be read
in one place per app and a misspelt verb fails at import, not in a search of the trail a year later.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from django.db import models

from .authority import System, check_actor
from .concurrency import Versioned, claim, lock
from .models import AuditEvent


class AuditVerb(StrEnum):
    """Base of every app's audit verbs (its verbs.py): "<record>.<what happened>", at most 64 characters."""


def plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    return value


def record(actor, verb, obj, **changes):
    """Append one AuditEvent for `obj`. `actor` is the user, or the System reason the write was made for;
    `verb` a member of an app's Verb enum. `changes` must not hold child-level personal data."""
    event = _event(actor, verb, obj, changes)
    event.save()
    return event


def record_each(actor, verb, items):
    """`record` for many objects at once, in one insert: `items` are (obj, changes) pairs. For bulk writes (a
    tracker's thousands of audits), where an insert per event would be a quarter of the import's time."""
    return AuditEvent.objects.bulk_create([_event(actor, verb, obj, changes) for obj, changes in items],
                                          batch_size=1000)


def _event(actor, verb, obj, changes):
    if not isinstance(verb, AuditVerb):
        raise TypeError(f"audit verbs are named in an app's Verb enum, not given as text ({verb!r})")
    check_actor(actor)
    system = isinstance(actor, System)
    return AuditEvent(
        actor=None if system or not actor.is_authenticated else actor,
        system_reason=actor.value if system else "",
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes={k: plain(v) for k, v in changes.items()},
    )


def _same(old, new):
    # Decimals compare by value: 11.0 stored and 11 typed are the same number.
    return old == new if isinstance(old, Decimal) and isinstance(new, Decimal) else plain(old) == plain(new)


def model_changes(instance, fields, before):
    """Field -> [old, new] for the fields that changed since `before` (a dict of old values)."""
    return {
        f: [plain(before.get(f)), plain(getattr(instance, f))]
        for f in fields
        if not _same(before.get(f), getattr(instance, f))
    }


def update_recorded(actor, obj, *, fields, verb, values, expected_version=None):
    """Set `values` on `obj` (only names in `fields`), validate, save, and record what changed
    as field -> [before, after], so any change can be put back by hand.

    A versioned record is re-read under a row lock first, and a change to it is refused with
    `StaleEdit` when `expected_version` (the version the user's page showed) is not the stored one.
    The caller holds the transaction. Returns the object; records nothing if nothing changed.
    """
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"cannot change {obj._meta.model_name} field(s) {sorted(unknown)}")
    versioned = isinstance(obj, Versioned)
    if versioned:
        lock(obj)
    before = {f: getattr(obj, f) for f in fields}
    if versioned and any(not _same(before[name], value) for name, value in values.items()):
        # Only a save that changes something can overwrite anyone: an unchanged one is not refused.
        # Checked before the values are set, so a refusal carries the record as stored.
        claim(obj, expected_version)
    for name, value in values.items():
        setattr(obj, name, value)
    changes = model_changes(obj, fields, before)
    obj.full_clean()
    obj.save()
    if changes:
        record(actor, verb, obj, **changes)
    return obj
