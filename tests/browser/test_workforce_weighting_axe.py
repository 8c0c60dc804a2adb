"""W2's weighting pages in Chromium (docs/design/workforce.md §3, §6), each as the role that uses it: the scheme and
its edit page, teams by loading, a team's workers and a worker's cases with an override (its form opened). axe finds
no WCAG 2.2 A or AA fault and the console no error."""

from decimal import Decimal as D

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.workforce.services import weighting as services

from ..workforce.test_weighting_data import snapshot_with
from .conftest import axe_violations, sign_in


def visit(page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_the_weighting_pages_pass_axe(page, live_server, transactional_db, world):
    snapshot_with(world, [("CH-1", "cp", "Olive Own", "", {"court": True, "missing": None}),
                          ("CH-2", "cla", "Olive Own", "", {}), ("CH-3", "cin", "A Locum", world.own.name, {})])
    services.set_override(actor=world.users[Role.TEAM_MANAGER], team=world.own, child_ref="CH-2",
                          worker_key="olive own", points=D("5"), reason="Placement breaking down")
    sign_in(page, live_server, "psw")
    visit(page, live_server, reverse("workforce:scheme"), "Workload weighting")
    visit(page, live_server, reverse("workforce:scheme_edit"), "Change the workload weighting")
    page.context.clear_cookies()
    sign_in(page, live_server, "teammanager")
    visit(page, live_server, reverse("workforce:loading"), "Workload: teams by loading")
    visit(page, live_server, reverse("workforce:loading_team", args=[world.own.pk]), f"{world.own.name}: workload")
    visit(page, live_server, reverse("workforce:worker", args=[world.own_worker.pk]), "Olive Own: cases and weights")
    page.get_by_text("Change the weight of CH-2's case").click()
    assert axe_violations(page) == [], page.url
