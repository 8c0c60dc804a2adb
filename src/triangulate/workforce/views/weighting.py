"""Workload weighting pages (design §3, §6): the scheme (read and edit), the heat map of teams by loading band, a
team's workers with their loading, and a worker's cases with their points and managers' overrides.

Workers are listed only within their own team (design decision 8: no league table): the heat map shows teams and
counts, never a name. A worker's page is child-level: every child shown is written to the access log, and the
override form names the child in the POST body, never the address."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from triangulate.core.access_log import log_child_access
from triangulate.core.concurrency import VERSION, StaleEdit, VersionField, version_of
from triangulate.core.forms import GovukForm
from triangulate.core.views.common import attach_errors
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.datasets.teams.selectors import name_key
from triangulate.people.models import StaffMember, StaffRole, Team
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import the_council

from .. import weighting_data as data
from ..analytics import weighting as w
from ..models import CaseKind, Modifier
from ..rules import MANAGERS, Perm
from ..services import weighting as services

RESOURCE = "workforce:worker"
BAND_TEXT = {w.GREEN: "Green", w.AMBER: "Amber", w.RED: "Red"}
BAND_TAG = {w.GREEN: "govuk-tag--green", w.AMBER: "govuk-tag--yellow", w.RED: "govuk-tag--red"}
FLAG_TEXT = dict(Modifier.choices)
RULE_FIELDS = services.SCHEME_FIELDS


def format_points(value):
    """Points as people write them: 40, 2.5, 27.2 (never 40.0 or 27.20000); at most two decimal places."""
    text = format(Decimal(value).quantize(Decimal("0.01")).normalize(), "f")
    return text


def _common(context):
    return {"format_points": format_points, "band_text": BAND_TEXT, "band_tag": BAND_TAG, "flag_text": FLAG_TEXT,
            "kind_text": dict(CaseKind.choices), **context}


# The scheme -------------------------------------------------------------------------------------------------

def _scheme_rows(values):
    return {
        "kinds": [(label, values.case_points.get(kind)) for kind, label in CaseKind.choices],
        "modifiers": [(label, values.modifier_points.get(m)) for m, label in Modifier.choices],
        "roles": [(label, values.role_capacity.get(r)) for r, label in StaffRole.choices if r in values.role_capacity],
    }


@requires(Perm.VIEW_SCHEME)
def scheme(request):
    council = the_council()
    values = data.scheme_values(council)
    return render(request, "workforce/scheme.html", _common({
        "title": "Workload weighting", "values": values, **_scheme_rows(values),
        "saved": services.active_scheme(council), "can_edit": request.user.has_perm(Perm.MANAGE_SCHEME),
        "can_see_loading": request.user.has_perm(Perm.VIEW_CASELOADS)}))


def _points_field(label, required):
    return forms.DecimalField(label=label, max_digits=4, decimal_places=1, required=required,
                              min_value=Decimal("-9.9") if not required else Decimal(0))


class SchemeForm(GovukForm):
    version = VersionField()
    green_below = forms.IntegerField(label="Green: loading below (%)", min_value=1, max_value=300)
    red_above = forms.IntegerField(label="Red: loading above (%)", min_value=1, max_value=300)
    asye_first_months = forms.IntegerField(label="ASYE: months at the first percentage", min_value=0, max_value=12)
    asye_first_percent = forms.IntegerField(label="ASYE: capacity in those months (%)", min_value=1, max_value=100)
    asye_after_percent = forms.IntegerField(label="ASYE: capacity after them, until completed (%)", min_value=1,
                                            max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in CaseKind.choices:
            self.fields[f"case_{kind}"] = forms.DecimalField(label=f"Points: {label.lower()}", max_digits=4,
                                                             decimal_places=1, min_value=Decimal(0))
        for modifier, label in Modifier.choices:
            self.fields[f"modifier_{modifier}"] = forms.DecimalField(
                label=f"Added for: {label.lower()}", max_digits=4, decimal_places=1, min_value=Decimal("-9.9"),
                required=False, help_text="Leave blank for no points.")
        for role, label in StaffRole.choices:
            self.fields[f"role_{role}"] = forms.DecimalField(
                label=f"Capacity at 1.0 FTE: {label.lower()}", max_digits=5, decimal_places=1, min_value=Decimal(0),
                required=False, help_text="Leave blank for a role that carries no cases.")

    def service_values(self):
        d = self.cleaned_data
        return {**{f: d[f] for f in RULE_FIELDS},
                "case_points": {k: d[f"case_{k}"] for k, _ in CaseKind.choices},
                "modifier_points": {m: d[f"modifier_{m}"] for m, _ in Modifier.choices},
                "role_capacity": {r: d[f"role_{r}"] for r, _ in StaffRole.choices}}


def _stored(scheme_row):
    if scheme_row is None:
        values = data.scheme_values(None)
        out = {f: getattr(values, f) for f in RULE_FIELDS}
    else:
        out = {f: getattr(scheme_row, f) for f in RULE_FIELDS}
        values = data.scheme_values(scheme_row.council)
    out.update({f"case_{k}": v for k, v in values.case_points.items()})
    out.update({f"modifier_{m}": v for m, v in values.modifier_points.items()})
    out.update({f"role_{r}": v for r, v in values.role_capacity.items()})
    return out


@requires(Perm.MANAGE_SCHEME, methods=("GET", "POST"))
def scheme_edit(request):
    council = the_council()
    saved = services.active_scheme(council)
    form = SchemeForm(request.POST or None, initial={**_stored(saved), VERSION: saved.version if saved else 0})
    return service_form(
        request, form,
        save=lambda form: services.update_scheme(actor=request.user, council=council,
                                                 expected_version=version_of(form) or None, **form.service_values()),
        success_message="Weighting scheme saved", success_url=reverse("workforce:scheme"), stored_values=_stored,
        context={"title": "Change the workload weighting", "back_url": reverse("workforce:scheme"),
                 "back_text": "Back to the weighting scheme", "submit_text": "Save the scheme",
                 "intro": "Points by kind of case and complexity, each role's capacity, the loading bands and the "
                          "ASYE rule. Every change is on the audit trail."})


# Loading ----------------------------------------------------------------------------------------------------

@requires(Perm.VIEW_CASELOADS)
def loading(request):
    council = the_council()
    scope = team_scope(request.user)
    snapshot = data.latest_snapshot(council)
    totals = data.team_totals(council, None if scope == ALL else set(scope), snapshot) if snapshot else []
    for total in totals:
        total.can_open = request.user.has_perm(Perm.VIEW_WORKER, total.team)
    return render(request, "workforce/loading.html", _common({
        "title": "Workload: teams by loading", "snapshot": snapshot, "totals": totals, "scoped": scope != ALL,
        "scheme": data.scheme_values(council)}))


def _team_or_404(request, pk):
    team = get_object_or_404(Team, pk=pk)
    scope = team_scope(request.user)
    if scope != ALL and not scope.filter(pk=team.pk).exists():
        raise Http404("team outside the user's scope")
    if not request.user.has_perm(Perm.VIEW_WORKER, team):
        raise PermissionDenied(Perm.VIEW_WORKER)
    return team


@requires(Perm.VIEW_WORKER)
def loading_team(request, pk):
    team = _team_or_404(request, pk)
    council = the_council()
    snapshot = data.latest_snapshot(council)
    # workers are named only to the team's managers (design decision 8), as on the team's caseload page; other
    # readers see how the team's workers spread over the bands
    names_shown = MANAGERS.test(request.user)
    workers = data.team_workers(council, team, snapshot) if snapshot and names_shown else []
    totals = data.team_totals(council, {team.pk}, snapshot) if snapshot and not names_shown else []
    return render(request, "workforce/loading_team.html", _common({
        "title": f"{team.name}: workload", "team": team, "snapshot": snapshot, "workers": workers,
        "names_shown": names_shown, "team_total": totals[0] if totals else None,
        "scheme": data.scheme_values(council)}))


# A worker's cases ---------------------------------------------------------------------------------------------

class OverrideForm(GovukForm):
    child = forms.CharField(widget=forms.HiddenInput, max_length=64)
    points = forms.DecimalField(label="Points for this case", max_digits=4, decimal_places=1, min_value=Decimal(0),
                                required=False)
    reason = forms.CharField(label="Why this case weighs differently", widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)
    version = VersionField()


def _worker_context(request, pk):
    """The worker (404 when their team is out of the reader's scope, 403 without VIEW_WORKER for it)."""
    council = the_council()
    staff = get_object_or_404(StaffMember, pk=pk, council=council)
    snapshot = data.latest_snapshot(council)
    worker = None
    if snapshot is not None:
        worker = next((x for x in data.workers_on(council, snapshot) if x.staff and x.staff.pk == staff.pk), None)
    team = worker.team if worker else staff.current_team()
    scope = team_scope(request.user)
    if scope != ALL and (team is None or not scope.filter(pk=team.pk).exists()):
        raise Http404("worker outside the user's scope")
    if not request.user.has_perm(Perm.VIEW_WORKER, team):
        raise PermissionDenied(Perm.VIEW_WORKER)
    return {"staff": staff, "team": team, "snapshot": snapshot, "worker": worker}


def _render_worker(request, context, bound=None):
    worker = context["worker"]
    can_override = context["team"] is not None and request.user.has_perm(Perm.OVERRIDE_WEIGHT, context["team"])
    rows = []
    if worker is not None:
        for n, child in enumerate(worker.loading.children, start=1):
            override = worker.overrides.get(child.child_ref)
            form = None
            if can_override:
                if bound is not None and bound.data.get("child") == child.child_ref:
                    form = bound
                else:
                    form = OverrideForm(initial={"child": child.child_ref,
                                                 "points": override.points if override else child.computed,
                                                 "reason": override.reason if override else "",
                                                 VERSION: override.version if override else 0},
                                        auto_id=f"id_%s_{n}")
            rows.append({"n": n, "child": child, "override": override, "form": form})
        log_child_access(request, [r["child"].child_ref for r in rows], resource=RESOURCE,
                         detail={"worker": context["staff"].pk, "snapshot": context["snapshot"].pk})
    orphan = bound if bound is not None and not any(r["form"] is bound for r in rows) else None
    return render(request, "workforce/worker.html", _common({
        **context, "title": f"{context['staff'].full_name}: cases and weights", "rows": rows,
        "can_override": can_override, "orphan": orphan, "page_has_errors": bound is not None and bound.errors}))


@requires(Perm.VIEW_WORKER)
def worker(request, pk):
    return _render_worker(request, _worker_context(request, pk))


@requires(Perm.VIEW_WORKER, methods=("POST",))
def worker_override(request, pk):
    """Set or clear one case's weight: the child is named in the POST body."""
    context = _worker_context(request, pk)
    team = context["team"]
    if team is None or not request.user.has_perm(Perm.OVERRIDE_WEIGHT, team):
        raise PermissionDenied(Perm.OVERRIDE_WEIGHT)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _render_worker(request, context, form)
    worker = context["worker"]
    child_ref = form.cleaned_data["child"]
    case = next((c for c in (worker.cases if worker else []) if c.child_ref == child_ref), None)
    if case is None:
        form.add_error(None, "That case is not one of this worker's on the latest extract.")
        return _render_worker(request, context, form)
    override = worker.overrides.get(child_ref)
    try:
        if "clear" in request.POST:
            if override is not None:
                services.clear_override(actor=request.user, team=team, override=override,
                                        expected_version=version_of(form) or None)
            messages.success(request, "The case's weight is back to the scheme's points")
        else:
            services.set_override(actor=request.user, team=team, child_ref=child_ref,
                                  worker_key=override.worker_key if override else name_key(case.worker),
                                  points=form.cleaned_data["points"], reason=form.cleaned_data["reason"],
                                  expected_version=(version_of(form) or None) if override else None)
            messages.success(request, "The case's weight is saved")
    except StaleEdit as error:
        stored = error.current
        form.add_error(None, f"Someone else saved this case's weight after you opened the page, so nothing was "
                             f"saved. Stored now: {stored.points} points. Yours: {form.cleaned_data['points']}. "
                             "Save again to keep yours.")
        form.data = form.data.copy()
        form.data[VERSION] = str(stored.version)
        return _render_worker(request, context, form)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_worker(request, context, form)
    return redirect("workforce:worker", pk=pk)


urlpatterns = [
    path("weighting/", scheme, name="scheme"),
    path("weighting/edit/", scheme_edit, name="scheme_edit"),
    path("loading/", loading, name="loading"),
    path("loading/team/<int:pk>/", loading_team, name="loading_team"),
    path("worker/<int:pk>/", worker, name="worker"),
    path("worker/<int:pk>/weight/", worker_override, name="worker_override"),
]
