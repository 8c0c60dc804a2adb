"""The learning loop (design §6): recurring areas for development become training topics on the workforce
development plan, each keeping the evidence that asked for it, frozen when it was added."""

from django.core.exceptions import ValidationError

from triangulate.core import audit as trail
from triangulate.core.authority import service, user_of
from triangulate.core.concurrency import claim, lock
from triangulate.core.models import Theme

from .models import TrainingTopic
from .rules import KnowPerm
from .verbs import Verb


def _check(title, theme, status, delivered_on):
    errors = {}
    if not (title or "").strip() or len(title.strip()) > 200:
        errors["title"] = "Give the topic a title of up to 200 characters."
    if not isinstance(theme, Theme):
        errors["theme"] = "Choose the theme the training answers."
    if status not in TrainingTopic.Status.values:
        errors["status"] = "Choose planned, running or delivered."
    elif status == TrainingTopic.Status.DELIVERED and delivered_on is None:
        errors["delivered_on"] = "Enter the date the training was delivered."
    elif status != TrainingTopic.Status.DELIVERED and delivered_on is not None:
        errors["delivered_on"] = "A delivery date goes only with a delivered topic."
    if errors:
        raise ValidationError(errors)


@service(KnowPerm.MANAGE_LEARNING)
def add_training_topic(*, actor, council, title, theme, audience="", evidence=(), plan=None, owner=None):
    """A planned topic; `evidence` is the signals that asked for it, as (source, title, url) dicts, kept as they
    were when it was added."""
    _check(title, theme, TrainingTopic.Status.PLANNED, None)
    topic = TrainingTopic.objects.create(
        council=council, title=title.strip(), theme=theme, audience=(audience or "").strip()[:200],
        evidence=list(evidence), plan=plan, owner=owner or user_of(actor))
    trail.record(actor, Verb.TRAINING_TOPIC_ADDED, topic, theme=theme.pk, evidence=len(topic.evidence))
    return topic


@service(KnowPerm.MANAGE_LEARNING)
def update_training_topic(*, actor, topic, title, theme, audience, status, delivered_on=None,
                          expected_version=None):
    _check(title, theme, status, delivered_on)
    lock(topic)
    claim(topic, expected_version)
    old = topic.status
    topic.title, topic.theme, topic.audience = title.strip(), theme, (audience or "").strip()[:200]
    topic.status, topic.delivered_on = status, delivered_on
    topic.save()
    trail.record(actor, Verb.TRAINING_TOPIC_UPDATED, topic, status=[old, status],
                 delivered_on=delivered_on.isoformat() if delivered_on else None)
    return topic
