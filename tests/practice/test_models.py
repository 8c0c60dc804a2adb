"""What the database itself refuses (design §1), whatever a service or a script does, and the small rules the
models carry for the services."""

from datetime import date, time

import pytest
from django.db import IntegrityError, transaction

from triangulate.practice.models import Assessor, HeadingMode, ObservationEntry, PracticeEvent, Visit

from .factories import (
    AssessorFactory,
    ObservationEntryFactory,
    PracticeEventFactory,
    VisitFactory,
    make_event,
)

K = ObservationEntry.Kind


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_day_is_one_day_and_an_event_ends_after_it_starts(db):
    refused(lambda: PracticeEventFactory(kind=PracticeEvent.Kind.DAY, starts_on=date(2026, 3, 4),
                                         ends_on=date(2026, 3, 5)))
    refused(lambda: PracticeEventFactory(starts_on=date(2026, 2, 6), ends_on=date(2026, 2, 2)))
    day = PracticeEventFactory(kind=PracticeEvent.Kind.DAY, starts_on=date(2026, 3, 4), ends_on=date(2026, 3, 4))
    assert day.max_visits_per_day == 3  # TRIANGULATE["PRACTICE"]["MAX_VISITS_PER_DAY"]


def test_only_a_week_has_a_benchmark(db):
    week = PracticeEventFactory(status=PracticeEvent.Status.COMPLETE)
    PracticeEventFactory(benchmark=week)
    refused(lambda: PracticeEventFactory(kind=PracticeEvent.Kind.DAY, starts_on=date(2026, 3, 4),
                                         ends_on=date(2026, 3, 4), benchmark=week))


def test_an_account_assesses_once_per_event_and_staff_assessors_have_one(world):
    assessor = AssessorFactory()
    refused(lambda: AssessorFactory(event=assessor.event, user=assessor.user))
    refused(lambda: AssessorFactory(event=assessor.event, kind=Assessor.Kind.STAFF, user=None, name="No One"))
    # two guests on paper in one event are two people
    AssessorFactory(event=assessor.event, kind=Assessor.Kind.GUEST, user=None, name="Gail Guest")
    AssessorFactory(event=assessor.event, kind=Assessor.Kind.GUEST, user=None, name="Pat Paper")


def test_a_visit_ends_after_it_starts_and_asks_consent_only_with_a_family(db):
    refused(lambda: VisitFactory(starts_at=time(11), ends_at=time(11)))
    assert VisitFactory(activity=Visit.Activity.HOME_VISIT).consent == Visit.Consent.NOT_ASKED
    assert VisitFactory(activity=Visit.Activity.FAMILY_CONVERSATION).consent == Visit.Consent.NOT_ASKED
    assert VisitFactory(activity=Visit.Activity.SUPERVISION).consent == Visit.Consent.NOT_NEEDED


def test_a_child_ref_only_on_an_exemplar_and_quote_by_only_on_a_quote(db):
    refused(lambda: ObservationEntryFactory(kind=K.STRENGTH, child_ref="ABC123"))
    refused(lambda: ObservationEntryFactory(kind=K.STRENGTH, quote_by="child"))
    entry = ObservationEntryFactory(kind=K.EXEMPLAR, child_ref="ABC123")
    refused(lambda: ObservationEntryFactory(observation=entry.observation, client_id=entry.client_id))
    assert entry.max_length() == 4000
    assert ObservationEntryFactory(kind=K.QUOTE, quote_by="child").max_length() == 2000


def test_kinds_allowed_under_each_mode(db):
    assert ObservationEntry.kinds_allowed_under(HeadingMode.STRENGTHS_AND_DEVELOPMENT) == {
        K.STRENGTH, K.AREA_FOR_DEVELOPMENT, K.EXEMPLAR, K.QUOTE}
    assert ObservationEntry.kinds_allowed_under(HeadingMode.EXAMPLES) == {K.GOOD_PRACTICE, K.EXEMPLAR, K.QUOTE}


def test_make_event_copies_the_default_headings(world):
    event = make_event(council=world.own.council, teams=[world.own, world.other])
    assert [(h.number, h.title, h.mode) for h in event.headings.all()] == [
        (1, "Leadership", HeadingMode.STRENGTHS_AND_DEVELOPMENT),
        (2, "The voice of the child", HeadingMode.STRENGTHS_AND_DEVELOPMENT),
        (3, "The parent/carer experience", HeadingMode.STRENGTHS_AND_DEVELOPMENT),
        (4, "Good or innovative practice", HeadingMode.EXAMPLES)]
    assert event.headings.get(number=1).themes.count() == 3
    assert {t.team for t in event.teams.all()} == {world.own, world.other}
