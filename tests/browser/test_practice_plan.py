"""The action plan and the follow-up panel in Chromium (design §6.5, §7.2, §7.3, §9.1). The organiser ticks two
areas for development on the analysis page of §6.2's example, adds them to the action plan (the form comes
pre-filled), changes the item, and downloads the plan as Word and as Excel; a team manager reads the follow-up panel
of a practice day with §6.5's worked example (67%, 25%). axe finds no WCAG 2.2 A or AA fault, the console no
error."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import PlanItem

from ..practice.analysis_example import build_example
from ..practice.follow_up_world import build_follow_up
from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def example(transactional_db, world):
    return build_example(organiser=world.users[Role.QA_LEAD], teams={"North 1": world.own})


def test_the_organiser_builds_the_plan_and_downloads_it(page, live_server, world, example):
    event = example.event
    sign_in(page, live_server, Role.QA_LEAD.value)
    page.goto(f"{live_server.url}/practice/{event.pk}/analysis/")
    page.get_by_role("heading", name="Analysis", level=1).wait_for()
    for text in ("Caseloads high", "Caseloads above 25"):
        page.locator("#entries ~ table tr").filter(has_text=text).first.locator("input[type=checkbox]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the action plan").click()
    page.get_by_role("heading", name="Add to the action plan", level=1).wait_for()
    checked(page)
    assert page.get_by_label("Issue identified").input_value() == "• Caseloads high\n• Caseloads above 25"
    page.get_by_label("Action to be taken").fill("Review caseload weighting")
    page.get_by_label("Anticipated risk if not completed").fill("Staff leave and children wait")
    page.get_by_label("Priority").select_option("high")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2027")
    page.locator("#id_owner").select_option(str(world.users[Role.SERVICE_MANAGER].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the action plan").click()
    page.get_by_role("heading", name="Action plan", level=1).wait_for()
    checked(page)
    item = PlanItem.objects.get()
    assert item.action.title == "Review caseload weighting" and item.entries.count() == 2

    with page.expect_navigation():
        page.get_by_role("link", name="Change item 1.1").click()
    page.get_by_role("heading", name="Change item 1.1", level=1).wait_for()
    checked(page)
    page.get_by_label("Responsibility note (optional)").fill("with the heads of service")
    with page.expect_navigation():
        page.get_by_role("button", name="Save item").click()
    page.get_by_role("heading", name="Action plan", level=1).wait_for()
    assert "(with the heads of service)" in page.locator("table").first.inner_text()

    with page.expect_download() as word:
        page.get_by_role("link", name="Download the action plan as Word").click()
    assert word.value.suggested_filename == f"practice-week-{event.pk}-action-plan.docx"
    with page.expect_download() as excel:
        page.get_by_role("link", name="Download the action plan as Excel").click()
    assert excel.value.suggested_filename == f"practice-week-{event.pk}-action-plan.xlsx"


@pytest.fixture
def follow_up_world(transactional_db, world):
    return build_follow_up(team=world.own, organiser=world.users[Role.QA_LEAD])


def test_a_team_manager_reads_the_follow_up_panel(page, live_server, world, follow_up_world):
    fw = follow_up_world
    sign_in(page, live_server, "teammanager")
    page.goto(f"{live_server.url}/practice/teams/{world.own.pk}/")
    page.get_by_role("heading", name="Practice observation", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("link", name=f"Follow-up for {fw.day.title}").click()
    page.get_by_role("heading", name=f"{world.own.name}: follow-up", level=1).wait_for()
    checked(page)
    assert page.locator("#follow-up-progress").inner_text().startswith("67% (2 of 3")
    assert page.locator("#follow-up-complete").inner_text().startswith("25% (1 of 4")
    page.get_by_text("The team's other open actions").click()  # opens the details
    checked(page)
