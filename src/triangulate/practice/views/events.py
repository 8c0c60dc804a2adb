"""The practice events' pages (design §3.1, §9.1): the list (upcoming, in progress, complete), planning a week or
day, changing it, its task list, and the organisers' transitions.

"Repeat this week" and "Follow up" are the planning page with the complete event named in its address:
`new/?repeat=<pk>` (a complete week) and `new/?follows=<pk>` (any complete event); the complete event's page links
to both. Events are council-wide (everyone but the system administrator sees them, §8), so an event is looked up
directly; the organisers' pages then ask MANAGE_EVENT of it (403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from triangulate.core.concurrency import version_of
from triangulate.core.filters import Filters, Select
from triangulate.core.formatting import counted
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from ..event_tasks import tasks
from ..forms_events import CompleteForm, EventForm, FollowUpForm, ReasonForm, RepeatForm
from ..models import PracticeEvent
from ..models.events import default_max_visits_per_day
from ..rules import Perm
from ..services import events as services
from ..services.publish import event_dates

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)
Status = PracticeEvent.Status
SECTIONS = (("Upcoming", (Status.PLANNING, Status.PUBLISHED)),
            ("In progress", (Status.OBSERVING, Status.ANALYSIS)),
            ("Complete", (Status.COMPLETE,)),
            ("Cancelled", (Status.CANCELLED,)))
PER_PAGE = 25


def _event(pk):
    return get_object_or_404(PracticeEvent.objects.select_related("benchmark", "follows"), pk=pk)


def _managed(request, pk):
    event = _event(pk)
    if not request.user.has_perm(Perm.MANAGE_EVENT, event):
        raise PermissionDenied(Perm.MANAGE_EVENT)
    return event


def _detail(event):
    return reverse("practice:event_detail", args=[event.pk])


@requires(Perm.VIEW_EVENTS)
def event_list(request):
    events = PracticeEvent.objects.annotate(team_count=Count("teams", distinct=True))
    years = sorted({d.year for d in PracticeEvent.objects.dates("starts_on", "year")}, reverse=True)
    kind = request.GET.get("kind", "")
    kind = kind if kind in PracticeEvent.Kind.values else ""
    year = request.GET.get("year", "")
    year = year if year in {str(y) for y in years} else ""
    if kind:
        events = events.filter(kind=kind)
    if year:
        events = events.filter(starts_on__year=int(year))
    sections = []
    for heading, statuses in SECTIONS:
        rows = events.filter(status__in=statuses)
        rows = rows.order_by("starts_on", "pk") if heading == "Upcoming" else rows.order_by("-starts_on", "-pk")
        if heading in ("Complete", "Cancelled"):
            page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page") if heading == "Complete" else 1)
            sections.append({"heading": heading, "rows": list(page.object_list), "page": page})
        else:
            sections.append({"heading": heading, "rows": list(rows), "page": None})
    labels = dict(PracticeEvent.Kind.choices)
    filters = Filters(selects=(
        Select.of("kind", "Kind", list(labels), kind, everything="Weeks and days", text=labels.get),
        Select.of("year", "Year", [str(y) for y in years], year, everything="All years")))
    return render(request, "practice/events/event_list.html", {
        "title": "Practice weeks", "sections": sections, "filters": filters,
        "may_plan": request.user.has_perm(Perm.PLAN_EVENT)})


def _source(request, param, *, week_only):
    """The complete event a "Repeat this week" or "Follow up" address names, or None when it names none."""
    raw = request.GET.get(param)
    if raw is None:
        return None
    if not raw.isdigit():
        raise Http404("No such event")
    event = _event(int(raw))
    if event.status != Status.COMPLETE or (week_only and event.kind != PracticeEvent.Kind.WEEK):
        raise Http404("Only a complete week can be repeated, and only a complete event followed up")
    return event


@requires(Perm.PLAN_EVENT, methods=EDIT)
def event_create(request):
    repeat = _source(request, "repeat", week_only=True)
    follows = _source(request, "follows", week_only=False)
    user, data = request.user, request.POST or None
    if repeat:
        form = RepeatForm(data, initial={"title": f"{repeat.title} (repeat)"})
        return service_form(
            request, form,
            save=lambda form: services.repeat_week(actor=user, event=repeat, **form.cleaned_data),
            success_message=lambda week: f"{week.title} planned, with {counted(week.teams.count(), 'team')} "
                                         f"copied from {repeat.title}",
            success_url=_detail, context={
                "title": "Repeat this week", "caption": repeat.title, "back_url": _detail(repeat),
                "back_text": f"Back to {repeat.title}", "submit_text": "Plan the new week",
                "intro": (f"The new week starts with {repeat.title}'s teams (their staffing taken afresh), headings "
                          f"and focus, and is compared with it.")})
    if follows:
        form = FollowUpForm(data, event=follows)
        return service_form(
            request, form,
            save=lambda form: services.follow_up_day(actor=user, event=follows,
                                                     **form.cleaned_data),
            success_message=lambda day: f"{day.title} planned", success_url=_detail, context={
                "title": "Follow up with a practice day", "caption": follows.title, "back_url": _detail(follows),
                "back_text": f"Back to {follows.title}", "submit_text": "Plan the practice day",
                "intro": "A practice day for one of the teams, showing its earlier findings and actions."})
    form = EventForm(data, initial={"kind": PracticeEvent.Kind.WEEK, "organisers": [user],
                                    "max_visits_per_day": default_max_visits_per_day()})
    return service_form(
        request, form,
        save=lambda form: services.create_event(actor=user, council=the_council(), **form.values()),
        success_message=lambda event: f"{event.title} planned", success_url=_detail,
        context={"title": "Plan a practice week or day", "back_url": reverse("practice:event_list"),
                 "back_text": "Back to practice weeks", "submit_text": "Plan the event"})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_edit(request, pk):
    event = _managed(request, pk)
    if event.status not in services.EDITABLE:
        messages.error(request, f"This event is {event.get_status_display().lower()}: it can no longer be changed.")
        return redirect(_detail(event))
    form = EventForm(request.POST or None, editing=True, initial=EventForm.initial_for(event))
    return service_form(
        request, form,
        save=lambda form: services.edit_event(
            actor=request.user, event=PracticeEvent.objects.get(pk=event.pk), expected_version=version_of(form),
            **form.values()),
        success_message="Event changed", success_url=_detail(event), stored_values=EventForm.initial_for,
        context={"title": "Change the event", "caption": event.title, "back_url": _detail(event),
                 "back_text": f"Back to {event.title}", "submit_text": "Save the event"})


@requires(Perm.VIEW_EVENTS)
def event_detail(request, pk):
    event = _event(pk)
    user = request.user
    may_manage = user.has_perm(Perm.MANAGE_EVENT, event)
    return render(request, "practice/events/event_detail.html", {
        "title": event.title, "event": event, "dates": event_dates(event), "tasks": tasks(user, event, may_manage=may_manage),
        "may_manage": may_manage, "may_plan": user.has_perm(Perm.PLAN_EVENT), "counted": counted,
        "organisers": sorted(u.get_full_name() or u.get_username() for u in event.organisers.all()),
        "teams": [t.team.name for t in event.teams.select_related("team")],
        "focus_themes": [t.name for t in event.focus_themes.order_by("name")],
        "Status": Status})


def _version(request):
    try:
        return int(request.POST.get("version"))
    except (TypeError, ValueError):
        return None


@requires(Perm.MANAGE_EVENT, methods=POST)
def close_observations(request, pk):
    event = _managed(request, pk)
    return service_action(
        request, lambda: services.close_observations(actor=request.user, event=event,
                                                     expected_version=_version(request)),
        success_message="Observations closed: the analysis can start", redirect_to=_detail(event))


def _reason_page(request, event, *, action, title, label, help_text, submit_text, success_message):
    form = ReasonForm(request.POST or None, label=label, help_text=help_text, initial={"version": event.version})
    return service_form(
        request, form,
        save=lambda form: action(reason=form.cleaned_data["reason"],
                                 expected_version=version_of(form)),
        success_message=success_message, success_url=_detail(event), stored_values=lambda e: {"reason": ""},
        context={"title": title, "caption": event.title, "back_url": _detail(event),
                 "back_text": f"Back to {event.title}", "submit_text": submit_text})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def reopen_observations(request, pk):
    event = _managed(request, pk)
    return _reason_page(
        request, event, title="Reopen observations", label="Why are observations reopened?",
        help_text="For example, “a visit moved to next Tuesday”. Assessors can edit and hand in again.",
        submit_text="Reopen observations", success_message="Observations reopened",
        action=lambda **kw: services.reopen_observations(actor=request.user, event=_event(pk), **kw))


@requires(Perm.MANAGE_EVENT, methods=POST)
def share_summaries(request, pk):
    event = _managed(request, pk)
    return service_action(
        request, lambda: services.share_summaries(actor=request.user, event=event,
                                                  expected_version=_version(request)),
        success_message="Team summaries shared: each team's managers have been told", redirect_to=_detail(event))


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def complete(request, pk):
    event = _managed(request, pk)
    form = CompleteForm(request.POST or None, initial={"version": event.version})
    items = event.plan_items.count()
    return service_form(
        request, form, template="practice/events/complete.html",
        save=lambda form: services.complete_event(
            actor=request.user, event=_event(pk), no_actions_reason=form.cleaned_data["no_actions_reason"],
            expected_version=version_of(form)),
        success_message="Event complete: its actions carry on in the improvement plan",
        success_url=_detail(event), stored_values=lambda e: {"no_actions_reason": e.no_actions_reason},
        context={"title": "Mark the event complete", "caption": event.title, "back_url": _detail(event),
                 "back_text": f"Back to {event.title}", "submit_text": "Mark complete", "event": event,
                 "items": items, "counted": counted})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def cancel(request, pk):
    event = _managed(request, pk)
    told = "Those told of the timetable are told it is cancelled." if event.status == Status.PUBLISHED else ""
    return _reason_page(
        request, event, title="Cancel the event", label="Why is the event cancelled?",
        help_text=f"Everyone who sees practice weeks reads the event's status. {told}".strip(),
        submit_text="Cancel the event", success_message="Event cancelled",
        action=lambda **kw: services.cancel_event(actor=request.user, event=_event(pk), **kw))


urlpatterns = [
    path("", event_list, name="event_list"),
    path("new/", event_create, name="event_create"),
    path("<int:pk>/", event_detail, name="event_detail"),
    path("<int:pk>/edit/", event_edit, name="event_edit"),
    path("<int:pk>/close/", close_observations, name="close_observations"),
    path("<int:pk>/reopen/", reopen_observations, name="reopen_observations"),
    path("<int:pk>/share-summaries/", share_summaries, name="share_summaries"),
    path("<int:pk>/complete/", complete, name="complete"),
    path("<int:pk>/cancel/", cancel, name="cancel"),
]
