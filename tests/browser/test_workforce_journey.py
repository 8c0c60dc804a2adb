"""Issue 13's done-when, in Chromium on the demo council (its extracts and workforce story, docs/design/workforce.md
§8): the principal social worker shows caseloads and weighted loading for every team against its target, opens a
team's workload down to a worker's cases, then runs this year's health check to its end: closes it, reads the
results with year on year, writes the "you said, we will, we expect you" row and publishes results and plan. axe
finds nothing on any page visited."""

import re
from datetime import date

from triangulate.improvement.models import Action, Finding
from triangulate.people.models import Team
from triangulate.synth.demo import DEMO_PASSWORD, generate_demo_council
from triangulate.synth.demo_data import demo_story, import_demo_annex_a
from triangulate.synth.workforce import add_demo_workforce
from triangulate.workforce.models import CaseloadTarget, HealthCheck, HealthPlanItem

from .conftest import go, sign_in

PERCENT = re.compile(r"\d+\.\d%")


def test_the_psw_shows_caseloads_and_weighting_and_runs_the_health_check(page, live_server, transactional_db,
                                                                          settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    today = date.today()
    council = generate_demo_council(seed=3, children=3_000, as_of=today).council
    import_demo_annex_a(council, seed=3, months=3)  # three extracts: a caseload trend
    add_demo_workforce(council, seed=3)
    strained = CaseloadTarget.objects.get(council=council, team__isnull=False).team
    assert (strained.case_system_name or strained.name) in demo_story(council, seed=3, today=today).cast.strained_teams

    sign_in(page, live_server, "demo.psw", DEMO_PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    go(page, menu.get_by_role("link", name="Workforce").click, "Workforce")
    go(page, page.get_by_role("link", name="Caseloads", exact=True).click, "Caseloads")

    # every team with cases shows its average against its target and its weighted loading
    body = page.locator("main").inner_text()
    assert "Average caseload" in body and "24.0 (maximum 30)" in body
    table = page.get_by_role("table", name="Teams")
    rows = table.locator("tbody tr")
    assert rows.count() >= 5
    with_loading, seen_strained = 0, False
    for i in range(rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        assert cells[3], cells  # a target for every team: its own or the council's
        with_loading += bool(PERCENT.search(cells[-1]))
        if cells[0] == strained.name:
            seen_strained = cells[3].startswith("20.0 (maximum 24)")
    assert with_loading >= 5 and seen_strained

    # a team's caseloads, with its loading; on to its workload and one worker's cases
    go(page, table.get_by_role("link", name=strained.name, exact=True).click, "Caseloads")
    assert "Weighted loading" in page.locator("main").inner_text()
    go(page, page.get_by_role("link", name=re.compile("The team’s workload")).click, f"{strained.name}: workload")
    workers = page.get_by_role("table", name=f"Workers in {strained.name}")
    first = workers.locator("tbody tr th a").first
    name = first.inner_text().strip()
    go(page, first.click, re.compile(re.escape(name)))

    # this year's health check: close it, read its results, write the plan, publish
    go(page, menu.get_by_role("link", name="Workforce").click, "Workforce")
    go(page, page.get_by_role("link", name="The social work health check").click, re.compile("health check",
                                                                                               re.IGNORECASE))
    check = HealthCheck.objects.get(council=council, year=today.year)
    go(page, page.get_by_role("link", name=check.title, exact=True).click, check.title)
    go(page, page.get_by_role("button", name="Close").click, check.title)
    assert "closed" in page.locator("main").inner_text().lower()
    go(page, page.get_by_role("link", name="Results", exact=True).click, "Results")
    results = page.locator("main").inner_text()
    assert "Workload and work-life balance" in results and "Supervision" in results
    assert re.search(r"[+\u2212]\d+ points?|no change", results), "year on year against last year's check"

    go(page, page.get_by_role("link", name="Back to the health check").click, check.title)
    go(page, page.get_by_role("link", name="You said, we will, we expect you").click,
       "You said, we will, we expect you")
    go(page, page.get_by_role("link", name="Add a row").click, "Add a row to the plan")
    page.get_by_label("Theme").select_option(label="Workload and work-life balance")
    page.get_by_label("You said", exact=True).fill("Caseloads are still too high in the south locality.")
    page.get_by_label("We will", exact=True).fill("Move two experienced social workers to the south locality's teams.")
    page.get_by_label("Owner").select_option(index=1)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(today.year + 1))
    page.get_by_label("We expect you (optional)").fill("Tell your manager when your loading turns red.")
    go(page, page.get_by_role("button", name="Add the row").click, "You said, we will, we expect you")
    assert "Caseloads are still too high in the south locality." in page.locator("main").inner_text()

    go(page, page.get_by_role("link", name="Back to the health check").click, check.title)
    go(page, page.get_by_role("button", name="Publish the results").click, check.title)
    check.refresh_from_db()
    assert check.status == HealthCheck.Status.PUBLISHED

    # the row is an improvement finding (staff survey) with its action, tracked with every other
    item = HealthPlanItem.objects.get(health_check=check)
    assert item.finding.source == "staff_survey" and item.finding.kind == Finding.Kind.AREA_FOR_DEVELOPMENT
    action = Action.objects.get(finding=item.finding)
    assert action.title.startswith("Move two experienced") and action.due_date == date(today.year + 1, 3, 31)
    assert Team.objects.filter(pk=strained.pk).exists()
