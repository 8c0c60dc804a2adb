"""An event's own headings (design §1.1): added, edited, moved up or down ("Move up/down", never drag) and deleted
until the event's first entry is saved; after that only a heading's guidance and prompts change, because its title,
mode and themes are what its entries mean. Numbers run 1, 2, 3… with no gaps.

The trail carries ids, numbers and the names of the fields changed, never the headings' text."""

from django.core.exceptions import ValidationError
from django.db.models import Max

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.models import Theme

from ..models import EventHeading, HeadingMode, ObservationEntry
from ..rules import Perm
from ..verbs import Verb
from .teams import require_editable

TEXT_FIELDS = ("title", "mode", "guidance", "prompts")
# What still changes once an entry is saved.
ALWAYS_EDITABLE = ("guidance", "prompts")
UP, DOWN = "up", "down"


def has_entries(event):
    """Whether any entry was ever saved in the event (a removed one too: it was written under its heading)."""
    return ObservationEntry.objects.filter(observation__event=event).exists()


def _require_no_entries(event, doing):
    if has_entries(event):
        raise ValidationError(f"Entries have been saved under this event's headings, so headings can no longer be "
                              f"{doing}: only their guidance and prompts change.")


def _check(values):
    errors = {}
    title = values.get("title", "")
    if not title:
        errors["title"] = "Enter the heading's title."
    elif len(title) > 80:
        errors["title"] = "Keep the title to 80 characters."
    if values.get("mode") not in HeadingMode.values:
        errors["mode"] = "Choose what the heading collects."
    themes = values.get("themes", [])
    if any(not isinstance(theme, Theme) for theme in themes):
        errors["themes"] = "Choose themes from the list."
    if errors:
        raise ValidationError(errors)


def _clean(fields):
    return {name: ((value or "").strip() if name in TEXT_FIELDS else list(value or ()))
            for name, value in fields.items()}


@service(Perm.MANAGE_EVENT, on="event")
def add_heading(*, actor, event, title, mode=HeadingMode.STRENGTHS_AND_DEVELOPMENT, guidance="", prompts="",
                themes=()):
    """A new heading, numbered after the last."""
    require_editable(event, "headings")
    _require_no_entries(event, "added")
    values = _clean({"title": title, "mode": mode, "guidance": guidance, "prompts": prompts, "themes": themes})
    _check(values)
    themes = values.pop("themes")
    number = (event.headings.aggregate(last=Max("number"))["last"] or 0) + 1
    heading = EventHeading.objects.create(event=event, number=number, **values)
    heading.themes.set(themes)
    trail.record(actor, Verb.HEADING_CREATED, heading, event=event.pk, number=number, mode=heading.mode)
    return heading


@service(Perm.MANAGE_EVENT, on="heading")
def edit_heading(*, actor, heading, **fields):
    """Change a heading: everything before the first entry, then only its guidance and prompts."""
    unknown = set(fields) - {*TEXT_FIELDS, "themes"}
    if unknown:
        raise TypeError(f"edit_heading cannot change {sorted(unknown)}")
    heading = EventHeading.objects.select_for_update().select_related("event").get(pk=heading.pk)
    require_editable(heading.event, "headings")
    fields = _clean(fields)
    current_themes = set(heading.themes.values_list("pk", flat=True))
    changed = sorted(name for name, value in fields.items()
                     if (name == "themes" and {t.pk for t in value} != current_themes)
                     or (name != "themes" and value != getattr(heading, name)))
    if any(name not in ALWAYS_EDITABLE for name in changed) and has_entries(heading.event):
        raise ValidationError("Entries have been saved under this event's headings, so a heading's title, what it "
                              "collects and its themes stay as they are: only its guidance and prompts change.")
    values = {name: getattr(heading, name) for name in TEXT_FIELDS}
    values.update({name: value for name, value in fields.items() if name != "themes"})
    _check({**values, "themes": fields.get("themes", [])})
    if not changed:
        return heading
    for name, value in values.items():
        setattr(heading, name, value)
    heading.save()
    if "themes" in fields:
        heading.themes.set(fields["themes"])
    trail.record(actor, Verb.HEADING_UPDATED, heading, event=heading.event_id, number=heading.number,
                 changed=changed)
    return heading


def _renumber(event, ordered):
    """Give `ordered` headings the numbers 1, 2, 3…: first out of the way (above the highest), so the unique
    (event, number) holds at every step."""
    top = (event.headings.aggregate(last=Max("number"))["last"] or 0) + 1
    for offset, heading in enumerate(ordered):
        EventHeading.objects.filter(pk=heading.pk).update(number=top + offset)
    for number, heading in enumerate(ordered, start=1):
        EventHeading.objects.filter(pk=heading.pk).update(number=number)
        heading.number = number


@service(Perm.MANAGE_EVENT, on="heading")
def move_heading(*, actor, heading, direction):
    """Swap a heading with the one above (`up`) or below (`down`). The first cannot go up nor the last down."""
    if direction not in (UP, DOWN):
        raise ValidationError("Choose whether to move the heading up or down.")
    heading = EventHeading.objects.select_related("event").get(pk=heading.pk)
    event = heading.event
    require_editable(event, "headings")
    _require_no_entries(event, "moved")
    ordered = list(event.headings.select_for_update().order_by("number"))
    at = next(i for i, h in enumerate(ordered) if h.pk == heading.pk)
    to = at - 1 if direction == UP else at + 1
    if not 0 <= to < len(ordered):
        raise ValidationError(f"“{heading.title}” is already the {'first' if direction == UP else 'last'} heading.")
    ordered[at], ordered[to] = ordered[to], ordered[at]
    before = heading.number
    _renumber(event, ordered)
    trail.record(actor, Verb.HEADING_MOVED, heading, event=event.pk, number_from=before, number_to=to + 1)
    return ordered[to]


@service(Perm.MANAGE_EVENT, on="heading")
def delete_heading(*, actor, heading):
    """Delete a heading and close the gap in the numbers; an event keeps at least one heading."""
    heading = EventHeading.objects.select_related("event").get(pk=heading.pk)
    event = heading.event
    require_editable(event, "headings")
    _require_no_entries(event, "deleted")
    if event.headings.count() == 1:
        raise ValidationError("An event needs at least one heading to write feedback under.")
    trail.record(actor, Verb.HEADING_DELETED, heading, event=event.pk, number=heading.number)
    heading.delete()
    _renumber(event, list(event.headings.select_for_update().order_by("number")))
