"""The event's assessors (design §1.2, §3.1, §9.1): staff by their account, guests on paper or to be invited, their
conflict teams, changes and removal. Inviting a guest is views/guests.py's page (S2): each guest with an email
links to it once that page exists."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from triangulate.core.concurrency import submitted_values, version_of
from triangulate.core.formatting import counted
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from ..forms_setup import AddStaffAssessorForm, GuestForm, StaffAssessorForm, assessor_initial
from ..models import Assessor
from ..rules import Perm
from ..services import assessors as services
from ..services.teams import EDITABLE_STATES
from .common import event_or_404, event_page, form_data, require
from .setup import timetable_checks

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)


def _assessors_url(event):
    return reverse("practice:event_assessors", args=[event.pk])


def invite_url(assessor):
    """The guest invitation page for a guest with an email; None for anyone else."""
    if assessor.kind != Assessor.Kind.GUEST or not assessor.email:
        return None
    return reverse("practice:guest_invite", args=[assessor.pk])


def _rows(event):
    assessors = (event.assessors.select_related("user").prefetch_related("conflict_teams")
                 .annotate(visit_count=Count("visits")).order_by("-kind", "name", "pk"))  # staff first, then guests
    return [{"assessor": a, "invite_url": invite_url(a), "visits": counted(a.visit_count, "visit")}
            for a in assessors]


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def event_assessors(request, pk):
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    rows = _rows(event)
    form = AddStaffAssessorForm(form_data(request), event=event)
    return service_form(
        request, form, template="practice/setup/assessors.html",
        save=lambda form: services.add_staff_assessor(actor=request.user, event=event,
                                                      **form.cleaned_data),
        success_message=lambda assessor: f"{assessor.name} added as an assessor",
        success_url=_assessors_url(event),
        context={"title": "Assessors", "caption": event.title, "event": event, "rows": rows,
                 "assessors_counted": counted(len(rows), "assessor"), "back_url": event_page(event),
                 "checks": timetable_checks(event),
                 "back_text": f"Back to {event.title}", "submit_text": "Add the assessor",
                 "editable": event.status in EDITABLE_STATES})


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def assessor_guest_create(request, pk):
    """A guest from a partner: on paper, or with an email to be invited (§3.4)."""
    event = event_or_404(pk)
    require(request, Perm.MANAGE_EVENT, event)
    form = GuestForm(form_data(request), event=event)

    def save(form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.add_guest(actor=request.user, event=event, **values)

    return service_form(
        request, form, save=save,
        success_message=lambda guest: f"{guest.name} ({guest.organisation}) added as a guest assessor",
        success_url=_assessors_url(event),
        context={"title": "Add a guest assessor", "caption": event.title,
                 "intro": "Someone from a partner, such as the police or a school. Their visits and notes are "
                          "theirs; with an email address they can be invited to record them in Triangulate.",
                 "back_url": _assessors_url(event), "back_text": "Back to the assessors",
                 "submit_text": "Add the guest"})


def _assessor(request, pk):
    assessor = get_object_or_404(Assessor.objects.select_related("event", "user"), pk=pk)
    require(request, Perm.MANAGE_EVENT, assessor)
    return assessor


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def assessor_edit(request, pk):
    assessor = _assessor(request, pk)
    event = assessor.event
    initial = assessor_initial(assessor)
    if assessor.kind == Assessor.Kind.GUEST:
        form = GuestForm(form_data(request), event=event, with_account=assessor.user_id is not None,
                         initial=initial)
    else:
        form = StaffAssessorForm(form_data(request), event=event, initial=initial)

    def save(form):
        return services.edit_assessor(actor=request.user, assessor=Assessor.objects.get(pk=assessor.pk),
                                      expected_version=version_of(form), **submitted_values(form))

    return service_form(
        request, form, save=save, stored_values=assessor_initial,
        success_message=lambda saved: f"{saved.name} saved", success_url=_assessors_url(event),
        context={"title": f"Change {assessor.name}", "caption": event.title,
                 "intro": (None if assessor.kind == Assessor.Kind.GUEST
                           else "A member of staff's name is their account's."),
                 "back_url": _assessors_url(event), "back_text": "Back to the assessors",
                 "submit_text": "Save the assessor"})


@requires(Perm.MANAGE_EVENT, methods=POST)
def assessor_remove(request, pk):
    assessor = _assessor(request, pk)
    name = assessor.name
    return service_action(request, lambda: services.remove_assessor(actor=request.user, assessor=assessor),
                          success_message=f"{name} removed", redirect_to=_assessors_url(assessor.event))


urlpatterns = [
    path("<int:pk>/assessors/", event_assessors, name="event_assessors"),
    path("<int:pk>/assessors/guest/", assessor_guest_create, name="assessor_guest_create"),
    path("assessors/<int:pk>/edit/", assessor_edit, name="assessor_edit"),
    path("assessors/<int:pk>/remove/", assessor_remove, name="assessor_remove"),
]
