from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.kpis.registry import all_kpis
from triangulate.people.rules import Perm as PeoplePerm
from triangulate.people.selectors import the_council

from . import selectors, services
from .forms import BenchmarkUploadForm, FigureFilterForm
from .models import BenchmarkFigure, show_number
from .reader import MAX_BYTES, MAX_PROBLEMS_SHOWN, MAX_ROWS
from .rules import Perm
from .services import BenchmarkFileError
from .template import template_csv

FIGURES_PER_PAGE = 200
# ?sort= on the figures table -> the database order (the table component then keeps it)
FIGURE_ORDER = {
    "kpi_id": (F("kpi_id").asc(), F("kpi_id").desc()),
    "area_name": (F("area_name").asc(), F("area_name").desc()),
    "year": (F("year").asc(), F("year").desc()),
    "value_sort": (F("value").asc(nulls_first=True), F("value").desc(nulls_last=True)),
}


def _figures(count):
    return f"{count:,} figure" if count == 1 else f"{count:,} figures"


def _who(user):
    """Elected members see figures, not the names of the staff who uploaded them."""
    return user.has_perm(PeoplePerm.VIEW_STAFF)


@requires(Perm.VIEW)
def upload_list(request):
    council = the_council()
    uploads = list(selectors.uploads_for(council)) if council else []
    catalogue = all_kpis()
    rows = []
    if council is not None and uploads:
        for kpi_id, found in selectors.comparators_for(council, catalogue).items():
            if any(c.value is not None for c in found.all):
                rows.append((catalogue[kpi_id], found.for_user(request.user)))
    return render(request, "benchmarks/upload_list.html", {
        "title": "Benchmarks", "uploads": uploads, "council": council, "comparisons": rows,
        "can_manage": request.user.has_perm(Perm.MANAGE), "show_who": _who(request.user),
        "show_notes": request.user.has_perm(Perm.VIEW_NOTES), "number": show_number,
    })


@requires(Perm.MANAGE, methods=("GET", "POST"))
def upload_create(request):
    form = BenchmarkUploadForm(request.POST or None, request.FILES or None)
    problems = []  # filled when the file cannot be used: the page lists them under the form

    def save(form):
        try:
            return services.upload_benchmarks(actor=request.user, council=the_council(),
                                              file=form.cleaned_data["file"],
                                              original_name=form.cleaned_data["file"].name)
        except BenchmarkFileError as error:
            problems.append(error)
            raise

    return service_form(
        request, form, template="benchmarks/upload_form.html", save=save,
        success_message=lambda upload: f"{_figures(upload.row_count)} uploaded from {upload.original_name}",
        success_url=lambda upload: reverse("benchmarks:upload_detail", args=[upload.pk]),
        context={"title": "Upload benchmarks", "problems": problems, "max_rows": MAX_ROWS,
                 "max_mb": MAX_BYTES // (1024 * 1024), "max_shown": MAX_PROBLEMS_SHOWN})


@requires(Perm.MANAGE)
def template_download(request):
    response = HttpResponse(template_csv().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="benchmarks-template.csv"'
    return response


@requires(Perm.VIEW)
def upload_detail(request, pk):
    upload = get_object_or_404(selectors.uploads_for(the_council()), pk=pk)
    figures = selectors.figures_of(upload)
    kpi_ids = list(figures.order_by().values_list("kpi_id", flat=True).distinct())
    filters = FigureFilterForm(request.GET or None, kpi_ids=kpi_ids)
    if filters.is_valid():
        if filters.cleaned_data["kpi"]:
            figures = figures.filter(kpi_id=filters.cleaned_data["kpi"])
        if filters.cleaned_data["area_type"]:
            figures = figures.filter(area_type=filters.cleaned_data["area_type"])
    sort = request.GET.get("sort") or ""
    if sort.lstrip("-") in FIGURE_ORDER:
        ascending, descending = FIGURE_ORDER[sort.lstrip("-")]
        figures = figures.order_by(descending if sort.startswith("-") else ascending, "id")
    page = Paginator(figures, FIGURES_PER_PAGE).get_page(request.GET.get("page"))
    catalogue = all_kpis()
    return render(request, "benchmarks/upload_detail.html", {
        "title": f"Benchmarks from {upload.original_name}", "upload": upload, "page": page, "filters": filters,
        "titles": {k: s.title for k, s in catalogue.items()}, "show_who": _who(request.user),
        "show_notes": request.user.has_perm(Perm.VIEW_NOTES), "can_manage": request.user.has_perm(Perm.MANAGE),
        "area_counts": _area_counts(upload),
    })


def _area_counts(upload):
    """[(area type label, figures)] in the order England, regions, authorities."""
    counts = dict(upload.figures.order_by().values_list("area_type").annotate(n=Count("id")))
    return [(label, counts[value]) for value, label in BenchmarkFigure.AreaType.choices if value in counts]


@requires(Perm.MANAGE, methods=("GET", "POST"))
def upload_delete(request, pk):
    upload = get_object_or_404(selectors.uploads_for(the_council()), pk=pk)
    if request.method == "POST":
        return service_action(
            request, lambda: services.delete_benchmark_upload(actor=request.user, upload=upload),
            success_message=f"Benchmarks from {upload.original_name} deleted: the comparisons now use the other "
                            "uploads", redirect_to=reverse("benchmarks:upload_list"))
    return render(request, "benchmarks/upload_delete.html", {
        "title": f"Delete the benchmarks from {upload.original_name}?", "upload": upload,
        "show_who": _who(request.user)})
