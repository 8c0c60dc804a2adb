"""The daily timescale report in Chromium: axe-clean, filtered by keyboard alone, downloaded, and printed
without the site's menus, filters or buttons."""

import re

import pytest

from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.datasets.models import Upload

from ..factories import TeamFactory, make_user
from ..kpis.helpers import table
from ..kpis.timescale_rows import AT, LISTS
from .conftest import axe_violations
from .test_charts_exports import sign_in


@pytest.fixture
def stored(transactional_db, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    south = TeamFactory(name="Children in Care South", case_system_name="South")
    TeamFactory(name="Safeguarding North 1", case_system_name="North", council=south.council)
    upload = Upload.objects.create(council=south.council, extract_date=AT, original_name="april.xlsx",
                                   status=Upload.Status.SUCCEEDED)
    storage.write_tables(upload.pk, {n: table(n, rows) for n, rows in LISTS.items()})
    return make_user(Role.QA_LEAD, username="qa.lead")


def test_the_timescale_report_is_accessible_filterable_by_keyboard_and_printable(page, live_server, stored):
    sign_in(page, live_server, "qa.lead")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Timescales").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Timescales", level=1).is_visible()
    assert axe_violations(page) == [] and page.console_errors == []

    page.get_by_label("Team", exact=True).focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the second team: Safeguarding North 1
    assert page.get_by_label("Team", exact=True).input_value() == "Safeguarding North 1"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the worker list, to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "team=Safeguarding+North+1" in page.url
    assert page.get_by_role("table", name="Overdue and due soon, by worker").is_visible()
    assert page.locator("td", has_text="A3").count() == 0 and page.locator("td", has_text="A2").count() == 1
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the timescales as Excel").click()
    assert download.value.suggested_filename == "timescales-2025-04-22-safeguarding-north-1.xlsx"

    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", "form", ".govuk-button-group", ".govuk-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.get_by_role("table", name="Summary").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)  # every page A4 landscape (842 x 595 points), the header's too
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and {(round(float(w)), round(float(h))) for w, h in sizes} == {(842, 595)}
