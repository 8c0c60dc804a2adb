"""The guests' pages (design §3.4, §9.1): the organiser invites a guest and sees the link once, sends a new link,
ends access; the guest follows the link, sets a password, is signed in and sees only their own visits, until their
access ends. "Your practice visits" and its home panel. Dates: tests/practice/guests_world.py."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import Assessor

from ..factories import make_user
from .factories import AssessorFactory, VisitFactory, make_event
from .guests_world import at_now, build
from .page_text import words

PASSWORD = "river-lantern-copper-91"


@pytest.fixture
def week(db, monkeypatch):
    at_now(monkeypatch)
    return build()


def set_password_url(path):
    """Where the link sends its follower: the same address with "set-password" for the token (kept in the
    session)."""
    return path.rstrip("/").rsplit("/", 1)[0] + "/set-password/"


def signed_up(path):
    """A new browser that follows the link and sets its password."""
    guest = Client()
    assert guest.get(path)["Location"] == set_password_url(path)
    guest.post(set_password_url(path), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    return guest


def invite_page(client, week):
    return client.get(reverse("practice:guest_invite", args=[week.guest.pk]))


def invited_link(client, week, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practice:guest_invite", args=[week.guest.pk]))
    assert response.status_code == 200
    link = re.search(r"https://triangulate\.council\.example(/practice/guest/[^<\s]+/)", response.content.decode())
    return response, link.group(1)


def test_the_organiser_invites_and_sees_the_link_once(week, client_for, django_capture_on_commit_callbacks):
    organiser = client_for(week.qa_lead)
    page = words(invite_page(organiser, week).content)
    assert "Invite Gail Guest" in page and "Access ends 17 April 2026 at 23:59" in page
    assert "gail@police.example" in page and "It works once and lasts 3 days" in page
    response, path = invited_link(organiser, week, django_capture_on_commit_callbacks)
    assert "Link sent to Gail Guest" in words(response.content)
    assert "It will not be shown again" in words(response.content)
    [message] = mail.outbox
    assert path in message.body
    again = words(invite_page(organiser, week).content)
    assert "Send Gail Guest a new link" in again and path not in again and "Username guest.gail.guest" in again


def test_a_new_link_from_the_page_replaces_the_old(week, client_for, django_capture_on_commit_callbacks,
                                                     monkeypatch):
    organiser = client_for(week.qa_lead)
    _, first = invited_link(organiser, week, django_capture_on_commit_callbacks)
    at_now(monkeypatch, datetime(2026, 3, 20, 9, 5, tzinfo=UTC))
    _, second = invited_link(organiser, week, django_capture_on_commit_callbacks)
    assert first != second
    assert "This link does not work" in words(Client().get(first, follow=True).content)
    assert "Set your password" in words(Client().get(second, follow=True).content)


def test_only_the_events_organisers_invite(week, client_for):
    other_qa = make_user(Role.QA_LEAD, username="other.qa")
    assert invite_page(client_for(other_qa), week).status_code == 403
    assert invite_page(client_for(week.staff), week).status_code == 403
    assert client_for(other_qa).post(reverse("practice:guest_end_access", args=[week.guest.pk])).status_code == 403


def test_a_week_too_far_ahead_says_when_guests_can_be_invited_and_offers_no_button(db, monkeypatch, client_for):
    at_now(monkeypatch, datetime(2026, 2, 8, 9, 0, tzinfo=UTC))
    week = build()
    content = invite_page(client_for(week.qa_lead), week).content.decode()
    assert "Guests of this event can be invited from 16 February 2026" in words(content)
    assert "Invite Gail Guest</button>" not in content
    response = client_for(week.qa_lead).post(reverse("practice:guest_invite", args=[week.guest.pk]), follow=True)
    assert "Guests of this event can be invited from 16 February 2026" in words(response.content)
    week.guest.refresh_from_db()
    assert week.guest.user is None


def test_the_guest_follows_the_link_sets_a_password_and_sees_only_their_own_visits(
        week, client_for, django_capture_on_commit_callbacks):
    _, path = invited_link(client_for(week.qa_lead), week, django_capture_on_commit_callbacks)
    guest = Client()
    followed = guest.get(path)
    assert followed.status_code == 302 and followed["Location"] == set_password_url(path)  # the token leaves the URL
    form_url = set_password_url(path)
    page = words(guest.get(form_url).content)
    assert "Your username guest.gail.guest" in page
    assert "You are a guest assessor in Spring practice week (Monday 30 March to Friday 3 April 2026)" in page
    assert "No names" in page and "Access ends on 17 April 2026" in page
    mismatch = guest.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"})
    assert "The two passwords do not match" in words(mismatch.content)
    weak = guest.post(form_url, {"new_password1": "guest", "new_password2": "guest"})
    assert weak.status_code == 200 and "There is a problem" in words(weak.content)
    done = guest.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("practice:my_visits")
    mine = words(guest.get(reverse("practice:my_visits")).content)
    assert "Your practice visits" in mine and "Spring practice week" in mine
    assert "Tuesday 31 March 2026, 14:00 to 15:00: Safeguarding North 1" in mine and "Core group" in mine
    assert "Monday 30 March 2026" not in mine  # the staff assessor's visit
    assert "Oona Office: Ring 01670 000 111 from reception" in mine and "Your access ends on 17 April 2026" in mine
    assert guest.get(reverse("practice:timetable", args=[week.event.pk])).status_code in (403, 404)
    # the link is spent
    assert "This link does not work" in words(Client().get(path).content)
    assert "This link does not work" in words(Client().get(form_url).content)  # no token in this session


def test_a_link_that_names_nobody_or_is_wrong_shows_nothing_of_the_account(week):
    page = Client().get(reverse("practice:guest_welcome", args=["MQ", "1-abc"]))
    assert page.status_code == 200 and "This link does not work" in words(page.content)
    guest_link = reverse("practice:guest_welcome", args=["Zm9v", "1-abc"])
    assert "guest." not in Client().get(guest_link).content.decode()


def test_ending_access_signs_the_guest_out(week, client_for, django_capture_on_commit_callbacks):
    organiser = client_for(week.qa_lead)
    _, path = invited_link(organiser, week, django_capture_on_commit_callbacks)
    guest = signed_up(path)
    assert guest.get(reverse("practice:my_visits")).status_code == 200
    response = organiser.post(reverse("practice:guest_end_access", args=[week.guest.pk]), follow=True)
    assert "Gail Guest's access has ended. Their handed-in notes stay." in words(response.content)
    signed_out = guest.get(reverse("practice:my_visits"), follow=True)
    assert "Your access to Triangulate has ended" in words(signed_out.content)
    assert Assessor.objects.get(pk=week.guest.pk).access_ends_at is not None


def test_my_visits_for_a_staff_assessor_lists_only_their_sent_visits(week, client_for):
    planning = make_event(council=week.event.council, organisers=[week.qa_lead], teams=[week.team],
                          title="Autumn week", headings=False)
    VisitFactory(event=planning, event_team=planning.teams.get(),
                 assessor=AssessorFactory(event=planning, user=week.staff))
    page = words(client_for(week.staff).get(reverse("practice:my_visits")).content)
    assert "Monday 30 March 2026, 09:30 to 11:00: Safeguarding North 1" in page and "Room 2, County Hall" in page
    assert "Core group" not in page and "Autumn week" not in page
    content = client_for(week.staff).get(reverse("practice:my_visits")).content.decode()
    assert reverse("practice:brief_pdf", args=[week.staff_assessor.pk]) in content
    assert reverse("practice:blank_form_pdf", args=[week.event.pk]) in content
    nobody = words(client_for(make_user(Role.AUDITOR, username="no.visits")).get(
        reverse("practice:my_visits")).content)
    assert "You have no practice visits" in nobody


def test_the_home_panel_shows_the_next_7_days(week, client_for, monkeypatch, django_capture_on_commit_callbacks):
    _, path = invited_link(client_for(week.qa_lead), week, django_capture_on_commit_callbacks)
    guest = signed_up(path)
    far = words(guest.get(reverse("core:home")).content)  # 20 March: the visit is 11 days away
    assert "Your practice visits No visits in the next 7 days" in far and "You do not have a role yet" not in far
    at_now(monkeypatch, datetime(2026, 3, 25, 9, 0, tzinfo=UTC))  # Wednesday: Tuesday 31 March is the 7th day
    guest = client_for(Assessor.objects.get(pk=week.guest.pk).user)  # (the idle timeout ended the first session)
    near = words(guest.get(reverse("core:home")).content)
    assert "1 visit in the next 7 days" in near and "Tuesday 31 March 2026, 14:00 to 15:00" in near
    staff = words(client_for(week.staff).get(reverse("core:home")).content)
    assert "1 visit in the next 7 days" in staff and "Monday 30 March 2026, 09:30 to 11:00" in staff
    assert "Your practice visits" not in words(client_for(week.qa_lead).get(reverse("core:home")).content)


def test_the_guest_menu_has_their_visits(week, client_for):
    guest = make_user("", username="guest.hal.head")
    Assessor.objects.create(event=week.event, kind=Assessor.Kind.GUEST, user=guest, name="Hal Head",
                            organisation="Hexham Middle School", email="hal@school.example")
    content = client_for(guest).get(reverse("practice:my_visits")).content.decode()
    assert f'href="{reverse("practice:my_visits")}"' in content
    # staff reach their visits from the home panel and the event; the menu item is the guests' (§9.1 GUEST_VISITS)
    staff_menu = client_for(week.staff).get(reverse("practice:my_visits")).content.decode()
    assert f'href="{reverse("practice:my_visits")}"' not in staff_menu


def test_the_invite_page_of_an_invited_guest_offers_to_end_access(week, client_for,
                                                                   django_capture_on_commit_callbacks):
    organiser = client_for(week.qa_lead)
    assert "End access now" not in words(invite_page(organiser, week).content)
    invited_link(organiser, week, django_capture_on_commit_callbacks)
    content = invite_page(organiser, week).content.decode()
    assert "End access now" in words(content)
    assert f'action="{reverse("practice:guest_end_access", args=[week.guest.pk])}"' in content
    organiser.post(reverse("practice:guest_end_access", args=[week.guest.pk]))
    ended = words(invite_page(organiser, week).content)
    assert "End access now" not in ended and "Gail Guest's access has ended: a new link would not let them in" in ended


def test_the_publish_page_lists_the_guests_it_will_invite(db, monkeypatch, client_for):
    at_now(monkeypatch)
    week = build(status="planning")
    page = words(client_for(week.qa_lead).get(reverse("practice:publish", args=[week.event.pk])).content)
    assert "It invites 1 guest without an account yet, by email: Gail Guest." in page
    at_now(monkeypatch, datetime(2026, 2, 8, 9, 0, tzinfo=UTC))
    early = words(client_for(week.qa_lead).get(reverse("practice:publish", args=[week.event.pk])).content)
    assert "It invites" not in early
    assert ("Not invited now (invite them from their page once this is put right): Gail Guest: Guests of this "
            "event can be invited from 16 February 2026") in early


def test_a_staff_assessor_is_not_invited(week, client_for):
    organiser = client_for(week.qa_lead)
    url = reverse("practice:guest_invite", args=[week.staff_assessor.pk])
    page = organiser.get(url).content.decode()
    assert "Only a guest is invited: a member of staff signs in with their own account." in words(page)
    assert "Send a new link</button>" not in page and f"Invite {week.staff_assessor.name}</button>" not in page
    refused = organiser.post(url, follow=True)
    assert "Only a guest is invited" in words(refused.content) and not mail.outbox
