"""Home for an account without a role (docs/design/practice.md §1.7): it shows the panels marked `roleless` that
have something to say (a practice guest's "Your practice visits"), and "You do not have a role yet" otherwise.
Accounts with a role see every panel they may, role-less ones included; a role-less account never sees another."""

import pytest
from django.urls import reverse

from triangulate.core import site
from triangulate.core.roles import Role
from triangulate.people.rules import Perm

from ..factories import make_user

TEMPLATE = "people/_home_scope.html"  # any panel template: it says "You can see n teams"


@pytest.fixture
def panels(monkeypatch):
    """A role-less panel for one named account, and an ordinary panel for everyone, registered for one test."""
    monkeypatch.setattr(site, "_panels", dict(site._panels))

    def guests_panel(user):
        return {"teams_in_scope": 41} if user.username == "guest.gail.guest" else None

    site.add_home_panel(site.HomePanel("test_guest", TEMPLATE, context=guests_panel, roleless=True, order=1))
    site.add_home_panel(site.HomePanel("test_everyone", TEMPLATE, context=lambda user: {"teams_in_scope": 97},
                                       order=2))
    site.add_home_panel(site.HomePanel("test_roleless_with_permission", TEMPLATE, roleless=True, order=3,
                                       context=lambda user: {"teams_in_scope": 53},
                                       permission=Perm.VIEW_TEAMS))


def test_a_guest_sees_only_the_roleless_panels_with_context(db, panels, client_for):
    guest = make_user("", username="guest.gail.guest")
    response = client_for(guest).get(reverse("core:home"))
    assert response.status_code == 200
    assert b"You can see 41 teams" in response.content
    assert b"You can see 97 teams" not in response.content  # not a role-less panel
    assert b"You can see 53 teams" not in response.content  # role-less, but its permission needs a role
    assert b"Your role" not in response.content
    assert b"You do not have a role yet" not in response.content


def test_a_roleless_account_with_nothing_to_show_is_told_it_has_no_role(db, panels, client_for):
    response = client_for(make_user("", username="norole")).get(reverse("core:home"))
    assert response.status_code == 200
    assert b"You do not have a role yet" in response.content
    assert b"You can see" not in response.content


def test_accounts_with_a_role_see_roleless_panels_too(world, panels, client_for):
    response = client_for(world.users[Role.AUDITOR]).get(reverse("core:home"))
    assert b"You can see 97 teams" in response.content and b"You can see 53 teams" in response.content
    assert b"You can see 41 teams" not in response.content  # its context is None for this account
    assert b"Your role: Auditor" in response.content
