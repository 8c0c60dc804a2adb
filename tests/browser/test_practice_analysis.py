"""The practice analysis pages in Chromium (design §6, §9.1): the organiser and a team manager who assessed, on
§6.2's worked example (tests/practice/analysis_example.py). axe finds no WCAG 2.2 A or AA fault, the console no
error, and the counts shown are the hand-worked ones: N = 3; workforce D 2 of 3 (67%); voice P 2 of 3 (67%), D 1 of
3 (33%); "1 of 2 teams asked said they felt supported"; Leadership × workforce: South 2 "A 1", West 1 "A 2". The
comparison with a small benchmark week is checked too (the organiser)."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import EntryPick, PracticeEvent

from ..practice.analysis_example import build_example, build_week
from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def example(transactional_db, world):
    # the benchmark observed North 1 (a strength on voice) and Children in Care South (an area on voice): voice
    # p 1 of 2 (50%) → 2 of 3 (67%), +17; d 1 of 2 (50%) → 1 of 3 (33%), −17: better
    benchmark = build_week(council=world.own.council, organiser=world.users[Role.QA_LEAD],
                           teams=[world.own, world.other], answers=["yes", "no"],
                           entries=[(0, "strength", "voice-of-the-child"),
                                    (1, "area_for_development", "voice-of-the-child")],
                           status=PracticeEvent.Status.COMPLETE)
    # the team manager (of Safeguarding North 1, the world's own team) is ann: South 2 and North 1 are hers
    return build_example(organiser=world.users[Role.QA_LEAD], users={"ann": world.users[Role.TEAM_MANAGER]},
                         teams={"North 1": world.own}, benchmark=benchmark)


def theme_row(page, theme):
    return page.locator("#by-theme + table tbody tr").filter(has=page.get_by_role("rowheader", name=theme,
                                                                                  exact=True))


def test_the_organiser_and_a_team_manager_read_the_analysis(page, live_server, world, example):
    event = example.event
    sign_in(page, live_server, Role.QA_LEAD.value)
    page.goto(f"{live_server.url}/practice/{event.pk}/analysis/")
    page.get_by_role("heading", name="Analysis", level=1).wait_for()
    checked(page)
    assert theme_row(page, "Workforce and caseloads").locator("td").all_inner_texts() == ["0 of 3 (0%)",
                                                                                         "2 of 3 (67%)"]
    assert theme_row(page, "Voice of the child").locator("td").all_inner_texts() == ["2 of 3 (67%)", "1 of 3 (33%)"]
    assert page.locator("#felt-supported-text").inner_text() == "1 of 2 teams asked said they felt supported."
    leadership = page.locator("table").filter(has=page.locator("caption", has_text="1. Leadership"))
    workforce = leadership.locator("tr").filter(has=page.get_by_role("rowheader", name="Workforce and caseloads"))
    assert workforce.locator("td").all_inner_texts() == ["None", "A 1", "A 2", "0", "2"]  # North 1, South 2, West 1

    # choose e9 as representative: it leads Leadership × workforce × area, marked "Chosen"
    row = page.locator("#entries ~ table tr").filter(has_text="Caseloads above 25")
    with page.expect_navigation():
        row.get_by_role("button", name="Choose").click()
    page.locator(".govuk-notification-banner, .govuk-error-summary").first.wait_for()
    checked(page)
    assert EntryPick.objects.filter(entry=example.entries["e9"]).exists()
    assert "Caseloads above 25 Chosen" in page.locator("li").filter(has_text="Caseloads above 25").first.inner_text() \
        .replace("\n", " ")

    page.goto(f"{live_server.url}/practice/{event.pk}/teams/{example.teams['West 1'].pk}/summary/")
    page.get_by_role("heading", name="Safeguarding West 1: team summary", level=1).wait_for()
    checked(page)
    assert page.locator("#felt-supported-text").inner_text() == "Mixed."

    page.goto(f"{live_server.url}/practice/{event.pk}/comparison/")
    page.get_by_role("heading", name="Comparison with the benchmark", level=1).wait_for()
    checked(page)
    voice = page.locator("tr").filter(has=page.get_by_role("rowheader", name="Voice of the child")).filter(
        has_text="All teams")
    assert voice.locator("td").all_inner_texts() == ["All teams", "1 of 2 (50%)", "2 of 3 (67%)", "+17",
                                                     "1 of 2 (50%)", "1 of 3 (33%)", "−17", "Better"]
    page.context.clear_cookies()

    sign_in(page, live_server, "teammanager")
    page.goto(f"{live_server.url}/practice/{event.pk}/analysis/")
    page.get_by_role("heading", name="Analysis", level=1).wait_for()
    checked(page)
    assert theme_row(page, "Workforce and caseloads").locator("td").all_inner_texts() == ["0 of 3 (0%)",
                                                                                         "2 of 3 (67%)"]
    assert page.locator("#entries").count() == 0 and page.get_by_role("button", name="Choose").count() == 0
    page.get_by_role("link", name="Safeguarding North 1").click()
    page.get_by_role("heading", name="Safeguarding North 1: team summary", level=1).wait_for()
    checked(page)
    assert page.get_by_text("Team meeting well chaired").is_visible()
