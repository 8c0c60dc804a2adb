"""A team's summary (design §6.4): its visits, its felt-supported answer and every entry by heading and kind, with
no assessor's name on an entry and no child id; managers of the team see it once the organiser shares summaries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent

from ..factories import TeamFactory, make_user, theme
from .analysis_example import build_example
from .factories import ObservationEntryFactory
from .page_text import words

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    return build_example()


def url(example, team):
    return reverse("practice:team_summary", args=[example.event.pk, example.teams[team].pk])


def test_west_1s_summary(example, client_for):
    ObservationEntryFactory(observation=example.observations["O3"], heading=example.event.headings.get(number=2),
                            kind="exemplar", theme=theme("voice-of-the-child"), child_ref="A07123",
                            text="The worker's direct work changed the plan")
    response = client_for(example.organiser).get(url(example, "West 1"))
    assert response.status_code == 200
    content = response.content.decode()
    text = words(content)
    assert "Safeguarding West 1: team summary" in text
    assert "Team meeting Bob Assessor Happened" in text and "Team meeting Cat Assessor Happened" in text
    assert "Felt supported Mixed." in text  # O2 mixed, O3 yes
    assert ("1. Leadership Area for development Supervision notes list tasks only (Management oversight and "
            "supervision) Senior practitioner carries a full caseload and cannot supervise (Workforce and "
            "caseloads) Caseloads above 25 (Workforce and caseloads)") in text
    assert ("2. The voice of the child Strength Direct work with colours for feelings (Voice of the child) Area for "
            "development Child's views not written up after visits (Voice of the child) Case example The worker's "
            "direct work changed the plan (Voice of the child)") in text
    assert "Caseloads high" not in text  # South 2's
    assert "A07123" not in content  # never a child id on a summary


def test_north_1_has_its_draft_left_out(example, client_for):
    text = words(client_for(example.organiser).get(url(example, "North 1")).content)
    assert "Felt supported Not asked." in text
    assert "Team meeting well chaired" in text and "Team meeting was lively" not in text  # e10 is a draft's
    assert "Removed before hand in" not in text


def test_managers_of_the_team_read_it_once_summaries_are_shared(example, client_for):
    manager = client_for(make_user(Role.TEAM_MANAGER, teams=[example.teams["West 1"]]))
    assert manager.get(url(example, "West 1")).status_code == 403
    PracticeEvent.objects.filter(pk=example.event.pk).update(summaries_shared_at=timezone.now())
    assert manager.get(url(example, "West 1")).status_code == 200
    assert manager.get(url(example, "South 2")).status_code == 404  # not their team, not an assessor
    service_manager = client_for(make_user(Role.SERVICE_MANAGER, service_areas=[example.teams["West 1"].service_area]))
    assert service_manager.get(url(example, "West 1")).status_code == 200


def test_an_assessor_reads_every_team_of_the_event(example, client_for):
    ann = client_for(example.users["ann"])  # an auditor who visited South 2 and North 1
    assert ann.get(url(example, "West 1")).status_code == 200
    assert client_for(make_user(Role.AUDITOR)).get(url(example, "West 1")).status_code == 403


def test_a_team_not_in_the_event_is_not_found(example, client_for):
    elsewhere = TeamFactory(council=example.event.council, name="Fostering")
    response = client_for(example.organiser).get(
        reverse("practice:team_summary", args=[example.event.pk, elsewhere.pk]))
    assert response.status_code == 404
