"""Sign in, open the main pages in Chromium and check each with axe-core (WCAG 2.2 A/AA)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from triangulate.improvement.models import Action, Finding
from triangulate.people.models import StaffMember, Team
from triangulate.synth.demo import DEMO_PASSWORD, generate_demo_council

from .conftest import axe_violations
from .conftest import sign_in as signed_in


@pytest.fixture
def demo(transactional_db):
    return generate_demo_council(seed=1, as_of=date.today())


def sign_in(page, live_server, username):
    """Sign in to the demo council (the home page sends a visitor to the sign-in page first)."""
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/sign-in/")
    signed_in(page, live_server, username, DEMO_PASSWORD)


def test_sign_in_page_is_accessible_and_explains_errors(page, live_server, demo):
    page.goto(f"{live_server.url}/sign-in/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter your username" in summary.inner_text()
    # GOV.UK Frontend's JavaScript ran and moved focus to the error summary
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", [
    "/", "/people/teams/", "/people/teams/{team}/", "/people/staff/", "/people/staff/{staff}/", "/people/council/",
    "/themes/", "/themes/new/", "/improvement/findings/", "/improvement/findings/{finding}/", "/improvement/findings/new/",
    "/improvement/actions/", "/improvement/actions/{action}/", "/improvement/actions/new/", "/audit-trail/", "/access-log/",
    "/people/password/",
])
def test_pages_have_no_axe_violations(page, live_server, demo, path):
    sign_in(page, live_server, "demo.qalead")
    team = Team.objects.get(name="Safeguarding North 1")
    staff = StaffMember.objects.filter(memberships__team=team).first()
    ids = {"team": team.pk, "staff": staff.pk, "finding": Finding.objects.first().pk,
           "action": Action.objects.first().pk}
    response = page.goto(live_server.url + path.format(**ids))
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert axe_violations(page) == []
    assert page.console_errors == []



def test_a_sorted_table_is_accessible_and_sorts_by_its_header_link(page, live_server, demo):
    sign_in(page, live_server, "demo.qalead")
    page.goto(f"{live_server.url}/improvement/actions/?status=all")
    page.get_by_role("link", name="Due", exact=True).click()  # ascending, keeping the filter
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("?status=all&sort=due_date")
    header = page.locator("th[aria-sort]")
    assert (header.inner_text(), header.get_attribute("aria-sort")) == ("Due", "ascending")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Due", exact=True).click()  # then descending
    page.wait_for_load_state("networkidle")
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    assert axe_violations(page) == []
    assert page.console_errors == []

def test_the_council_brand_replaces_gov_uk_furniture(page, live_server, demo):
    sign_in(page, live_server, "demo.teammanager")
    header = page.locator(".app-header")
    assert "Aldermoor Council" in header.inner_text()
    assert page.locator(".govuk-header__logo, .govuk-footer__crown, svg.govuk-logo").count() == 0
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font and "arial" in font.lower()
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_a_form_with_errors_is_accessible_and_links_to_each_field(page, live_server, demo):
    sign_in(page, live_server, "demo.teammanager")
    page.goto(f"{live_server.url}/improvement/findings/new/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save finding").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator(".govuk-error-summary")
    assert "The date found must be a real date" in summary.inner_text()
    assert page.title().startswith("Error: ")
    summary.get_by_role("link", name="Enter the finding").click()
    assert page.evaluate("document.activeElement.id") == "id_text"
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", [
    "/people/users/", "/people/users/new/", "/people/council/", "/people/council/change/",
    "/people/council/population/", "/people/council/neighbours/", "/people/teams/new/", "/people/staff/new/",
    "/people/staff/{staff}/change/", "/people/staff/{staff}/move/", "/people/users/{user}/",
])
def test_admin_pages_are_accessible_empty_and_with_errors(page, live_server, demo, path):
    sign_in(page, live_server, "demo.admin")
    staff = StaffMember.objects.filter(leave_date__isnull=True).first()
    user = get_user_model().objects.get(username="demo.practitioner")
    response = page.goto(live_server.url + path.format(staff=staff.pk, user=user.pk))
    assert response.status == 200
    assert axe_violations(page) == []
    submit = page.locator("main form button[type=submit]")
    if submit.count():  # submit it wrongly: every form must explain its errors accessibly
        for text_input in page.locator("main form input[type=text]").all():
            text_input.fill("")
        for textarea in page.locator("main form textarea").all():
            textarea.fill("not a code")
        for password_input in page.locator("main form input[type=password]").all():
            password_input.fill("short")
        submit.first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".govuk-error-summary").count() == 1
        assert axe_violations(page) == []
    assert page.console_errors == []


def test_performance_and_data_pages_are_accessible(page, live_server, transactional_db, settings, tmp_path):
    from triangulate.datasets.models import Upload
    from triangulate.synth.demo_data import import_demo_annex_a

    settings.DATA_DIR = tmp_path
    council = generate_demo_council(seed=2, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=2, months=2)  # not in a test transaction here: the import runs on commit
    upload = Upload.objects.filter(status=Upload.Status.SUCCEEDED).order_by("-extract_date", "-id").first()
    assert upload is not None
    sign_in(page, live_server, "demo.qalead")
    for path in ("/performance/", "/performance/kpis/rereferral_pct/", "/performance/kpis/cla_open/",
                 "/performance/kpis/cla_open/children/",
                 "/data/uploads/", f"/data/uploads/{upload.pk}/", "/data/uploads/new/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/performance/")
    assert "Against England" in page.content()  # the scorecard compares each measure with England
    # an extract held for review (findings, figures beside the published ones, publish and discard) and an
    # interrupted import (its reason, cancel and retry)
    held = Upload.objects.create(
        council=council, extract_date=upload.extract_date, original_name="held.xlsx", status=Upload.Status.HELD,
        plausibility=[{"check": "one_id", "severity": "hold", "message": "List 1 (Contacts): one child id is on "
                       "3,000 of its 3,000 rows."}])
    kept = tmp_path / "incoming" / "upload-kept.xlsx"
    kept.parent.mkdir(exist_ok=True)
    kept.write_bytes(b"PK")
    interrupted = Upload.objects.create(
        council=council, extract_date=upload.extract_date, original_name="stopped.xlsx",
        status=Upload.Status.INTERRUPTED, error="The import was stopped before it finished.",
        source_path="incoming/upload-kept.xlsx")
    for shown, button in ((held, "Publish this extract"), (interrupted, "Retry the import")):
        response = page.goto(f"{live_server.url}/data/uploads/{shown.pk}/")
        assert response.status == 200
        assert page.get_by_role("button", name=button).count() == 1, button
        assert axe_violations(page) == [], shown.original_name
    assert page.console_errors == []


def test_team_names_page_is_accessible_empty_and_with_an_error(page, live_server, demo):
    from triangulate.datasets.models import Upload

    sign_in(page, live_server, "demo.qalead")
    response = page.goto(f"{live_server.url}/data/team-names/")  # nothing imported yet
    assert response.status == 200
    assert "No team names yet" in page.content()
    assert axe_violations(page) == []
    team = Team.objects.filter(is_active=True).first()
    upload = Upload.objects.create(
        council=team.council, extract_date=date(2025, 3, 31), original_name="march.xlsx",
        status=Upload.Status.SUCCEEDED, teams={team.case_system_name or team.name: 12, "Old Team Name": 3},
        headings={"8": {"matched": [{"heading": "UASC (Y/N)", "column": "UASC", "key": "uasc", "how": "variant"}],
                        "absent": ["Placement Location"], "ignored": ["Notes"]}})
    page.goto(f"{live_server.url}/data/team-names/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save mapping").click()  # no name chosen
    page.wait_for_load_state("networkidle")
    summary = page.locator(".govuk-error-summary")
    assert "Choose a team name from the extracts" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    response = page.goto(f"{live_server.url}/data/uploads/{upload.pk}/")  # headings and unmapped names
    assert response.status == 200
    assert "Old Team Name" in page.content()
    assert axe_violations(page) == []
    assert page.console_errors == []
