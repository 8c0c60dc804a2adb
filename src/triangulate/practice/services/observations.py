"""An observation's hand-in and return (design §3.3). Notes and questions are saved by services/sync.py.

"Hand in" needs at least one note, the "felt supported" question answered (or "not asked"), and on a follow-up day
every earlier action rated; it marks the visit as happened. An organiser returns a handed-in observation with a
reason; its assessor is told by email (§9.2), and it can be edited again even after observations have closed."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.formatting import counted

from ..models import Observation, PracticeEvent, Visit
from ..notices import Notice, notify_on_commit
from ..rules import Perm
from ..verbs import Verb
from .sync import add_progress_checks, editable_reason, require_recorder

State = Observation.State
# §3.3: returned while the event is observing or in analysis; never once complete or cancelled.
RETURNABLE = (PracticeEvent.Status.OBSERVING, PracticeEvent.Status.ANALYSIS)


def hand_in_problems(observation):
    """What stops `observation` being handed in (§3.3), in the order the form shows them; empty when it may."""
    problems = []
    if not observation.entries.filter(removed_at__isnull=True).exists():
        problems.append("Add at least one note before handing in.")
    if observation.felt_supported == Observation.FeltSupported.UNANSWERED:
        problems.append("Answer whether staff said they felt supported (or say it was not asked).")
    unrated = observation.progress_checks.filter(rating="").count()
    if unrated:
        problems.append(f"Rate the progress of every earlier action: {counted(unrated, 'action is', 'actions are')} "
                        "not rated yet.")
    return problems


@service(Perm.OBSERVE)
def hand_in(*, actor, visit, expected_version=None):
    """draft → handed_in; the visit becomes `happened` (§3.2)."""
    require_recorder(actor, visit)
    lock(visit)
    observation = Observation.objects.filter(visit=visit).first()
    if observation is None:
        raise ValidationError("Add at least one note before handing in.")
    lock(observation)
    reason = editable_reason(observation, visit.event)
    if reason:
        raise ValidationError(reason)
    add_progress_checks(observation)  # an action planned since the first note is rated too
    problems = hand_in_problems(observation)
    if problems:
        raise ValidationError(problems)
    claim(observation, expected_version)
    observation.state = State.HANDED_IN
    observation.handed_in_at = timezone.now()
    observation.save(update_fields=["state", "handed_in_at"])
    trail.record(actor, Verb.OBSERVATION_HANDED_IN, observation, state=[State.DRAFT, State.HANDED_IN])
    if visit.status != Visit.Status.HAPPENED:
        old = visit.status
        visit.status = Visit.Status.HAPPENED
        visit.save(update_fields=["status"])
        trail.record(actor, Verb.VISIT_HAPPENED, visit, status=[old, Visit.Status.HAPPENED])
    return observation


@service(Perm.RETURN_OBSERVATION, on="observation")
def return_observation(*, actor, observation, reason, expected_version=None):
    """handed_in → draft, with a reason; the assessor (or, for a guest on paper, whoever typed the notes) is told
    by email. The reason is shown on the observation, never put on the trail."""
    lock(observation)
    if observation.state != State.HANDED_IN:
        raise ValidationError("Only a handed-in observation can be returned.")
    event = observation.event
    if event.status not in RETURNABLE:
        raise ValidationError(f"Observations cannot be returned: the event is {event.get_status_display().lower()}.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is returned, so the assessor knows what to change."})
    claim(observation, expected_version)
    observation.state = State.DRAFT
    observation.handed_in_at = None
    observation.returned_at = timezone.now()
    observation.returned_by = user_of(actor)
    observation.returned_reason = reason
    observation.save(update_fields=["state", "handed_in_at", "returned_at", "returned_by", "returned_reason"])
    trail.record(actor, Verb.OBSERVATION_RETURNED, observation, state=[State.HANDED_IN, State.DRAFT])
    told = observation.assessor.user or observation.entered_by
    notify_on_commit([told], Notice.OBSERVATION_RETURNED,
                     f"Your observation of {observation.team} in {event.title} was returned",
                     reverse("practice:observe", args=[observation.visit_id]), email=True)
    return observation
