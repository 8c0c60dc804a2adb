"""Status changes carry the version of the page they were posted from: a cancellation from an
out-of-date page does not land on a completion, and completing again keeps the evidence."""

import html as html_lib
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from triangulate.core.concurrency import StaleEdit
from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.models import Action

from ..factories import theme


@pytest.fixture
def action(world):
    return services.create_action(
        actor=world.users[Role.TEAM_MANAGER], title="Refresh chronologies", rationale="New workers lack history",
        priority="high", owner=world.users[Role.PRACTITIONER], due_date=date(2027, 1, 29), theme=theme("recording"),
        team=world.own)


def status_post(status, version, evidence=""):
    today = timezone.localdate()
    return {"status": status, "changed_on-day": str(today.day), "changed_on-month": str(today.month),
            "changed_on-year": str(today.year), "note": "", "evidence": evidence, "version": version}


def test_a_cancellation_from_an_out_of_date_page_does_not_land_on_a_completion(action, world, client_for):
    owner, manager = client_for(world.users[Role.PRACTITIONER]), client_for(world.users[Role.TEAM_MANAGER])
    detail, url = reverse("improvement:action_detail", args=[action.pk]), reverse("improvement:action_status",
                                                                                   args=[action.pk])
    seen = re.search(r'name="version" value="(\d+)"', manager.get(detail).content.decode()).group(1)
    assert owner.post(url, status_post("complete", seen, evidence="All 23 updated")).status_code == 302
    response = manager.post(url, status_post("cancelled", seen))
    page = html_lib.unescape(response.content.decode())
    assert response.status_code == 200 and "Not saved" in page
    assert re.search(r"New status.*?<td[^>]*>Complete</td>\s*<td[^>]*>Cancelled</td>", page, re.S)
    action.refresh_from_db()
    assert (action.status, action.evidence) == ("complete", "All 23 updated")
    assert list(action.status_history.order_by("id").values_list("status", flat=True)) == ["not_started", "complete"]


def test_the_service_refuses_a_status_change_drawn_from_an_older_version(action, world):
    owner = world.users[Role.PRACTITIONER]
    today = timezone.localdate()
    services.change_action_status(actor=owner, action=action, status="in_progress", changed_on=today,
                                  expected_version=1)
    with pytest.raises(StaleEdit):
        services.change_action_status(actor=owner, action=Action.objects.get(pk=action.pk), status="cancelled",
                                      changed_on=today, expected_version=1)
    assert Action.objects.get(pk=action.pk).status == "in_progress"


def test_completing_again_keeps_the_first_evidence(action, world):
    owner = world.users[Role.PRACTITIONER]
    today = timezone.localdate()
    services.change_action_status(actor=owner, action=action, status="complete", changed_on=today,
                                  evidence="All 23 chronologies updated")
    services.change_action_status(actor=owner, action=action, status="in_progress", changed_on=today,
                                  note="Two were missed")
    services.change_action_status(actor=owner, action=action, status="complete", changed_on=today,
                                  evidence="The last 2 updated")
    action.refresh_from_db()
    assert action.evidence == "All 23 chronologies updated\n\nThe last 2 updated"
    assert action.version == 4
