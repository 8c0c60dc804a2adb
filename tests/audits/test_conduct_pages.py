"""The audit pages (design §3.2, §9.1): the task list and its child-access log, a section saved by its form and
by autosave (409 when stale), every stage through its page to submission, and no child id in any address."""

import re

import pytest
from django.utils import timezone

from triangulate.audits.models import AuditRevision, CaseAudit, Response
from triangulate.audits.services import conduct, submission
from triangulate.core.audit import AuditEvent
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

from ..factories import theme
from .test_conduct_services import Conducted

State = CaseAudit.State
HREF = re.compile(r'(?:href|action)="([^"]*)"')


@pytest.fixture
def c(world):
    return Conducted(world)


@pytest.fixture
def auditor(c, client_for):
    return client_for(c.auditor)


def urls_in(response):
    return HREF.findall(response.content.decode())


def test_the_task_list_shows_the_sections_and_logs_the_child(c, auditor):
    response = auditor.get(f"/audits/{c.audit.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Audit of child A07" in page and "1. Summary and chronology" in page and "2. Plans" in page
    assert "0 of 2 answered" in page  # section 2: the CLA question does not apply to a CIN case
    log = AccessLog.objects.get(user=c.auditor)
    assert (log.child_id, log.resource) == ("A07", "audit")


def test_a_section_saves_through_its_form(c, auditor):
    url = f"/audits/{c.audit.pk}/section/1/"
    page = auditor.get(url).content.decode()
    # the autosave script is an external file (the CSP allows it); without it the Save button still works
    assert "/assets/audits/autosave.js" in page and f"/audits/{c.audit.pk}/section/1/autosave/" in page
    response = auditor.post(url, {"version": 1, "summary_current": "no", "summary_grade": c.grade(2).pk,
                                  "summary_grade__evidence": "No chronology since June"})
    assert response.status_code == 302 and response["Location"] == f"/audits/{c.audit.pk}/"
    audit = c.fresh()
    assert audit.state == State.RECORD_REVIEW and audit.version == 2
    got = {a.question.key: a for a in audit.answers.select_related("question", "grade")}
    assert got["summary_current"].yes_no == "no"
    assert (got["summary_grade"].grade.value, got["summary_grade"].evidence) == (2, "No chronology since June")


def test_a_stale_section_save_shows_both_versions(c, auditor):
    url = f"/audits/{c.audit.pk}/section/1/"
    auditor.post(url, {"version": 1, "summary_current": "yes"})
    response = auditor.post(url, {"version": 1, "summary_current": "no"})
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert c.fresh().answers.get().yes_no == "yes"


def test_autosave_answers_200_then_409_for_an_old_version(c, auditor):
    url = f"/audits/{c.audit.pk}/section/1/autosave/"
    first = auditor.post(url, {"version": 1, "summary_current": "yes"})
    assert first.status_code == 200
    assert first.json()["version"] == 2 and re.fullmatch(r"\d\d:\d\d", first.json()["saved_at"])
    stale = auditor.post(url, {"version": 1, "summary_current": "no"})
    assert stale.status_code == 409 and stale.json()["stale"] is True
    assert c.fresh().answers.get().yes_no == "yes"
    bad = auditor.post(url, {"version": 2, "summary_current": "maybe"})
    assert bad.status_code == 400
    assert auditor.post(url, {"version": 2, "summary_current": "no"}).json()["version"] == 3
    # the trail keeps at most one autosave per audit and user every 15 minutes; the section save none
    assert list(AuditEvent.objects.filter(object_id=str(c.audit.pk)).values_list("verb", flat=True)
                .order_by("pk")) == ["case_audit.started", "case_audit.draft_autosaved"]


def test_every_stage_through_its_page_to_submission(c, auditor, world):
    pk = c.audit.pk
    auditor.post(f"/audits/{pk}/section/1/", {"version": 1, "summary_current": "yes",
                                              "summary_grade": c.grade(2).pk})
    auditor.post(f"/audits/{pk}/section/2/", {"version": 2, "plan_reviewed__na": "on", "plan_notes": ""})
    assert auditor.post(f"/audits/{pk}/share/", {"version": 3}).status_code == 302
    assert c.fresh().state == State.WORKER_CONVERSATION
    response = auditor.post(f"/audits/{pk}/conversation/", {
        "version": 4, "conversation": "held", "conversation_on-day": "5", "conversation_on-month": "1",
        "conversation_on-year": "2026", "manager_present": "yes"})
    assert response.status_code == 302, response.content.decode()
    response = auditor.post(f"/audits/{pk}/family/", {
        "version": 5, "outcome": "reached", "consent": "on", "positive_difference": "yes",
        "confident_to_ask_again": "not_sure", "what_went_well": "She listened."})
    assert response.status_code == 302, response.content.decode()
    response = auditor.post(f"/audits/{pk}/outcome/", {"version": 6, "overall_grade": c.grade(2).pk,
                                                       "next_steps": "Update the chronology."})
    assert response.status_code == 302, response.content.decode()
    findings = auditor.get(f"/audits/{pk}/findings/")
    question = c.version.questions.get(key="summary_grade")
    # the answer graded requires improvement is suggested, with its question
    assert f"?question={question.pk}" in findings.content.decode()
    response = auditor.post(f"/audits/{pk}/findings/", {"kind": "area_for_development", "text": "No chronology.",
                                                        "theme": theme("recording").pk,
                                                        "suggested_by": question.pk})
    assert response.status_code == 302, response.content.decode()
    assert c.audit.finding_links.get().suggested_by == question
    response = auditor.post(f"/audits/{pk}/actions/new/", {
        "kind": "practice", "title": "Bring the chronology up to date", "rationale": "It is six months old",
        "priority": "medium", "owner": world.users[Role.TEAM_MANAGER].pk, "theme": theme("recording").pk})
    assert response.status_code == 302, response.content.decode()
    action = c.audit.action_links.get().action
    assert (action.team, action.due_date) == (world.own, conduct.default_due_date("practice"))
    checklist = auditor.get(f"/audits/{pk}/submit/").content.decode()
    assert "The worker did not add a reflection" in checklist and "Submit the audit" in checklist
    assert auditor.post(f"/audits/{pk}/submit/", {"version": c.fresh().version}).status_code == 302
    audit = c.fresh()
    assert audit.state == State.SUBMITTED and AuditRevision.objects.filter(audit=audit, number=1).exists()
    # locked: the stage pages send the auditor back to the task list, which says so
    assert auditor.get(f"/audits/{pk}/outcome/")["Location"] == f"/audits/{pk}/"
    assert "ask the QA lead to amend it" in auditor.get(f"/audits/{pk}/").content.decode()


def test_the_worker_reflects_once_the_draft_is_shared(c, world, client_for):
    worker = client_for(world.users[Role.PRACTITIONER])
    assert worker.get(f"/audits/{c.audit.pk}/").status_code == 404  # not shared yet
    c.audit.state, c.audit.shared_at = State.WORKER_CONVERSATION, timezone.now()
    c.audit.save()
    response = worker.post(f"/audits/{c.audit.pk}/reflection/", {"version": 0, "text": "The plan was late."})
    assert response.status_code == 302
    assert Response.objects.get(audit=c.audit).text == "The plan was late."


def test_no_page_puts_the_child_id_in_an_address(c, auditor, world, client_for):
    pk = c.audit.pk
    pages = [f"/audits/{pk}/", f"/audits/{pk}/section/1/", f"/audits/{pk}/findings/", f"/audits/{pk}/history/",
             f"/audits/{pk}/submit/", "/audits/?show=all", f"/audits/teams/{world.own.pk}/"]
    seen = []
    for url in pages:
        response = auditor.get(url)
        assert response.status_code == 200, url
        seen += urls_in(response)
    assert any(f"/audits/{pk}/" in u for u in seen)
    assert not [u for u in seen if "A07" in u]


def test_an_elected_member_sees_only_a_count_of_a_teams_audits(c, world, client_for):
    page = client_for(world.users[Role.ELECTED_MEMBER]).get(f"/audits/teams/{world.own.pk}/").content.decode()
    assert "A07" not in page and "Audits submitted: 0" in page


def test_the_amend_page_keeps_a_revision(c, world, client_for):
    c.to_graded(grade=3)
    c.add_finding()
    submission.submit_audit(actor=c.auditor, audit=c.fresh())
    qa = client_for(world.users[Role.QA_LEAD])
    url = f"/audits/{c.audit.pk}/amend/"
    assert qa.get(url).status_code == 200
    response = qa.post(url, {"version": c.fresh().version, "summary_current": "no", "summary_grade": c.grade(3).pk,
                             "plan_reviewed__na": "on", "overall_grade": c.grade(3).pk,
                             "next_steps": "Update the plan.", "reason": "The chronology was not current"})
    assert response.status_code == 302, response.content.decode()
    revision = AuditRevision.objects.get(audit=c.audit, number=2)
    assert revision.changes == {"summary_current": ["yes", "no"]}
    history = qa.get(f"/audits/{c.audit.pk}/history/").content.decode()
    assert "The chronology was not current" in history and "summary_current: yes → no" in history


def test_the_pdf_is_named_by_number_and_logged_as_an_export(c, auditor, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the PDF cache holds child data: never the repository's folder
    response = auditor.get(f"/audits/{c.audit.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="case-audit-{c.audit.pk}.pdf"'
    log = AccessLog.objects.get(user=c.auditor, kind=AccessLog.Kind.EXPORT)
    assert (log.child_id, log.resource) == ("A07", "audit")
    assert len(list((tmp_path / "cache" / "reports").glob("*.pdf"))) == 1


def test_the_qa_lead_reallocates_and_withdraws_through_the_pages(c, world, client_for):
    qa = client_for(world.users[Role.QA_LEAD])
    new = world.users[Role.SENIOR_LEADER]
    url = f"/audits/{c.audit.pk}/reallocate/"
    assert qa.get(url).status_code == 200
    assert qa.post(url, {"version": 1, "auditor": new.pk}).status_code == 302
    assert c.fresh().auditor == new
    response = qa.post(f"/audits/{c.audit.pk}/withdraw/", {"reason": "case_closed", "note": ""})
    assert response.status_code == 302, response.content.decode()
    audit = c.fresh()
    assert (audit.state, audit.withdrawn_reason) == (State.WITHDRAWN, "case_closed")


def test_the_child_id_search_posts_the_id_and_logs_it(c, world, client_for):
    qa = client_for(world.users[Role.QA_LEAD])
    response = qa.post("/audits/find/", {"child_id": " A07 "})
    assert response.status_code == 200 and f"/audits/{c.audit.pk}/" in response.content.decode()
    assert AccessLog.objects.filter(user=world.users[Role.QA_LEAD], child_id="A07").exists()
    # the worker cannot find an audit that is not shared yet
    worker_page = client_for(world.users[Role.PRACTITIONER]).post("/audits/find/", {"child_id": "A07"})
    assert f"/audits/{c.audit.pk}/" not in worker_page.content.decode()
    assert "Enter the Child Unique ID" in qa.post("/audits/find/", {}).content.decode()


@pytest.mark.parametrize(("role", "links"), [
    (Role.QA_LEAD, ["Audit rounds", "Moderation", "Audit reports and trends", "Historic tracker imports"]),
    (Role.AUDITOR, ["Audit rounds", "Moderation", "Audit reports and trends"]),
    (Role.PRACTITIONER, ["Audit rounds", "Audit reports and trends"]),
])
def test_the_audits_page_links_to_the_audit_pages_each_person_may_open(world, client_for, role, links):
    client = client_for(world.users[role])
    page = client.get("/audits/").content.decode()
    nav = re.search(r'<nav aria-label="Case file audits">(.*?)</nav>', page, re.S).group(1)
    shown = re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)</a>', nav)
    assert [text for _, text in shown] == links
    assert all(client.get(href).status_code == 200 for href, _ in shown)
