"""An event's setup in Chromium (design §3.1, §9.1): the organiser adds three teams, opens one team's details, adds
two staff assessors and a guest, and moves a heading up. axe finds no WCAG 2.2 A or AA fault at 1280 wide, the
console no error."""

import pytest

from triangulate.practice.models import Assessor

from ..practice.setup_world import SetupWorld
from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def w(transactional_db):
    return SetupWorld()


def test_the_organiser_sets_up_teams_assessors_and_headings(page, live_server, w):
    event = w.event
    sign_in(page, live_server, "qa")
    page.goto(f"{live_server.url}/practice/{event.pk}/teams/")
    page.get_by_role("heading", name="Teams", level=1).wait_for()
    checked(page)
    for name in ("Safeguarding West 1", "Safeguarding North 1", "Children in Care South"):
        page.get_by_label("Team", exact=True).select_option(label=name)
        with page.expect_navigation():
            page.get_by_role("button", name="Add the team").click()
        page.get_by_text(f"{name} added").wait_for()
    assert "3 teams in this event" in page.inner_text("main")
    assert "1 team manager, 3 social workers, 1 ASYE" in page.inner_text("#main-content")
    checked(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Change the details of Safeguarding West 1").click()
    page.get_by_role("heading", name="Details of Safeguarding West 1", level=1).wait_for()
    checked(page)
    page.get_by_label("Meeting point").fill("Reception, Hexham Civic Centre")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the details").click()
    page.get_by_text("Details of Safeguarding West 1 saved").wait_for()

    page.goto(f"{live_server.url}/practice/{event.pk}/assessors/")
    page.get_by_role("heading", name="Assessors", level=1).wait_for()
    checked(page)
    for label in ("Ada Auditor (auditor)", "Pam Psw (principal social worker)"):
        page.get_by_label("Member of staff").select_option(label=label)
        if label.startswith("Ada"):
            page.get_by_label("Safeguarding North 1").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Add the assessor").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Add a guest assessor").click()
    page.get_by_role("heading", name="Add a guest assessor", level=1).wait_for()
    checked(page)
    page.get_by_label("Name", exact=True).fill("Gail Guest")
    page.get_by_label("Organisation").fill("Northumbria Police")
    page.get_by_label("Email address (optional)").fill("gail@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the guest").click()
    page.get_by_text("Gail Guest (Northumbria Police) added as a guest assessor").wait_for()
    assert "3 assessors" in page.inner_text("main")
    checked(page)
    assert sorted(Assessor.objects.filter(event=event).values_list("name", flat=True)) == [
        "Ada Auditor", "Gail Guest", "Pam Psw"]

    page.goto(f"{live_server.url}/practice/{event.pk}/headings/")
    page.get_by_role("heading", name="Headings", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Move up The voice of the child").click()
    page.get_by_text("“The voice of the child” is now heading 1").wait_for()
    page.get_by_role("heading", name="1. The voice of the child").wait_for()
    checked(page)
    assert list(event.headings.order_by("number").values_list("title", flat=True))[:2] == [
        "The voice of the child", "Leadership"]
