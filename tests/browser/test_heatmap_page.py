"""The team heat map and a team's page in Chromium: axe-clean, sorted by keyboard alone, and a number acted on
(the team page's "Record a finding" opens the form filled in, and the saved finding links back)."""

from datetime import date

import pytest

from triangulate.core.authority import System
from triangulate.core.roles import Role
from triangulate.core.services import ensure_default_themes
from triangulate.datasets.models import Upload
from triangulate.improvement.models import Finding
from triangulate.people.models import Locality
from triangulate.performance.models import KpiValue

from ..factories import TeamFactory, make_user
from .conftest import axe_violations
from .test_charts_exports import sign_in

MARCH = date(2025, 3, 31)
YEAR = (date(2024, 4, 1), MARCH)


@pytest.fixture
def figures(transactional_db):
    ensure_default_themes(actor=System.COMMAND_LINE)  # a transactional test may follow one that emptied them
    north1 = TeamFactory(name="Safeguarding North 1")
    council = north1.council
    north = Locality.objects.create(council=council, name="North")
    north1.locality = north
    north1.save()
    TeamFactory(name="Safeguarding North 2", council=council, locality=north, service_area=north1.service_area)
    TeamFactory(name="Children in Care South", council=council,
                locality=Locality.objects.create(council=council, name="South"))
    upload = Upload.objects.create(council=council, extract_date=MARCH, original_name="march.xlsx",
                                   status=Upload.Status.SUCCEEDED)

    def store(kpi_id, n, d, team=""):
        KpiValue.objects.create(upload=upload, kpi_id=kpi_id, period_start=YEAR[0], period_end=YEAR[1],
                                span=KpiValue.Span.YEAR, team=team, value=100 * n / d if d else n, numerator=n,
                                denominator=d)

    store("rereferral_pct", 45, 130)
    store("referrals", 300, None)
    for team, (n, d), referrals in (("Safeguarding North 1", (3, 4), 40), ("Safeguarding North 2", (10, 50), 120),
                                    ("Children in Care South", (32, 76), 140)):
        store("rereferral_pct", n, d, team)
        store("referrals", referrals, None, team)
    return make_user(Role.QA_LEAD, username="qa.lead")


def test_the_heat_map_and_team_page_are_accessible_and_a_number_is_acted_on(page, live_server, figures):
    sign_in(page, live_server, "qa.lead")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Team heat map").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Team heat map", level=1).is_visible()
    assert page.get_by_text("Small number: read with care").first.is_visible()
    assert axe_violations(page) == [] and page.console_errors == []

    # sort by re-referrals with the keyboard: fewest first
    table = page.get_by_role("table", name="Front door: each team against the council")
    table.get_by_role("columnheader", name="Re-referrals within 12 months").get_by_role("link").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "sort=rereferral_pct" in page.url
    table = page.get_by_role("table", name="Front door: each team against the council")
    first = table.locator("tbody tr").first.locator("th")
    assert first.inner_text().strip() == "Safeguarding North 2"  # 20.0%
    assert axe_violations(page) == []

    # each figure links to its row on the team's page, named by the team and measure as well as the value
    assert table.get_by_role("link", name="Safeguarding North 1, Referrals").inner_text().startswith("40")
    table.get_by_role("link", name="Safeguarding North 1", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Safeguarding North 1: performance", level=1).is_visible()
    assert axe_violations(page) == [] and page.console_errors == []

    page.get_by_role("link", name="Record a finding about Re-referrals within 12 months, Safeguarding North 1").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Measure (optional)").input_value() == "rereferral_pct"
    assert page.get_by_label("Team").locator("option:checked").inner_text() == "Safeguarding North 1"
    assert page.get_by_label("Theme").locator("option:checked").inner_text() == "Multi-agency working"
    assert axe_violations(page) == []
    page.get_by_label("Area for development").check()
    page.get_by_label("Finding").fill("Three of four referrals came back within a year.")
    page.get_by_role("button", name="Save finding").click()
    page.wait_for_load_state("networkidle")
    assert Finding.objects.get().kpi_id == "rereferral_pct"
    page.get_by_role("link", name="Re-referrals within 12 months").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/performance/kpis/rereferral_pct/")
