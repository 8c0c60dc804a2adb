"""The done-when of issue 14's sign-in (docs/design/estate.md §1): in Chromium, a team manager signs in through a
real OpenID Connect provider running on 127.0.0.1 (npm oidc-provider, standing in for Entra ID), gets the role and
team the council's group maps to, and sees only that team; signing out ends the provider's session too; someone
the council has not given access is told so on the sign-in page."""

import pytest

from triangulate.core.roles import Role
from triangulate.sso.models import ExternalIdentity, GroupMapping

from .conftest import checked, go, sign_in
from .oidc import local_provider

TEAM_MANAGERS_NORTH_1 = "0b6f7e1c-5d7a-4c55-9a36-2f4e8c1d9a10"  # an Entra group's object id, as its token lists it
AUDITORS = "7d3c2b1a-0e9f-4a8b-8c7d-6e5f4a3b2c1d"
ACCOUNTS = {
    "tina": {"oid": "3f2a8d51-9c4b-4e0a-b7d6-1a2b3c4d5e6f", "email": "Tina.Marsh@council.example",
             "given_name": "Tina", "family_name": "Marsh", "groups": [AUDITORS, TEAM_MANAGERS_NORTH_1, "unmapped"]},
    "sam": {"oid": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "email": "sam.stranger@council.example",
            "given_name": "Sam", "family_name": "Stranger", "groups": ["unmapped"]},
}


@pytest.fixture
def provider(live_server, tmp_path, settings):
    process, issuer = local_provider.start(tmp_path, live_server.url, ACCOUNTS)
    local_provider.configure(settings, issuer)
    yield issuer
    process.terminate()
    process.wait(10)


def sign_in_at_provider(page, login):
    page.get_by_role("button", name="Sign in with your council account").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password: the provider checks it, not us")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(lambda url: "127.0.0.1" not in url)  # back from the provider
    # the provider's development pages fetch a favicon and fonts this closed network cannot reach: their
    # errors are not ours (each of our pages is checked once we are back)
    page.console_errors.clear()


def map_group(page, label, claim_value, role, rank, team=None):
    go(page, lambda: page.get_by_role("link", name="Map a group").click(), "Map a council group")
    page.get_by_label("Name", exact=True).fill(label)
    page.get_by_label("Group object ID or app role").fill(claim_value)
    page.get_by_label("Role", exact=True).select_option(label=role)
    if team:
        page.get_by_role("group", name="Teams they see").get_by_label(team).check()
    page.get_by_label("Order", exact=True).fill(str(rank))
    go(page, lambda: page.get_by_role("button", name="Save mapping").click(), "Council sign-in")


def test_a_mapped_team_manager_signs_in_and_sees_only_their_team(page, live_server, world, provider):
    # the system administrator (a local account) maps the council's groups
    sign_in(page, live_server, "system_admin")
    go(page, lambda: page.get_by_role("navigation", name="Menu").get_by_role("link", name="Council sign-in").click(),
       "Council sign-in")
    map_group(page, "CSC auditors", AUDITORS, "Auditor", 30)
    map_group(page, "CSC team managers, North 1", TEAM_MANAGERS_NORTH_1, "Team manager", 20, team=world.own.name)
    rows = page.locator("main table tbody tr").all_inner_texts()
    assert [r.split("\t")[:2] for r in rows] == [["20", "CSC team managers, North 1"], ["30", "CSC auditors"]]
    page.get_by_role("button", name="Sign out").click()

    page.goto(f"{live_server.url}/people/teams/")  # not signed in: the sign-in page, with the way back kept
    page.get_by_role("heading", name="Sign in", level=1).wait_for()
    checked(page)
    sign_in_at_provider(page, "tina")

    page.get_by_role("heading", name="Teams", level=1).wait_for()  # back where she was going
    checked(page)
    teams = page.locator("main table tbody th").all_inner_texts()
    assert teams == [world.own.name]
    tina = ExternalIdentity.objects.get(subject=ACCOUNTS["tina"]["oid"]).user
    assert (tina.username, tina.email, tina.profile.role) == ("tina.marsh@council.example",
                                                              "tina.marsh@council.example", Role.TEAM_MANAGER)
    assert list(tina.profile.teams.all()) == [world.own]
    assert not tina.has_usable_password()

    response = page.goto(f"{live_server.url}/people/teams/{world.other.pk}/")
    assert response.status == 404  # another team's page does not exist for her
    page.goto(f"{live_server.url}/people/teams/{world.own.pk}/")
    page.get_by_role("heading", name=world.own.name, level=1).wait_for()

    # signing out ends the provider's session too: the next person at this computer must sign in again
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.get_by_role("heading", name="Sign in", level=1).wait_for()
    page.get_by_role("button", name="Sign in with your council account").click()
    page.locator("input[name=login]").wait_for()


def test_someone_the_council_has_not_given_access_is_told_so(page, live_server, world, provider):
    GroupMapping.objects.create(claim_value=TEAM_MANAGERS_NORTH_1, label="CSC team managers, North 1",
                                role=Role.TEAM_MANAGER, rank=20)
    page.goto(f"{live_server.url}/sign-in/")
    sign_in_at_provider(page, "sam")
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "There is no Triangulate account for you" in summary.inner_text()
    assert page.url == f"{live_server.url}/sign-in/"  # nothing about the person in the address
    checked(page)
    assert not ExternalIdentity.objects.exists()
