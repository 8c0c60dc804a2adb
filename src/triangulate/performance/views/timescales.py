"""The daily timescale report: what is overdue or coming due today, by team and worker, printable and
downloadable. Child-level, so never for elected members (VIEW_CHILDREN); every child shown or downloaded
is written to the access log. The address carries only the team and worker chosen, never a child."""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify

from triangulate.core import exports
from triangulate.core.access_log import log_child_access
from triangulate.core.views.decorators import requires
from triangulate.datasets.teams.selectors import extract_names_in_scope

from .. import filters, selectors
from .. import timescales as presenter
from ..rules import Perm

RESOURCE = "performance:timescales"


@requires(Perm.VIEW_CHILDREN)
def timescales(request):
    upload = selectors.latest_upload()
    report = presenter.report_for(upload) if upload is not None else None
    if report is None:
        return render(request, "performance/timescales.html", {"title": "Timescales", "upload": upload,
                                                                "report": None})
    choice = presenter.Choice(team=request.GET.get("team") or None, worker=request.GET.get("worker") or None)
    try:
        context = presenter.build(report, upload.council, extract_names_in_scope(request.user), choice)
    except presenter.OutOfScope:
        raise Http404("team outside the user's scope") from None
    fmt = exports.requested(request)
    if fmt:  # every chosen row, not only the first shown of each section; each child logged as exported
        return exports.download(
            request, fmt, filename=filename(upload, choice), headers=presenter.DOWNLOAD_HEADERS,
            rows=presenter.download_rows(context), children=[r.child_id for r in context["rows"] if r.child_id],
            resource=RESOURCE, detail=_logged(choice), sheet="Timescales")
    log_child_access(request, [row["child_id"] for s in context["sections"] for row in s["rows"] if row["child_id"]],
                     resource=RESOURCE, detail=_logged(choice))
    filter_form = filters.for_timescales(choice, context["teams"], context["workers"], scoped=context["scoped"])
    return render(request, "performance/timescales.html", {"title": "Timescales", "upload": upload,
                                                            "report": report, "filter_form": filter_form, **context})


def _logged(choice):
    """The filters the access log keeps beside each child shown (core/access_log.py)."""
    return {k: v for k, v in (("team", choice.team), ("worker", choice.worker)) if v}


def filename(upload, choice):
    """The report, its date and the team chosen (a team name is not personal; a worker's name is, so it
    stays out of download folders)."""
    team = f"-{slugify(choice.team)}" if choice.team and slugify(choice.team) else ""
    return f"timescales-{upload.extract_date:%Y-%m-%d}{team}"[:100]
