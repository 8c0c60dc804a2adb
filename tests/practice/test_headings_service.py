"""services/headings.py (design §1.1): an event's headings are added, edited, moved and deleted until its first entry
is saved; after that only guidance and prompts change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.practice.services import headings
from triangulate.practice.verbs import Verb

from ..factories import TeamFactory, make_user, theme
from .factories import ObservationEntryFactory, ObservationFactory, VisitFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    qa = make_user(Role.QA_LEAD)
    team = TeamFactory()
    week = make_event(council=team.council, organisers=[qa], teams=[team])
    week.qa = qa
    return week


def titles(event):
    return [(h.number, h.title) for h in event.headings.order_by("number")]


DEFAULTS = [(1, "Leadership"), (2, "The voice of the child"), (3, "The parent/carer experience"),
            (4, "Good or innovative practice")]


def test_the_event_starts_with_the_four_default_headings(event):
    assert titles(event) == DEFAULTS


def test_a_new_heading_is_numbered_after_the_last(event):
    heading = headings.add_heading(actor=event.qa, event=event, title=" Multi-agency working ",
                                   prompts="Do partners come to the meetings?",
                                   themes=[theme("multi-agency-working")])
    assert (heading.number, heading.title, heading.mode) == (5, "Multi-agency working", "strengths_and_development")
    assert [t.slug for t in heading.themes.all()] == ["multi-agency-working"]
    assert AuditEvent.objects.get(verb=Verb.HEADING_CREATED).changes == {
        "event": event.pk, "number": 5, "mode": "strengths_and_development"}


def test_moving_up_and_down_swaps_neighbours(event):
    voice = event.headings.get(number=2)
    headings.move_heading(actor=event.qa, heading=voice, direction="up")
    assert titles(event) == [(1, "The voice of the child"), (2, "Leadership"), (3, "The parent/carer experience"),
                             (4, "Good or innovative practice")]
    headings.move_heading(actor=event.qa, heading=event.headings.get(title="Leadership"), direction="down")
    assert titles(event)[1:3] == [(2, "The parent/carer experience"), (3, "Leadership")]
    with pytest.raises(ValidationError, match="already the first heading"):
        headings.move_heading(actor=event.qa, heading=event.headings.get(number=1), direction="up")
    with pytest.raises(ValidationError, match="already the last heading"):
        headings.move_heading(actor=event.qa, heading=event.headings.get(number=4), direction="down")


def test_deleting_closes_the_gap_and_keeps_one(event):
    headings.delete_heading(actor=event.qa, heading=event.headings.get(number=2))
    assert titles(event) == [(1, "Leadership"), (2, "The parent/carer experience"),
                             (3, "Good or innovative practice")]
    for _ in range(2):
        headings.delete_heading(actor=event.qa, heading=event.headings.get(number=1))
    with pytest.raises(ValidationError, match="at least one heading"):
        headings.delete_heading(actor=event.qa, heading=event.headings.get())


def test_editing_before_entries_changes_everything(event):
    practice = event.headings.get(number=4)
    headings.edit_heading(actor=event.qa, heading=practice, title="Innovative practice", mode="examples",
                          themes=[theme("leadership")])
    practice.refresh_from_db()
    assert practice.title == "Innovative practice" and [t.slug for t in practice.themes.all()] == ["leadership"]
    assert AuditEvent.objects.get(verb=Verb.HEADING_UPDATED).changes["changed"] == ["themes", "title"]
    with pytest.raises(ValidationError) as error:
        headings.edit_heading(actor=event.qa, heading=practice, title="")
    assert "title" in error.value.message_dict


def test_after_the_first_entry_only_guidance_and_prompts_change(event):
    leadership = event.headings.get(number=1)
    visit = VisitFactory(event=event, event_team=event.teams.get())
    ObservationEntryFactory(observation=ObservationFactory(visit=visit), heading=leadership)
    headings.edit_heading(actor=event.qa, heading=leadership, title="Leadership", guidance="One point per entry.",
                          prompts="Are managers visible?")
    leadership.refresh_from_db()
    assert (leadership.guidance, leadership.prompts) == ("One point per entry.", "Are managers visible?")
    with pytest.raises(ValidationError, match="title, what it collects and its themes stay"):
        headings.edit_heading(actor=event.qa, heading=leadership, title="Management")
    with pytest.raises(ValidationError, match="can no longer be moved"):
        headings.move_heading(actor=event.qa, heading=leadership, direction="down")
    with pytest.raises(ValidationError, match="can no longer be deleted"):
        headings.delete_heading(actor=event.qa, heading=leadership)
    with pytest.raises(ValidationError, match="can no longer be added"):
        headings.add_heading(actor=event.qa, event=event, title="More")


def test_only_an_organiser_changes_headings(event):
    with pytest.raises(PermissionDenied):
        headings.move_heading(actor=make_user(Role.PRINCIPAL_SOCIAL_WORKER), heading=event.headings.get(number=2),
                              direction="up")
