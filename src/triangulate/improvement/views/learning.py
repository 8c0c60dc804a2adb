"""The learning loop (design §6): themes that recur as areas for development across audits, observations and
findings, and the workforce development plan's training topics, each with the evidence that asked for it and what
the evidence has said about its theme since it was delivered."""

from datetime import timedelta

from django import forms
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, VersionField, version_of
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.selectors import active_themes
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.selectors import the_council

from .. import ranking
from ..evidence.gather import council_signals
from ..evidence.registry import providers
from ..learning import add_training_topic, update_training_topic
from ..models import TrainingTopic
from ..rules import KnowPerm

EVIDENCE_KEPT = 8
WINDOW_DAYS = 182  # "since it was delivered" is compared with the same span before


def _evidence(signals):
    titles = {p.key: p.title for p in providers()}
    return [{"source": titles.get(s.source, s.source), "title": s.text, "url": s.url, "on": s.on.isoformat()}
            for s in signals[:EVIDENCE_KEPT]]


def since_delivery(topic, signals, today):
    """(areas for development on the topic's theme in the WINDOW_DAYS before delivery, in as long after it up to
    today, the days after), or None before delivery."""
    if topic.delivered_on is None:
        return None
    after_days = min(WINDOW_DAYS, (today - topic.delivered_on).days)
    theme = [s for s in signals if s.theme == topic.theme.slug and s.kind == "area_for_development"]
    before = sum(1 for s in theme if timedelta(0) < topic.delivered_on - s.on <= timedelta(days=WINDOW_DAYS))
    after = sum(1 for s in theme if timedelta(0) <= s.on - topic.delivered_on <= timedelta(days=after_days))
    return before, after, after_days


@requires(KnowPerm.VIEW_LEARNING)
def learning(request):
    council, today = the_council(), timezone.localdate()
    signals = council_signals(council, today)
    themes = {t.slug: t for t in active_themes()}
    recurring = [(themes[slug], found) for slug, found in ranking.recurring(signals, today) if slug in themes]
    topics = TrainingTopic.objects.filter(council=council).select_related("theme", "owner")
    return render(request, "improvement/learning/learning.html", {
        "title": "Learning from what we find", "recurring": recurring, "today": today,
        "topics": [(topic, since_delivery(topic, signals, today)) for topic in topics],
        "can_manage": request.user.has_perm(KnowPerm.MANAGE_LEARNING), "window_days": WINDOW_DAYS})


class TopicForm(GovukForm):
    title = forms.CharField(max_length=200)
    theme = forms.ModelChoiceField(queryset=active_themes(), empty_label="Choose a theme")
    audience = forms.CharField(max_length=200, required=False, help_text="For example, social workers and ASYEs")


class TopicEditForm(TopicForm):
    status = forms.ChoiceField(choices=TrainingTopic.Status.choices, widget=forms.RadioSelect)
    delivered_on = GovukDateField(required=False, label="Date delivered",
                                   help_text="Only for a delivered topic. For example, 14 10 2026")
    version = VersionField()


@requires(KnowPerm.MANAGE_LEARNING, methods=("GET", "POST"))
def training_topic_create(request):
    council, today = the_council(), timezone.localdate()
    slug = request.GET.get("theme", "")
    theme = active_themes().filter(slug=slug).first()
    initial = {"theme": theme.pk, "title": f"{theme.name}: what we keep finding"} if theme else {}
    form = TopicForm(request.POST or None, initial=initial)

    def save(form):
        chosen = form.cleaned_data["theme"]
        found = dict(ranking.recurring(council_signals(council, today), today)).get(chosen.slug, [])
        return add_training_topic(actor=request.user, council=council, evidence=_evidence(found), **form.cleaned_data)

    return service_form(
        request, form, save=save, success_message="Training topic added to the workforce development plan",
        success_url=reverse("improvement:learning"),
        context={"title": "Add a training topic", "submit_text": "Add the topic", "back_url":
                 reverse("improvement:learning"), "back_text": "Back to learning",
                 "intro": "The areas for development that recur on its theme are kept with it as the evidence "
                          "that asked for it."})


@requires(KnowPerm.MANAGE_LEARNING, methods=("GET", "POST"))
def training_topic_edit(request, pk):
    topic = get_object_or_404(TrainingTopic.objects.filter(council=the_council()), pk=pk)
    form = TopicEditForm(request.POST or None, initial={
        "title": topic.title, "theme": topic.theme_id, "audience": topic.audience, "status": topic.status,
        "delivered_on": topic.delivered_on, VERSION: topic.version})
    return service_form(
        request, form,
        save=lambda form: update_training_topic(
            actor=request.user, topic=topic, expected_version=version_of(form),
            **{name: form.cleaned_data[name] for name in ("title", "theme", "audience", "status", "delivered_on")}),
        success_message="Training topic saved", success_url=reverse("improvement:learning"),
        stored_values=lambda t: {"title": t.title, "theme": t.theme_id, "audience": t.audience, "status": t.status,
                                 "delivered_on": t.delivered_on},
        context={"title": f"Change {topic.title}", "back_url": reverse("improvement:learning"),
                 "back_text": "Back to learning"})


urlpatterns = [
    path("learning/", learning, name="learning"),
    path("learning/topics/new/", training_topic_create, name="training_topic_create"),
    path("learning/topics/<int:pk>/edit/", training_topic_edit, name="training_topic_edit"),
]
