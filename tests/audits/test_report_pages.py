"""The report pages, their downloads and the briefing (design §6, §9.2): the figures a reader sees, the disclosure
control an elected member gets, and a download that says what the page says."""

import io
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from triangulate.audits.models import AuditAction, AuditFinding, CaseAudit, Moderation, RoundBriefing
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role
from triangulate.improvement.models import Action, Finding, Source

from ..factories import theme
from .factories import AuditRoundFactory, CaseAuditFactory, FamilyFeedbackFactory, ModerationFactory, make_tool

GRADES = [3, 2, 1, 3, 1, 3, 4, 2, 2, 2]  # O 1, G 3, RI 4, I 2: the ten audits of §6's worked example
QUOTE = "She listened to us and things changed."
FINDING = "Plans have no timescales."


@pytest.fixture
def cohort(world):
    """§6's worked example in the database: ten completed audits, one withdrawn, one in progress."""
    council = world.own.council
    version = make_tool(council)
    round_ = AuditRoundFactory(council=council, tool_version=version, name="December 2026")
    qa = world.users[Role.QA_LEAD]
    scale = version.grade_scale
    audits = []
    for i, value in enumerate(GRADES):
        audit = CaseAuditFactory(round=round_, sample_entry=None, child_id=f"A{i:02d}", team=world.own, auditor=qa,
                                 state=CaseAudit.State.SUBMITTED, completed_on=date(2026, 12, 10),
                                 overall_grade=scale.grades.get(value=value), conversation="held")
        audits.append(audit)
    for i, audit in enumerate(audits[:7]):
        FamilyFeedbackFactory(audit=audit, featured=i == 0, what_went_well=QUOTE if i == 0 else "")
    for audit, reason in zip(audits[7:], ["no_answer", "no_answer", "declined"], strict=True):
        FamilyFeedbackFactory(audit=audit, outcome="not_reached", not_reached_reason=reason, consent=False,
                              positive_difference="", confident_to_ask_again="")
    finding = Finding.objects.create(kind="area_for_development", text=FINDING, theme=theme("planning-smart"),
                                     team=world.own, source=Source.CASE_AUDIT, found_on=date(2026, 12, 10),
                                     recorded_by=qa)
    AuditFinding.objects.create(audit=audits[0], finding=finding)
    # the first inadequate audit: moderated (agreed) and found for closure, with an open action
    inadequate = audits[2]
    inadequate.state = CaseAudit.State.MODERATED
    inadequate.save()
    ModerationFactory(audit=inadequate, auditor_grade=inadequate.overall_grade, moderator=world.users[Role.AUDITOR],
                      moderator_grade=inadequate.overall_grade, status=Moderation.Status.AGREED)
    action = Action.objects.create(title="Close the case", rationale="Needs met", priority="high", owner=qa,
                                   due_date=date(2027, 1, 15), theme=theme("planning-smart"), team=world.own,
                                   created_by=qa)
    AuditAction.objects.create(audit=inadequate, action=action, kind=AuditAction.Kind.CLOSE_CASE)
    CaseAuditFactory(round=round_, sample_entry=None, child_id="W01", team=world.own, auditor=qa,
                     state=CaseAudit.State.WITHDRAWN, withdrawn_reason="case_closed")
    CaseAuditFactory(round=round_, sample_entry=None, child_id="P01", team=world.own, auditor=qa,
                     state=CaseAudit.State.RECORD_REVIEW)
    return round_


def page(client_for, user, name, *args, query=""):
    response = client_for(user).get(reverse(name, args=args) + query)
    assert response.status_code == 200
    return response


def test_the_round_report_shows_the_worked_example(world, cohort, client_for):
    text = page(client_for, world.users[Role.QA_LEAD], "audits:round_report", cohort.pk).content.decode()
    assert "91%" in text and "10 of 11" in text  # R1
    assert "40%" in text and "4 of 10" in text  # R5
    assert "70%" in text and "7 of 10" in text  # R13
    assert QUOTE in text and FINDING in text
    assert "The case closed" in text  # withdrawn, shown apart with its reason
    assert "1 of 2" in text  # R7: one of the two inadequate audits has an action
    assert "Moderation by auditor" in text  # QA leads see figures per auditor


def test_a_team_manager_sees_no_figures_per_auditor(world, cohort, client_for):
    text = page(client_for, world.users[Role.TEAM_MANAGER], "audits:round_report", cohort.pk).content.decode()
    assert "91%" in text and "Moderation by auditor" not in text


def test_an_elected_member_sees_only_the_planned_count(world, cohort, client_for):
    text = page(client_for, world.users[Role.ELECTED_MEMBER], "audits:round_report", cohort.pk).content.decode()
    assert "id=\"planned\">11 planned." in text
    assert "10 of 11" not in text and "91%" not in text  # the complement, 1, would be given away
    assert "hidden because the number completed is hidden" in text
    assert "4 of 10" not in text and "40%" not in text
    assert QUOTE not in text and FINDING not in text


