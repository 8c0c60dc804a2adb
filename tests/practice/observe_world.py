"""A published week with one visit for the observing slice's tests (design §3.3, §5): a QA lead organises; an
auditor-role assessor (Ann Able) visits Safeguarding North 1 on Monday 2 February 2026, where Jo Bell works. The
event's headings are the four defaults (1 Leadership … 4 Good or innovative practice)."""

from dataclasses import dataclass

from triangulate.core.roles import Role
from triangulate.practice.models import PracticeEvent

from ..factories import PASSWORD, StaffFactory, TeamFactory, add_to_team, make_user, theme
from .factories import AssessorFactory, VisitFactory, make_event, make_guest


@dataclass
class World:
    event: object
    organiser: object
    user: object  # the assessor's account
    visit: object
    headings: dict  # number → EventHeading
    team: object


def build(*, status=PracticeEvent.Status.PUBLISHED, starts_on=None, ends_on=None, **visit_fields):
    team = TeamFactory(name="Safeguarding North 1")
    add_to_team(StaffFactory(council=team.council, first_name="Jo", last_name="Bell"), team)
    organiser = make_user(Role.QA_LEAD, first_name="Quinn", last_name="Lead")
    user = make_user(Role.AUDITOR, first_name="Ann", last_name="Able", email="ann.able@example.org")
    dates = {"starts_on": starts_on, "ends_on": ends_on} if starts_on else {}
    event = make_event(council=team.council, organisers=[organiser], teams=[team], status=status, **dates)
    assessor = AssessorFactory(event=event, user=user)
    visit = VisitFactory(event=event, event_team=event.teams.get(), assessor=assessor, **visit_fields)
    return World(event=event, organiser=organiser, user=user, visit=visit,
                 headings={h.number: h for h in event.headings.all()}, team=team)


def paper_guest_visit(world):
    """A visit of a guest on paper (no account) to the same team, on the same day."""
    guest = make_guest(world.event, with_account=False)
    return VisitFactory(event=world.event, event_team=world.visit.event_team, assessor=guest)


def note(heading, **fields):
    """A note's fields as the browser sends them (a strength on voice of the child unless told)."""
    return {"heading": heading.pk, "kind": "strength", "theme": theme().pk,
            "text": "Worker rang the child before the first visit", **fields}
__all__ = ["PASSWORD", "AssessorFactory", "VisitFactory", "World", "build", "make_guest", "note", "paper_guest_visit"]
