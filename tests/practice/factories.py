"""factory-boy factories for the practice records (design §1), for every slice's tests.

Each builds the least that is valid: an event (a week in planning, Monday 2 to Friday 6 February 2026) with one
heading, a team of the event, a staff assessor with an account, a visit of that assessor to that team, and an
observation of that visit. `make_event` builds an event with the default headings, its organisers, teams and
assessors in one call; `make_guest` a role-less guest account with its assessor record."""

import uuid
from datetime import date, time

import factory

from triangulate.core.roles import Role
from triangulate.practice.models import (
    AnalysisReport,
    Assessor,
    EntryPick,
    EventHeading,
    EventTeam,
    HeadingMode,
    HeadingTemplate,
    LibraryItem,
    Observation,
    ObservationEntry,
    PlanItem,
    PracticeEvent,
    ProgressCheck,
    ReportHeading,
    Visit,
)

from ..factories import CouncilFactory, TeamFactory, UserFactory, make_user, theme

MONDAY = date(2026, 2, 2)
FRIDAY = date(2026, 2, 6)


class HeadingTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadingTemplate

    council = factory.SubFactory(CouncilFactory)
    number = factory.Sequence(lambda n: n + 10)  # clear of the four defaults (1–4)
    title = factory.Sequence(lambda n: f"Heading {n}")
    mode = HeadingMode.STRENGTHS_AND_DEVELOPMENT


class PracticeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeEvent
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    kind = PracticeEvent.Kind.WEEK
    title = factory.Sequence(lambda n: f"Practice week {n}")
    starts_on = MONDAY
    ends_on = FRIDAY
    focus = "The voice of the child and what it is like to be a parent here"
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


class EventHeadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventHeading

    event = factory.SubFactory(PracticeEventFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Heading {n}")
    mode = HeadingMode.STRENGTHS_AND_DEVELOPMENT


class EventTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventTeam

    event = factory.SubFactory(PracticeEventFactory)
    team = factory.SubFactory(TeamFactory, council=factory.SelfAttribute("..event.council"))
    contact_details = "Ask at reception for the duty manager"
    meeting_point = "Reception, County Hall"


def staff_assessor_user(role=Role.AUDITOR):
    return make_user(role)


class AssessorFactory(factory.django.DjangoModelFactory):
    """A staff assessor with an account (an auditor-role user unless one is given)."""

    class Meta:
        model = Assessor

    event = factory.SubFactory(PracticeEventFactory)
    kind = Assessor.Kind.STAFF
    user = factory.LazyFunction(staff_assessor_user)
    name = factory.LazyAttribute(lambda a: a.user.get_full_name() if a.user else "Gail Guest")


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    event = factory.SubFactory(PracticeEventFactory)
    event_team = factory.SubFactory(EventTeamFactory, event=factory.SelfAttribute("..event"))
    team = factory.SelfAttribute("event_team.team")
    assessor = factory.SubFactory(AssessorFactory, event=factory.SelfAttribute("..event"))
    date = factory.SelfAttribute("event.starts_on")
    starts_at = time(10, 0)
    ends_at = time(11, 0)
    activity = Visit.Activity.TEAM_MEETING
    consent = factory.LazyAttribute(lambda v: Visit.default_consent(v.activity))


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    visit = factory.SubFactory(VisitFactory)
    event = factory.SelfAttribute("visit.event")
    team = factory.SelfAttribute("visit.team")
    assessor = factory.SelfAttribute("visit.assessor")
    entered_by = factory.LazyAttribute(lambda o: o.visit.assessor.user or UserFactory())
    state = Observation.State.DRAFT


class ObservationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservationEntry

    observation = factory.SubFactory(ObservationFactory)
    client_id = factory.LazyFunction(uuid.uuid4)
    heading = factory.SubFactory(EventHeadingFactory, event=factory.SelfAttribute("..observation.event"))
    kind = ObservationEntry.Kind.STRENGTH
    theme = factory.LazyFunction(theme)
    text = "Worker rang the child before the first visit"


class ProgressCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressCheck

    observation = factory.SubFactory(ObservationFactory)


class AnalysisReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnalysisReport

    event = factory.SubFactory(PracticeEventFactory)


class ReportHeadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportHeading

    report = factory.SubFactory(AnalysisReportFactory)
    heading = factory.SubFactory(EventHeadingFactory, event=factory.SelfAttribute("..report.event"))


class EntryPickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryPick

    report = factory.SubFactory(AnalysisReportFactory)
    entry = factory.SubFactory(ObservationEntryFactory)


class PlanItemFactory(factory.django.DjangoModelFactory):
    """A plan item; pass `finding` and `action` made through improvement's services (they carry the team and
    owner the plan shows), as tests/permissions/matrix_practice/records.py does."""

    class Meta:
        model = PlanItem

    event = factory.SubFactory(PracticeEventFactory)
    heading = factory.SubFactory(EventHeadingFactory, event=factory.SelfAttribute("..event"))
    number = factory.Sequence(lambda n: n + 1)
    issue_identified = "Caseloads are high"
    created_by = factory.SubFactory(UserFactory)


class LibraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryItem

    council = factory.SubFactory(CouncilFactory)
    kind = LibraryItem.Kind.INNOVATIVE_PRACTICE
    title = factory.Sequence(lambda n: f"Library item {n}")
    text = "The school nurse attends the allocation meeting"
    theme = factory.LazyFunction(lambda: theme("multi-agency-working"))


def make_guest(event, *, first_name="Gail", last_name="Guest", organisation="Northumbria Police", with_account=True,
               expires_at=None):
    """A guest assessor of `event`: with a role-less account (as people's create_guest_account makes), or on
    paper (no account)."""
    user = None
    if with_account:
        user = make_user("", username=f"guest.{first_name}.{last_name}".lower(), first_name=first_name,
                         last_name=last_name, expires_at=expires_at)
    return AssessorFactory(event=event, kind=Assessor.Kind.GUEST, user=user, name=f"{first_name} {last_name}",
                           organisation=organisation, email=f"{first_name}@example.org".lower() if user else "")


def make_event(*, council=None, organisers=(), teams=(), assessor_users=(), headings=True, **fields):
    """An event with the council's default headings copied (unless `headings` is False), its organisers, an
    EventTeam per team and a staff Assessor per user. Returns the event; its parts are `event.teams`,
    `event.assessors`, `event.headings`."""
    from triangulate.practice.defaults import ensure_default_headings

    council = council or (teams[0].council if teams else CouncilFactory())
    event = PracticeEventFactory(council=council, organisers=list(organisers), **fields)
    if headings:
        ensure_default_headings(council)
        for template in HeadingTemplate.objects.filter(council=council, is_active=True).order_by("number"):
            heading = EventHeading.objects.create(event=event, number=template.number, title=template.title,
                                                  mode=template.mode, guidance=template.guidance,
                                                  prompts=template.prompts)
            heading.themes.set(template.themes.all())
    for team in teams:
        EventTeamFactory(event=event, team=team)
    for user in assessor_users:
        AssessorFactory(event=event, user=user)
    return event
