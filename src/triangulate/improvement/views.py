from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from . import selectors, services
from .forms import ActionForm, FindingForm, StatusChangeForm
from .rules import Perm


@requires(Perm.VIEW_FINDINGS)
def finding_list(request):
    findings = selectors.findings_visible_to(request.user)
    kind = request.GET.get("kind")
    if kind in ("strength", "area_for_development"):
        findings = findings.filter(kind=kind)
    return render(request, "improvement/finding_list.html", {
        "title": "Findings", "findings": findings[:500], "kind": kind,
        "can_add": request.user.has_perm(Perm.ADD_FINDING),
    })


@requires(Perm.VIEW_FINDINGS)
def finding_detail(request, pk):
    finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=pk)
    return render(request, "improvement/finding_detail.html", {
        "title": "Finding", "finding": finding,
        "actions": selectors.actions_visible_to(request.user).filter(finding=finding),
        "can_add_action": request.user.has_perm(Perm.ADD_ACTION),
    })


@requires(Perm.ADD_FINDING, methods=("GET", "POST"))
def finding_create(request):
    form = FindingForm(request.POST or None, user=request.user, initial={"found_on": timezone.localdate()})
    return service_form(
        request, form, template="improvement/finding_form.html",
        save=lambda form: services.record_finding(actor=request.user, **form.cleaned_data),
        success_message="Finding recorded",
        success_url=lambda finding: reverse("improvement:finding_detail", args=[finding.pk]),
        context={"title": "Record a finding"})


@requires(Perm.VIEW_ACTIONS)
def action_list(request):
    actions = selectors.actions_visible_to(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        actions = actions.filter(status__in=actions.model.OPEN_STATUSES)
    return render(request, "improvement/action_list.html", {
        "title": "Actions", "actions": actions[:500], "status": status, "today": timezone.localdate(),
        "can_add": request.user.has_perm(Perm.ADD_ACTION),
    })


@requires(Perm.VIEW_ACTIONS)
def action_detail(request, pk):
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    return render(request, "improvement/action_detail.html", {
        "title": action.title, "action": action, "today": timezone.localdate(),
        "history": action.status_history.select_related("changed_by"),
        "can_update": request.user.has_perm(Perm.UPDATE_ACTION, action),
        "form": StatusChangeForm(initial={"changed_on": timezone.localdate(), VERSION: action.version}),
    })


@requires(Perm.ADD_ACTION, methods=("GET", "POST"))
def action_create(request):
    finding = None
    finding_id = request.GET.get("finding") or request.POST.get("finding")
    if finding_id and finding_id.isdigit():
        finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=int(finding_id))
    initial = {"theme": finding.theme_id, "team": finding.team_id} if finding else {}
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    return service_form(
        request, form, template="improvement/action_form.html",
        save=lambda form: services.create_action(actor=request.user, finding=finding, **form.cleaned_data),
        success_message="Action set",
        success_url=lambda action: reverse("improvement:action_detail", args=[action.pk]),
        context={"title": "Set an action", "finding": finding})


@requires(Perm.VIEW_ACTIONS, methods=("POST",))
def action_status(request, pk):
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    if not request.user.has_perm(Perm.UPDATE_ACTION, action):
        raise PermissionDenied(Perm.UPDATE_ACTION)
    form = StatusChangeForm(request.POST)
    fields = ("status", "changed_on", "note", "evidence")
    return service_form(
        request, form, template="improvement/action_detail.html",
        save=lambda form: services.change_action_status(actor=request.user, action=action,
                                                        expected_version=version_of(form),
                                                        **{f: form.cleaned_data[f] for f in fields}),
        success_message="Status updated", success_url=reverse("improvement:action_detail", args=[action.pk]),
        stored_values=lambda action: {"status": action.status},
        # The service re-reads `action` under its lock, so a refused change shows the action as stored now.
        context={"title": action.title, "action": action, "today": timezone.localdate(), "can_update": True,
                 "history": action.status_history.select_related("changed_by")})
