"""What the observe page draws (design §5, §9.1): the observation's questions at the top, then each heading with
its prompts, its notes (each its own small form) and a form adding one more. Every form also works without
script: a new note's `client_id` and every form's `edit_id` are made here, so a double submission is a replay
(§5.1 rule 2). observe.js finds its data in the `data-` attributes drawn from this."""

import uuid

from django.conf import settings
from django.urls import reverse

from triangulate.core.models import Theme

from .follow_up import earlier_plan_items
from .models import Observation, ObservationEntry, ProgressCheck
from .rules import Perm
from .services.observations import hand_in_problems
from .services.sync import editable_reason, start_reason

Kind = ObservationEntry.Kind
# §5's buttons under each heading (with script; without it, the form's kind radios do the same).
ADD_LABELS = {Kind.STRENGTH: "Add a strength", Kind.AREA_FOR_DEVELOPMENT: "Add an area for development",
              Kind.GOOD_PRACTICE: "Add an example", Kind.EXEMPLAR: "Add a case example", Kind.QUOTE: "Add a quote"}
FELT_SUPPORTED = [(v, label) for v, label in Observation.FeltSupported.choices if v]


def stored_entry(entry):
    """An entry's fields as the script's outbox holds them (a 409 answer, §5.2)."""
    return {"heading": str(entry.heading_id), "kind": entry.kind, "theme": str(entry.theme_id), "text": entry.text,
            "quote_by": entry.quote_by, "may_quote": entry.may_quote, "child_ref": entry.child_ref,
            "removed": entry.removed_at is not None}


def stored_questions(observation):
    return {"what_happened": observation.what_happened, "felt_supported": observation.felt_supported,
            "heard_from": list(observation.heard_from)}


def _themes(heading, every):
    first = list(heading.themes.all())
    return first + [t for t in every if t not in first]


def _values(entry):
    values = stored_entry(entry)
    values.pop("removed")
    return values


def _form(client_id, values, *, revision, errors=None):
    return {"client_id": str(client_id), "values": values, "revision": revision, "edit_id": str(uuid.uuid4()),
            "errors": errors or {}}


def _heading_rows(observation, headings, failed):
    every = list(Theme.objects.filter(is_active=True).order_by("order", "name"))
    entries = list(observation.entries.filter(removed_at__isnull=True).select_related("theme", "heading")
                   .order_by("created_at", "pk")) if observation else []
    failed = failed or {}
    rows = []
    for heading in headings:
        notes = []
        for entry in (e for e in entries if e.heading_id == heading.pk):
            if failed.get("client_id") == str(entry.client_id):
                notes.append({**_form(entry.client_id, {**_values(entry), **failed["values"]},
                                      revision=entry.revision, errors=failed["errors"]), "entry": entry})
            else:
                notes.append({**_form(entry.client_id, _values(entry), revision=entry.revision), "entry": entry})
        is_failed_new = (failed.get("client_id") and str(failed.get("values", {}).get("heading")) == str(heading.pk)
                         and not any(n["client_id"] == failed["client_id"] for n in notes))
        new = (_form(failed["client_id"], failed["values"], revision=0, errors=failed["errors"]) if is_failed_new
               else _form(uuid.uuid4(), {"heading": str(heading.pk)}, revision=0))
        kinds = [(k.value, k.label) for k in Kind if k in ObservationEntry.kinds_allowed_under(heading.mode)]
        adds = [(value, ADD_LABELS[value]) for value, _label in kinds]
        rows.append({"heading": heading, "prompts": [p for p in heading.prompts.splitlines() if p.strip()],
                     "kinds": kinds, "adds": adds, "themes": _themes(heading, every), "notes": notes, "new": new})
    return rows, [e.child_ref for e in entries if e.child_ref]


def _progress(observation, visit):
    """(action, rating, note) for each action to rate on a follow-up day (§6.5); before the first save, the
    actions the first save will add."""
    if observation is not None:
        return [(c.action, c.rating, c.note) for c in observation.progress_checks.select_related("action")]
    if visit.event.follows_id is None:
        return []
    seen, rows = set(), []
    for item in earlier_plan_items(visit.event, visit.team):
        if item.action_id not in seen:
            seen.add(item.action_id)
            rows.append((item.action, "", ""))
    return rows


def back_link(user, event):
    """The timetable for those who read it; a guest's own visits otherwise."""
    if user.has_perm(Perm.VIEW_TIMETABLE, event):
        return reverse("practice:timetable", args=[event.pk]), "Back to the timetable"
    return reverse("practice:my_visits"), "Back to your practice visits"


def page_context(user, visit, *, failed=None, question_errors=None, hand_in_errors=None):
    event = visit.event
    observation = Observation.objects.filter(visit=visit).select_related("returned_by", "entered_by").first()
    closed = editable_reason(observation, event) or (start_reason(visit) if observation is None else None)
    headings = list(event.headings.prefetch_related("themes").order_by("number"))
    rows, child_refs = _heading_rows(observation, headings, failed)
    problems = hand_in_problems(observation) if observation else ["Add at least one note before handing in."]
    back_url, back_text = back_link(user, event)
    return {
        "back_url": back_url, "back_text": back_text,
        "title": f"Observe: {visit.team}", "visit": visit, "event": event, "observation": observation,
        "closed": closed, "rows": rows, "child_refs": child_refs,
        "paper_guest": visit.assessor.name if visit.assessor.user_id is None else "",
        "questions": stored_questions(observation) if observation else {"what_happened": "", "felt_supported": "",
                                                                          "heard_from": []},
        "question_edit_id": str(uuid.uuid4()), "base_version": observation.version if observation else 0,
        "question_errors": question_errors or {}, "hand_in_errors": hand_in_errors or [], "problems": problems,
        "progress": _progress(observation, visit), "ratings": ProgressCheck.Rating.choices,
        "felt_supported_choices": FELT_SUPPORTED, "heard_from_choices": Observation.HeardFrom.choices,
        "quote_by_choices": [(v, label) for v, label in ObservationEntry.QuoteBy.choices if v],
        "may_read": observation is not None and user.has_perm(Perm.VIEW_OBSERVATIONS, observation),
        "outbox_key": f"triangulate:outbox:{user.pk}:{visit.pk}", "user_pk": user.pk,
        "outbox_days": settings.TRIANGULATE["PRACTICE"]["OUTBOX_DAYS"],
        "entry_sync_url": reverse("practice:entry_sync", args=[visit.pk]),
        "observation_sync_url": reverse("practice:observation_sync", args=[visit.pk]),
        "hand_in_url": reverse("practice:hand_in", args=[visit.pk]),
        "sign_in_url": reverse("core:login"),
    }
