"""The overview scorecard and the councillor view in Chromium: axe-clean under the strict CSP, sparklines
named as images, and everything a head of service needs reached by keyboard alone: the signals list, an
earlier extract, a measure's page; an elected member lands on the headlines and can open all measures."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import calendar_months
from triangulate.performance.models import KpiValue

from ..factories import CouncilFactory, make_user
from .conftest import axe_violations
from .test_charts_exports import CSP_LISTENER, sign_in

FEBRUARY, MARCH = date(2025, 2, 28), date(2025, 3, 31)
# months alternating 80/82, then 7 months at 70-71: the latest month is below the lower process limit
FALLING = [80 if i % 2 == 0 else 82 for i in range(17)] + [70, 71, 70, 71, 70, 71, 70]


@pytest.fixture
def figures(transactional_db):
    council = CouncilFactory()
    february, march = (Upload.objects.create(council=council, extract_date=day, original_name=f"{day}.xlsx",
                                             status=Upload.Status.SUCCEEDED) for day in (FEBRUARY, MARCH))

    def store(upload, kpi_id, start, end, value, n=None, d=None):
        KpiValue.objects.create(upload=upload, kpi_id=kpi_id, period_start=start, period_end=end, team="",
                                value=value, numerator=n, denominator=d)

    for month, value in zip(calendar_months(MARCH, 24), FALLING, strict=True):
        store(march, "assessments_within_45wd_pct", month.start, month.end, float(value), value, 100)
    store(march, "assessments_within_45wd_pct", date(2024, 4, 1), MARCH, 75.0, 900, 1200)
    store(february, "assessments_within_45wd_pct", date(2024, 3, 1), FEBRUARY, 78.0, 936, 1200)
    store(march, "rereferral_pct", date(2024, 4, 1), MARCH, 25.0, 30, 120)
    store(february, "rereferral_pct", date(2024, 3, 1), FEBRUARY, 20.0, 24, 120)
    store(march, "cla_s20_pct", date(2024, 4, 1), MARCH, 100 * 5 / 34, 5, 34)
    make_user(Role.QA_LEAD, username="qa.lead")
    make_user(Role.ELECTED_MEMBER, username="member")


def test_a_head_of_service_reads_the_scorecard_by_keyboard(page, live_server, figures):
    page.add_init_script(CSP_LISTENER)
    sign_in(page, live_server, "qa.lead")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Performance", level=1).is_visible()
    assert axe_violations(page) == [] and page.console_errors == [] and page.evaluate("window.__csp") == []
    spark = page.get_by_role("img", name="Assessments completed within 45 working days, April 2023 to March 2025")
    assert spark.count() == 1 and spark.get_attribute("aria-label").endswith(
        "2025: 80.0% to 70.0%; lowest 70.0% (September 2024), highest 82.0% (May 2023)")  # the first of equals
    row = page.locator("#kpi-assessments_within_45wd_pct")
    assert "↓ Worsening" in row.inner_text() and "Special cause – concern" in row.inner_text()

    # the signals list leads to the measure's row
    link = page.get_by_role("link", name="Assessments completed within 45 working days").first
    link.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#kpi-assessments_within_45wd_pct")

    # an earlier extract, chosen and shown with the keyboard alone
    select = page.get_by_label("Monthly extract")
    select.focus()
    select.select_option("2025-02-28")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Show this extract"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "extract=2025-02-28" in page.url
    assert "78.0%" in page.locator("#kpi-assessments_within_45wd_pct").inner_text()
    assert axe_violations(page) == []

    # each section's table scrolls by keyboard on a narrow screen, and a measure's page is a link away
    region = page.get_by_role("region", name="Front door")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Front door"
    page.get_by_role("link", name="Headline measures for councillors").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Headline measures", level=1).is_visible()
    assert axe_violations(page) == [] and page.console_errors == []


def test_an_elected_member_lands_on_the_headlines(page, live_server, figures):
    sign_in(page, live_server, "member")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Headline measures", level=1).is_visible()
    body = page.locator("main").inner_text()
    assert "Assessments finished on time" in body and "Higher is better; England 2024-25: 85.7%" in body
    assert "14.7%" not in body
    assert axe_violations(page) == [] and page.console_errors == []
    page.get_by_role("link", name="All measures").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Performance", level=1).is_visible() and "view=all" in page.url
    s20 = page.locator("#kpi-cla_s20_pct").inner_text()
    assert "14.7%" not in s20 and "5 of 34" not in s20 and "suppressed" in s20
    assert axe_violations(page) == [] and page.console_errors == []
