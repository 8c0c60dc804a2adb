"""services/report.py (design §7.1, §9.2): fill the empty parts from the analysis (never over an organiser's text),
edit a section against the report's version, approve (telling senior leaders and assessors in-app), reopen with a
reason. The figures are the §6.2 example's, worked by hand in tests/practice/test_drafting.py."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.concurrency import StaleEdit
from triangulate.core.models import AuditEvent, Notification
from triangulate.core.roles import Role
from triangulate.practice.models import AnalysisReport, PracticeEvent, ReportHeading
from triangulate.practice.notices import Notice
from triangulate.practice.services import picks
from triangulate.practice.services.report import (
    approve_report,
    edit_section,
    fill_report,
    heading_section,
    reopen_report,
)
from triangulate.practice.verbs import Verb

from ..factories import make_user
from .analysis_example import GOOD, LEADERSHIP, build_example
from .factories import make_guest

pytestmark = pytest.mark.django_db

WORKFORCE = ("- Workforce and caseloads: an area for development in 2 of 3 teams\n"
             "  - Senior practitioner carries a full caseload and cannot supervise\n"
             "  - Caseloads high\n"
             "- Management oversight and supervision: an area for development in 1 of 3 teams\n"
             "  - Supervision notes list tasks only")


@pytest.fixture
def ex():
    return build_example(title="Practice week, February 2026")


def _part(report, number):
    return ReportHeading.objects.get(report=report, heading__number=number)


def test_filling_drafts_every_part_from_the_analysis(ex):
    report, filled = fill_report(actor=ex.organiser, event=ex.event)
    # 5 visits (O4's still planned) on the week's first day; ann, bob and cat handed in; 3 teams observed
    assert report.introduction.startswith(
        "This document sets out the findings of Practice week, February 2026, held between ")
    assert "From a timetable of 5 visits over 1 day, 3 assessors observed practice in 3 teams." in report.introduction
    assert "- Safeguarding North 1\n- Safeguarding South 2\n- Safeguarding West 1" in report.process
    assert "The assessors: 4 staff assessors." in report.process
    assert report.reflection.startswith("Of the 2 teams asked, 1 said they felt supported by their managers.")
    assert report.conclusion == "What will change as a result?"
    assert report.case_examples == ""  # no exemplar in the example
    assert _part(report, LEADERSHIP).development == WORKFORCE
    assert _part(report, GOOD).strengths == "- Multi-agency working\n  - School nurse attends allocation meeting"
    assert "case_examples" not in filled and "introduction" in filled
    assert f"{heading_section(_part(report, LEADERSHIP).heading)}-development" in filled
    event = AuditEvent.objects.get(verb=Verb.REPORT_FILLED)
    assert event.changes["event"] == ex.event.pk and "introduction" in event.changes["filled"]


def test_filling_again_never_overwrites_what_an_organiser_wrote(ex):
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    edit_section(actor=ex.organiser, report=report, section="introduction", text="Our own words.",
                 expected_version=report.version)
    leadership = _part(report, LEADERSHIP).heading
    edit_section(actor=ex.organiser, report=report, section=heading_section(leadership), strengths="",
                 development="- Caseloads, in our words", expected_version=report.version)
    report, filled = fill_report(actor=ex.organiser, event=ex.event)
    assert report.introduction == "Our own words."
    assert _part(report, LEADERSHIP).development == "- Caseloads, in our words"
    assert _part(report, LEADERSHIP).strengths.startswith("- Leadership: seen as a strength in 2 of 3 teams")
    assert filled == [f"{heading_section(leadership)}-strengths"]


def test_filling_uses_the_draft_the_picks_made_and_puts_picks_first(ex):
    chosen = picks.pick(actor=ex.organiser, event=ex.event, entry=ex.entries["e9"])
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    assert report.pk == chosen.report_id
    assert _part(report, LEADERSHIP).development.split("\n")[1:3] == ["  - Caseloads above 25", "  - Caseloads high"]


def test_the_report_is_written_only_by_its_organisers_and_only_in_analysis(ex):
    with pytest.raises(PermissionDenied):
        fill_report(actor=make_user(Role.QA_LEAD), event=ex.event)  # QA, but not this event's organiser
    PracticeEvent.objects.filter(pk=ex.event.pk).update(status=PracticeEvent.Status.OBSERVING)
    ex.event.refresh_from_db()
    with pytest.raises(ValidationError, match="while the event is in analysis; this one is observing"):
        fill_report(actor=ex.organiser, event=ex.event)


def test_a_stale_save_is_refused_and_nothing_is_written(ex):
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    opened = report.version
    edit_section(actor=ex.organiser, report=report, section="conclusion", text="First.", expected_version=opened)
    with pytest.raises(StaleEdit) as stale:
        edit_section(actor=ex.organiser, report=AnalysisReport.objects.get(pk=report.pk), section="conclusion",
                     text="Second.", expected_version=opened)
    assert stale.value.current.conclusion == "First."
    assert AnalysisReport.objects.get(pk=report.pk).conclusion == "First."


def test_a_section_is_checked(ex):
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    with pytest.raises(ValidationError, match="no section 'heading-999999'"):
        edit_section(actor=ex.organiser, report=report, section="heading-999999", strengths="x")
    with pytest.raises(ValidationError, match="25,000 characters; it has 25,001"):
        edit_section(actor=ex.organiser, report=report, section="process", text="x" * 25_001)
    good = _part(report, GOOD).heading
    edit_section(actor=ex.organiser, report=report, section=heading_section(good), strengths="- Ours",
                 development="ignored: an examples heading has no areas for development")
    assert (_part(report, GOOD).strengths, _part(report, GOOD).development) == ("- Ours", "")
    updated = AuditEvent.objects.filter(verb=Verb.REPORT_UPDATED).first()
    assert updated.changes["section"] == heading_section(good) and "Ours" not in str(updated.changes)


def test_approving_tells_senior_leaders_and_the_events_assessors_in_app_only(ex, django_capture_on_commit_callbacks):
    leader = make_user(Role.SENIOR_LEADER)
    guest = make_guest(ex.event)  # an assessor with an account but no role: cannot read the report
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    with django_capture_on_commit_callbacks(execute=True):
        approve_report(actor=ex.organiser, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == AnalysisReport.Status.APPROVED and report.approved_by == ex.organiser
    told = set(Notification.objects.filter(kind=Notice.REPORT_APPROVED).values_list("user", flat=True))
    assert told == {leader.pk, *(u.pk for u in ex.users.values())}
    assert guest.user_id not in told and ex.organiser.pk not in told
    title = Notification.objects.filter(kind=Notice.REPORT_APPROVED).first().title
    assert title == "The report of Practice week, February 2026 is approved"
    assert mail.outbox == []
    with pytest.raises(ValidationError, match="approved: reopen it"):
        edit_section(actor=ex.organiser, report=report, section="conclusion", text="Late.")


def test_an_empty_report_is_not_approved(ex):
    report = AnalysisReport.objects.create(event=ex.event)
    with pytest.raises(ValidationError, match="The report is empty"):
        approve_report(actor=ex.organiser, report=report)


def test_reopening_needs_a_reason_kept_on_the_report_not_in_the_trail(ex):
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    with pytest.raises(ValidationError, match="a draft already"):
        reopen_report(actor=ex.organiser, report=report, reason="Typo")
    approve_report(actor=ex.organiser, report=report)
    with pytest.raises(ValidationError) as refused:
        reopen_report(actor=ex.organiser, report=report, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why the report is reopened."]}
    reopen_report(actor=ex.organiser, report=report, reason="A team is named in the process section")
    report.refresh_from_db()
    assert (report.status, report.approved_by, report.approved_at) == (AnalysisReport.Status.DRAFT, None, None)
    assert report.reopened_reason == "A team is named in the process section"
    reopened = AuditEvent.objects.get(verb=Verb.REPORT_REOPENED)
    assert reopened.changes == {"event": ex.event.pk, "status": "draft"}
