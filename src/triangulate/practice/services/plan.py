"""The action plan (design §7.2, §1.5): items added from the analysis page's chosen entries, edited, reordered
and removed while the event is in analysis.

The plan is improvement's: each item is a Finding (area for development, source practice week) and an Action made
through improvement's own services in the same transaction, so status, evidence and overdue reminders stay
improvement's. Removing an item cancels its action through change_action_status (the action and its finding are
never deleted: they are the record that the action was set and then dropped); the PlanItem row goes, and the
items after it in its heading close up. Items are numbered 1, 2, 3… within their heading (the seed's "Cat 1"
numbering); the event row is locked while numbers change, so two organisers cannot take the same number."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service
from triangulate.core.concurrency import lock
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Action, Finding, Source
from triangulate.improvement.selectors import possible_owners

from ..models import Observation, PlanItem, PracticeEvent
from ..rules import Perm
from ..verbs import Verb

ISSUE_BULLET = "• "  # not "- ": a spreadsheet reads a leading "-" as a formula, and core/exports marks it


def prefill(entries):
    """§7.2's pre-fill from the chosen entries, in the order they were chosen: the heading (the entries'; if they
    differ, the first's), the theme (the most frequent; ties go to the theme that comes first in theme order), the
    team (the entries' team when all are one team's, else None: council-wide), and the issue identified (one bullet
    per entry's text)."""
    entries = list(entries)
    if not entries:
        return {"heading": None, "theme": None, "team": None, "issue_identified": ""}
    counts = Counter(entry.theme_id for entry in entries)
    themes = {entry.theme_id: entry.theme for entry in entries}
    theme = min(themes.values(), key=lambda t: (-counts[t.pk], t.order, t.name, t.pk))
    teams = {entry.observation.team_id for entry in entries}
    return {
        "heading": entries[0].heading,
        "theme": theme,
        "team": entries[0].observation.team if len(teams) == 1 else None,
        "issue_identified": "\n".join(f"{ISSUE_BULLET}{' '.join(entry.text.split())}" for entry in entries),
    }


def _in_analysis(event):
    if event.status != PracticeEvent.Status.ANALYSIS:
        raise ValidationError("The action plan can only be changed while the event is in analysis.")


def _check_entries(event, entries):
    for entry in entries:
        if entry.observation.event_id != event.pk:
            raise ValidationError("That entry is not from this event.")
        if entry.observation.state != Observation.State.HANDED_IN or entry.removed_at is not None:
            raise ValidationError("Only entries from handed-in observations can be added to the action plan.")


def _check_heading(event, heading):
    if heading is None or heading.event_id != event.pk:
        raise ValidationError({"heading": "Choose one of this event's headings"})


def _next_number(event, heading):
    last = (PlanItem.objects.filter(event=event, heading=heading).order_by("-number")
            .values_list("number", flat=True).first())
    return (last or 0) + 1


def _close_up(event, heading, after):
    """Renumber the items after `after` in a heading down by one (a removal or a move to another heading)."""
    for item in PlanItem.objects.filter(event=event, heading=heading, number__gt=after).order_by("number"):
        item.number -= 1
        item.save(update_fields=["number"])


@service(Perm.EDIT_REPORT, on="event")
def add_item(*, actor, event, heading, issue_identified, title, rationale, priority, owner, due_date, theme,
             team=None, responsibility_note="", entries=()):
    """A plan item: improvement's Finding and Action, then the PlanItem, numbered last in its heading."""
    lock(event)
    _in_analysis(event)
    _check_heading(event, heading)
    entries = list(entries)
    _check_entries(event, entries)
    errors = {}
    if not issue_identified.strip():
        errors["issue_identified"] = "Enter the issue identified"
    if not title.strip():
        errors["title"] = "Enter the action to be taken"
    if not rationale.strip():
        errors["rationale"] = "Enter the anticipated risk if the action is not completed"
    if priority not in Action.Priority.values:
        errors["priority"] = "Select the priority"
    if owner is None or not possible_owners().filter(pk=owner.pk).exists():
        errors["owner"] = "Select who is responsible for completing the action"
    if due_date is None:
        errors["due_date"] = "Enter the proposed date for completion"
    if theme is None:
        errors["theme"] = "Select a theme"
    if team is not None and team.council_id != event.council_id:
        errors["team"] = "Choose one of this council's teams"
    if len(responsibility_note) > 120:
        errors["responsibility_note"] = "The responsibility note must be 120 characters or fewer"
    if errors:
        raise ValidationError(errors)
    finding = improvement.record_finding.step(
        actor=actor, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text=issue_identified, theme=theme, team=team,
        source=Source.PRACTICE_WEEK, found_on=min(event.ends_on, timezone.localdate()))
    action = improvement.create_action.step(
        actor=actor, title=title, rationale=rationale, priority=priority, owner=owner, due_date=due_date,
        theme=theme, team=team, finding=finding)
    item = PlanItem.objects.create(event=event, heading=heading, number=_next_number(event, heading),
                                   issue_identified=issue_identified.strip(), finding=finding, action=action,
                                   responsibility_note=responsibility_note.strip(), created_by=actor)
    item.entries.set(entries)
    trail.record(actor, Verb.PLAN_ITEM_ADDED, item, event=event.pk, heading=heading.pk, number=item.number,
                 finding=finding.pk, action=action.pk, entries=[entry.pk for entry in entries])
    return item


@service(Perm.EDIT_REPORT, on="item")
def edit_item(*, actor, item, issue_identified, responsibility_note, heading):
    """Change the issue, the responsibility note and the heading (moving to another heading puts the item last
    there and closes up the old one). The finding's text is improvement's record of when it was found, and is
    left as it was."""
    event = item.event
    lock(event)
    item.refresh_from_db()
    _in_analysis(event)
    _check_heading(event, heading)
    errors = {}
    if not issue_identified.strip():
        errors["issue_identified"] = "Enter the issue identified"
    if len(responsibility_note) > 120:
        errors["responsibility_note"] = "The responsibility note must be 120 characters or fewer"
    if errors:
        raise ValidationError(errors)
    old_heading, old_number = item.heading, item.number
    item.issue_identified, item.responsibility_note = issue_identified.strip(), responsibility_note.strip()
    if heading.pk != old_heading.pk:
        item.heading, item.number = heading, _next_number(event, heading)
    item.save(update_fields=["issue_identified", "responsibility_note", "heading", "number"])
    if heading.pk != old_heading.pk:
        _close_up(event, old_heading, old_number)
    trail.record(actor, Verb.PLAN_ITEM_UPDATED, item, event=event.pk, heading=[old_heading.pk, heading.pk],
                 number=[old_number, item.number])
    return item


@service(Perm.EDIT_REPORT, on="item")
def move_item(*, actor, item, up):
    """"Move up" or "Move down" within its heading: swap numbers with the neighbour (never drag, §1.1)."""
    event = item.event
    lock(event)
    item.refresh_from_db()
    _in_analysis(event)
    target = item.number - 1 if up else item.number + 1
    neighbour = PlanItem.objects.filter(event=event, heading=item.heading, number=target).first()
    if neighbour is None:
        raise ValidationError(f"This item is already {'first' if up else 'last'} under its heading.")
    # the unique (event, heading, number) forbids a direct swap: park one number at 0 first
    old = item.number
    item.number = 0
    item.save(update_fields=["number"])
    neighbour.number = old
    neighbour.save(update_fields=["number"])
    item.number = target
    item.save(update_fields=["number"])
    trail.record(actor, Verb.PLAN_ITEM_UPDATED, item, event=event.pk, number=[old, target])
    return item


@service(Perm.EDIT_REPORT, on="item")
def remove_item(*, actor, item):
    """Take the item off the plan: its action is cancelled in improvement (kept, with its finding), the
    PlanItem goes and the heading's later items close up."""
    event = item.event
    lock(event)
    item.refresh_from_db()
    _in_analysis(event)
    action = item.action
    if action.status != Action.Status.CANCELLED:
        improvement.change_action_status.step(
            actor=actor, action=action, status=Action.Status.CANCELLED, changed_on=timezone.localdate(),
            note=f"Removed from the action plan of practice {event.kind} {event.pk}")
    heading, number, pk = item.heading, item.number, item.pk
    item.entries.clear()
    item.delete()
    _close_up(event, heading, number)
    trail.record(actor, Verb.PLAN_ITEM_REMOVED, event, item=pk, heading=heading.pk, number=number,
                 action=action.pk)
    return action
