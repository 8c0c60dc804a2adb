"""The feedback and analysis report in Chromium (design §7.1, §7.3, §9.1), on §6.2's example: the organiser fills
the report from the analysis, changes a section (checking "Fill again from the analysis" first), approves it with
the elected-members warning in view, and downloads it as Word and as PDF. axe finds no WCAG 2.2 A or AA fault at
1280 wide, the console no error."""

import pytest

from triangulate.core.roles import Role
from triangulate.practice.models import AnalysisReport

from ..practice.analysis_example import build_example
from .conftest import axe_violations, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


@pytest.fixture
def example(transactional_db, world):
    return build_example(organiser=world.users[Role.QA_LEAD], teams={"North 1": world.own},
                         title="Practice week, February 2026")


def test_the_organiser_fills_changes_approves_and_downloads_the_report(page, live_server, example):
    event = example.event
    sign_in(page, live_server, Role.QA_LEAD.value)
    page.goto(f"{live_server.url}/practice/{event.pk}/report/")
    page.get_by_role("heading", name="Practice week, February 2026", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Fill the empty parts from the analysis").click()
    page.get_by_text("10 parts filled from the analysis").wait_for()
    checked(page)
    assert "Workforce and caseloads: an area for development in 2 of 3 teams" in page.locator("main").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Change Conclusion").click()
    page.get_by_role("heading", name="Conclusion", level=1).wait_for()
    checked(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Fill again from the analysis").click()
    page.get_by_text("Saving replaces what was written").wait_for()
    checked(page)
    page.get_by_label("Conclusion").fill("- Review caseload weighting\n  - with the heads of service")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    page.get_by_text("Conclusion saved").wait_for()
    assert page.locator("main ul li", has_text="with the heads of service").count() == 1

    assert "Elected members will read this" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve the report").click()
    page.get_by_text("Report approved").wait_for()
    checked(page)
    assert AnalysisReport.objects.get(event=event).status == AnalysisReport.Status.APPROVED
    page.get_by_label("Why is the report reopened?").wait_for()  # approved: reopening is offered instead

    with page.expect_download() as word:
        page.get_by_role("link", name="Download the report as Word (.docx)").click()
    assert word.value.suggested_filename == f"practice-week-{event.pk}-report.docx"
    with page.expect_download() as printed:
        page.get_by_role("link", name="Download the report as PDF").click()
    assert printed.value.suggested_filename == f"practice-week-{event.pk}-report.pdf"
