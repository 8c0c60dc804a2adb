"""Two people in two browsers edit the same record: the later save, drawn from an older page, is refused
with the stale-save panel (core/_stale_save.html), which shows what is stored now beside the user's own
entries; their entries stay in the form, the page passes axe, and saving again then goes through."""

from datetime import date
from decimal import Decimal

import pytest

from triangulate.core.formatting import date_uk
from triangulate.core.roles import Role
from triangulate.improvement.models import Action
from triangulate.people.models import Team
from triangulate.synth.demo import DEMO_PASSWORD, generate_demo_council

from ..factories import make_user
from .conftest import axe_violations, new_page
from .test_pages_in_chromium import sign_in


@pytest.fixture
def demo(transactional_db):
    return generate_demo_council(seed=1, as_of=date.today())


@pytest.fixture
def second_page(browser):
    """A second person's browser: its own context, so its own session."""
    page = new_page(browser)
    yield page
    page.context.close()


def stale_rows(page):
    """The panel's rows as (field, stored now, your entry, marked as differing)."""
    rows = []
    for row in page.locator("#stale-save tbody tr").all():
        header = row.locator("th")
        differs = header.locator(".govuk-tag").count() == 1
        label = header.inner_text().removesuffix("Differs").strip()
        rows.append((label, *[cell.inner_text() for cell in row.locator("td").all()], differs))
    return rows


def test_a_team_save_from_an_older_page_is_refused_with_both_versions_and_nothing_lost(
        page, second_page, live_server, demo):
    team = Team.objects.get(name="Safeguarding North 1")
    Team.objects.filter(pk=team.pk).update(establishment_fte=Decimal("10"), case_system_name="")
    make_user(Role.SYSTEM_ADMIN, username="second.admin", first_name="Sam", last_name="Second",
              password=DEMO_PASSWORD)
    url = f"{live_server.url}/people/teams/{team.pk}/change/"
    sign_in(page, live_server, "demo.admin")
    sign_in(second_page, live_server, "second.admin")
    page.goto(url)
    second_page.goto(url)  # both pages drawn from version 1

    # The administrator raises the funded posts and saves first.
    page.get_by_label("Funded posts (FTE)").fill("12.5")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/people/teams/{team.pk}/"

    # Sam, on a page still showing 10 funded posts, meant only to set the extract name.
    second_page.get_by_label("Name in case-system extracts").fill("SGN-ONE")
    second_page.get_by_role("button", name="Save").click()
    second_page.wait_for_load_state("networkidle")
    panel = second_page.locator("#stale-save")
    assert panel.is_visible()
    assert panel.get_by_role("heading", name="Not saved").count() == 1
    assert (f"System administrator (demo) changed this on {date_uk(date.today())} after you opened the page."
            in panel.inner_text())
    assert "Someone else saved this after you opened the page" in second_page.locator(".govuk-error-summary").inner_text()
    assert second_page.title().startswith("Error: ")
    rows = stale_rows(second_page)
    assert [row for row in rows if row[3]] == [
        ("Funded posts (FTE)", "12.5", "10", True),
        ("Name in case-system extracts", "Blank", "SGN-ONE", True),
    ]
    assert ("Team name", "Safeguarding North 1", "Safeguarding North 1", False) in rows
    # Nothing of Sam's was saved, nothing of the administrator's was undone, and Sam's entry is still there.
    team.refresh_from_db()
    assert (team.establishment_fte, team.case_system_name, team.version) == (Decimal("12.5"), "", 2)
    assert second_page.get_by_label("Name in case-system extracts").input_value() == "SGN-ONE"
    assert second_page.get_by_label("Funded posts (FTE)").input_value() == "10.0"  # as their page drew it
    assert axe_violations(second_page) == []

    # Sam takes the stored funded posts and saves again: the page now stands on version 2, so it goes through.
    second_page.get_by_label("Funded posts (FTE)").fill("12.5")
    second_page.get_by_role("button", name="Save").click()
    second_page.wait_for_load_state("networkidle")
    assert second_page.url == f"{live_server.url}/people/teams/{team.pk}/"
    assert "Team Safeguarding North 1 updated" in second_page.content()
    team.refresh_from_db()
    assert (team.establishment_fte, team.case_system_name, team.version) == (Decimal("12.5"), "SGN-ONE", 3)
    assert page.console_errors == [] and second_page.console_errors == []


def test_a_cancellation_from_an_older_page_does_not_land_on_a_completion(page, second_page, live_server, demo):
    action = Action.objects.filter(status__in=Action.OPEN_STATUSES).first()
    url = f"{live_server.url}/improvement/actions/{action.pk}/"
    sign_in(page, live_server, "demo.qalead")
    sign_in(second_page, live_server, "demo.psw")
    page.goto(url)
    second_page.goto(url)

    page.get_by_label("Complete").check()
    page.get_by_label("Evidence of completion").fill("Audit of 20 files in March: all had a plan")
    page.get_by_role("button", name="Update status").click()
    page.wait_for_load_state("networkidle")

    second_page.get_by_label("Cancelled").check()
    second_page.get_by_label("Note (optional)").fill("No longer needed after the restructure")
    second_page.get_by_role("button", name="Update status").click()
    second_page.wait_for_load_state("networkidle")
    assert second_page.locator("#stale-save").is_visible()
    assert stale_rows(second_page) == [("New status", "Complete", "Cancelled", True)]
    assert second_page.get_by_label("Note (optional)").input_value() == "No longer needed after the restructure"
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE
    assert axe_violations(second_page) == []
    assert page.console_errors == [] and second_page.console_errors == []
