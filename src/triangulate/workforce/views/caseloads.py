"""The caseload pages (design §2, §6): the council's and its teams' caseloads against their targets, across
extracts; a team's workers; worker matching; targets.

Workers are named only within their own team and only to its managers (team and service managers, the principal
social worker and senior leaders: design §3, decision 8, "never a league table"); others who may read a team's
caseloads see how its caseloads spread, in bands. A figure that cannot be computed is "not available" with the
reason, never 0. The per-worker cases page is another slice's (`workforce:worker`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core import charts
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import teams_visible_to, the_council

from .. import caseload_data as data
from .. import weighting_data
from ..analytics import caseloads as counting
from ..defaults import CASELOAD_MAXIMUM, CASELOAD_TARGET
from ..forms_caseloads import TargetForm, WorkerMatchForm
from ..matching import AMBIGUOUS, MATCHED, NOT_STAFF
from ..models import CaseKind, WorkerMatch
from ..rules import MANAGERS, Perm
from ..services import caseloads as services
from .weighting import BAND_TAG, BAND_TEXT

EDIT = ("GET", "HEAD", "POST")
CHART_TEAMS = 5  # a team-scoped reader's trend shows their teams beside the council, up to this many

# what each key of a snapshot's unknown_flags is about, for the page's "could not be read" list
UNKNOWN_LABELS = {
    "court": "Care proceedings (an interim care order)", "missing": "Missing from care in the last 12 months",
    "disability": "Disability", "out_of_area": "Placed out of the area",
    **{str(kind): f"{kind.label} cases" for kind in CaseKind},
}


def _no_snapshot(council):
    return None if council is None else data.latest_snapshot(council)


def _unknown(snapshot):
    flags = snapshot.unknown_flags or {}
    return [{"label": label, "reason": flags[key]} for key, label in UNKNOWN_LABELS.items() if key in flags]


def _number(value):
    return "" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))


def _trend_chart(points, series, chart_id, target=None):
    """A line per series (name -> function of a TrendPoint giving its Summary), with the target as a reference;
    None with fewer than two extracts (one point is no trend: the table says so)."""
    if len(points) < 2:
        return None
    drawn = [{"series": name, "date": p.snapshot.as_at, "value": of(p).average if of(p) else None}
             for name, of in series.items() for p in points]
    references = [charts.Reference(f"Target ({_number(float(target.average))})", float(target.average))] \
        if target else []
    return charts.render(charts.line(drawn, y_title="Average caseload", references=references), id=chart_id)


def _trend_rows(points, series):
    return [{"date": p.snapshot.as_at, "values": [
        (of(p).average if of(p) else None, of(p).workers if of(p) else 0) for of in series.values()]}
        for p in points]


@requires(Perm.VIEW_CASELOADS)
def caseloads(request):
    council = the_council()
    snapshot = _no_snapshot(council)
    context = {"title": "Caseloads", "snapshot": snapshot, "can_manage": request.user.has_perm(Perm.MANAGE_MATCHING)}
    if snapshot is None:
        return render(request, "workforce/caseloads.html", context)
    visible = list(teams_visible_to(request.user).filter(council=council))
    council_wide = team_scope(request.user) == ALL
    placer = data.Placer(council)
    picture = data.picture(snapshot, placer)
    figures = {pk: f for pk, f in picture.teams.items()}
    scheme = weighting_data.scheme_values(council)
    totals = {t.team.pk: t for t in weighting_data.team_totals(council, {t.pk for t in visible}, snapshot, scheme,
                                                                 placer=placer)}
    rows, without = [], []
    for team in visible:
        f = figures.get(team.pk)
        if f is None:
            # a team holding no case on this extract (fostering, early help, QA...) is named once, below the table,
            # rather than given a row of "not available"
            if team.is_active:
                without.append(team)
            continue
        rows.append({"team": team, "figures": f, "target": picture.targets.for_team(team.pk),
                     "loading": totals.get(team.pk)})
    points = data.trend(council, placer=placer)
    series = {"Council": lambda p: p.council}
    if not council_wide:
        for team in [r["team"] for r in rows if r["figures"]][:CHART_TEAMS]:
            series[team.name] = (lambda pk: lambda p: p.teams.get(pk))(team.pk)
    context.update({
        "picture": picture, "rows": rows, "without": without, "council_wide": council_wide, "unknown": _unknown(snapshot),
        "band_text": BAND_TEXT, "band_tag": BAND_TAG, "scheme": scheme,
        "target": picture.targets.council_target(),
        "localities": picture.localities(None if council_wide else {t.pk for t in visible}),
        "chart": _trend_chart(points, series, "caseload-trend", picture.targets.council_target()),
        "trend_names": list(series), "trend_rows": _trend_rows(points, series)})
    return render(request, "workforce/caseloads.html", context)


@requires(Perm.VIEW_CASELOADS)
def caseload_team(request, pk):
    team = get_object_or_404(teams_visible_to(request.user), pk=pk)
    if not request.user.has_perm(Perm.VIEW_CASELOADS, team):
        raise PermissionDenied(Perm.VIEW_CASELOADS)
    council = team.council
    snapshot = _no_snapshot(council)
    names_shown = MANAGERS.test(request.user)
    context = {"title": f"{team.name}: caseloads", "team": team, "snapshot": snapshot, "names_shown": names_shown}
    if snapshot is None:
        return render(request, "workforce/caseload_team.html", context)
    placer = data.Placer(council)
    picture = data.picture(snapshot, placer)
    figures = picture.teams.get(team.pk)
    target = picture.targets.for_team(team.pk)
    workers = figures.workers if figures else []
    # the weighted loading beside the count (design §3): the team's total for every reader, each worker's for
    # those who see names; both place workers as this page does (weighting_data uses data.Placer)
    scheme = weighting_data.scheme_values(council) if workers else None
    weighted = weighting_data.workers_on(council, snapshot, scheme, placer) if workers else []
    totals = weighting_data.team_totals(council, {team.pk}, snapshot, scheme, weighted) if workers else []
    loading = {case.worker: x for x in weighted if x.team is not None and x.team.pk == team.pk for case in x.cases}
    points = data.trend(council, placer=placer)
    series = {team.name: lambda p: p.teams.get(team.pk), "Council": lambda p: p.council}
    context.update({
        "picture": picture, "figures": figures, "target": target, "unknown": _unknown(snapshot),
        "workers": [w for w in workers if w.caseload] if names_shown else [],
        "loading": loading, "team_total": totals[0] if totals else None,
        "can_open_workers": request.user.has_perm(Perm.VIEW_WORKER, team),
        "scheme": scheme,
        "band_text": BAND_TEXT, "band_tag": BAND_TAG,
        "advisers": [w for w in workers if w.care_leavers] if names_shown else [],
        "maximum": target.maximum if target else None,
        "distribution": counting.distribution([w.caseload for w in workers]),
        "chart": _trend_chart(points, series, "team-caseload-trend", target),
        "trend_names": list(series), "trend_rows": _trend_rows(points, series)})
    return render(request, "workforce/caseload_team.html", context)


# ---- worker matching ------------------------------------------------------------------------------------

def _worker_rows(picture):
    """The latest extract's workers with no decided match (ambiguous, or no staff record found), by name."""
    rows = []
    for worker, load in sorted(picture.loads.items(), key=lambda item: item[0].casefold()):
        placed = picture.placed[worker]
        if placed.match.is_decided:
            continue
        rows.append({"worker": worker, "load": load, "placed": placed, "ambiguous": placed.match.how == AMBIGUOUS})
    return rows


