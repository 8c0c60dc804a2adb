"""Every audit page the round journey (test_audit_round_journey.py) and the flag and tool test
(test_audit_flag_pages.py) do not visit, in Chromium, each as the role that uses it: axe finds no WCAG 2.2 A or AA
fault and the console no error (design §9.1)."""

import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import Workbook

from triangulate.audits.models import Answer, AuditRound, CaseAudit, Question, ToolVersion, TrackerImport
from triangulate.audits.services.tools import ensure_default_tools
from triangulate.core.authority import System
from triangulate.core.roles import Role

from ..audits.factories import (
    AuditRoundFactory,
    CaseAuditFactory,
    FamilyFeedbackFactory,
    RoundTeamFactory,
    SampleEntryFactory,
)
from .conftest import axe_violations, new_page, sign_in


def checked(page):
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def visit(page, live_server, path, heading):
    """Open the page and wait for its own heading before axe runs."""
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for()
    checked(page)


def go(page, click, ready):
    with page.expect_navigation():
        click()
    ready.wait_for()
    checked(page)


def answered(audit, grade_value):
    """Every question that applies answered: yes, and each grade question `grade_value`."""
    grades = {g.value: g for g in audit.tool_version.grade_scale.grades.all()}
    for question in Question.objects.filter(version=audit.tool_version):
        if question.applies_to and audit.case_type not in question.applies_to:
            continue
        if question.answer_type == Question.AnswerType.GRADE:
            Answer.objects.create(audit=audit, question=question, grade=grades[grade_value])
        else:
            Answer.objects.create(audit=audit, question=question, yes_no=Answer.YesNo.YES)


