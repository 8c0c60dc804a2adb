"""A guest's account against every page of the permission matrix (docs/design/practice.md §3.4, §8.2, decision 6).

A guest of the matrix's week (a role-less account with a visit to the own team) gets 200 only on "Your practice
visits", their own visit's observe page (once slice S3's page is there), their own brief and the week's blank form;
403 or 404 everywhere else, another visit's observe and another assessor's brief among them. Home and changing one's
own password answer every signed-in account (home shows a guest only their panel). When the account's access ends it
is signed out with "Your access to Triangulate has ended"."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ..practice.factories import VisitFactory, make_guest
from .test_matrix import PAGES, TEAM_PAGES, records, shared, url_for, world  # noqa: F401 (the matrix's fixtures)

ANSWER_EVERYONE = {"core:home", "people:password_change"}
GUEST_PAGES = {"practice:my_visits", "practice:blank_form_pdf"}  # of the matrix's own records


@pytest.fixture
def guest(world, records):  # noqa: F811 (the fixture imported above)
    week = records["own"]["practice_event"]
    assessor = make_guest(week, expires_at=timezone.now() + timedelta(days=10))
    visit = VisitFactory(event=week, event_team=week.teams.get(team=world.own), assessor=assessor)
    return assessor, visit


def matrix_requests(records):  # noqa: F811
    for name, kind, _ in PAGES:
        yield name, records["own"][kind] if kind else None
    for name, kind, _, _ in TEAM_PAGES:
        for side in ("own", "other"):
            yield name, records[side][kind]


def test_a_guest_opens_only_their_own_pages(guest, records, client_for):  # noqa: F811
    assessor, visit = guest
    client = client_for(assessor.user)
    opened = set()
    for name, obj in matrix_requests(records):
        if name in ANSWER_EVERYONE:
            continue
        status = client.get(url_for(name, obj)).status_code
        if name in GUEST_PAGES:
            assert status == 200, name
            opened.add(name)
        else:
            assert status in (403, 404), f"{name}: {status}"
    assert opened == GUEST_PAGES
    assert client.get(reverse("practice:brief_pdf", args=[assessor.pk])).status_code == 200
    try:
        own_observe = reverse("practice:observe", args=[visit.pk])
    except NoReverseMatch:  # slice S3's page has not landed on this branch
        return
    assert client.get(own_observe).status_code == 200


def test_after_the_access_ends_the_guest_is_signed_out(guest, client_for):
    assessor, _ = guest
    client = client_for(assessor.user)
    assert client.get(reverse("practice:my_visits")).status_code == 200
    profile = assessor.user.profile
    profile.expires_at = timezone.now() - timedelta(seconds=1)
    profile.save()
    response = client.get(reverse("practice:my_visits"), follow=True)
    assert response.redirect_chain[0] == (reverse("core:login"), 302)
    assert "Your access to Triangulate has ended" in response.content.decode()
    assert client.get(reverse("practice:brief_pdf", args=[assessor.pk])).status_code == 302
