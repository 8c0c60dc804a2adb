"""Issue 12's evidence pages in Chromium (docs/design/improvement.md §4–§6), each as the role that uses it: the
evidence packs' index and a theme's pack (with a saved paragraph), a team's pack for its team manager, the top 10
with a saved list and its edit page, and the learning page with a delivered topic. axe finds no WCAG 2.2 A or AA
fault and the console no error."""

from datetime import date, timedelta

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.evidence_notes import save_evidence_note
from triangulate.improvement.learning import add_training_topic, update_training_topic
from triangulate.improvement.top_ten import save_top_ten

from ..factories import theme
from .conftest import axe_violations, sign_in


def visit(page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_the_evidence_pages_pass_axe(page, live_server, transactional_db, world):
    qa = world.users[Role.QA_LEAD]
    visits = theme("visits-and-direct-work")
    today = date.today()
    for days in (3, 30):
        services.record_finding(actor=qa, kind="area_for_development", text="Visit notes are thin", theme=visits,
                                team=world.own, source="case_audit", found_on=today - timedelta(days=days))
    save_evidence_note(actor=qa, council=world.own.council, scope_kind="theme", scope_id=visits.pk,
                       text="Audits and observations agree: notes are thin.", period_start=today - timedelta(365),
                       period_end=today)
    save_top_ten(actor=qa, council=world.own.council, kind="area_for_development", ranked_on=today,
                 items=[{"theme": visits, "title": "Purposeful visits", "evidence": [{"source": "Findings"}]}])
    topic = add_training_topic(actor=qa, council=world.own.council, title="Purposeful visits", theme=visits)
    update_training_topic(actor=qa, topic=topic, title=topic.title, theme=visits, audience="Social workers",
                          status="delivered", delivered_on=today - timedelta(days=10), expected_version=topic.version)

    sign_in(page, live_server, "qa_lead")
    visit(page, live_server, "/improvement/evidence/", "Evidence packs")
    visit(page, live_server, f"/improvement/evidence/themes/{visits.pk}/", "Visits and direct work")
    visit(page, live_server, "/improvement/evidence/top-10/", "Top 10 strengths and areas for development")
    visit(page, live_server, "/improvement/evidence/top-10/area_for_development/edit/",
          "Edit the council's top 10 areas for development")
    visit(page, live_server, "/improvement/learning/", "Learning from what we find")
    visit(page, live_server, "/improvement/learning/topics/new/", "Add a training topic")
    page.context.clear_cookies()
    sign_in(page, live_server, "teammanager")
    visit(page, live_server, f"/improvement/evidence/teams/{world.own.pk}/", world.own.name)
