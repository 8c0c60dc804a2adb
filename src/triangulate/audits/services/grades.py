"""Grade scales and their grades (design §1.1).

The freeze rule: once a version that is no longer a draft uses a scale, its grades' values and order, which
grade is inadequate, and the "good or better" threshold are frozen, because stored answers, moderations and
every figure compare grades by value. Labels, colours and descriptions can still change. (The design names
values, order and the inadequate grade; the threshold is frozen too, since moving it would silently rewrite
every "good or better" figure already reported.)

A grade has no version of its own: an edit to a grade claims its scale, so two people editing one scale's
grades never overwrite each other."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock

from ..models import Grade, GradeScale, ToolVersion
from ..rules import Perm
from ..verbs import Verb

SCALE_FIELDS = ("name", "good_threshold", "is_default")
GRADE_FIELDS = ("label", "value", "colour", "description", "is_inadequate")
FROZEN_SCALE_FIELDS = ("good_threshold",)
FROZEN_GRADE_FIELDS = ("value", "is_inadequate")


def refuse(message, field=NON_FIELD_ERRORS):
    raise ValidationError({field: [message]})


def is_frozen(scale):
    """Whether a published (live or retired) version uses the scale."""
    return ToolVersion.objects.filter(grade_scale=scale).exclude(status=ToolVersion.Status.DRAFT).exists()


@service(Perm.MANAGE_TOOLS)
def create_scale(*, actor, council, name, good_threshold, grades=(), is_default=False):
    """A new scale with `grades`: (value, label, colour, description) tuples; the lowest is inadequate."""
    name = " ".join(name.split())
    if GradeScale.objects.filter(council=council, name__iexact=name).exists():
        refuse(f"There is already a grade scale called “{name}”", "name")
    if is_default:
        GradeScale.objects.filter(council=council, is_default=True).update(is_default=False)
    scale = GradeScale(council=council, name=name, good_threshold=good_threshold, is_default=is_default)
    scale.full_clean()
    scale.save()
    lowest = min((g[0] for g in grades), default=None)
    for value, label, colour, description in grades:
        grade = Grade(scale=scale, value=value, label=label, colour=colour, description=description,
                      is_inadequate=value == lowest)
        grade.full_clean()
        grade.save()
    trail.record(actor, Verb.GRADE_SCALE_CREATED, scale, name=name, good_threshold=good_threshold,
                 values=sorted(g[0] for g in grades), is_default=is_default)
    return scale


@service(Perm.MANAGE_TOOLS)
def edit_scale(*, actor, scale, expected_version=None, **values):
    """Rename a scale, move its threshold (until frozen) or make it the council's default for new tools."""
    lock(scale)
    if any(f in values and values[f] != getattr(scale, f) for f in FROZEN_SCALE_FIELDS) and is_frozen(scale):
        refuse("A published tool version uses this scale, so the “good or better” threshold cannot change",
               "good_threshold")
    if "name" in values:
        values["name"] = " ".join(values["name"].split())
        if GradeScale.objects.filter(council=scale.council, name__iexact=values["name"]).exclude(pk=scale.pk).exists():
            refuse(f"There is already a grade scale called “{values['name']}”", "name")
    if "good_threshold" in values and not scale.grades.filter(value=values["good_threshold"]).exists():
        refuse("The threshold must be the value of one of the scale's grades", "good_threshold")
    if values.get("is_default") is False and scale.is_default:
        refuse("Make another scale the default instead: the council needs one for new tools", "is_default")
    if values.get("is_default") and not scale.is_default:
        # First, so the one-default constraint never sees two.
        GradeScale.objects.filter(council=scale.council, is_default=True).update(is_default=False)
    return trail.update_recorded(actor, scale, fields=SCALE_FIELDS, verb=Verb.GRADE_SCALE_UPDATED, values=values,
                                 expected_version=expected_version)


@service(Perm.MANAGE_TOOLS)
def edit_grade(*, actor, grade, expected_version=None, **values):
    """Change a grade. Its label, colour and description always; its value and whether it is the inadequate
    grade only while no published version uses the scale. Values stay unique, and only the lowest grade can
    be inadequate."""
    scale = lock(grade.scale)
    unknown = set(values) - set(GRADE_FIELDS)
    if unknown:
        raise ValueError(f"cannot change grade field(s) {sorted(unknown)}")
    before = {f: getattr(grade, f) for f in GRADE_FIELDS}
    changed = {f for f, v in values.items() if v != before[f]}
    if changed & set(FROZEN_GRADE_FIELDS) and is_frozen(scale):
        field = "value" if "value" in changed else "is_inadequate"
        refuse("A published tool version uses this scale, so its values, order and inadequate grade are frozen. "
               "You can still change the label, colour and description.", field)
    if not changed:
        return grade
    claim(scale, expected_version)
    others = scale.grades.exclude(pk=grade.pk)
    for name, value in values.items():
        setattr(grade, name, value)
    if "label" in changed and others.filter(label__iexact=grade.label).exists():
        refuse(f"Another grade on this scale is called “{grade.label}”", "label")
    if "value" in changed and others.filter(value=grade.value).exists():
        refuse(f"Another grade on this scale has the value {grade.value}", "value")
    inadequate = grade if grade.is_inadequate else others.filter(is_inadequate=True).first()
    lowest = min([grade.value, *others.values_list("value", flat=True)])
    if inadequate is not None and (inadequate.value if inadequate is not grade else grade.value) != lowest:
        refuse("Only the lowest grade can be the inadequate grade",
               "is_inadequate" if "is_inadequate" in changed else "value")
    if grade.is_inadequate:
        others.filter(is_inadequate=True).update(is_inadequate=False)  # first: one per scale
    grade.full_clean(validate_unique=False)
    grade.save()
    changes = trail.model_changes(grade, GRADE_FIELDS, before)
    if "description" in changes:
        changes["description"] = "changed"  # free text
    trail.record(actor, Verb.GRADE_UPDATED, grade, scale=scale.pk, **changes)
    return grade
