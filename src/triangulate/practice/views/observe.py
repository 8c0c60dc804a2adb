"""Observing on a tablet (design §5, §3.3): the observe page, the two sync endpoints its script (and, without
script, its plain forms) post to, hand in, the read-only observation and its return.

A visit is looked up through `visits_visible_to` (404), then the page asks whether this user records it: its
assessor, or an organiser typing a guest's paper notes (403). The sync endpoints answer the script with JSON
(§5.1: 200, 409, 400, 403) when it says it is the script (`X-Requested-With: fetch`); a plain form's POST gets the
page back, with its errors or a message. Pages that show an exemplar's child id log it (`practice_exemplar`)."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.access_log import log_child_access
from triangulate.core.concurrency import StaleEdit
from triangulate.core.views.decorators import requires

from ..models import Observation, ObservationEntry
from ..observe_page import page_context, stored_entry, stored_questions
from ..rules import Perm
from ..selectors import observations_visible_to, visits_visible_to
from ..services import observations as observation_services
from ..services import sync

POST = ("POST",)
CHILD_RESOURCE = "practice_exemplar"


def _visit(request, pk):
    visit = get_object_or_404(visits_visible_to(request.user).select_related("event", "team", "assessor"), pk=pk)
    if not sync.may_record(request.user, visit):
        raise PermissionDenied(Perm.OBSERVE)
    return visit


def _from_script(request):
    return request.headers.get("X-Requested-With") == "fetch"


def _now():
    return timezone.localtime().strftime("%H:%M")


def _show(request, visit, status=200, **extra):
    context = page_context(request.user, visit, **extra)
    if context["child_refs"]:
        log_child_access(request, context["child_refs"], resource=CHILD_RESOURCE,
                         detail={"observation": context["observation"].pk})
    return render(request, "practice/observe/observe.html", context, status=status)


@requires(Perm.OBSERVE)
def observe(request, pk):
    return _show(request, _visit(request, pk))


def _errors(error):
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def _by_and_at(record, observation):
    who = observation.entered_by
    at = getattr(record, "updated_at", None) or timezone.now()
    return (who.get_full_name() or who.get_username()), timezone.localtime(at).strftime("%H:%M")


@requires(Perm.OBSERVE, methods=POST)
def entry_sync(request, pk):
    """One note (§5.1). Answers 200 {client_id, revision, saved_at, warnings}; 409 {stale, revision, stored, by,
    at}; 400 {errors}; 403 {closed, message}."""
    visit = _visit(request, pk)
    data = request.POST
    fields = {name: data.get(name, "") for name in sync.ENTRY_FIELDS}
    fields["may_quote"] = data.get("may_quote") in ("on", "true", "1")
    removed = data.get("removed") in ("on", "true", "1")
    script = _from_script(request)
    try:
        result = sync.sync_entry(actor=request.user, visit=visit, client_id=data.get("client_id"),
                                 edit_id=data.get("edit_id") or uuid.uuid4(), base_revision=data.get("base_revision"),
                                 sent_edit_ids=data.getlist("sent_edit_ids"), removed=removed, **fields)
    except sync.SyncConflict as conflict:
        entry = conflict.record
        by, at = _by_and_at(entry, entry.observation)
        if entry.child_ref:
            log_child_access(request, [entry.child_ref], resource=CHILD_RESOURCE,
                             detail={"observation": entry.observation_id})
        if script:
            return JsonResponse({"stale": True, "revision": entry.revision, "stored": stored_entry(entry), "by": by,
                                 "at": at}, status=409)
        return _show(request, visit, status=409, failed={
            "client_id": str(entry.client_id), "values": {**fields, "removed": removed},
            "errors": {"__all__": [f"{by} saved this note at {at} on another device, so yours was not saved. "
                                   "The saved one is shown; copy your text if you need it."]}})
    except sync.ClosedObservation as closed:
        if script:
            return JsonResponse({"closed": True, "message": closed.messages[0]}, status=403)
        messages.error(request, closed.messages[0])
        return redirect("practice:observe", visit.pk)
    except ValidationError as error:
        if script:
            return JsonResponse({"errors": _errors(error)}, status=400)
        return _show(request, visit, status=400, failed={"client_id": data.get("client_id", ""),
                                                         "values": fields, "errors": _errors(error)})
    entry = result.record
    if script:
        return JsonResponse({"client_id": str(entry.client_id) if entry else data.get("client_id"),
                             "revision": entry.revision if entry else 0, "saved_at": _now(),
                             "warnings": result.warnings})
    messages.success(request, "Note removed" if removed else "Note saved")
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect(reverse("practice:observe", args=[visit.pk]) + (f"#note-{entry.client_id}" if entry else ""))


def _ratings(data):
    ratings = {}
    for key in data:
        if key.startswith("progress_") and not key.endswith("_note"):
            action_id = int(key.removeprefix("progress_")) if key.removeprefix("progress_").isdigit() else None
            if action_id is not None:
                ratings[action_id] = (data.get(key, ""), data.get(f"{key}_note", ""))
    return ratings


@requires(Perm.OBSERVE, methods=POST)
def observation_sync(request, pk):
    """The observation's own questions (§5.1), against its version: 200 {version, saved_at}; 409; 400; 403."""
    visit = _visit(request, pk)
    data = request.POST
    script = _from_script(request)
    try:
        result = sync.sync_observation(
            actor=request.user, visit=visit, edit_id=data.get("edit_id") or uuid.uuid4(),
            base_version=data.get("base_version"), sent_edit_ids=data.getlist("sent_edit_ids"),
            what_happened=data.get("what_happened", ""), felt_supported=data.get("felt_supported", ""),
            heard_from=data.getlist("heard_from"), ratings=_ratings(data))
    except sync.SyncConflict as conflict:
        observation = conflict.record
        by, at = _by_and_at(None, observation)
        if script:
            return JsonResponse({"stale": True, "version": observation.version,
                                 "stored": stored_questions(observation), "by": by, "at": at}, status=409)
        messages.error(request, "These answers were changed on another device since you opened the page, so yours "
                                "were not saved. The saved ones are shown.")
        return redirect("practice:observe", visit.pk)
    except sync.ClosedObservation as closed:
        if script:
            return JsonResponse({"closed": True, "message": closed.messages[0]}, status=403)
        messages.error(request, closed.messages[0])
        return redirect("practice:observe", visit.pk)
    except ValidationError as error:
        if script:
            return JsonResponse({"errors": _errors(error)}, status=400)
        return _show(request, visit, status=400, question_errors=_errors(error))
    if script:
        return JsonResponse({"version": result.record.version, "saved_at": _now()})
    messages.success(request, "Answers saved")
    return redirect("practice:observe", visit.pk)


