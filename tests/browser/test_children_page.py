"""The children behind a measure in Chromium: axe-clean with its filters and pages, filtered to those not
meeting the measure by keyboard alone, paged, and downloaded."""

from datetime import date

import pytest

from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.datasets.models import Upload

from ..factories import TeamFactory, make_user
from ..kpis.helpers import table
from ..kpis.timescale_rows import AT, CP_PLANS
from .conftest import axe_violations
from .test_charts_exports import sign_in

URL = "/performance/kpis/cp_visits_in_timescale_pct/children/"


@pytest.fixture
def stored(transactional_db, tmp_path, settings):
    """The hand-worked plans and 120 more in time (visited on 15 April: 2 working days before), so the list has
    two pages and most children meet the measure."""
    settings.DATA_DIR = tmp_path / "data"
    south = TeamFactory(name="Children in Care South", case_system_name="South")
    TeamFactory(name="Safeguarding North 1", case_system_name="North", council=south.council)
    upload = Upload.objects.create(council=south.council, extract_date=AT, original_name="april.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    more = [{"child_id": f"P{i:03d}", "allocated_team": "North", "allocated_worker": "Ann",
             "cp_start": date(2025, 1, 1), "last_visit": date(2025, 4, 15)} for i in range(120)]
    storage.write_tables(upload.pk, {7: table(7, CP_PLANS + more)})
    return make_user(Role.QA_LEAD, username="qa.lead")


def test_the_children_list_is_accessible_filterable_by_keyboard_paged_and_downloaded(page, live_server, stored):
    sign_in(page, live_server, "qa.lead")
    page.goto(live_server.url + URL)
    assert page.get_by_role("heading", name="Children behind: Child protection visits within the visit standard",
                            level=1).is_visible()
    assert page.get_by_role("navigation", name="Pages of children").is_visible()
    assert axe_violations(page) == [] and page.console_errors == []

    page.get_by_label("Only those not meeting the measure").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the Show button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "failing=1" in page.url
    table = page.get_by_role("table", name="4 plans for 4 children")
    assert table.locator("tbody tr").count() == 4
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "C3"  # no visit recorded: first
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the children behind this figure as Excel").click()
    assert download.value.suggested_filename == "cp_visits_in_timescale_pct-children-2025-04-22-not-met.xlsx"

    page.goto(live_server.url + URL + "?page=2")
    assert page.get_by_role("table", name="126 plans for 126 children, page 2 of 2").locator("tbody tr").count() == 26
    assert axe_violations(page) == [] and page.console_errors == []
