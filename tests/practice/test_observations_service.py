"""Hand in and return (design §3.3): the guards, the visit marked happened, progress checks on a follow-up day, and
the assessor told by email when an organiser returns an observation."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from triangulate.core.notifications import Notification
from triangulate.practice.models import Observation, PracticeEvent, ProgressCheck, Visit
from triangulate.practice.services import observations, sync

from ..factories import make_user
from . import observe_world
from .factories import AssessorFactory, VisitFactory
from .follow_up_world import build_follow_up
from .observe_world import note

pytestmark = pytest.mark.django_db


def add_note(world, visit=None, actor=None, **fields):
    return sync.sync_entry(actor=actor or world.user, visit=visit or world.visit, client_id=uuid.uuid4(),
                           edit_id=uuid.uuid4(), base_revision=0, **note(world.headings[2], **fields))


def answer(world, visit=None, actor=None, **fields):
    return sync.sync_observation(actor=actor or world.user, visit=visit or world.visit, edit_id=uuid.uuid4(),
                                 base_version=0, **fields)


def test_hand_in_needs_a_note_and_felt_supported_then_the_visit_happened():
    world = observe_world.build()
    with pytest.raises(ValidationError, match="Add at least one note"):
        observations.hand_in(actor=world.user, visit=world.visit)
    add_note(world)
    with pytest.raises(ValidationError) as refused:
        observations.hand_in(actor=world.user, visit=world.visit)
    assert refused.value.messages == ["Answer whether staff said they felt supported (or say it was not asked)."]
    answer(world, felt_supported="not_asked")
    observation = observations.hand_in(actor=world.user, visit=world.visit)
    assert observation.state == Observation.State.HANDED_IN and observation.handed_in_at is not None
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.HAPPENED
    with pytest.raises(sync.ClosedObservation):
        add_note(world)


def test_a_removed_note_does_not_count():
    world = observe_world.build()
    saved = add_note(world)
    answer(world, felt_supported="yes")
    sync.sync_entry(actor=world.user, visit=world.visit, client_id=saved.record.client_id, edit_id=uuid.uuid4(),
                    base_revision=1, removed=True)
    with pytest.raises(ValidationError, match="Add at least one note"):
        observations.hand_in(actor=world.user, visit=world.visit)


def test_hand_in_is_refused_to_another_assessor_and_to_a_stale_page():
    world = observe_world.build()
    add_note(world)
    answer(world, felt_supported="yes")
    with pytest.raises(PermissionDenied):
        observations.hand_in(actor=world.organiser, visit=world.visit)
    with pytest.raises(ValidationError, match="Someone changed this"):
        observations.hand_in(actor=world.user, visit=world.visit, expected_version=1)
    assert observations.hand_in(actor=world.user, visit=world.visit, expected_version=2).state == "handed_in"


def test_on_a_follow_up_day_every_earlier_action_is_rated_before_hand_in():
    follow = build_follow_up()
    PracticeEvent.objects.filter(pk=follow.day.pk).update(status=PracticeEvent.Status.OBSERVING)
    follow.day.refresh_from_db()
    user = make_user("auditor")
    visit = VisitFactory(event=follow.day, event_team=follow.day.teams.get(), assessor=AssessorFactory(
        event=follow.day, user=user), starts_at="14:00", ends_at="15:00")
    heading = follow.day.headings.get(number=2)
    sync.sync_entry(actor=user, visit=visit, client_id=uuid.uuid4(), edit_id=uuid.uuid4(), base_revision=0,
                    **note(heading))
    observation = Observation.objects.get(visit=visit)
    # North 1's three actions and the council-wide one (not West 1's), unrated.
    assert sorted(c.action_id for c in observation.progress_checks.all()) == sorted(
        i.action_id for i in follow.items)
    sync.sync_observation(actor=user, visit=visit, edit_id=uuid.uuid4(), base_version=0, felt_supported="yes",
                          ratings={follow.items[0].action_id: ("improved", "Weighting tool in use")})
    with pytest.raises(ValidationError) as refused:
        observations.hand_in(actor=user, visit=visit)
    assert refused.value.messages == ["Rate the progress of every earlier action: 3 actions are not rated yet."]
    sync.sync_observation(actor=user, visit=visit, edit_id=uuid.uuid4(), base_version=2, ratings={
        i.action_id: ("some_progress", "") for i in follow.items[1:]})
    observations.hand_in(actor=user, visit=visit)
    assert ProgressCheck.objects.get(observation=observation, action=follow.items[0].action).note == \
        "Weighting tool in use"


def test_an_organiser_returns_with_a_reason_and_the_assessor_is_emailed(django_capture_on_commit_callbacks):
    world = observe_world.build()
    add_note(world)
    answer(world, felt_supported="yes")
    observation = observations.hand_in(actor=world.user, visit=world.visit)
    with pytest.raises(PermissionDenied):
        observations.return_observation(actor=world.user, observation=observation, reason="Add more")
    with pytest.raises(ValidationError) as refused:
        observations.return_observation(actor=world.organiser, observation=observation, reason=" ")
    assert "reason" in refused.value.message_dict
    PracticeEvent.objects.filter(pk=world.event.pk).update(status=PracticeEvent.Status.ANALYSIS)
    observation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        observations.return_observation(actor=world.organiser, observation=observation,
                                        reason="Please add what the family said")
    observation.refresh_from_db()
    assert (observation.state, observation.returned_by, observation.returned_reason) == (
        "draft", world.organiser, "Please add what the family said")
    told = Notification.objects.get(user=world.user)
    assert told.title == f"Your observation of Safeguarding North 1 in {world.event.title} was returned"
    assert told.url == f"/practice/visits/{world.visit.pk}/observe/"
    assert [m.to for m in mail.outbox] == [["ann.able@example.org"]]
    # Returned after closing: the assessor can edit and hand in again while the event is in analysis.
    add_note(world, text="Mum said she knows what happens next")
    assert observations.hand_in(actor=world.user, visit=world.visit).state == "handed_in"
    observation.refresh_from_db()
    observations.return_observation(actor=world.organiser, observation=observation, reason="Once more")
    with pytest.raises(ValidationError, match="Only a handed-in"):
        observations.return_observation(actor=world.organiser, observation=observation, reason="Again")
