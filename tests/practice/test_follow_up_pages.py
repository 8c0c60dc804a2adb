"""The follow-up page and a team's practice events (design §6.5, §9.1), read by the team's manager."""

import pytest
from django.urls import reverse

from triangulate.core.roles import Role

from ..factories import TeamFactory, make_user
from .follow_up_world import build_follow_up

pytestmark = pytest.mark.django_db


def test_the_team_manager_sees_the_panel_with_the_worked_example(world, client_for):
    fw = build_follow_up(team=world.own)
    page = client_for(world.users[Role.TEAM_MANAGER]).get(
        reverse("practice:follow_up", args=[fw.day.pk, world.own.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Since Practice week February 2026" in text
    assert "67% (2 of 3 actions seen improved or with some progress)" in text
    assert "25% (1 of 4 actions not cancelled)" in text
    for title in ("Review caseload weighting", "Protect supervision time", "Record the child&#39;s views",
                  "Refresh the duty rota"):
        assert title in text
    assert "West&#39;s action" not in text
    assert "Overdue" in text and "Rota agreed" in text
    assert "Caseloads high in Safeguarding North 1" in text  # an earlier development entry


def test_a_team_out_of_scope_is_not_found(world, client_for):
    fw = build_follow_up(team=world.own)
    elsewhere = TeamFactory(name="Far away", council=world.own.council)
    manager = make_user(Role.TEAM_MANAGER, teams=[elsewhere])
    assert client_for(manager).get(reverse("practice:follow_up", args=[fw.day.pk, world.own.pk])).status_code == 404
    assert client_for(manager).get(reverse("practice:team_practice", args=[world.own.pk])).status_code == 404


def test_the_teams_practice_events_link_to_the_follow_up(world, client_for):
    fw = build_follow_up(team=world.own)
    client = client_for(world.users[Role.TEAM_MANAGER])
    text = client.get(reverse("practice:team_practice", args=[world.own.pk])).content.decode()
    assert text.index("Practice day March 2026") < text.index("Practice week February 2026")
    assert reverse("practice:follow_up", args=[fw.day.pk, world.own.pk]) in text
    team_page = client.get(reverse("people:team_detail", args=[world.own.pk])).content.decode()
    assert reverse("practice:team_practice", args=[world.own.pk]) in team_page
    assert f"{world.own.name}: practice observation" in team_page


def test_practitioners_and_elected_members_are_refused(world, client_for):
    fw = build_follow_up(team=world.own)
    for role in (Role.PRACTITIONER, Role.ELECTED_MEMBER):
        response = client_for(world.users[role]).get(reverse("practice:follow_up", args=[fw.day.pk, world.own.pk]))
        assert response.status_code == 403