@pytest.fixture
def records(transactional_db, world, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    council = world.own.council
    ensure_default_tools(actor=System.DEMO, council=council)
    version = ToolVersion.objects.get(tool__key="full_case_audit", status=ToolVersion.Status.LIVE)
    grades = {g.value: g for g in version.grade_scale.grades.all()}
    auditor = world.users[Role.AUDITOR]
    round_ = AuditRoundFactory(council=council, tool_version=version, name="Spring audits",
                               audits_due=date.today())
    for team in (world.own, world.other):
        RoundTeamFactory(round=round_, team=team, size=3)
    draft = CaseAuditFactory(
        sample_entry=SampleEntryFactory(round=round_, team=world.own, worker=world.own_worker, child_id="SN101"),
        worker=world.own_worker, auditor=auditor, state=CaseAudit.State.WORKER_CONVERSATION,
        shared_at=timezone.now())
    done = []
    for n, (team, worker, grade) in enumerate([(world.own, world.own_worker, 3), (world.own, world.own_worker, 2),
                                               (world.other, world.other_worker, 4),
                                               (world.other, world.other_worker, 1)]):
        audit = CaseAuditFactory(
            sample_entry=SampleEntryFactory(round=round_, team=team, worker=worker, child_id=f"SN2{n:02d}",
                                            position=n + 2),
            worker=worker, auditor=auditor, state=CaseAudit.State.SUBMITTED, completed_on=date.today(),
            overall_grade=grades[grade], next_steps="Review the plan with the family.",
            conversation=CaseAudit.Conversation.HELD, conversation_on=date.today(), manager_present=False)
        answered(audit, grade)
        FamilyFeedbackFactory(audit=audit, what_went_well="They listen to us.", featured=n == 0)
        done.append(audit)
    # a child still waiting for an auditor, whose worker the extract named but no staff record matched
    SampleEntryFactory(round=round_, team=world.other, worker=None, worker_name="Unmatched Name",
                       child_id="SN300", position=9)
    planned = AuditRoundFactory(council=council, tool_version=version, name="Summer audits",
                                status=AuditRound.Status.PLANNED, audits_due=date(date.today().year + 1, 6, 30))
    RoundTeamFactory(round=planned, team=world.own, size=2)
    return type("Records", (), {"version": version, "round": round_, "planned": planned, "draft": draft,
                                "done": done, "council": council})


def tracker_workbook(world):
    book = Workbook()
    for row in [["Child ID", "Team", "Audit date", "Overall grade", "Auditor"],
                ["K1", world.own.name, date(2024, 2, 1), "Good", "Ann Auditor"],
                ["K2", world.own.name, date(2024, 3, 5), "Adequate", "Ann Auditor"]]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_other_audit_pages_pass_axe_for_the_roles_that_use_them(page, live_server, world, records, tmp_path):
    r = records
    draft, submitted = r.draft, r.done[0]

    # The QA lead: audits, finding a child's audits, rounds, reports and the briefing
    sign_in(page, live_server, "qa_lead")
    visit(page, live_server, "/audits/?show=all&state=submitted", "Audits")
    page.get_by_label("Find a child's audits by Child Unique ID").fill(submitted.child_id)
    go(page, page.get_by_role("button", name="Find").click, page.get_by_role("heading", name="Audits found"))
    assert page.get_by_role("link", name=submitted.child_id).is_visible()
    page.get_by_label("Find a child's audits by Child Unique ID").fill("")
    go(page, page.get_by_role("button", name="Find").click, page.locator(".govuk-error-summary"))
    visit(page, live_server, f"/audits/teams/{world.own.pk}/", f"Audits in {world.own.name}")
    visit(page, live_server, "/audits/rounds/", "Audit rounds")
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/", "Spring audits")
    assert page.get_by_role("cell", name="SN300").is_visible()
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/edit/", "Change Spring audits")  # locked: allocated
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/add-child/", "Add a child")
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/allocation/", "Auditors for Spring audits")
    assert page.get_by_label("Worker for child SN300").is_visible()
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/briefing/", "Edit the 7-minute briefing")
    visit(page, live_server, f"/audits/rounds/{r.planned.pk}/edit/", "Change Summer audits")
    visit(page, live_server, "/audits/rounds/new/", "Plan an audit round")
    go(page, page.get_by_role("button", name="Save round").click, page.locator(".govuk-error-summary"))
    visit(page, live_server, "/audits/reports/", "Audit report")
    visit(page, live_server, "/audits/reports/trends/", "Trends")
    visit(page, live_server, f"/audits/rounds/{r.round.pk}/report/", "Report: Spring audits")

    # ... a submitted audit: its page, history and amendment; a draft: reallocate and withdraw
    visit(page, live_server, f"/audits/{submitted.pk}/", f"Audit of child {submitted.child_id}")
    visit(page, live_server, f"/audits/{submitted.pk}/history/", "History of the audit")
    visit(page, live_server, f"/audits/{submitted.pk}/amend/", "Amend the audit")
    go(page, page.get_by_role("button", name="Save the amendment").click, page.locator(".govuk-error-summary"))
    visit(page, live_server, f"/audits/{draft.pk}/", f"Audit of child {draft.child_id}")
    visit(page, live_server, f"/audits/{draft.pk}/reallocate/", "Reallocate the audit")
    visit(page, live_server, f"/audits/{draft.pk}/withdraw/", "Withdraw the audit")

    # ... the tracker import: upload a small workbook, map it, run it (it fails on an unmapped grade), map the
    # grade and run it again
    visit(page, live_server, "/audits/imports/", "Tracker imports")
    go(page, page.get_by_role("link", name="Import a tracker").click, page.get_by_label("Tracker (.xlsx or .csv"))
    page.get_by_label("Tracker (.xlsx or .csv").set_input_files(
        files=[{"name": "history.xlsx", "buffer": tracker_workbook(world),
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    go(page, page.get_by_role("button", name="Upload").click,
       page.get_by_role("heading", name="What each column means"))
    tracker = TrackerImport.objects.get()
    go(page, page.get_by_role("link", name="Back to the tracker").click,
       page.get_by_role("heading", name="history.xlsx"))
    go(page, page.get_by_role("button", name="Import the audits").click, page.get_by_text("Nothing was imported: 1"))
    assert page.get_by_role("heading", name="Problems found").is_visible()
    go(page, page.get_by_role("link", name="Check what each column and value means").click,
       page.get_by_role("heading", name="What each column means"))
    page.get_by_label("Overall grade: “Adequate” (1 row)").select_option(label="Requires improvement")
    go(page, page.get_by_role("button", name="Save the mapping").click, page.get_by_text("Mapping saved"))
    go(page, page.get_by_role("link", name="Back to the tracker").click,
       page.get_by_role("heading", name="history.xlsx"))
    go(page, page.get_by_role("button", name="Import the audits").click, page.get_by_text("Imported 2 audits"))
    tracker.refresh_from_db()
    assert tracker.status == TrackerImport.Status.IMPORTED
    visit(page, live_server, f"/audits/imports/{tracker.pk}/mapping/", "history.xlsx")  # closed once imported

    # ... the tool and grade pages test_audit_flag_pages.py leaves: a new tool, its details, a draft version with
    # a section and a question, and the grade scale
    tool = r.version.tool
    visit(page, live_server, "/audits/tools/new/", "Add an audit tool")
    visit(page, live_server, f"/audits/tools/{tool.pk}/edit/", "Change")
    visit(page, live_server, f"/audits/tools/{tool.pk}/", tool.name)
    go(page, page.get_by_role("button", name="Make a draft from version 1").click,
       page.get_by_role("link", name="Add a section"))
    draft_version = ToolVersion.objects.get(tool=tool, status=ToolVersion.Status.DRAFT)
    section = draft_version.sections.order_by("number").first()
    question = section.questions.order_by("number").first()
    visit(page, live_server, f"/audits/versions/{draft_version.pk}/edit/", "Change")
    visit(page, live_server, f"/audits/versions/{draft_version.pk}/sections/new/", "Add a section")
    visit(page, live_server, f"/audits/sections/{section.pk}/edit/", "Change")
    visit(page, live_server, f"/audits/sections/{section.pk}/questions/new/", "Add a question")
    visit(page, live_server, f"/audits/questions/{question.pk}/edit/", "Change")
    scale = r.version.grade_scale
    visit(page, live_server, f"/audits/grades/{scale.pk}/edit/", "Change")
    visit(page, live_server, f"/audits/grades/grade/{scale.grades.order_by('value').first().pk}/edit/", "Change")

    # The worker: the shared draft and their reflection; the team manager: their comment, the round's progress
    # (their team's rows only) and their team's audits
    for username, pages in (
            ("practitioner", [(f"/audits/{draft.pk}/reflection/", "Your reflection")]),
            ("teammanager", [(f"/audits/{draft.pk}/manager-comment/", "Your comment"),
                             (f"/audits/rounds/{r.round.pk}/", "Spring audits"),
                             (f"/audits/teams/{world.own.pk}/", f"Audits in {world.own.name}")])):
        other = new_page(page.context.browser)
        sign_in(other, live_server, username)
        visit(other, live_server, f"/audits/{draft.pk}/", f"Audit of child {draft.child_id}")
        for path, heading in pages:
            visit(other, live_server, path, heading)
        other.context.close()

    # An elected member: the report and a team's audits, as counts only
    other = new_page(page.context.browser)
    sign_in(other, live_server, "elected_member")
    visit(other, live_server, "/audits/reports/", "Audit report")
    visit(other, live_server, f"/audits/teams/{world.own.pk}/", f"Audits in {world.own.name}")
    other.context.close()
