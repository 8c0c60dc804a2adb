"""A small good practice library over the §6.2 example (tests/practice/analysis_example.py), for S7's page and
browser tests, made through the services (slice S7's test helper).

Teams South 2, West 1 and North 1. Items, by label (status, team, theme, title; text):
  nurse    published  North 1  multi-agency-working  "School nurse at allocation"
           "The school nurse attends the allocation meeting and meets the child in school."
  colours  published  West 1   voice-of-the-child    "Colours for feelings"
           "Direct work with colours for feelings: the child chose the colours for each worry."
  rang     published  South 2  voice-of-the-child    "Ringing before the first visit"
           "The worker rang the child before the first visit so the child knew who was coming."
  plan     proposed   West 1   parent-and-carer-experience  "Plans explained to parents"
           "Mum said the plan was explained in plain words at the meeting."
  case     withdrawn  North 1  voice-of-the-child    "Meeting where the child chose"
           "The child chose where to meet." (a case example from an exemplar carrying child id C1234)

Searching (every word in title or text, case-insensitive): "child" finds nurse, colours and rang for a reader
(plan and case are not published); "CHILD first" finds rang only; "school" finds nurse; theme voice finds colours
and rang; team West 1 finds colours; team North 1 finds nurse."""

from dataclasses import dataclass, field

from triangulate.practice.models import LibraryItem, ObservationEntry
from triangulate.practice.services import library

from ..factories import theme
from .analysis_example import GOOD, Example, build_example
from .factories import ObservationEntryFactory

CHILD_REF = "C1234"

ITEMS = {  # label: (entry label, kind, theme, title, text)
    "nurse": ("e12", "innovative_practice", "multi-agency-working", "School nurse at allocation",
              "The school nurse attends the allocation meeting and meets the child in school."),
    "colours": ("e7", "innovative_practice", "voice-of-the-child", "Colours for feelings",
                "Direct work with colours for feelings: the child chose the colours for each worry."),
    "rang": ("e3", "innovative_practice", "voice-of-the-child", "Ringing before the first visit",
             "The worker rang the child before the first visit so the child knew who was coming."),
    "plan": ("e8", "innovative_practice", "parent-and-carer-experience", "Plans explained to parents",
             "Mum said the plan was explained in plain words at the meeting."),
    "case": ("exemplar", "case_example", "voice-of-the-child", "Meeting where the child chose",
             "The child chose where to meet."),
}
PUBLISHED = ("nurse", "colours", "rang")


@dataclass
class LibraryWorld:
    example: Example
    items: dict = field(default_factory=dict)  # label: LibraryItem

    @property
    def organiser(self):
        return self.example.organiser


def build_library(**example_fields):
    ex = build_example(**example_fields)
    entries = dict(ex.entries)
    entries["exemplar"] = ObservationEntryFactory(
        observation=ex.observations["O5"], heading=ex.event.headings.get(number=GOOD),
        kind=ObservationEntry.Kind.EXEMPLAR, theme=theme("voice-of-the-child"), child_ref=CHILD_REF,
        text=f"Child {CHILD_REF} chose where to meet")
    world = LibraryWorld(example=ex)
    for label, (entry, kind, slug, title, text) in ITEMS.items():
        world.items[label] = library.propose_item(actor=ex.organiser, entry=entries[entry], title=title, text=text,
                                                  kind=kind, theme=theme(slug))
    for label in PUBLISHED:
        library.publish_item(actor=ex.organiser, item=world.items[label], no_names_checked=True)
    library.withdraw_item(actor=ex.organiser, item=world.items["case"], reason="Too easy to identify")
    for item in world.items.values():
        item.refresh_from_db()
    assert LibraryItem.objects.filter(status="published").count() == 3
    return world
