"""The menu marks one current item, the one whose address is the longest start of the page's; a team's
page lists what other apps hold about the team (core/site.py's registries)."""

import re

from django.test import RequestFactory
from django.urls import reverse

from triangulate.core.context_processors import layout
from triangulate.core.roles import Role


def current_items(user, path):
    request = RequestFactory().get(path)
    request.user = user
    return [item["text"] for item in layout(request)["nav_items"] if item["active"]]


def test_only_the_most_specific_menu_item_is_current(world):
    lead = world.users[Role.QA_LEAD]
    assert current_items(lead, reverse("performance:timescales")) == ["Timescales"]
    assert current_items(lead, reverse("performance:kpi_detail", args=["referrals_rate"])) == ["Performance"]
    assert current_items(lead, reverse("core:home")) == ["Home"]
    assert current_items(lead, "/nowhere/") == []


def test_a_team_page_links_to_the_teams_performance_measures(world, client_for):
    page = client_for(world.users[Role.TEAM_MANAGER]).get(reverse("people:team_detail", args=[world.own.pk]))
    href = reverse("performance:team", args=[world.own.pk])
    assert re.search(rf'href="{re.escape(href)}">Safeguarding North 1: performance measures</a>',
                     page.content.decode())
