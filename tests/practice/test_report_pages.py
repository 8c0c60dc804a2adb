"""The report page (design §7.1, §8, §9.1): sections in the seed's order with the report format rendered; readers
beyond the organisers, QA, PW and inspectors see only the approved report."""

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.models import AnalysisReport

from ..factories import make_user
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
