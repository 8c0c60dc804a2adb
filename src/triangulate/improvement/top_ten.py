"""The council's own top 10 (design §5): saved from the computed ranking, then reordered, retitled, cut or added to by
the lead. The computed list is a suggestion; the saved one is what the board paper and the self-assessment use."""

from django.core.exceptions import ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.models import Theme

from .models import TopTen, TopTenItem
from .rules import KnowPerm
from .verbs import Verb

MAX_ITEMS = 10


def latest_top_ten(council, kind):
    return TopTen.objects.filter(council=council, kind=kind).order_by("-ranked_on", "-id").first()


def _checked_items(items):
    """Each item: {"theme": Theme, "title", "text", "evidence": [...], "added_reason"}; an item with no evidence
    was added by the lead and needs a reason (shown on the page)."""
    errors = {}
    if not items:
        errors["items"] = "Keep at least one item."
    if len(items) > MAX_ITEMS:
        errors["items"] = f"A top 10 has at most {MAX_ITEMS} items; this has {len(items)}."
    clean = []
    for n, item in enumerate(items, start=1):
        title = (item.get("title") or "").strip()
        theme = item.get("theme")
        if not isinstance(theme, Theme):
            errors[f"item_{n}_theme"] = f"Item {n}: choose a theme."
        if not title or len(title) > 200:
            errors[f"item_{n}_title"] = f"Item {n}: give a title of up to 200 characters."
        evidence = list(item.get("evidence") or [])
        reason = (item.get("added_reason") or "").strip()
        if not evidence and not reason:
            errors[f"item_{n}_reason"] = f"Item {n} has no evidence behind it: say why it is on the list."
        clean.append({"theme": theme, "title": title, "text": (item.get("text") or "").strip(),
                      "evidence": evidence, "added_reason": reason[:300]})
    if errors:
        raise ValidationError(errors)
    return clean


@service(KnowPerm.EDIT_TOP_TEN)
def save_top_ten(*, actor, council, kind, ranked_on, items, expected_version=None):
    """Save the council's list of `kind` (a new list when the ranking date is new, else the same list again,
    against the version the page showed). `items` in order, as _checked_items takes them."""
    if kind not in TopTen.Kind.values:
        raise ValidationError({"kind": "Choose strengths or areas for development."})
    clean = _checked_items(items)
    top_ten = TopTen.objects.filter(council=council, kind=kind, ranked_on=ranked_on).first()
    if top_ten is None:
        top_ten = TopTen.objects.create(council=council, kind=kind, ranked_on=ranked_on, saved_by=user_of(actor))
    else:
        lock(top_ten)
        claim(top_ten, expected_version)
        top_ten.saved_by = user_of(actor)
        top_ten.save()
        top_ten.items.all().delete()
    TopTenItem.objects.bulk_create(TopTenItem(top_ten=top_ten, order=n, **item) for n, item in enumerate(clean, 1))
    trail.record(actor, Verb.TOP_TEN_SAVED, top_ten, kind=kind, ranked_on=ranked_on.isoformat(), items=len(clean),
                 added=sum(1 for item in clean if not item["evidence"]))
    return top_ten
