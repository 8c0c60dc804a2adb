"""The organiser's representative picks (design §6.3, §1.5 EntryPick): pick, unpick, reorder, and what they do to
the representative entries; through the service and through the analysis page's buttons."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.practice import gather
from triangulate.practice.analysis.counts import cohort
from triangulate.practice.analysis.representative import representative
from triangulate.practice.models import AnalysisReport, EntryPick
from triangulate.practice.services import picks

from ..factories import make_user
from .analysis_example import LEADERSHIP, build_example

pytestmark = pytest.mark.django_db
WORKFORCE_AREAS = "workforce-and-caseloads", "area_for_development"


@pytest.fixture
def example():
    return build_example()


def workforce_areas(event):
    records = gather.event_records(event)
    groups = representative(cohort(records.observations, records.entries), picks.picked_ids(event))
    leadership = event.headings.get(number=LEADERSHIP).pk
    return [e.id for e in groups[(leadership, *WORKFORCE_AREAS)]]


def test_the_first_pick_makes_the_draft_report_and_leads_its_group(example):
    e, event = example.entries, example.event
    assert workforce_areas(event) == [e["e5"].pk, e["e2"].pk]
    picks.pick(actor=example.organiser, event=event, entry=e["e9"])
    report = AnalysisReport.objects.get(event=event)
    assert report.status == AnalysisReport.Status.DRAFT
    assert workforce_areas(event) == [e["e9"].pk, e["e2"].pk]  # West 1 is represented by the pick
    assert list(AuditEvent.objects.filter(verb__startswith="practice_").order_by("pk").values_list("verb", flat=True)) == [
        "practice_report.created", "practice_entry_pick.picked"]


def test_picking_twice_changes_nothing_and_positions_follow_the_order(example):
    e, event, actor = example.entries, example.event, example.organiser
    for label in ("e2", "e9", "e2"):
        picks.pick(actor=actor, event=event, entry=e[label])
    assert picks.picked_ids(event) == [e["e2"].pk, e["e9"].pk]
    assert list(EntryPick.objects.order_by("position").values_list("position", flat=True)) == [1, 2]
    assert workforce_areas(event) == [e["e2"].pk, e["e9"].pk]


def test_move_and_unpick(example):
    e, event, actor = example.entries, example.event, example.organiser
    for label in ("e2", "e9", "e5"):
        picks.pick(actor=actor, event=event, entry=e[label])
    picks.move(actor=actor, event=event, entry=e["e5"], up=True)
    assert picks.picked_ids(event) == [e["e2"].pk, e["e5"].pk, e["e9"].pk]
    picks.move(actor=actor, event=event, entry=e["e2"], up=True)  # already first: nothing moves
    assert picks.picked_ids(event) == [e["e2"].pk, e["e5"].pk, e["e9"].pk]
    picks.unpick(actor=actor, event=event, entry=e["e2"])
    assert picks.picked_ids(event) == [e["e5"].pk, e["e9"].pk]
    assert list(EntryPick.objects.order_by("position").values_list("position", flat=True)) == [1, 2]
    with pytest.raises(ValidationError, match="not one of the chosen"):
        picks.unpick(actor=actor, event=event, entry=e["e2"])


def test_only_the_analysis_entries_of_this_event_can_be_picked(example):
    e, actor = example.entries, example.organiser
    with pytest.raises(ValidationError, match="handed-in"):
        picks.pick(actor=actor, event=example.event, entry=e["e10"])  # on the draft
    with pytest.raises(ValidationError, match="handed-in"):
        picks.pick(actor=actor, event=example.event, entry=e["e13"])  # removed
    other = build_example(organiser=actor, teams=example.teams)
    with pytest.raises(ValidationError, match="not from this event"):
        picks.pick(actor=actor, event=other.event, entry=e["e2"])


def test_an_approved_report_is_locked(example):
    picks.pick(actor=example.organiser, event=example.event, entry=example.entries["e2"])
    AnalysisReport.objects.filter(event=example.event).update(status=AnalysisReport.Status.APPROVED)
    with pytest.raises(ValidationError, match="approved"):
        picks.pick(actor=example.organiser, event=example.event, entry=example.entries["e9"])


def test_only_the_events_organisers_pick(example):
    another_qa_lead = make_user(Role.QA_LEAD)
    with pytest.raises(PermissionDenied):
        picks.pick(actor=another_qa_lead, event=example.event, entry=example.entries["e2"])
    with pytest.raises(PermissionDenied):
        picks.pick(actor=example.users["ann"], event=example.event, entry=example.entries["e2"])


def test_the_page_buttons(example, client_for):
    e, event = example.entries, example.event
    client = client_for(example.organiser)
    url = reverse("practice:entry_pick", args=[event.pk])
    response = client.post(url, {"entry": e["e9"].pk, "action": "pick"})
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:analysis", args=[event.pk]) + "#representative"
    client.post(url, {"entry": e["e2"].pk, "action": "pick"})
    client.post(url, {"entry": e["e2"].pk, "action": "up"})
    assert picks.picked_ids(event) == [e["e2"].pk, e["e9"].pk]
    page = client.get(reverse("practice:analysis", args=[event.pk]))
    assert "Entry moved up" in page.content.decode()
    response = client.post(url, {"entry": e["e10"].pk, "action": "pick"}, follow=True)
    assert "Only entries from handed-in observations can be chosen." in response.content.decode()
    other = build_example(organiser=example.organiser, teams=example.teams)
    response = client.post(url, {"entry": other.entries["e2"].pk, "action": "pick"}, follow=True)
    assert "Choose an entry of this event." in response.content.decode()
