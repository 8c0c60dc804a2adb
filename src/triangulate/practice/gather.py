"""The Django side of the analysis (design §6): an event's models turned into analysis/records.py's plain records.

The cohort is the event's **handed-in** observations and their entries (§6.1): drafts are out of the analysis
until they are handed in, so they are not read here at all (`drafts` lists them apart, A7). Removed entries are
read as tombstones (`removed=True`) and counts.cohort leaves them out, so the pure code keeps that rule in one
place. The analysis pages and the report's pre-fill (S5) both call `event_records`, so both count the same."""

from dataclasses import dataclass

from .analysis.records import EntryRecord, ObservationRecord
from .models import Observation, ObservationEntry


@dataclass(frozen=True)
class EventRecords:
    """An event's cohort as plain records, with what a page needs to name their keys."""

    observations: tuple  # ObservationRecord, handed in, by id
    entries: tuple  # EntryRecord of those observations (removed ones as tombstones), by id
    headings: tuple  # the event's EventHeadings, by number (EntryRecord.heading is a heading's pk)
    theme_names: dict  # theme slug -> name, for the themes of the entries
    theme_order: dict  # theme slug -> (order, name): core's theme order, for sorting rows


def observation_record(observation):
    return ObservationRecord(
        id=observation.pk,
        team_id=observation.team_id,
        team_name=observation.team.name,
        state=observation.state,
        felt_supported=observation.felt_supported,
        heard_from=frozenset(observation.heard_from or ()),
    )


def entry_record(entry):
    return EntryRecord(
        id=entry.pk,
        observation_id=entry.observation_id,
        heading=entry.heading_id,
        kind=entry.kind,
        theme=entry.theme.slug,
        text=entry.text,
        created_at=entry.created_at,
        removed=entry.removed_at is not None,
        quote_by=entry.quote_by,
        may_quote=entry.may_quote,
    )


def handed_in(event):
    return Observation.objects.filter(event=event, state=Observation.State.HANDED_IN)


def event_records(event):
    """The event's handed-in observations and their entries, as records (§6.1)."""
    observations = list(handed_in(event).select_related("team").order_by("pk"))
    entries = list(ObservationEntry.objects.filter(observation__in=[o.pk for o in observations])
                   .select_related("theme").order_by("pk"))
    themes = {e.theme.slug: e.theme for e in entries}
    return EventRecords(
        observations=tuple(observation_record(o) for o in observations),
        entries=tuple(entry_record(e) for e in entries),
        headings=tuple(event.headings.order_by("number")),
        theme_names={slug: t.name for slug, t in themes.items()},
        theme_order={slug: (t.order, t.name) for slug, t in themes.items()},
    )


def drafts(event):
    """A7: the event's observations not handed in, listed apart (never counted)."""
    return (Observation.objects.filter(event=event, state=Observation.State.DRAFT)
            .select_related("team", "assessor", "visit").order_by("visit__date", "visit__starts_at", "pk"))
