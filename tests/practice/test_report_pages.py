"""The report page (design §7.1, §8, §9.1): sections in the seed's order with the report format rendered; readers
beyond the organisers, QA, PW and inspectors see only the approved report."""

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import AnalysisReport, ReportHeading

from ..factories import make_user
from .analysis_example import build_example
from .factories import AnalysisReportFactory, ReportHeadingFactory, make_event

pytestmark = pytest.mark.django_db


def _report(status, organiser):
    event = make_event(organisers=[organiser], title="Practice week, spring 2027")
    report = AnalysisReportFactory(event=event, status=status, introduction="This document sets out.\n\n=SUM(A1)",
                                   process="- North 1\n  - two visits", reflection="What worked?",
                                   case_examples="A case.", conclusion="What will change as a result?")
    ReportHeadingFactory(report=report, heading=event.headings.order_by("number").first(),
                         strengths="- Voice of the child: seen as a strength in 5 of 8 teams",
                         development="- Supervision: an area for development in 3 of 8 teams")
    return event


def test_an_elected_member_reads_the_approved_report_in_the_seeds_order(client_for):
    organiser = make_user(Role.QA_LEAD)
    event = _report(AnalysisReport.Status.APPROVED, organiser)
    response = client_for(make_user(Role.ELECTED_MEMBER)).get(reverse("practice:report", args=[event.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    order = ["Introduction", "Process", "Practice week process reflection", "Themes and trends", "Case examples",
             "Conclusion"]
    positions = [page.index(f">{label}</h2>") for label in order]
    assert positions == sorted(positions)
    assert "<li>North 1</li>" in page and "<li>two visits</li>" in page
    assert "<p class=\"govuk-body\">=SUM(A1)</p>" in page
    assert "seen as a strength in 5 of 8 teams" in page
    assert "Draft" not in page


def test_a_draft_is_read_by_its_organisers_and_qa_but_not_by_an_elected_member(client_for):
    organiser = make_user(Role.SENIOR_LEADER)
    event = _report(AnalysisReport.Status.DRAFT, organiser)
    url = reverse("practice:report", args=[event.pk])
    assert client_for(make_user(Role.SENIOR_LEADER)).get(url).status_code == 403  # not this event's organiser
    assert client_for(make_user(Role.ELECTED_MEMBER)).get(url).status_code == 403
    assert client_for(make_user(Role.TEAM_MANAGER)).get(url).status_code == 403
    assert client_for(make_user(Role.QA_LEAD)).get(url).status_code == 200
    response = client_for(organiser).get(url)
    assert response.status_code == 200
    assert "Draft" in response.content.decode()


def test_an_event_without_a_report_has_no_report_page(client_for):
    event = make_event(organisers=[make_user(Role.QA_LEAD)])
    assert client_for(make_user(Role.QA_LEAD)).get(reverse("practice:report", args=[event.pk])).status_code == 404


# ---- the organiser's pages: fill, change a section, approve, reopen ------------------------------------------

def test_the_organiser_fills_the_report_then_changes_a_section(client_for):
    ex = build_example(title="Practice week, February 2026")
    client = client_for(ex.organiser)
    url = reverse("practice:report", args=[ex.event.pk])
    page = client.get(url).content.decode()
    assert "The report has not been started" in page and "Fill the empty parts from the analysis" in page
    response = client.post(reverse("practice:report_fill", args=[ex.event.pk]), follow=True)
    page = response.content.decode()
    # introduction, process, reflection, conclusion (no exemplar: no case examples); leadership and voice both
    # parts, parent/carer strengths only, good practice
    assert "10 parts filled from the analysis" in page
    assert "<li>Senior practitioner carries a full caseload and cannot supervise</li>" in page
    assert "Workforce and caseloads: an area for development in 2 of 3 teams" in page
    report = AnalysisReport.objects.get(event=ex.event)
    edit = reverse("practice:report_edit", args=[ex.event.pk, "conclusion"])
    assert edit in page
    form = client.get(edit)
    assert form.status_code == 200 and "What will change as a result?" in form.content.decode()
    response = client.post(edit, {"version": report.version, "text": "- Caseload weighting\n  - by March"},
                           follow=True)
    assert response.redirect_chain[-1][0] == f"{url}#section-conclusion"
    assert "<li>Caseload weighting</li>" in response.content.decode()
    assert AnalysisReport.objects.get(pk=report.pk).conclusion == "- Caseload weighting\n  - by March"


def test_a_stale_save_shows_both_versions_and_keeps_the_entry(client_for):
    ex = build_example()
    client = client_for(ex.organiser)
    client.post(reverse("practice:report_fill", args=[ex.event.pk]))
    report = AnalysisReport.objects.get(event=ex.event)
    edit = reverse("practice:report_edit", args=[ex.event.pk, "introduction"])
    opened = report.version
    client.post(edit, {"version": opened, "text": "Saved first."})
    response = client.post(edit, {"version": opened, "text": "Saved second."})
    page = response.content.decode()
    assert response.status_code == 200 and "Not saved" in page
    assert "Saved first." in page and "Saved second." in page
    assert AnalysisReport.objects.get(pk=report.pk).introduction == "Saved first."


def test_fill_again_shows_the_drafted_text_and_replaces_nothing_until_saved(client_for):
    ex = build_example()
    client = client_for(ex.organiser)
    client.post(reverse("practice:report_fill", args=[ex.event.pk]))
    report = AnalysisReport.objects.get(event=ex.event)
    leadership = ex.event.headings.get(number=1)
    edit = reverse("practice:report_edit", args=[ex.event.pk, f"heading-{leadership.pk}"])
    client.post(edit, {"version": report.version, "strengths": "Ours", "development": "Ours too"})
    page = client.get(edit + "?fill=1").content.decode()
    assert "Saving replaces what was written" in page
    assert "Leadership: seen as a strength in 2 of 3 teams" in page
    assert ReportHeading.objects.get(report=report, heading=leadership).strengths == "Ours"
    assert client.get(reverse("practice:report_edit", args=[ex.event.pk, "heading-0"])).status_code == 404
    assert client.get(reverse("practice:report_edit", args=[ex.event.pk, "summary"])).status_code == 404


def test_approve_then_reopen_with_a_reason(client_for):
    ex = build_example()
    client = client_for(ex.organiser)
    client.post(reverse("practice:report_fill", args=[ex.event.pk]))
    url = reverse("practice:report", args=[ex.event.pk])
    page = client.get(url).content.decode()
    assert "Elected members will read this: it must not single out a team or a person." in page
    report = AnalysisReport.objects.get(event=ex.event)
    response = client.post(reverse("practice:report_approve", args=[ex.event.pk]), {"version": report.version},
                           follow=True)
    assert "Report approved" in response.content.decode()
    assert AnalysisReport.objects.get(pk=report.pk).status == AnalysisReport.Status.APPROVED
    page = client.get(url).content.decode()
    assert "Reopen the report" in page and "Change<span" not in page
    locked = client.get(reverse("practice:report_edit", args=[ex.event.pk, "introduction"]))
    assert "The report is approved, so it cannot be changed." in locked.content.decode()
    # an elected member now reads it
    assert client_for(make_user(Role.ELECTED_MEMBER)).get(url).status_code == 200
    refused = client.post(reverse("practice:report_reopen", args=[ex.event.pk]), {"reason": ""}, follow=True)
    assert "Say why the report is reopened." in refused.content.decode()
    client.post(reverse("practice:report_reopen", args=[ex.event.pk]), {"reason": "A team is named"})
    assert AnalysisReport.objects.get(pk=report.pk).status == AnalysisReport.Status.DRAFT
    assert client_for(make_user(Role.ELECTED_MEMBER)).get(url).status_code == 403
    assert "Reopened: A team is named" in client.get(url).content.decode()


def test_approving_a_page_someone_changed_since_is_refused(client_for):
    ex = build_example()
    client = client_for(ex.organiser)
    client.post(reverse("practice:report_fill", args=[ex.event.pk]))
    report = AnalysisReport.objects.get(event=ex.event)
    client.post(reverse("practice:report_edit", args=[ex.event.pk, "conclusion"]),
                {"version": report.version, "text": "Changed."})
    response = client.post(reverse("practice:report_approve", args=[ex.event.pk]), {"version": report.version},
                           follow=True)
    assert "Someone changed this after you opened the page" in response.content.decode()
    assert AnalysisReport.objects.get(pk=report.pk).status == AnalysisReport.Status.DRAFT


def test_a_senior_leader_who_organises_writes_the_draft_and_qa_reads_it_without_changing_it(client_for):
    leader = make_user(Role.SENIOR_LEADER)
    ex = build_example(organiser=leader)
    client = client_for(leader)
    client.post(reverse("practice:report_fill", args=[ex.event.pk]))
    edit = reverse("practice:report_edit", args=[ex.event.pk, "introduction"])
    assert client.get(edit).status_code == 200
    assert client.get(reverse("practice:report_docx", args=[ex.event.pk])).status_code == 200
    qa = client_for(make_user(Role.QA_LEAD))  # reads every event's draft, organises none
    page = qa.get(reverse("practice:report", args=[ex.event.pk])).content.decode()
    assert "Draft" in page and "Change<span" not in page and "Approve the report" not in page
    assert qa.get(edit).status_code == 403
    assert qa.post(reverse("practice:report_approve", args=[ex.event.pk])).status_code == 403
    assert client_for(make_user(Role.SENIOR_LEADER)).get(
        reverse("practice:report_pdf", args=[ex.event.pk])).status_code == 403


def test_before_analysis_the_organiser_is_told_when_the_report_is_written(client_for):
    ex = build_example(status="observing")
    page = client_for(ex.organiser).get(reverse("practice:report", args=[ex.event.pk])).content.decode()
    assert "The report is written once observations are closed" in page
    assert "Fill the empty parts" not in page
    response = client_for(ex.organiser).post(reverse("practice:report_fill", args=[ex.event.pk]), follow=True)
    assert "The report is written while the event is in analysis; this one is observing." in \
        response.content.decode()
    assert not AnalysisReport.objects.filter(event=ex.event).exists()
    assert client_for(ex.organiser).get(reverse("practice:report_docx", args=[ex.event.pk])).status_code == 404
