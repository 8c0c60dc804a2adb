"""The good practice library (design §1.5, §8, decision 16): items proposed from an observation entry, edited and
published or withdrawn by the QA lead or the principal social worker, and read council-wide.

An item's text is an anonymised **copy** the proposer edits from the entry's text, never the entry itself: later
edits to the entry do not reach the library, and the entry's `child_ref` is never copied (decision 16: a child id
never goes in the library). As a guard, a title or text holding the entry's child id is refused. A published item
has been checked by a manager for names (`no_names_checked`, which the database also insists on); a staff name from
the item's team found in the text is a warning on the item's pages (`possible_name`), never a refusal, as for
entries (§1.4).

Who may do what is rules.py's: PROPOSE_LIBRARY_ITEM (asked of the entry: the organiser roles, or the entry's own
assessor), MANAGE_LIBRARY (edit, publish, withdraw) and VIEW_LIBRARY; `visible_items` is the list's selector."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import claim, lock
from triangulate.core.models import Theme
from triangulate.people.models import TeamMembership

from ..models import LibraryItem, Observation, ObservationEntry
from ..rules import Perm
from ..verbs import Verb

TITLE_MAX = 120
TEXT_MAX = 4000  # an exemplar's longest text (§1.4); the copy may not grow past what an entry could hold

# The library's kind for an entry's kind; an area for development is not good practice and is not offered.
KIND_FOR_ENTRY = {
    ObservationEntry.Kind.STRENGTH: LibraryItem.Kind.INNOVATIVE_PRACTICE,
    ObservationEntry.Kind.GOOD_PRACTICE: LibraryItem.Kind.INNOVATIVE_PRACTICE,
    ObservationEntry.Kind.EXEMPLAR: LibraryItem.Kind.CASE_EXAMPLE,
    ObservationEntry.Kind.QUOTE: LibraryItem.Kind.QUOTE,
}


def visible_items(user):
    """The library items `user` may read: every item for a manager of the library (proposed and withdrawn too),
    else the published ones and the user's own proposals (so a proposer can see what became of theirs)."""
    items = LibraryItem.objects.select_related("theme", "from_team")
    if not user.has_perm(Perm.VIEW_LIBRARY):
        return items.none()
    if user.has_perm(Perm.MANAGE_LIBRARY):
        return items
    return items.filter(Q(status=LibraryItem.Status.PUBLISHED) | Q(proposed_by=user))


def proposable(entry):
    """Why `entry` cannot be proposed for the library, or None when it can."""
    if entry.removed_at is not None:
        return "That entry was removed from its observation."
    if entry.observation.state != Observation.State.HANDED_IN:
        return "Only entries from handed-in observations can be proposed for the library."
    if entry.kind not in KIND_FOR_ENTRY:
        return "An area for development is not good practice: it cannot go in the library."
    if (entry.kind == ObservationEntry.Kind.QUOTE and entry.quote_by != ObservationEntry.QuoteBy.STAFF
            and not entry.may_quote):
        return "This quote may not be used: the person did not agree to be quoted."
    return None


def _pattern(child_ref):
    """The child id as a whole token (not inside a longer id)."""
    return rf"(?<!\w){re.escape(child_ref)}(?!\w)"


def without_child_ref(text, child_ref):
    """An entry's text with its child id masked, for the pages that show it (the proposal form's starting copy, a
    manager's view of the source): an assessor may have typed the id into the text as well (decision 16)."""
    if not child_ref:
        return text
    return re.sub(_pattern(child_ref), "[child id]", text, flags=re.IGNORECASE)


def _check_fields(title, text, kind, theme, child_ref=""):
    errors = {}
    title, text = title.strip(), text.strip()
    if not title:
        errors["title"] = "Enter a title"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"The title must be {TITLE_MAX} characters or fewer"
    if not text:
        errors["text"] = "Enter the text"
    elif len(text) > TEXT_MAX:
        errors["text"] = f"The text must be {TEXT_MAX:,} characters or fewer"
    if kind not in LibraryItem.Kind.values:
        errors["kind"] = "Select what kind of practice this is"
    if not isinstance(theme, Theme):
        errors["theme"] = "Select a theme"
    if child_ref:
        for field, value in (("title", title), ("text", text)):
            if field not in errors and re.search(_pattern(child_ref), value, re.IGNORECASE):
                errors[field] = f"Remove the child's id from the {field}: no child id goes in the library"
    if errors:
        raise ValidationError(errors)
    return title, text


def _child_ref(item):
    entry = item.source_entry
    return entry.child_ref if entry is not None else ""


