from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from triangulate.core.views.common import attach_errors
from triangulate.core.views.decorators import requires

from . import selectors, services
from .forms import ActionForm, FindingForm, StatusChangeForm


@requires("improvement.view_findings")
def finding_list(request):
    findings = selectors.findings_visible_to(request.user)
    kind = request.GET.get("kind")
    if kind in ("strength", "area_for_development"):
        findings = findings.filter(kind=kind)
    return render(request, "improvement/finding_list.html", {
        "title": "Findings", "findings": findings[:500], "kind": kind,
        "can_add": request.user.has_perm("improvement.add_finding"),
    })


@requires("improvement.view_findings")
def finding_detail(request, pk):
    finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=pk)
    return render(request, "improvement/finding_detail.html", {
        "title": "Finding", "finding": finding,
        "actions": selectors.actions_visible_to(request.user).filter(finding=finding),
        "can_add_action": request.user.has_perm("improvement.add_action"),
    })


@requires("improvement.add_finding", methods=("GET", "POST"))
def finding_create(request):
    form = FindingForm(request.POST or None, user=request.user, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            finding = services.record_finding(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Finding recorded")
            return redirect("improvement:finding_detail", finding.pk)
    return render(request, "improvement/finding_form.html", {"title": "Record a finding", "form": form})


@requires("improvement.view_actions")
def action_list(request):
    actions = selectors.actions_visible_to(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        actions = actions.filter(status__in=actions.model.OPEN_STATUSES)
    return render(request, "improvement/action_list.html", {
        "title": "Actions", "actions": actions[:500], "status": status, "today": timezone.localdate(),
        "can_add": request.user.has_perm("improvement.add_action"),
    })


@requires("improvement.view_actions")
def action_detail(request, pk):
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    return render(request, "improvement/action_detail.html", {
        "title": action.title, "action": action, "today": timezone.localdate(),
        "history": action.status_history.select_related("changed_by"),
        "can_update": request.user.has_perm("improvement.update_action", action),
        "form": StatusChangeForm(initial={"changed_on": timezone.localdate()}),
    })


@requires("improvement.add_action", methods=("GET", "POST"))
def action_create(request):
    finding = None
    finding_id = request.GET.get("finding") or request.POST.get("finding")
    if finding_id and finding_id.isdigit():
        finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=int(finding_id))
    initial = {"theme": finding.theme_id, "team": finding.team_id} if finding else {}
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = services.create_action(actor=request.user, finding=finding, **form.cleaned_data)
        messages.success(request, "Action set")
        return redirect("improvement:action_detail", action.pk)
    return render(request, "improvement/action_form.html", {"title": "Set an action", "form": form,
                                                            "finding": finding})


@requires("improvement.view_actions", methods=("POST",))
def action_status(request, pk):
    action = get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)
    if not request.user.has_perm("improvement.update_action", action):
        raise PermissionDenied("improvement.update_action")
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_action_status(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Status updated")
            return redirect("improvement:action_detail", action.pk)
    return render(request, "improvement/action_detail.html", {
        "title": action.title, "action": action, "today": timezone.localdate(),
        "history": action.status_history.select_related("changed_by"), "can_update": True, "form": form,
    })
