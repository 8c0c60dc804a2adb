from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, version_of
from triangulate.core.selectors import active_themes
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.selectors import teams_visible_to

from .. import kpi_links, selectors, services
from ..forms import ActionForm, FindingForm, StatusChangeForm
from ..models import Source
from ..rules import Perm


def prefill(request):
    """(initial values, Measure or None) from the address: ?kpi=<KPI id>&team=<team pk>&theme=<theme slug>,
    as "Record a finding" and "Add an action" on a performance figure send them
    (performance/_act_on_number.html). Each is taken only when it is valid for this user: a measure of the
    catalogue, an active team in their scope, an active theme; without a usable theme, a measure brings the
    theme it usually falls under. Anything else is left out rather than refused: the form is still usable, and
    the form and service check whatever is finally sent."""
    initial, measure = {}, None
    kpi = request.GET.get("kpi", "")
    if kpi_links.is_known(kpi):
        measure = kpi_links.describe(kpi)
        initial["kpi_id"] = kpi
    team = request.GET.get("team", "")
    if team.isdigit():
        found = teams_visible_to(request.user).filter(is_active=True, pk=int(team)).first()
        if found is not None:
            initial["team"] = found.pk
    slugs = [slug for slug in (request.GET.get("theme"), measure.theme if measure else "") if slug]
    themes = {theme.slug: theme for theme in active_themes().filter(slug__in=slugs)}
    theme = next((themes[slug] for slug in slugs if slug in themes), None)  # the one asked for, else the usual
    if theme is not None:
        initial["theme"] = theme.pk
    return initial, measure


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
        "title": "Finding", "finding": finding, "measure": kpi_links.describe(finding.kpi_id),
        "actions": selectors.actions_visible_to(request.user).filter(finding=finding),
        "can_add_action": request.user.has_perm(Perm.ADD_ACTION),
    })


@requires(Perm.ADD_FINDING, methods=("GET", "POST"))
def finding_create(request):
    initial, measure = prefill(request)
    if measure is not None:
        initial["source"] = Source.PERFORMANCE  # from a figure: the evidence is the performance data
    form = FindingForm(request.POST or None, user=request.user, initial={"found_on": timezone.localdate(), **initial})
    return service_form(
        request, form, template="improvement/finding_form.html",
        save=lambda form: services.record_finding(actor=request.user, **form.cleaned_data),
        success_message="Finding recorded",
        success_url=lambda finding: reverse("improvement:finding_detail", args=[finding.pk]),
        context={"title": "Record a finding", "measure": measure})


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
        "measure": kpi_links.describe(action.kpi_id),
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
    if finding is not None:
        initial = {"theme": finding.theme_id, "team": finding.team_id, "kpi_id": finding.kpi_id}
        measure = kpi_links.describe(finding.kpi_id)
    else:
        initial, measure = prefill(request)
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    return service_form(
        request, form, template="improvement/action_form.html",
        save=lambda form: services.create_action(actor=request.user, finding=finding, **form.cleaned_data),
        success_message="Action set",
        success_url=lambda action: reverse("improvement:action_detail", args=[action.pk]),
        context={"title": "Set an action", "finding": finding, "measure": measure})


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
                 "measure": kpi_links.describe(action.kpi_id),
                 "history": action.status_history.select_related("changed_by")})


urlpatterns = [
    path("findings/", finding_list, name="finding_list"),
    path("findings/new/", finding_create, name="finding_create"),
    path("findings/<int:pk>/", finding_detail, name="finding_detail"),
    path("actions/", action_list, name="action_list"),
    path("actions/new/", action_create, name="action_create"),
    path("actions/<int:pk>/", action_detail, name="action_detail"),
    path("actions/<int:pk>/status/", action_status, name="action_status"),
]
