"""The timetable pages (design §3.2, §4, §9.1): the grid (a table per day, never a drag-and-drop calendar), the
organisers' timetable with its checks and change links, a visit's form, consent, cancelling, accepting a line
conflict, and publishing.

The grid's rows come through `selectors.visits_visible_to`, so a team's staff see their team's visits and an
assessor their event's; the §4 checks name assessors and teams across the whole event, so they are shown only to
readers who see every row. A visit is looked up through the selector (404) before its permission is asked (403)."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core.concurrency import version_of
from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from .. import checks
from ..analysis.timetable import DOUBLE_BOOKED, OWN_LINE
from ..forms_timetable import CancelForm, ConsentForm, ReasonForm, VisitForm
from ..models import PracticeEvent, Visit
from ..rules import Perm
from ..selectors import EVERY_TIMETABLE, management_line, visits_visible_to
from ..services import publish as publishing
from ..services import visits as services
from .common import event_or_404, event_page, require

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)
CODE_LABELS = {DOUBLE_BOOKED: "Double-booked", OWN_LINE: "In the assessor's line"}



def _visit(request, pk):
    return get_object_or_404(visits_visible_to(request.user).select_related("event", "team", "assessor"), pk=pk)



def _days(visits, problems):
    """[(date, [rows])], each row a visit with the §4 problems that name it."""
    flagged = defaultdict(list)
    for problem in problems:
        for visit_id in problem.visit_ids:
            flagged[visit_id].append(problem)
    by_day = defaultdict(list)
    for visit in visits:
        by_day[visit.date].append({"visit": visit, "problems": flagged.get(visit.pk, [])})
    return sorted(by_day.items())


def _grid_context(request, event, *, editing):
    visits = list(visits_visible_to(request.user).filter(event=event)
                  .select_related("team", "assessor", "host").order_by("date", "starts_at", "pk"))
    sees_all = editing or role_of(request.user) in EVERY_TIMETABLE
    problems = checks.problems(event) if sees_all else []
    may_manage = request.user.has_perm(Perm.MANAGE_EVENT, event)
    return {"event": event, "days": _days(visits, problems), "problems": problems,
            "errors": checks.errors(problems), "warnings": checks.warnings(problems), "notes": checks.notes(problems),
            "show_checks": sees_all, "may_manage": may_manage, "editing": editing,
            "changeable": event.status in services.CHANGEABLE,
            "may_consent": {v.pk for v in visits if v.activity in Visit.WITH_A_FAMILY
                            and request.user.has_perm(Perm.EDIT_TEAM_DETAILS, v)},
            "counted": counted, "back_url": event_page(event),
            "may_add_unplanned": (not may_manage and event.status == PracticeEvent.Status.OBSERVING
                                  and request.user.has_perm(Perm.OBSERVE, event))}



@requires(Perm.VIEW_TIMETABLE)
def timetable(request, pk):
    event = event_or_404(pk)
    require(request, Perm.VIEW_TIMETABLE, event)
    return render(request, "practice/timetable/timetable.html",
                  {**_grid_context(request, event, editing=False), "title": f"Timetable: {event.title}"})


@requires(Perm.MANAGE_EVENT)
def timetable_edit(request, pk):
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    return render(request, "practice/timetable/timetable.html",
                  {**_grid_context(request, event, editing=True), "title": f"Plan the timetable: {event.title}"})


def _edit_url(event):
    return reverse("practice:timetable_edit", args=[event.pk])


@requires(Perm.OBSERVE, methods=EDIT)
def visit_create(request, pk):
    """An organiser adds a visit; an assessor, while the event is observing, adds an unplanned visit of their own
    (§3.2)."""
    event = event_or_404(pk)
    if request.user.has_perm(Perm.MANAGE_EVENT, event):
        form = VisitForm(request.POST or None, event=event)
        return service_form(
            request, form,
            save=lambda form: services.create_visit(actor=request.user, event=event, **form.values()),
            success_message="Visit added", success_url=_edit_url(event),
            context={"title": "Add a visit", "caption": event.title, "back_url": _edit_url(event),
                     "back_text": "Back to the timetable", "submit_text": "Add the visit"})
    if not (request.user.has_perm(Perm.OBSERVE, event) and event.status == PracticeEvent.Status.OBSERVING):
        raise PermissionDenied(Perm.OBSERVE)
    form = VisitForm(request.POST or None, event=event, unplanned=True)
    back = reverse("practice:timetable", args=[event.pk])
    return service_form(
        request, form,
        save=lambda form: services.add_unplanned_visit(actor=request.user, event=event,
                                                       **form.values()),
        success_message="Unplanned visit added to your timetable", success_url=back,
        context={"title": "Add an unplanned visit", "caption": event.title, "back_url": back,
                 "back_text": "Back to the timetable", "submit_text": "Add the visit",
                 "intro": "Something you joined that was not on the timetable, such as a strategy meeting."})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def visit_edit(request, pk):
    visit = _visit(request, pk)
    require(request, Perm.MANAGE_EVENT, visit)
    event = visit.event
    form = VisitForm(request.POST or None, event=event, initial=VisitForm.initial_for(visit))
    in_line = visit.team_id in management_line(visit.assessor)
    return service_form(
        request, form, template="practice/timetable/visit_form.html",
        save=lambda form: services.update_visit(
            actor=request.user, visit=Visit.objects.get(pk=visit.pk), expected_version=version_of(form),
            **{k: v for k, v in form.values().items()}),
        success_message="Visit changed", success_url=_edit_url(event), stored_values=VisitForm.initial_for,
        context={"title": "Change a visit", "caption": event.title, "back_url": _edit_url(event),
                 "back_text": "Back to the timetable", "submit_text": "Save the visit", "visit": visit,
                 "changeable": event.status in services.CHANGEABLE and visit.status == Visit.Status.PLANNED,
                 "in_line": in_line,
                 "cancel_form": CancelForm(label="Reason", initial={"version": visit.version}),
                 "accept_form": ReasonForm(label="Why is this visit accepted?",
                                           help_text="For example, “leaves the service in March; agreed with the "
                                                     "director”. The brief and the report say so.",
                                           initial={"version": visit.version})})


@requires(Perm.MANAGE_EVENT, methods=POST)
def visit_cancel(request, pk):
    visit = _visit(request, pk)
    require(request, Perm.MANAGE_EVENT, visit)
    form = CancelForm(request.POST, label="Reason")
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    did_not_happen = request.POST.get("outcome") == "did_not_happen"
    change = services.mark_did_not_happen if did_not_happen else services.cancel_visit

    def act():
        if "outcome" in form.errors:
            raise ValidationError(form.errors["outcome"][0])
        return change(actor=request.user, visit=visit, reason=data.get("reason", ""),
                      expected_version=data.get("version"))

    return service_action(request, act, redirect_to=_edit_url(visit.event),
                          success_message="Visit recorded as not happening" if did_not_happen else "Visit cancelled")


@requires(Perm.MANAGE_EVENT, methods=POST)
def conflict_accept(request, pk):
    visit = _visit(request, pk)
    require(request, Perm.MANAGE_EVENT, visit)
    form = ReasonForm(request.POST, label="Reason")
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return service_action(
        request, lambda: services.accept_conflict(actor=request.user, visit=visit, reason=data.get("reason", ""),
                                                  expected_version=data.get("version")),
        success_message=f"Visit to {visit.team.name} accepted in {visit.assessor.name}'s line",
        redirect_to=_edit_url(visit.event))


@requires(Perm.EDIT_TEAM_DETAILS, methods=EDIT)
def visit_consent(request, pk):
    visit = _visit(request, pk)
    require(request, Perm.EDIT_TEAM_DETAILS, visit)
    back = reverse("practice:timetable", args=[visit.event_id])
    form = ConsentForm(request.POST or None, initial={"version": visit.version, "consent": visit.consent})
    context = {"title": "Record the family's consent", "caption": f"{visit.team.name}, {visit}",
               "back_url": back, "back_text": "Back to the timetable", "submit_text": "Save consent", "visit": visit,
               "needs_consent": visit.activity in Visit.WITH_A_FAMILY}
    return service_form(
        request, form, template="practice/timetable/visit_consent.html",
        save=lambda form: services.record_consent(
            actor=request.user, visit=Visit.objects.get(pk=visit.pk), consent=form.cleaned_data["consent"],
            expected_version=version_of(form)),
        success_message="Consent recorded", success_url=back, context=context)


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def publish(request, pk):
    """GET: the confirmation, listing every warning (and refusing while an error remains); POST: publish."""
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    if request.method == "POST":
        return service_action(
            request, lambda: publishing.publish_timetable(actor=request.user, event=event,
                                                          expected_version=_int(request.POST.get("version"))),
            success_message="Timetable published: assessors and team managers have been told",
            redirect_to=lambda result: (reverse("practice:timetable", args=[event.pk]) if result is not None
                                        else reverse("practice:publish", args=[event.pk])))
    problems = checks.problems(event)
    return render(request, "practice/timetable/publish.html", {
        "title": "Publish the timetable", "event": event, "errors": checks.errors(problems),
        "warnings": checks.warnings(problems), "notes": checks.notes(problems), "counted": counted,
        "guests_to_invite": [(guest, publishing.guests.invite_refusal(guest))
                             for guest in publishing.guests.guests_to_invite(event)],
        "assessors_told": event.assessors.filter(user__isnull=False).count(), "teams": event.teams.count()})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


urlpatterns = [
    path("<int:pk>/timetable/", timetable, name="timetable"),
    path("<int:pk>/timetable/edit/", timetable_edit, name="timetable_edit"),
    path("<int:pk>/visits/new/", visit_create, name="visit_create"),
    path("visits/<int:pk>/edit/", visit_edit, name="visit_edit"),
    path("visits/<int:pk>/cancel/", visit_cancel, name="visit_cancel"),
    path("visits/<int:pk>/consent/", visit_consent, name="visit_consent"),
    path("visits/<int:pk>/accept-conflict/", conflict_accept, name="conflict_accept"),
    path("<int:pk>/publish/", publish, name="publish"),
]
