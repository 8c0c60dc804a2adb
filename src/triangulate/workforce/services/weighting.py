"""Writing the weighting scheme and managers' weight overrides (design §3).

The audit trail carries ids and points only: a scheme's changed values, an override's points. Never an override's
reason (free text, likely to name a child's circumstances) and never a child id: the event is kept under the
override's own row id, and its child_ref stays in the workforce table, which only child-level pages read."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from triangulate.core.audit import record
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock

from .. import defaults
from ..models import CaseWeight, ModifierWeight, RoleCapacity, WeightingScheme, WeightOverride
from ..rules import Perm
from ..verbs import Verb

SCHEME_FIELDS = ("green_below", "red_above", "asye_first_months", "asye_first_percent", "asye_after_percent")


def _pts(points):
    """Points as the audit trail keeps them: "2.5", "40" (a stored 40.0 and a typed 40 are one number)."""
    return None if points is None else format(Decimal(points).normalize(), "f")


def active_scheme(council):
    return WeightingScheme.objects.filter(council=council, is_active=True).first()


@service(Perm.MANAGE_SCHEME)
def ensure_scheme(*, actor, council):
    """The council's active scheme, made from defaults.py when it has none (the first edit, the demo)."""
    return _ensure(actor, council)


def _ensure(actor, council):
    scheme = active_scheme(council)
    if scheme is not None:
        return scheme
    scheme = WeightingScheme.objects.create(council=council, name="Workload weighting", changed_by=user_of(actor))
    CaseWeight.objects.bulk_create(CaseWeight(scheme=scheme, kind=k, points=p) for k, p in defaults.CASE_POINTS.items())
    ModifierWeight.objects.bulk_create(ModifierWeight(scheme=scheme, modifier=m, points=p)
                                       for m, p in defaults.MODIFIER_POINTS.items())
    RoleCapacity.objects.bulk_create(RoleCapacity(scheme=scheme, staff_role=r, points=p)
                                     for r, p in defaults.ROLE_CAPACITY.items())
    record(actor, Verb.SCHEME_CREATED, scheme)
    return scheme


def _check_rule(values):
    errors = {}
    green, red = values["green_below"], values["red_above"]
    if green > red:
        errors["green_below"] = "Green must end at or below where red starts."
    for name in ("asye_first_percent", "asye_after_percent"):
        if not 1 <= values[name] <= 100:
            errors[name] = "Enter a percentage from 1 to 100."
    if errors:
        raise ValidationError(errors)


def _set_points(rows, key, wanted, model, scheme, changes, label):
    """Set each row's points from `wanted` (key -> Decimal or None: None removes the row)."""
    have = {getattr(r, key): r for r in rows}
    for name, points in wanted.items():
        row = have.get(name)
        if points is None:
            if row is not None:
                changes[f"{label}.{name}"] = [_pts(row.points), None]
                row.delete()
            continue
        points = Decimal(points)
        if points < 0 and label != "modifier":
            raise ValidationError({f"{label}_{name}": "Points cannot be below nought."})
        if row is None:
            model.objects.create(scheme=scheme, **{key: name}, points=points)
            changes[f"{label}.{name}"] = [None, _pts(points)]
        elif row.points != points:
            changes[f"{label}.{name}"] = [_pts(row.points), _pts(points)]
            row.points = points
            row.save(update_fields=["points"])


@service(Perm.MANAGE_SCHEME)
def update_scheme(*, actor, council, expected_version=None, case_points=None, modifier_points=None,
                  role_capacity=None, **rule):
    """Change the scheme's points, capacities, bands and ASYE rule. `rule` holds SCHEME_FIELDS; the points are
    dicts of kind / modifier / staff role -> points (None: take the row away). A save drawn from an older version
    is refused (StaleEdit) before anything changes."""
    unknown = set(rule) - set(SCHEME_FIELDS)
    if unknown:
        raise ValueError(f"cannot change the scheme's {sorted(unknown)}")
    scheme = _ensure(actor, council)
    lock(scheme)
    before = {f: getattr(scheme, f) for f in SCHEME_FIELDS}
    values = {**before, **rule}
    _check_rule(values)
    claim(scheme, expected_version)
    changes = {f: [before[f], values[f]] for f in SCHEME_FIELDS if before[f] != values[f]}
    _set_points(scheme.case_weights.all(), "kind", case_points or {}, CaseWeight, scheme, changes, "case")
    _set_points(scheme.modifier_weights.all(), "modifier", modifier_points or {}, ModifierWeight, scheme, changes,
                "modifier")
    _set_points(scheme.capacities.all(), "staff_role", role_capacity or {}, RoleCapacity, scheme, changes, "role")
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme.changed_by = user_of(actor) or scheme.changed_by
    scheme.save()
    if changes:
        record(actor, Verb.SCHEME_UPDATED, scheme, **changes)
    return scheme


@service(Perm.OVERRIDE_WEIGHT, on="team")
def set_override(*, actor, team, child_ref, worker_key, points, reason, expected_version=None):
    """Set a manager's weight for one child's case with one worker of `team` (the worker's team: the permission is
    asked about it). Points and a reason are both required."""
    reason = (reason or "").strip()
    errors = {}
    if points is None:
        errors["points"] = "Enter the points this case carries."
    elif Decimal(points) < 0:
        errors["points"] = "Points cannot be below nought."
    if not reason:
        errors["reason"] = "Say why this case carries a different weight."
    if errors:
        raise ValidationError(errors)
    points = Decimal(points)
    existing = WeightOverride.objects.filter(council=team.council, child_ref=child_ref, worker_key=worker_key).first()
    if existing is None:
        override = WeightOverride.objects.create(council=team.council, child_ref=child_ref, worker_key=worker_key,
                                                 points=points, reason=reason, set_by=actor)
        record(actor, Verb.WEIGHT_OVERRIDDEN, override, points=[None, _pts(points)], team=team.pk)
        return override
    lock(existing)
    old = existing.points
    claim(existing, expected_version)
    existing.points, existing.reason, existing.set_by = points, reason, actor
    existing.save()
    record(actor, Verb.WEIGHT_OVERRIDDEN, existing, points=[_pts(old), _pts(points)], team=team.pk)
    return existing


@service(Perm.OVERRIDE_WEIGHT, on="team")
def clear_override(*, actor, team, override, expected_version=None):
    """Take a manager's weight away: the case goes back to the scheme's points."""
    lock(override)
    claim(override, expected_version)
    record(actor, Verb.WEIGHT_OVERRIDE_CLEARED, override, points=[_pts(override.points), None], team=team.pk)
    override.delete()