@requires(Perm.OBSERVE, methods=POST)
def hand_in(request, pk):
    visit = _visit(request, pk)
    version = request.POST.get("version")
    try:
        observation = observation_services.hand_in(actor=request.user, visit=visit,
                                                   expected_version=int(version) if version else None)
    except StaleEdit:
        messages.error(request, "The observation changed on another device since you opened the page. Check it, "
                                "then hand it in.")
        return redirect("practice:observe", visit.pk)
    except ValidationError as error:  # each reason in a banner on the page (as core's service_action does)
        for message in error.messages:
            messages.error(request, message)
        return redirect("practice:observe", visit.pk)
    messages.success(request, "Observation handed in")
    if request.user.has_perm(Perm.VIEW_OBSERVATIONS, observation):
        return redirect("practice:observation_detail", observation.pk)
    return redirect("practice:observe", visit.pk)  # a guest reads their own notes there (§3.4)


def _observation(request, pk):
    observation = get_object_or_404(observations_visible_to(request.user).select_related(
        "event", "team", "visit", "assessor", "entered_by", "returned_by"), pk=pk)
    if not request.user.has_perm(Perm.VIEW_OBSERVATIONS, observation):
        raise PermissionDenied(Perm.VIEW_OBSERVATIONS)
    return observation


@requires(Perm.VIEW_OBSERVATIONS)
def observation_detail(request, pk):
    observation = _observation(request, pk)
    entries = list(observation.entries.filter(removed_at__isnull=True).select_related("heading", "theme"))
    shows_child_refs = request.user.has_perm(Perm.VIEW_CHILD_REF, observation)
    child_refs = [e.child_ref for e in entries if e.child_ref] if shows_child_refs else []
    if child_refs:
        log_child_access(request, child_refs, resource=CHILD_RESOURCE, detail={"observation": observation.pk})
    headings = [(h, [e for e in entries if e.heading_id == h.pk]) for h in observation.event.headings.all()]
    return render(request, "practice/observe/observation_detail.html", {
        "title": f"Observation: {observation.team} on {observation.visit.date:%-d %B %Y}",
        "observation": observation, "visit": observation.visit, "event": observation.event,
        "headings": [(h, rows) for h, rows in headings if rows], "shows_child_refs": shows_child_refs,
        "checks": list(observation.progress_checks.select_related("action")),
        "may_return": (observation.state == Observation.State.HANDED_IN
                       and request.user.has_perm(Perm.RETURN_OBSERVATION, observation)),
        "may_edit": observation.state == Observation.State.DRAFT and sync.may_record(request.user,
                                                                                    observation.visit),
        "kinds": ObservationEntry.Kind})


@requires(Perm.RETURN_OBSERVATION, methods=POST)
def return_observation(request, pk):
    observation = _observation(request, pk)
    if not request.user.has_perm(Perm.RETURN_OBSERVATION, observation):
        raise PermissionDenied(Perm.RETURN_OBSERVATION)
    version = request.POST.get("version")
    try:
        observation_services.return_observation(actor=request.user, observation=observation,
                                                reason=request.POST.get("reason", ""),
                                                expected_version=int(version) if version else None)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Observation returned: the assessor has been told")
    return redirect("practice:observation_detail", observation.pk)


urlpatterns = [
    path("visits/<int:pk>/observe/", observe, name="observe"),
    path("visits/<int:pk>/observe/entries/", entry_sync, name="entry_sync"),
    path("visits/<int:pk>/observe/observation/", observation_sync, name="observation_sync"),
    path("visits/<int:pk>/observe/hand-in/", hand_in, name="hand_in"),
    path("observations/<int:pk>/", observation_detail, name="observation_detail"),
    path("observations/<int:pk>/return/", return_observation, name="return_observation"),
]
