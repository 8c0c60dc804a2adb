"""A practice week in the future for slice S2's tests (guests and briefs): `NOW` is Friday 20 March 2026, 09:00
GMT, and the week runs Monday 30 March to Friday 3 April 2026 (in British Summer Time). A guest of it with an
account ends at 23:59 BST on Friday 17 April 2026 (the week's last day + 14 days), which is 22:59 UTC.

`at_now(monkeypatch)` fixes Django's clock at `NOW` (every `timezone.now()`, ours and Django's), so those dates hold
whatever day the tests run. `build()` makes the week: organised by a QA lead, one team (Safeguarding North 1, with
an office contact and details), an auditor-role staff assessor with a visit on the Monday, and a guest on paper
with an email address (Gail Guest of Northumbria Police) with a visit on the Tuesday."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.practice.models import Assessor, PracticeEvent, Visit

from ..factories import StaffFactory, TeamFactory, add_to_team, make_user
from .factories import AssessorFactory, VisitFactory, make_event

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
MON, TUE, FRI = date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 3)
GUEST_ENDS_AT = datetime(2026, 4, 17, 22, 59, tzinfo=UTC)  # 23:59 BST on Friday 17 April 2026


def at_now(monkeypatch, moment=NOW):
    monkeypatch.setattr(timezone, "now", lambda: moment)


@dataclass
class GuestWeek:
    event: object
    qa_lead: object
    team: object
    event_team: object
    staff: object  # the staff assessor's account
    staff_assessor: object
    guest: object  # the guest's Assessor (on paper, with an email, until invited)
    staff_visit: object
    guest_visit: object


def build(start=MON, **event_fields):
    """The week from Monday `start` (30 March 2026 unless given: the browser test starts it in the coming days)."""
    qa_lead = make_user(Role.QA_LEAD, username="quinn", first_name="Quinn", last_name="Lead")
    team = TeamFactory(name="Safeguarding North 1")
    contact = StaffFactory(council=team.council, first_name="Oona", last_name="Office")
    add_to_team(contact, team)
    fields = {"title": "Spring practice week", "starts_on": start, "ends_on": start + (FRI - MON),
              "status": PracticeEvent.Status.PUBLISHED, **event_fields}
    event = make_event(council=team.council, organisers=[qa_lead], teams=[team], created_by=qa_lead, **fields)
    event_team = event.teams.get()
    event_team.office_contact = contact
    event_team.contact_details = "Ring 01670 000 111 from reception"
    event_team.meeting_point = "Reception, County Hall, Morpeth"
    event_team.headcount, event_team.fte, event_team.vacancy_fte = 9, 8.5, 1.0
    event_team.structure = "1 team manager, 1 deputy team manager, 5 social workers, 1 ASYE"
    event_team.context = "A new team manager since January"
    event_team.focus_note = "How the team hears from fathers"
    event_team.save()
    staff = make_user(Role.AUDITOR, username="ada", first_name="Ada", last_name="Audit", email="ada@council.example")
    staff_assessor = AssessorFactory(event=event, user=staff)
    guest = AssessorFactory(event=event, kind=Assessor.Kind.GUEST, user=None, name="Gail Guest",
                            organisation="Northumbria Police", email="gail@police.example")
    staff_visit = VisitFactory(event=event, event_team=event_team, assessor=staff_assessor, date=start,
                               starts_at=time(9, 30), ends_at=time(11), activity=Visit.Activity.TEAM_MEETING,
                               location="Room 2, County Hall")
    guest_visit = VisitFactory(event=event, event_team=event_team, assessor=guest, date=start + timedelta(days=1),
                               starts_at=time(14),
                               ends_at=time(15), activity=Visit.Activity.CASE_DISCUSSION,
                               activity_note="Core group", location="Meeting room 4, County Hall")
    return GuestWeek(event, qa_lead, team, event_team, staff, staff_assessor, guest, staff_visit, guest_visit)
