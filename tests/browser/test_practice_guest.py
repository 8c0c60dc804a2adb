"""A guest in Chromium (design §3.4, §7.4, §9.1, slice S2): the QA lead invites a guest and is shown the link once;
the guest follows it on a tablet (820×1180), sets a password, lands on "Your practice visits" seeing only their own
visit, opens their brief (pdftotext shows the focus and the team's office contact) and sees the visit on the home
page. axe finds no WCAG 2.2 A or AA fault and the console no error on each page.

The week starts next Monday-ish (two days from today), so the guest can be invited now; its people and visits are
tests/practice/guests_world.py's."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from triangulate.practice.models import Assessor

from ..practice.guests_world import build
from .conftest import TABLET, axe_violations, new_page, sign_in

PASSWORD = "river-lantern-copper-91"


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def week(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return build(start=timezone.localdate() + timedelta(days=2))


def test_a_guest_is_invited_sets_a_password_and_sees_only_their_own_visits(page, browser, live_server, week):
    sign_in(page, live_server, "quinn")
    page.goto(f"{live_server.url}/practice/assessors/{week.guest.pk}/invite/")
    page.get_by_role("heading", name="Invite Gail Guest", level=1).wait_for()
    checked(page)
    page.get_by_role("button", name="Invite Gail Guest").click()
    page.get_by_role("heading", name="Link sent to Gail Guest").wait_for()
    checked(page)
    link = page.locator("code.app-guest-link").inner_text().strip()
    assert re.fullmatch(r"https://triangulate\.council\.example/practice/guest/[^/]+/[^/]+/", link)
    path = link.removeprefix("https://triangulate.council.example")

    guest = new_page(browser, **TABLET, accept_downloads=True)
    try:
        guest.goto(f"{live_server.url}{path}")
        guest.get_by_role("heading", name="Welcome to Triangulate", level=1).wait_for()
        checked(guest)
        assert "guest.gail.guest" in guest.content()
        assert guest.url.endswith("/set-password/")  # the token has left the address bar
        guest.get_by_label("Choose a password").fill(PASSWORD)
        guest.get_by_label("Enter the password again").fill(PASSWORD + "!")
        guest.get_by_role("button", name="Set my password").click()
        guest.locator(".govuk-error-summary").wait_for()
        checked(guest)
        guest.get_by_label("Choose a password").fill(PASSWORD)
        guest.get_by_label("Enter the password again").fill(PASSWORD)
        guest.get_by_role("button", name="Set my password").click()
        guest.get_by_role("heading", name="Your practice visits", level=1).wait_for()
        checked(guest)
        text = guest.locator("main").inner_text()
        assert "Core group" in text and "Spring practice week" in text
        assert "Room 2, County Hall" not in text  # the staff assessor's visit
        assert Assessor.objects.get(pk=week.guest.pk).user.has_usable_password()

        with guest.expect_download() as download:
            guest.get_by_role("link", name="Your brief (PDF)").click()
        brief = download.value.path().read_bytes()
        if shutil.which("pdftotext"):
            words = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=brief, capture_output=True,
                                            check=True).stdout.decode().split())
            assert "The voice of the child and what it is like to be a parent here" in words
            assert "Oona Office" in words and "Core group" in words and "Room 2" not in words

        guest.goto(f"{live_server.url}/")
        guest.get_by_role("heading", name="Your practice visits", level=2).wait_for()
        checked(guest)
        assert "1 visit in the next 7 days" in guest.locator("main").inner_text()

        # the link is spent
        guest.goto(f"{live_server.url}{path}")
        guest.get_by_role("heading", name="This link does not work", level=1).wait_for()
        checked(guest)
    finally:
        guest.context.close()
