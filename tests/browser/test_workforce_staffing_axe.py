"""W3's staffing page in Chromium (docs/design/workforce.md §4, §6): as the QA lead (council, service areas and teams,
the trend chart and its data, a team's trend chosen, the ASYE cohorts), with a refused date (its error summary), and as an elected member
(the council only, small numbers suppressed); and the staff form with its ASYE dates in error. axe finds no WCAG 2.2
A or AA fault and the console no error."""

from datetime import date

from django.urls import reverse

from ..workforce.test_staffing_page import staff
from .conftest import axe_violations, sign_in


def visit(page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_the_staffing_page_passes_axe(page, live_server, transactional_db, world):
    staff(world.own, date(2021, 1, 1), "0.5")
    staff(world.own, date(2019, 1, 1), leave=date(2025, 3, 1))
    staff(world.own, date(2025, 1, 15), role="asye", asye_started_on=date(2025, 1, 15))
    staff(world.own, date(2025, 6, 1), employment="agency")
    staffing = reverse("workforce:staffing")
    sign_in(page, live_server, "qa_lead")
    visit(page, live_server, f"{staffing}?on=2025-09-30", "Staffing")
    page.get_by_text("Show the data").click()
    page.get_by_text("How these figures are worked out").click()
    assert axe_violations(page) == [], page.url
    page.locator("#unit").select_option(label=f"Team: {world.own.name}")
    page.get_by_role("button", name="Show the trend").click()
    page.get_by_role("heading", name="Staffing", level=1).wait_for()
    assert f"unit=team-{world.own.pk}" in page.url
    assert axe_violations(page) == [], page.url
    visit(page, live_server, f"{staffing}?on=2025-02-30", "Staffing")
    page.get_by_role("alert").wait_for()
    assert axe_violations(page) == [], page.url
    page.context.clear_cookies()
    sign_in(page, live_server, "elected_member")
    visit(page, live_server, f"{staffing}?on=2025-09-30", "Staffing")
    page.context.clear_cookies()
    sign_in(page, live_server, "system_admin")
    page.goto(f"{live_server.url}{reverse('people:staff_edit', args=[world.own_worker.pk])}")
    for part, value in (("day", "1"), ("month", "1"), ("year", "2019")):  # before they started here
        page.locator(f"#id_asye_started_on-{part}").fill(value)
    page.locator("form button[type=submit]").last.click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url
