"""The organiser's representative entries (design §6.3, §1.5 EntryPick): pick, unpick and reorder.

Picks come first, in their order, among a (heading, theme, kind) group's representative entries; the rest is
filled automatically (analysis/representative.py). A pick is kept on the event's AnalysisReport, which is made
here if it does not exist yet (a draft: picking can start before anyone opens the report). Positions are kept
1, 2, 3… across the event's picks, so "Move up" and "Move down" swap with the neighbour in that one order.

Only entries the analysis counts can be picked: a handed-in observation's entry, not removed, of this event. The
report must still be a draft: an approved report is locked (§7.1), and its picks with it."""

from django.core.exceptions import ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service

from ..models import AnalysisReport, EntryPick, Observation
from ..rules import Perm
from ..verbs import Verb


def _report_of(event, actor):
    """The event's report, made as a draft if it has none yet."""
    report, created = AnalysisReport.objects.get_or_create(event=event, defaults={"updated_by": actor})
    if created:
        trail.record(actor, Verb.REPORT_CREATED, report, event=event.pk)
    return report


def _check(event, entry):
    if entry.observation.event_id != event.pk:
        raise ValidationError("That entry is not from this event.")
    if entry.observation.state != Observation.State.HANDED_IN or entry.removed_at is not None:
        raise ValidationError("Only entries from handed-in observations can be chosen.")


def _editable(report):
    if report.status == AnalysisReport.Status.APPROVED:
        raise ValidationError("The report is approved: reopen it to change its representative entries.")


@service(Perm.EDIT_REPORT, on="event")
def pick(*, actor, event, entry):
    """Add `entry` to the organiser's picks, last; picking it again changes nothing."""
    _check(event, entry)
    report = _report_of(event, actor)
    _editable(report)
    existing = EntryPick.objects.filter(report=report, entry=entry).first()
    if existing:
        return existing
    last = report.picks.order_by("-position").values_list("position", flat=True).first() or 0
    chosen = EntryPick.objects.create(report=report, entry=entry, position=last + 1)
    trail.record(actor, Verb.ENTRY_PICKED, chosen, event=event.pk, entry=entry.pk, position=chosen.position)
    return chosen


@service(Perm.EDIT_REPORT, on="event")
def unpick(*, actor, event, entry):
    """Take `entry` out of the picks; the others close up."""
    report = AnalysisReport.objects.filter(event=event).first()
    chosen = report and EntryPick.objects.filter(report=report, entry=entry).first()
    if not chosen:
        raise ValidationError("That entry is not one of the chosen entries.")
    _editable(report)
    trail.record(actor, Verb.ENTRY_UNPICKED, chosen, event=event.pk, entry=entry.pk)
    chosen.delete()
    _renumber(report)


@service(Perm.EDIT_REPORT, on="event")
def move(*, actor, event, entry, up):
    """Swap `entry`'s pick with the one before it (`up`) or after it; at either end nothing changes. The trail
    records the move as the entry picked at its new position."""
    report = AnalysisReport.objects.filter(event=event).first()
    if not report or not EntryPick.objects.filter(report=report, entry=entry).exists():
        raise ValidationError("That entry is not one of the chosen entries.")
    _editable(report)
    order = list(report.picks.order_by("position", "pk"))
    at = next(i for i, p in enumerate(order) if p.entry_id == entry.pk)
    other = at - 1 if up else at + 1
    if 0 <= other < len(order):
        order[at], order[other] = order[other], order[at]
        trail.record(actor, Verb.ENTRY_PICKED, order[other], event=event.pk, entry=entry.pk, position=other + 1)
    _renumber(report, order)


def _renumber(report, order=None):
    for position, chosen in enumerate(order or report.picks.order_by("position", "pk"), start=1):
        if chosen.position != position:
            chosen.position = position
            chosen.save(update_fields=["position"])


def picked_ids(event):
    """The picked entries' ids in the organiser's order (representative.representative's `picks`)."""
    return list(EntryPick.objects.filter(report__event=event).order_by("position", "pk")
                .values_list("entry_id", flat=True))
