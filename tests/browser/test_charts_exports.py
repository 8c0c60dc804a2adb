"""The KPI page's trend chart in Chromium under the site's strict CSP: no violation reported, axe-clean with
its data open, drawn at its own shape, a hostile label shown as text; and downloads from the dashboard and the
measure's page."""

from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import calendar_months
from triangulate.performance.models import KpiValue

from ..factories import CouncilFactory, make_user
from .conftest import axe_violations, sign_in

MARCH = date(2025, 3, 31)
HOSTILE = '<script>alert("council")</script>'
# Every Content-Security-Policy violation the page reports, whether or not it reaches the console.
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));"""


@pytest.fixture
def figures(transactional_db):
    council = CouncilFactory(name=HOSTILE)  # a label from data, drawn in the chart's legend
    upload = Upload.objects.create(council=council, extract_date=MARCH, original_name="march.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    for i, month in enumerate(calendar_months(MARCH, 24)):
        n = None if i == 7 else 70 + (i * 7) % 20  # one month without a figure: a gap
        KpiValue.objects.create(upload=upload, kpi_id="assessments_within_45wd_pct", period_start=month.start,
                                period_end=month.end, span=KpiValue.Span.MONTH, team="",
                                value=None if n is None else float(n), numerator=n,
                                denominator=None if n is None else 100)
    KpiValue.objects.create(upload=upload, kpi_id="assessments_within_45wd_pct", period_start=date(2024, 4, 1),
                            period_end=MARCH, span=KpiValue.Span.YEAR, team="", value=80.0, numerator=960,
                            denominator=1200)
    return make_user(Role.QA_LEAD, username="qa.lead")


def test_the_trend_chart_is_csp_safe_accessible_and_drawn_to_its_shape(page, live_server, figures):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(CSP_LISTENER)
    sign_in(page, live_server, "qa.lead")
    response = page.goto(f"{live_server.url}/performance/kpis/assessments_within_45wd_pct/")
    assert response.status == 200 and "style-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    chart = page.get_by_role("img", name="Assessments completed within 45 working days, month by month Latest")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box["width"] > 300 and abs(box["height"] / box["width"] - 300 / 640) < 0.01
    legend = chart.locator("text", has_text="alert")
    assert legend.count() == 1 and legend.text_content() == HOSTILE
    assert axe_violations(page) == []
    page.get_by_text("Show the data").first.click()  # the trend's (the control chart has its own)
    assert page.get_by_role("table", name="month by month").is_visible()
    assert axe_violations(page) == []
    assert page.evaluate("window.__csp") == [] and page.console_errors == [] and dialogs == []
    # the listener does hear a violation: an inline <style> added now is refused and reported
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<svg><style>text{fill:red}</style></svg>')")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__csp")[0].startswith("style-src")


def test_the_dashboard_downloads_its_table(page, live_server, figures):
    sign_in(page, live_server, "qa.lead")
    page.goto(f"{live_server.url}/performance/")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the measures as CSV").click()
    assert download.value.suggested_filename == "performance-2025-03-31.csv"
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert '"Assessments completed within 45 working days"' in text and '"80.0%",80,"960 of 1,200"' in text
    assert page.console_errors == []


def test_a_measures_page_downloads_its_tables_as_sheets(page, live_server, figures):
    sign_in(page, live_server, "qa.lead")
    page.goto(f"{live_server.url}/performance/kpis/assessments_within_45wd_pct/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this measure's figures as Excel").click()
    assert download.value.suggested_filename == "assessments_within_45wd_pct-2025-03-31.xlsx"
    book = CalamineWorkbook.from_path(download.value.path())
    assert book.sheet_names == ["Summary", "Months", "Teams"]  # no team figures stored: no team history
    assert ["This council", "80.0%", 80.0, "", ""] in book.get_sheet_by_name("Summary").to_python()
    assert page.console_errors == []