@service(Perm.PROPOSE_LIBRARY_ITEM, on="entry")
def propose_item(*, actor, entry, title, text, kind, theme):
    """A proposed item from `entry`: `text` is the proposer's anonymised copy of the entry's text. The entry's
    team and event are kept as attribution; its child id never is."""
    entry = ObservationEntry.objects.select_related("observation__event", "observation__team").get(pk=entry.pk)
    reason = proposable(entry)
    if reason:
        raise ValidationError(reason)
    title, text = _check_fields(title, text, kind, theme, entry.child_ref)
    observation = entry.observation
    item = LibraryItem.objects.create(
        council=observation.event.council, kind=kind, title=title, text=text, theme=theme,
        from_team=observation.team, event=observation.event, source_entry=entry,
        status=LibraryItem.Status.PROPOSED, proposed_by=actor, proposed_at=timezone.now())
    trail.record(actor, Verb.LIBRARY_PROPOSED, item, event=observation.event_id, entry=entry.pk,
                 from_team=observation.team_id, theme=theme.pk, kind=kind)
    return item


@service(Perm.MANAGE_LIBRARY, on="item")
def edit_item(*, actor, item, expected_version, title, text, kind, theme, no_names_checked):
    """Change an item's words, kind and theme, claimed against the version the form was read at. A published
    item stays published only with the names check ticked again for what it now says."""
    lock(item)
    if item.status == LibraryItem.Status.PUBLISHED and not no_names_checked:
        raise ValidationError({"no_names_checked": "A published item must be checked for names: confirm that the "
                                                   "title and text name no one"})
    title, text = _check_fields(title, text, kind, theme, _child_ref(item))
    claim(item, expected_version)
    before = {"kind": item.kind, "theme": item.theme_id, "no_names_checked": item.no_names_checked}
    item.title, item.text, item.kind, item.theme = title, text, kind, theme
    item.no_names_checked = bool(no_names_checked)
    item.save(update_fields=["title", "text", "kind", "theme", "no_names_checked"])
    trail.record(actor, Verb.LIBRARY_UPDATED, item, status=item.status,
                 kind=[before["kind"], kind], theme=[before["theme"], theme.pk],
                 no_names_checked=[before["no_names_checked"], item.no_names_checked])
    return item


@service(Perm.MANAGE_LIBRARY, on="item")
def publish_item(*, actor, item, no_names_checked=False):
    """Publish a proposed (or withdrawn) item for every reader. The publisher confirms here, or has confirmed on
    the edit page, that the title and text name no one."""
    lock(item)
    if item.status == LibraryItem.Status.PUBLISHED:
        raise ValidationError("This item is already published.")
    if no_names_checked:
        item.no_names_checked = True
    if not item.no_names_checked:
        raise ValidationError("Before publishing, confirm that the title and text name no one.")
    _check_fields(item.title, item.text, item.kind, item.theme, _child_ref(item))
    claim(item, None)
    was = item.status
    item.status = LibraryItem.Status.PUBLISHED
    item.published_by, item.published_at = actor, timezone.now()
    item.withdrawn_reason = ""
    item.save(update_fields=["status", "no_names_checked", "published_by", "published_at", "withdrawn_reason"])
    trail.record(actor, Verb.LIBRARY_PUBLISHED, item, status=[was, item.status])
    return item


@service(Perm.MANAGE_LIBRARY, on="item")
def withdraw_item(*, actor, item, reason):
    """Take an item out of the library (a published item, or a proposal not taken up), with the reason."""
    lock(item)
    if item.status == LibraryItem.Status.WITHDRAWN:
        raise ValidationError("This item is already withdrawn.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the item is withdrawn"})
    claim(item, None)
    was = item.status
    item.status, item.withdrawn_reason = LibraryItem.Status.WITHDRAWN, reason
    item.save(update_fields=["status", "withdrawn_reason"])
    trail.record(actor, Verb.LIBRARY_WITHDRAWN, item, status=[was, item.status])
    return item


def possible_name(item):
    """The full name of a current member of the item's team whose first or last name the title or text holds as
    a whole word (a warning for the manager who checks it, §1.4), or None."""
    if item.from_team_id is None:
        return None
    words = f"{item.title}\n{item.text}"
    members = (TeamMembership.objects.current().filter(team_id=item.from_team_id).select_related("staff")
               .order_by("staff__last_name", "staff__first_name", "pk"))
    for membership in members:
        person = membership.staff
        names = [n for n in (person.first_name, person.last_name) if n.strip()]
        if any(re.search(rf"\b{re.escape(n)}\b", words, re.IGNORECASE) for n in names):
            return person.full_name
    return None
