"""Planning a practice week in Chromium (design §3.1, §9.1): the QA lead opens "Practice weeks" from the menu,
plans a week through the form (a wrong date first, then corrected), and lands on its task list; the list, the form
and the task list have no WCAG 2.2 A or AA fault at 1280 wide and no console error."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent

from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def fill_date(page, name, day, month, year):
    page.locator(f"[name='{name}-day']").fill(day)
    page.locator(f"[name='{name}-month']").fill(month)
    page.locator(f"[name='{name}-year']").fill(year)


@pytest.mark.usefixtures("transactional_db")
def test_the_qa_lead_plans_a_week_and_sees_its_task_list(page, live_server, world):
    sign_in(page, live_server, Role.QA_LEAD.value)
    with page.expect_navigation():
        page.get_by_role("link", name="Practice weeks").first.click()
    page.get_by_role("heading", name="Practice weeks", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Plan a practice week or day").click()
    page.get_by_role("heading", name="Plan a practice week or day", level=1).wait_for()
    checked(page)
    page.get_by_label("Practice week", exact=True).check()
    page.get_by_label("Title").fill("Spring practice week")
    fill_date(page, "starts_on", "2", "2", "2026")
    fill_date(page, "ends_on", "20", "2", "2026")  # 18 days: too long for a week
    page.get_by_label("Agreed focus").fill("The voice of the child and what it is like to be a parent here")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan the event").click()
    page.get_by_text("at most 13 days apart").first.wait_for()
    checked(page)
    fill_date(page, "ends_on", "6", "2", "2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan the event").click()
    page.get_by_role("heading", name="Spring practice week", level=1).wait_for()
    checked(page)
    event = PracticeEvent.objects.get()
    assert event.headings.count() == 4 and list(event.organisers.all()) == [world.users[Role.QA_LEAD]]
    tasks = page.locator(".govuk-task-list__item")
    assert tasks.count() == 11
    assert "4 headings" in tasks.nth(3).inner_text()
    assert "0 handed in of 0 planned" in tasks.nth(6).inner_text()


@pytest.mark.usefixtures("transactional_db")
def test_repeat_this_week_from_a_complete_week(page, live_server, world):
    from ..practice.factories import make_event

    week = make_event(council=world.own.council, organisers=[world.users[Role.QA_LEAD]], teams=[world.own],
                      title="Spring week", status=PracticeEvent.Status.COMPLETE)
    sign_in(page, live_server, Role.QA_LEAD.value)
    page.goto(f"{live_server.url}/practice/{week.pk}/")
    page.get_by_role("heading", name="Spring week", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Repeat this week").click()
    page.get_by_role("heading", name="Repeat this week", level=1).wait_for()
    checked(page)
    page.get_by_label("Title of the new week").fill("Autumn week")
    fill_date(page, "starts_on", "5", "10", "2026")
    fill_date(page, "ends_on", "9", "10", "2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan the new week").click()
    page.get_by_role("heading", name="Autumn week", level=1).wait_for()
    checked(page)
    assert page.get_by_role("link", name="Spring week").count() == 1  # "Compared with"
    assert "1 team, 0 confirmed by the team" in page.locator(".govuk-task-list").inner_text()
