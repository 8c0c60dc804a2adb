import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.selectors import the_council

from . import leases, services, views_jobs, views_review
from .forms import TeamNameMappingForm, UploadForm
from .models import Upload
from .rules import Perm
from .teams import selectors as team_names
from .teams.services import map_team_name


@requires(Perm.VIEW_UPLOADS)
def upload_list(request):
    leases.interrupt_dead_jobs()  # a job whose worker died shows as interrupted, not importing for ever
    return render(request, "datasets/upload_list.html", {
        "title": "Data uploads", "uploads": Upload.objects.select_related("uploaded_by")[:100],
        "can_upload": request.user.has_perm(Perm.UPLOAD)})


@requires(Perm.UPLOAD, methods=("GET", "POST"))
def upload_create(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    return service_form(
        request, form, template="datasets/upload_form.html",
        save=lambda form: services.start_annex_a_import(
            actor=request.user, council=the_council(), source=form.cleaned_data["file"],
            original_name=form.cleaned_data["file"].name, extract_date=form.cleaned_data["extract_date"]),
        success_message="Upload received: the import has started",
        success_url=lambda upload: reverse("datasets:upload_detail", args=[upload.pk]),
        context={"title": "Upload an Annex A extract"})


def heading_report(headings):
    """The stored heading report, per list in list order, as the upload page shows it: headings matched
    other than exactly (file heading -> canonical column), the count matched exactly, absent and ignored."""
    out = []
    for number, report in sorted((headings or {}).items(), key=lambda item: int(item[0])):
        matched = report.get("matched", [])
        out.append({"list": int(number),
                    "loose": [m for m in matched if m.get("how") != "exact"],
                    "exact": sum(1 for m in matched if m.get("how") == "exact"),
                    "absent": report.get("absent", []), "ignored": report.get("ignored", [])})
    return out


@requires(Perm.VIEW_UPLOADS)
def upload_detail(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    issues = upload.issues.all()[:500]
    unmapped = []
    if upload.status == Upload.Status.SUCCEEDED and upload.teams:
        unmapped = team_names.unmapped_in(upload, team_names.TeamNames(upload.council))
    return render(request, "datasets/upload_detail.html", {
        "title": str(upload), "upload": upload, "issues": issues, "issue_count": upload.issues.count(),
        "row_counts": sorted((int(k), v) for k, v in upload.row_counts.items()),
        "headings": heading_report(upload.headings), "unmapped_teams": unmapped,
        "can_map": request.user.has_perm(Perm.UPLOAD),
        **views_jobs.job_context(request, upload), **views_review.review_context(request, upload)})


def _mapping_state(seen):
    return json.dumps({e.key: e.match.team.pk if e.match.team else None for e in seen}, sort_keys=True)


def _expected(cleaned):
    """The team the chosen name meant on the user's page, when the page said (see map_team_name)."""
    try:
        state = json.loads(cleaned.get("seen_state") or "{}")
    except ValueError:
        return {}
    key = team_names.name_key(cleaned["extract_name"])
    return {"expected_team_id": state[key]} if isinstance(state, dict) and key in state else {}


@requires(Perm.VIEW_UPLOADS, methods=("GET", "HEAD", "POST"))
def team_names_page(request):
    """Every team name seen in imported extracts and the council team it means; the QA lead and
    administrators map or unmap names here (the same people who may upload)."""
    can_map = request.user.has_perm(Perm.UPLOAD)
    if request.method == "POST" and not can_map:
        raise PermissionDenied(Perm.UPLOAD)
    council = the_council()
    seen = team_names.seen_team_names(council) if council else []
    form = None
    if can_map and seen:
        initial = {}
        wanted = team_names.name_key(request.GET.get("name", ""))
        chosen = next((e for e in seen if e.key == wanted), None)
        if chosen is not None:
            initial = {"extract_name": chosen.name, "team": chosen.match.team.pk if chosen.match.team else None}
        initial["seen_state"] = _mapping_state(seen)
        form = TeamNameMappingForm(request.POST or None, council=council, seen=seen, initial=initial)
    context = {"title": "Team names in extracts", "seen": seen, "can_map": can_map,
               "unmapped_count": sum(1 for e in seen if not e.match.is_mapped)}
    if form is None:  # a viewer, or nothing seen yet (so nothing to map)
        if request.method == "POST":
            return redirect("datasets:team_names")
        return render(request, "datasets/team_names.html", {**context, "form": None})

    def save(form):
        try:
            return map_team_name(actor=request.user, council=council, extract_name=form.cleaned_data["extract_name"],
                                 team=form.cleaned_data["team"], **_expected(form.cleaned_data))
        except ValidationError:
            form.data = form.data.copy()
            form.data["seen_state"] = _mapping_state(seen)  # the page now shows today's mapping
            raise

    def saved(match):
        name = form.cleaned_data["extract_name"]
        return (f"“{name}” now counts under {match.team.name}" if match.team
                else f"“{name}” is not mapped to a council team")

    return service_form(
        request, form, save=save, template="datasets/team_names.html", context=context, success_message=saved,
        success_url=reverse("datasets:team_names"))
