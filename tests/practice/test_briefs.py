"""The brief and the blank form (design §7.4), read back with pdftotext: the focus, the headings' prompts, how to
record, and each of the assessor's own visits with the team's office contact and details; on a follow-up day the
team's earlier actions. Dates: tests/practice/guests_world.py."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import services as improvement
from triangulate.improvement.models import Finding, Source
from triangulate.practice.models import PracticeEvent

from ..factories import make_user, theme
from .factories import AssessorFactory, PlanItemFactory, VisitFactory, make_event, make_guest
from .guests_world import TUE, at_now, build


def pdf_text(content):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def week(db, monkeypatch):
    at_now(monkeypatch)
    return build()


def brief(client, assessor):
    return client.get(reverse("practice:brief_pdf", args=[assessor.pk]))


def test_the_staff_assessors_brief_has_the_focus_the_headings_and_their_visit_with_the_team_details(
        week, client_for):
    response = brief(client_for(week.qa_lead), week.staff_assessor)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (f'attachment; filename="practice-week-{week.event.pk}-brief-'
                                               f'{week.staff_assessor.pk}.pdf"')
    text = pdf_text(response.content)
    assert f"Brief for {week.staff.get_full_name()}: Spring practice week" in text
    assert "Practice week, Monday 30 March to Friday 3 April 2026" in text
    assert "The voice of the child and what it is like to be a parent here" in text
    assert "1. Leadership" in text and "How visible and accessible are managers?" in text
    assert "4. Good or innovative practice" in text
    assert "No names" in text and "one point per entry" in text
    # the visit, and the team's details
    assert "Monday 30 March 2026, 09:30 to 11:00: Safeguarding North 1" in text
    assert "Room 2, County Hall" in text and "Team meeting" in text
    for detail in ("Oona Office", "Ring 01670 000 111 from reception", "Reception, County Hall, Morpeth",
                   "1 team manager, 1 deputy team manager, 5 social workers, 1 ASYE",
                   "A new team manager since January", "How the team hears from fathers", "8.5"):
        assert detail in text, detail
    assert "Core group" not in text  # the guest's visit is not in this brief


def test_an_assessor_prints_their_own_brief_and_no_one_elses(week, client_for):
    assert brief(client_for(week.staff), week.staff_assessor).status_code == 200
    assert brief(client_for(week.staff), week.guest).status_code == 403
    for role in (Role.PRINCIPAL_SOCIAL_WORKER, Role.TEAM_MANAGER):  # may be assessors; not this one, not organising
        assert brief(client_for(make_user(role)), week.staff_assessor).status_code == 403
    assert brief(client_for(make_user(Role.INSPECTOR)), week.staff_assessor).status_code == 403


def test_a_guest_on_papers_brief_says_to_write_on_the_blank_form(week, client_for):
    text = pdf_text(brief(client_for(week.qa_lead), week.guest).content)
    assert "Brief for Gail Guest: Spring practice week" in text
    assert "Tuesday 31 March 2026, 14:00 to 15:00: Safeguarding North 1" in text and "Case discussion: Core group" in text
    assert "Write your notes on the blank form" in text and "Your notes are the council's" in text


def test_a_guest_with_an_account_prints_their_own_brief_and_the_blank_form(week, client_for):
    gail = make_guest(week.event, first_name="Hal", last_name="Head", organisation="Hexham Middle School")
    VisitFactory(event=week.event, event_team=week.event_team, assessor=gail, date=TUE)
    guest = client_for(gail.user)
    assert brief(guest, gail).status_code == 200
    assert brief(guest, week.staff_assessor).status_code == 403
    assert guest.get(reverse("practice:blank_form_pdf", args=[week.event.pk])).status_code == 200


def test_the_blank_form_has_the_events_headings_with_room_to_write(week, client_for):
    response = client_for(week.qa_lead).get(reverse("practice:blank_form_pdf", args=[week.event.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="practice-week-{week.event.pk}-blank-form.pdf"'
    text = pdf_text(response.content)
    assert "Observation form: Spring practice week" in text
    assert "felt supported by their managers? Circle one: Yes / Mixed / No / Not asked" in text
    assert text.index("1. Leadership") < text.index("2. The voice of the child") < text.index(
        "4. Good or innovative practice")
    assert "Strengths" in text and "Areas for development" in text and "Good or innovative practice" in text
    assert "No names" in text
    other = make_user(Role.SERVICE_MANAGER)
    assert client_for(other).get(reverse("practice:blank_form_pdf", args=[week.event.pk])).status_code == 403


def test_a_follow_up_days_brief_lists_the_teams_earlier_actions(week, client_for):
    qa = week.qa_lead
    earlier = make_event(council=week.event.council, organisers=[qa], teams=[week.team], title="Winter week",
                         status=PracticeEvent.Status.COMPLETE)
    VisitFactory(event=earlier, event_team=earlier.teams.get(), assessor=AssessorFactory(event=earlier, user=qa))
    finding = improvement.record_finding(
        actor=qa, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text="Supervision notes list tasks only",
        theme=theme("management-oversight-and-supervision"), team=week.team, source=Source.PRACTICE_WEEK,
        found_on=date(2026, 2, 6))
    action = improvement.create_action(
        actor=qa, title="Reflective supervision for every worker", rationale="Drift if not done", priority="high",
        owner=qa, due_date=date(2026, 6, 30), theme=theme("management-oversight-and-supervision"), finding=finding)
    PlanItemFactory(event=earlier, heading=earlier.headings.get(number=1), number=1, finding=finding, action=action,
                    issue_identified="Supervision notes list tasks only", created_by=qa)
    day = make_event(council=week.event.council, organisers=[qa], teams=[week.team], kind=PracticeEvent.Kind.DAY,
                     title="Practice day", starts_on=date(2026, 4, 22), ends_on=date(2026, 4, 22), follows=earlier,
                     status=PracticeEvent.Status.PUBLISHED)
    assessor = AssessorFactory(event=day, user=week.staff)
    VisitFactory(event=day, event_team=day.teams.get(), assessor=assessor, date=date(2026, 4, 22))
    text = pdf_text(brief(client_for(qa), assessor).content)
    assert "The team's earlier actions" in text
    assert "Supervision notes list tasks only" in text and "Reflective supervision for every worker" in text
    assert "30 June 2026" in text
    assert "The team's earlier actions" not in pdf_text(brief(client_for(qa), week.staff_assessor).content)
