"""Issue 13's caseload pages in Chromium (docs/design/workforce.md §2, §6), each as the role that uses it: the council's
caseloads with a trend across two extracts, a team's caseloads for its team manager (workers named) and for the QA
lead (the spread), worker matching with a form error, and targets. axe finds no WCAG 2.2 A or AA fault and the
console no error."""

from decimal import Decimal

from triangulate.core.roles import Role
from triangulate.workforce.models import CaseloadTarget

from ..workforce.caseload_fixtures import FEBRUARY, MARCH, case, march_cases, snapshot
from .conftest import axe_violations, sign_in


def visit(page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_the_caseload_pages_pass_axe(page, live_server, transactional_db, world):
    council = world.own.council
    snapshot(council, FEBRUARY, [case("A", "cin", "Olive Own", world.own.name)])
    snapshot(council, MARCH, march_cases(), unknown={"missing": "List 8 has no missing episodes column."})
    CaseloadTarget.objects.create(council=council, average=Decimal("24"), maximum=4,
                                  changed_by=world.users[Role.QA_LEAD])

    sign_in(page, live_server, "qa_lead")
    visit(page, live_server, "/workforce/caseloads/", "Caseloads")
    visit(page, live_server, f"/workforce/caseloads/teams/{world.own.pk}/", "Caseloads")
    visit(page, live_server, "/workforce/caseloads/workers/matching/", "Worker matching")
    page.get_by_role("button", name="Save match").click()
    page.get_by_text("There is a problem").wait_for()
    assert axe_violations(page) == [], page.url
    visit(page, live_server, "/workforce/caseloads/targets/", "Caseload targets")
    page.context.clear_cookies()
    sign_in(page, live_server, "teammanager")
    visit(page, live_server, f"/workforce/caseloads/teams/{world.own.pk}/", "Caseloads")
    assert page.get_by_role("rowheader", name="Olive Own").count() == 1
