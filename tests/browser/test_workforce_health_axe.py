"""The health check's pages in Chromium (docs/design/workforce.md §5, §6): answering through a slip's link with nobody
signed in (the answer page, a refused link, the thanks), then the PSW's pages: the list, a check's page, its edit and
question pages, making links (the slips), the results with year on year, its chart and teams, and the plan with its
forms (adding a row, correcting one, a stale correction's panel, removing one). axe finds no WCAG 2.2 A or AA fault
and the console no error."""

from datetime import date

from triangulate.core.roles import Role
from triangulate.workforce.models import Agreement
from triangulate.workforce.services import health as services
from triangulate.workforce.services import health_plan

from ..factories import TeamFactory
from ..workforce.health_helpers import new_check, respond
from .conftest import axe_violations, sign_in


def visit(page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_the_health_check_pages_pass_axe(page, live_server, transactional_db, world):
    psw = world.users[Role.PRINCIPAL_SOCIAL_WORKER]
    last = new_check(world, year=2025)
    services.open_check(actor=psw, health_check=last)
    respond(world, last, world.own, 6, by_key={"regular-supervision": Agreement.DISAGREE})
    respond(world, last, world.other, 6, choice=Agreement.NEITHER)
    services.close_check(actor=psw, health_check=last)
    item = health_plan.add_plan_item(actor=psw, health_check=last, theme="supervision",
                                     you_said="Supervision is cancelled.", we_will="Protect supervision time",
                                     owner=psw, due_date=date(2027, 3, 31), we_expect_you="Come to supervision prepared.")
    health_plan.add_we_will(actor=psw, item=item, we_will="Audit supervision records", owner=psw,
                            due_date=date(2027, 6, 30))
    services.publish_check(actor=psw, health_check=last)
    this = new_check(world, year=2026)
    services.open_check(actor=psw, health_check=this)
    respond(world, this, world.own, 7, comment="More time with families, please.")
    respond(world, this, TeamFactory(name="Small Team"), 2)
    token = services.make_links(actor=psw, health_check=this, team=world.own, count=1)[0]

    # nobody signed in: the link leaves the address, the form, the thanks, and the used link refused
    visit(page, live_server, f"/workforce/health-check/{token}/", this.title)
    assert token not in page.url
    for radio in page.locator('input[type="radio"][value="4"]').all():
        radio.check()
    page.get_by_label("Is there anything else").fill("Thank you for asking.")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you for answering", level=1).wait_for()
    assert axe_violations(page) == [] and page.console_errors == []
    visit(page, live_server, f"/workforce/health-check/{token}/", "You cannot answer with this link")
    # a slip read on paper: its code typed at the short address; a used one refused on the field
    code = services.make_links(actor=psw, health_check=this, team=world.own, count=1)[0]
    visit(page, live_server, "/workforce/health-check/code/", "Answer the social work health check")
    page.get_by_label("Your code").fill(token)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert axe_violations(page) == [] and page.console_errors == []
    page.get_by_label("Your code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name=this.title, level=1).wait_for()
    assert code not in page.url

    sign_in(page, live_server, "psw")
    visit(page, live_server, "/workforce/health-check/", "The social work health check")
    visit(page, live_server, f"/workforce/health-check/{this.pk}/", this.title)
    visit(page, live_server, f"/workforce/health-check/{this.pk}/results/", "Results")
    visit(page, live_server, f"/workforce/health-check/{this.pk}/links/", "Make links for a team")
    page.get_by_label("Team").select_option(label=world.own.name)
    page.get_by_label("Number of links (optional)").fill("3")
    page.get_by_role("button", name="Make the links").click()
    page.get_by_role("heading", name=f"Links for {world.own.name}", level=1).wait_for()
    assert axe_violations(page) == [] and page.console_errors == []
    visit(page, live_server, f"/workforce/health-check/{last.pk}/results/", "Results")
    visit(page, live_server, f"/workforce/health-check/{last.pk}/plan/", "You said, we will, we expect you")
    visit(page, live_server, f"/workforce/health-check/{last.pk}/plan/new/", "Add a row to the plan")
    # a row's page, its stale save (someone saves between drawing and saving), and the removal's confirmation
    visit(page, live_server, f"/workforce/health-check/plan/{item.pk}/", "Change row 1 of the plan")
    health_plan.update_plan_item(actor=world.users[Role.QA_LEAD], item=item, we_expect_you="Theirs.")
    page.get_by_label("We expect you (optional)").fill("Mine.")
    page.get_by_role("button", name="Save the row").click()
    page.get_by_role("heading", name="Not saved").wait_for()
    assert axe_violations(page) == [] and page.console_errors == []
    visit(page, live_server, f"/workforce/health-check/plan/{item.pk}/remove/", "Remove row 1 of the plan")
    draft = new_check(world, year=2027)
    visit(page, live_server, f"/workforce/health-check/{draft.pk}/edit/", f"Change {draft.title}")
    visit(page, live_server, f"/workforce/health-check/questions/{draft.questions.get(number=1).pk}/",
          "Change question 1")
    visit(page, live_server, f"/workforce/health-check/{draft.pk}/questions/new/", "Add a question")
    visit(page, live_server, "/workforce/health-check/new/", "Start a health check")
