"""The sync rules of design §5.1, with its worked example exactly: one entry, revision 2, no duplicate, nothing
silently overwritten."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from triangulate.core.audit import AuditEvent
from triangulate.practice.models import Observation, ObservationEntry, PracticeEvent, Visit
from triangulate.practice.services import sync
from triangulate.practice.verbs import Verb

from . import observe_world
from .observe_world import note

pytestmark = pytest.mark.django_db


def send(world, client_id, edit_id, base, sent=(), actor=None, **fields):
    fields = {**note(world.headings[2]), **fields}
    return sync.sync_entry(actor=actor or world.user, visit=world.visit, client_id=client_id, edit_id=edit_id,
                           base_revision=base, sent_edit_ids=list(sent), **fields)


def test_the_worked_example_of_5_1():
    world = observe_world.build()
    x, e1, e2, e3 = (uuid.uuid4() for _ in range(4))
    # e1 (base 0): the server creates revision 1, but the browser never hears the answer.
    assert send(world, x, e1, 0, text="Child seen alone").record.revision == 1
    # The user types more: e2, still base 0, with e1 unconfirmed. The browser first resends e1: a replay (rule 2).
    replay = send(world, x, e1, 0, text="Child seen alone")
    assert (replay.applied, replay.record.revision) == (False, 1)
    # e2: base 0 is not revision 1, but the stored text came from this browser's e1 (rule 3).
    second = send(world, x, e2, 0, sent=[e1], text="Child seen alone and asked about school")
    assert (second.applied, second.record.revision) == (True, 2)
    # A second tablet, drawn at revision 1, sends e3 with base 1 and nothing unconfirmed: refused (rule 4).
    with pytest.raises(sync.SyncConflict) as conflict:
        send(world, x, e3, 1, text="Another tablet's words")
    assert conflict.value.record.text == "Child seen alone and asked about school"
    entry = ObservationEntry.objects.get()
    assert (entry.revision, entry.last_edit_id, entry.text) == (2, e2, "Child seen alone and asked about school")


def test_the_first_sync_makes_the_observation_and_the_event_observing():
    world = observe_world.build()
    send(world, uuid.uuid4(), uuid.uuid4(), 0)
    observation = Observation.objects.get()
    assert (observation.state, observation.entered_by, observation.assessor) == ("draft", world.user,
                                                                                 world.visit.assessor)
    world.event.refresh_from_db()
    assert world.event.status == PracticeEvent.Status.OBSERVING
    send(world, uuid.uuid4(), uuid.uuid4(), 0)
    assert Observation.objects.count() == 1
    verbs = list(AuditEvent.objects.filter(verb__startswith="practice").values_list("verb", flat=True))
    assert sorted(verbs) == sorted([Verb.OBSERVATION_STARTED, Verb.EVENT_OBSERVING, Verb.OBSERVATION_SAVED])


def test_autosave_trail_is_at_most_one_per_observation_and_user_every_15_minutes(monkeypatch):
    world = observe_world.build()
    start = timezone.now()
    clock = {"now": start}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])  # Django's clock, which the trail's times use
    for _ in range(3):
        send(world, uuid.uuid4(), uuid.uuid4(), 0)
    saved = AuditEvent.objects.filter(verb=Verb.OBSERVATION_SAVED)
    assert saved.count() == 1
    clock["now"] = start + timedelta(minutes=14)
    send(world, uuid.uuid4(), uuid.uuid4(), 0)
    assert saved.count() == 1
    clock["now"] = start + timedelta(minutes=16)
    send(world, uuid.uuid4(), uuid.uuid4(), 0)
    assert saved.count() == 2


def test_a_removal_is_a_tombstone_a_late_retry_cannot_undo():
    world = observe_world.build()
    x, e1, e2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    send(world, x, e1, 0)
    sync.sync_entry(actor=world.user, visit=world.visit, client_id=x, edit_id=e2, base_revision=1, removed=True)
    with pytest.raises(sync.SyncConflict):  # a late retry of e1 from another window cannot bring it back
        send(world, x, e1, 0)
    entry = ObservationEntry.objects.get()
    assert entry.removed_at is not None and entry.revision == 2


def test_consent_gate_and_the_visit_day():
    world = observe_world.build(activity=Visit.Activity.HOME_VISIT, consent=Visit.Consent.REQUESTED)
    with pytest.raises(ValidationError, match="Consent is not recorded for this visit"):
        send(world, uuid.uuid4(), uuid.uuid4(), 0)
    assert not Observation.objects.exists()


def test_notes_wait_for_the_visit_day():
    tomorrow = timezone.localdate() + timedelta(days=1)
    world = observe_world.build(starts_on=tomorrow, ends_on=tomorrow)
    with pytest.raises(ValidationError, match=f"from the day of the visit, {tomorrow:%-d %B %Y}"):
        send(world, uuid.uuid4(), uuid.uuid4(), 0)


def test_kinds_against_heading_modes_and_the_fields_rules():
    world = observe_world.build()
    good = world.headings[4]  # an examples heading
    with pytest.raises(ValidationError) as refused:
        send(world, uuid.uuid4(), uuid.uuid4(), 0, heading=good.pk, kind="strength")
    assert "cannot go under" in refused.value.message_dict["kind"][0]
    with pytest.raises(ValidationError) as refused:
        send(world, uuid.uuid4(), uuid.uuid4(), 0, kind="area_for_development", heading=good.pk)
    assert "kind" in refused.value.message_dict
    assert send(world, uuid.uuid4(), uuid.uuid4(), 0, heading=good.pk, kind="good_practice").applied
    with pytest.raises(ValidationError) as refused:
        send(world, uuid.uuid4(), uuid.uuid4(), 0, kind="quote")
    assert refused.value.message_dict == {"quote_by": ["Say who said it."]}
    with pytest.raises(ValidationError) as refused:
        send(world, uuid.uuid4(), uuid.uuid4(), 0, child_ref="123")
    assert refused.value.message_dict == {"child_ref": ["A child's id can go only with a case example."]}
    exemplar = send(world, uuid.uuid4(), uuid.uuid4(), 0, kind="exemplar", child_ref=" 00123 ", text="x" * 4000)
    assert exemplar.record.child_ref == "00123"
    with pytest.raises(ValidationError) as refused:
        send(world, uuid.uuid4(), uuid.uuid4(), 0, text="x" * 2001)
    assert refused.value.message_dict["text"] == ["The note must be 2,000 characters or fewer (it has 2,001)."]


def test_a_name_of_the_visited_team_is_a_warning_never_a_refusal():
    world = observe_world.build()
    saved = send(world, uuid.uuid4(), uuid.uuid4(), 0, text="Jo explained the plan clearly")
    assert saved.warnings == ["This may contain a name: Jo Bell is in this team"]
    assert send(world, uuid.uuid4(), uuid.uuid4(), 0, text="Joanna's plan, Bellingham office").warnings == []


def test_only_the_assessor_or_an_organiser_for_a_paper_guest_records():
    world = observe_world.build()
    with pytest.raises(PermissionDenied):
        send(world, uuid.uuid4(), uuid.uuid4(), 0, actor=world.organiser)
    guest_visit = observe_world.paper_guest_visit(world)
    sync.sync_entry(actor=world.organiser, visit=guest_visit, client_id=uuid.uuid4(), edit_id=uuid.uuid4(),
                    base_revision=0, **note(world.headings[1]))
    assert Observation.objects.get(visit=guest_visit).entered_by == world.organiser


def test_a_handed_in_observation_or_a_closed_event_is_closed():
    world = observe_world.build()
    send(world, uuid.uuid4(), uuid.uuid4(), 0)
    Observation.objects.update(state="handed_in")
    with pytest.raises(sync.ClosedObservation, match="handed in"):
        send(world, uuid.uuid4(), uuid.uuid4(), 0)
    Observation.objects.update(state="draft")
    PracticeEvent.objects.update(status="analysis")
    with pytest.raises(sync.ClosedObservation, match="the event is analysis"):
        send(world, uuid.uuid4(), uuid.uuid4(), 0)


def test_the_observations_questions_follow_the_same_rules():
    world = observe_world.build()
    send(world, uuid.uuid4(), uuid.uuid4(), 0)  # made by a note: the questions were never saved, any base
    q1, q2, q3 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first = sync.sync_observation(actor=world.user, visit=world.visit, edit_id=q1, base_version=0,
                                  what_happened="Team meeting, 9 staff", felt_supported="yes",
                                  heard_from=["partner", "child"])
    assert (first.record.version, first.record.heard_from) == (2, ["child", "partner"])
    assert sync.sync_observation(actor=world.user, visit=world.visit, edit_id=q1, base_version=0,
                                 what_happened="Team meeting, 9 staff").applied is False
    second = sync.sync_observation(actor=world.user, visit=world.visit, edit_id=q2, base_version=1, sent_edit_ids=[q1],
                                   what_happened="Team meeting, 9 staff, 2 hours")
    assert second.record.version == 3
    with pytest.raises(sync.SyncConflict):
        sync.sync_observation(actor=world.user, visit=world.visit, edit_id=q3, base_version=2, felt_supported="no")
    with pytest.raises(ValidationError):
        sync.sync_observation(actor=world.user, visit=world.visit, edit_id=q3, base_version=3, felt_supported="maybe")