@requires(Perm.MANAGE_MATCHING, methods=EDIT)
def worker_matching(request):
    council = the_council()
    snapshot = _no_snapshot(council)
    picture = data.picture(snapshot) if snapshot else None
    rows = _worker_rows(picture) if picture else []
    decided = list(WorkerMatch.objects.filter(council=council).select_related("staff", "decided_by")) \
        if council else []
    if request.method == "POST" and request.POST.get("clear"):
        return service_action(
            request, lambda: services.clear_worker_match(actor=request.user, council=council,
                                                         extract_name=request.POST["clear"]),
            success_message="The decision was removed: the worker is matched by reference or name again, if at all",
            redirect_to=reverse("workforce:worker_matching"))
    workers = sorted({r["worker"] for r in rows} | set(picture.loads if picture else ()), key=str.casefold)
    form = WorkerMatchForm(request.POST or None, council=council, workers=workers) if council else None
    context = {"title": "Worker matching", "snapshot": snapshot, "rows": rows, "decided": decided,
               "matched_how": MATCHED, "not_staff_how": NOT_STAFF}
    if form is None:
        return render(request, "workforce/worker_matching.html", {**context, "form": None})

    def save(form):
        staff, not_staff = form.decided()
        return services.match_worker(actor=request.user, council=council, extract_name=form.cleaned_data["worker"],
                                     staff=staff, not_staff=not_staff)

    return service_form(
        request, form, save=save, template="workforce/worker_matching.html", context=context,
        rename={"staff": "decision"},
        success_message=lambda row: (f"“{row.extract_name}” is now matched to {row.staff.full_name}" if row.staff
                                     else f"“{row.extract_name}” is recorded as not a member of staff"),
        success_url=reverse("workforce:worker_matching"))


def _int(text):
    return int(text) if text.isdigit() else 0


# ---- targets --------------------------------------------------------------------------------------------

@requires(Perm.MANAGE_MATCHING, methods=EDIT)
def targets(request):
    council = the_council()
    current = data.Targets(council) if council else None
    if request.method == "POST" and request.POST.get("clear"):
        choice = request.POST["clear"]
        team = None if choice == "council" else get_object_or_404(council.teams.all(), pk=_int(choice))
        return service_action(
            request, lambda: services.clear_target(actor=request.user, council=council, team=team),
            success_message=("The team's own target was removed: it takes the council's default"
                             if team else "The council's default target was removed"),
            redirect_to=reverse("workforce:targets"))
    # a council with no default yet starts from seed 003's (defaults.py), which it then edits
    initial = {"average": CASELOAD_TARGET, "maximum": CASELOAD_MAXIMUM} if current and not current.default else {}
    form = TargetForm(request.POST or None, council=council, initial=initial) if council else None
    teams = list(council.teams.filter(is_active=True).order_by("name")) if council else []
    context = {"title": "Caseload targets", "targets": current, "teams": teams}
    if form is None:
        return render(request, "workforce/targets.html", {**context, "form": None})
    return service_form(
        request, form, template="workforce/targets.html", context=context,
        save=lambda form: services.set_target(actor=request.user, council=council, team=form.chosen_team(),
                                              average=form.cleaned_data["average"],
                                              maximum=form.cleaned_data["maximum"]),
        success_message=lambda row: f"Caseload target saved for {row.team.name if row.team else 'the council'}",
        success_url=reverse("workforce:targets"))


urlpatterns = [
    path("caseloads/", caseloads, name="caseloads"),
    path("caseloads/teams/<int:pk>/", caseload_team, name="caseload_team"),
    path("caseloads/workers/matching/", worker_matching, name="worker_matching"),
    path("caseloads/targets/", targets, name="targets"),
]
