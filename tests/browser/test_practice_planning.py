"""Planning a practice week's timetable in Chromium (design §4, §9.1, slice S1b): the QA lead adds visits that
double-book an assessor, sees the §4 error, moves the visit, accepts a line conflict with a reason and publishes.
axe finds no WCAG 2.2 A or AA fault and the console no error on each page.

The week, its teams and assessors are made with factories (the event, team and assessor pages are slice S1a's):
the §4 example's people, with the Fostering and Front Door teams already visited by Cat Clay."""

from datetime import time

import pytest

from triangulate.core.models import Notification
from triangulate.practice.models import PracticeEvent, Visit

from ..practice.factories import VisitFactory
from ..practice.timetable_world import FOSTERING, FRONT_DOOR, NORTH_1, TUE, build
from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def week(transactional_db):
    week = build(with_visits=False)
    for team, start in ((FOSTERING, 9), (FRONT_DOOR, 11)):
        VisitFactory(event=week.event, event_team=week.teams[team], assessor=week.assessors["cat"], date=TUE,
                     starts_at=time(start), ends_at=time(start + 1))
    return week


def add_visit(page, team, day, starts, ends, activity):
    page.get_by_role("link", name="Add a visit").click()
    page.get_by_role("heading", name="Add a visit", level=1).wait_for()
    checked(page)
    page.get_by_label("Team", exact=True).select_option(label=team)
    page.get_by_label("Assessor", exact=True).select_option(label="Ann Able")
    page.get_by_label("Day").select_option(label=day)
    page.get_by_label("Starts at").fill(starts)
    page.get_by_label("Ends at").fill(ends)
    page.get_by_label(activity, exact=True).check()
    page.get_by_label("Where (optional)").fill("Travel with the worker")
    page.get_by_role("button", name="Add the visit").click()
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()


def test_the_qa_lead_plans_fixes_and_publishes_the_timetable(page, live_server, week):
    sign_in(page, live_server, "qalead")
    page.goto(f"{live_server.url}/practice/{week.event.pk}/timetable/edit/")
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()
    checked(page)
    assert "2 errors to fix before publishing" in page.content()  # North 1 and West 1 have no visit

    add_visit(page, "Safeguarding West 1", "Monday 2 February 2026", "09:30", "11:00", "Team meeting")
    add_visit(page, NORTH_1, "Monday 2 February 2026", "10:00", "11:00", "Case discussion")
    checked(page)
    summary = page.locator(".govuk-error-summary")
    assert "2 errors to fix before publishing" in summary.inner_text()
    assert "Ann Able has two visits at once on Monday 2 February" in summary.inner_text()
    assert "Safeguarding North 1 is in Ann Able's management line" in summary.inner_text()

    # Follow the double booking's link to its row, and move the North 1 visit to 11:00.
    north = Visit.objects.get(event=week.event, team__name=NORTH_1)
    page.get_by_role("link", name="Change the 10:00 visit to Safeguarding North 1").click()
    page.get_by_role("heading", name="Change a visit", level=1).wait_for()
    checked(page)
    page.get_by_label("Starts at").fill("11:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_role("button", name="Save the visit").click()
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()
    checked(page)
    assert "two visits at once" not in page.content()
    assert "1 error to fix before publishing" in page.locator(".govuk-error-summary").inner_text()

    # Ann manages North 1: the organiser accepts the visit in her line, with a reason.
    page.get_by_role("link", name="Change the 11:00 visit to Safeguarding North 1").click()
    page.get_by_role("heading", name="Change a visit", level=1).wait_for()
    page.get_by_label("Why is this visit accepted?").fill("Ann leaves North 1 in March; agreed with the director")
    page.get_by_role("button", name="Accept with this reason").click()
    page.get_by_role("heading", name="Plan the timetable", level=1).wait_for()
    checked(page)
    assert page.locator(".govuk-error-summary").count() == 0
    assert "accepted: Ann leaves North 1 in March; agreed with the director" in page.content()
    north.refresh_from_db()
    assert north.conflict_accepted_by.username == "qalead"

    page.get_by_role("link", name="Publish the timetable").click()
    page.get_by_role("heading", name="Publish the timetable", level=1).wait_for()
    checked(page)
    assert "Gail Guest has no visit." in page.content()  # a warning, listed before publishing
    page.get_by_role("button", name="Publish anyway").click()
    page.get_by_role("heading", name="Timetable", level=1).wait_for()
    checked(page)
    assert "Timetable published" in page.content()
    week.event.refresh_from_db()
    assert week.event.status == PracticeEvent.Status.PUBLISHED
    assert Notification.objects.filter(kind="practice.visits_ready").count() == 3