def test_filters_narrow_the_cohort(world, cohort, client_for):
    user = world.users[Role.QA_LEAD]
    text = page(client_for, user, "audits:report", query=f"?team={world.other.pk}").content.decode()
    assert "10 of 11" not in text and "no audits" in text
    text = page(client_for, user, "audits:report", query=f"?team={world.own.pk}&quarter=2026-Q3").content.decode()
    # December 2026 is in Q3 2026-27; a quarter's cohort is the audits completed in it (§6)
    assert "10 of 10" in text
    text = page(client_for, user, "audits:report", query="?quarter=2026-Q2").content.decode()
    assert "10 of 10" not in text


def test_the_workbook_says_what_the_page_says_and_logs_the_children(world, cohort, client_for):
    user = world.users[Role.QA_LEAD]
    response = page(client_for, user, "audits:round_report", cohort.pk, query="?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[1]: row for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Completed of planned"][2:5] == ("91%", "10 of 11", 90.9)
    assert summary["Good or better"][2:5] == ("40%", "4 of 10", 40)
    assert summary["Moderated"][2:5] == ("10%", "1 of 10", 10)
    assert summary["Found for closure"][2:5] == ("10%", "1 of 10", 10)
    assert summary["Families reached"][2:5] == ("70%", "7 of 10", 70)
    children = [row[0] for row in book["Audits"].iter_rows(min_row=2, values_only=True)]
    assert len(children) == 12
    assert AccessLog.objects.filter(user=user, kind=AccessLog.Kind.EXPORT, resource="audit").count() == 12


def test_an_elected_members_download_has_no_children(world, cohort, client_for):
    user = world.users[Role.ELECTED_MEMBER]
    response = page(client_for, user, "audits:round_report", cohort.pk, query="?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Audits" not in book.sheetnames
    summary = {row[1]: row for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Completed of planned"][2:5] == ("suppressed", "of 11", "")
    csv = page(client_for, user, "audits:round_report", cohort.pk, query="?format=csv").content.decode()
    assert "A00" not in csv and "90.9" not in csv


def pdf_text(content):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


def test_the_report_pdf_reads_back(world, cohort, client_for):
    response = page(client_for, world.users[Role.QA_LEAD], "audits:round_report_pdf", cohort.pk)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Good or better" in text and "40%" in text
    assert "A00" not in text  # no child ids in the PDF


def test_the_briefing_is_one_page_under_disclosure_control_for_everyone(world, cohort, client_for):
    response = page(client_for, world.users[Role.QA_LEAD], "audits:round_briefing_pdf", cohort.pk)
    text = pdf_text(response.content)
    assert "1. Why we audited" in text and "7. What happens next" in text
    assert "91%" not in text  # the QA lead's own view would show it; the briefing never does
    assert QUOTE in text  # featured, with consent: chosen for the briefing
    assert text.count("\f") <= 1  # one page


def test_an_elected_members_briefing_has_the_figures_but_not_the_families_words(world, cohort, client_for):
    text = pdf_text(page(client_for, world.users[Role.ELECTED_MEMBER], "audits:round_briefing_pdf", cohort.pk).content)
    assert "6. What families told us" in text and "Families reached" in text
    assert QUOTE not in text and "Families' words are not shown in this copy." in text


def test_the_briefing_is_prefilled_saved_and_refused_when_too_long(world, cohort, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    url = reverse("audits:round_briefing", args=[cohort.pk])
    assert "Not yet good" not in client.get(url).content.decode()
    response = client.post(url, {"version": 0, "working_well": "Visits are purposeful.", "needs_to_improve": "x",
                                 "doing_about_it": "", "questions_for_teams": "How do you record drift?"})
    assert response.status_code == 302
    briefing = RoundBriefing.objects.get(round=cohort)
    assert briefing.working_well == "Visits are purposeful." and briefing.updated_by == world.users[Role.QA_LEAD]
    response = client.post(url, {"version": briefing.version, "working_well": "w" * 501, "needs_to_improve": "",
                                 "doing_about_it": "", "questions_for_teams": ""})
    assert response.status_code == 200
    assert "Shorten box 4 to fit one page" in response.content.decode()


def test_trends_show_rounds_and_quarters(world, cohort, client_for):
    text = page(client_for, world.users[Role.QA_LEAD], "audits:trends").content.decode()
    assert "December 2026" in text and "Q3 2026-27 (October–December 2026)" in text
    assert "Good or better, by team and round" in text and "4 of 10" in text


def test_an_elected_member_sees_trends_under_control(world, cohort, client_for):
    text = page(client_for, world.users[Role.ELECTED_MEMBER], "audits:trends").content.decode()
    assert "4 of 10" not in text and "40%" not in text and "suppressed" in text


def test_a_briefing_at_its_budgets_still_fits_one_page(world, cohort, client_for):
    from triangulate.audits.services.briefing import BOXES

    RoundBriefing.objects.create(round=cohort, **{name: "Word " * (limit // 5) for name, (_, limit) in BOXES.items()})
    response = page(client_for, world.users[Role.QA_LEAD], "audits:round_briefing_pdf", cohort.pk)
    text = pdf_text(response.content)
    assert text.count("\f") == 1
    assert "Word Word" in text
