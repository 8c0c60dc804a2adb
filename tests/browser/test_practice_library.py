"""The good practice library in Chromium (design §1.5, §9.1): the organiser proposes an entry of §6.2's example from
the analysis page, anonymising the copy, checks it and publishes it; a practitioner finds it through the menu by
words and by theme, and reads it. axe finds no WCAG 2.2 A or AA fault at 1280 wide, the console no error."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import LibraryItem

from ..practice.analysis_example import build_example
from .conftest import axe_violations, new_page, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def example(transactional_db, world):
    return build_example(organiser=world.users[Role.QA_LEAD], teams={"North 1": world.own})


def test_propose_from_an_entry_publish_and_search(page, browser, live_server, world, example):
    sign_in(page, live_server, Role.QA_LEAD.value)
    page.goto(f"{live_server.url}/practice/{example.event.pk}/analysis/")
    page.get_by_role("heading", name="Analysis", level=1).wait_for()
    row = page.locator("#entries ~ table tr").filter(has_text="School nurse attends allocation meeting").first
    with page.expect_navigation():
        row.get_by_role("link", name="Propose for the library").click()
    page.get_by_role("heading", name="Propose for the good practice library", level=1).wait_for()
    checked(page)
    assert page.get_by_label("Text").input_value() == "School nurse attends allocation meeting"
    page.get_by_label("Title").fill("School nurse at allocation")
    page.get_by_label("Text").fill("The school nurse attends the allocation meeting and meets the child in school.")
    with page.expect_navigation():
        page.get_by_role("button", name="Propose for the library").click()
    page.get_by_role("heading", name="School nurse at allocation", level=1).wait_for()
    checked(page)
    item = LibraryItem.objects.get()
    assert item.status == LibraryItem.Status.PROPOSED and item.from_team == world.own

    with page.expect_navigation():
        page.get_by_role("link", name="Change the item").click()
    page.get_by_role("heading", name="Change a library item", level=1).wait_for()
    checked(page)
    page.get_by_label("Case example").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save item").click()
    page.get_by_role("heading", name="School nurse at allocation", level=1).wait_for()
    page.get_by_label("I have read the title and text").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: every reader of the library can now find it").wait_for()
    checked(page)
    item.refresh_from_db()
    assert (item.status, item.kind, item.no_names_checked) == ("published", "case_example", True)

    reader = new_page(browser)
    try:
        sign_in(reader, live_server, Role.PRACTITIONER.value)
        with reader.expect_navigation():
            reader.get_by_role("link", name="Good practice library").first.click()
        reader.get_by_role("heading", name="Good practice library", level=1).wait_for()
        checked(reader)
        reader.get_by_label("Words").fill("NURSE school")
        with reader.expect_navigation():
            reader.get_by_role("button", name="Search").click()
        reader.get_by_role("heading", name="1 item found").wait_for()
        checked(reader)
        reader.get_by_label("Words").fill("")
        reader.get_by_label("Theme").select_option(label="Multi-agency working")
        reader.get_by_label("Team").select_option(label=world.own.name)
        with reader.expect_navigation():
            reader.get_by_role("button", name="Search").click()
        reader.get_by_role("heading", name="1 item found").wait_for()
        with reader.expect_navigation():
            reader.get_by_role("link", name="School nurse at allocation").click()
        reader.get_by_role("heading", name="School nurse at allocation", level=1).wait_for()
        checked(reader)
        assert reader.get_by_role("link", name="Change the item").count() == 0
    finally:
        reader.context.close()
