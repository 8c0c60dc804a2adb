"""The feedback and analysis report pages (design §7.1, §7.3, §8.1, §9.1): the report, its PDF and Word, and the
organisers' edit, fill, approve and reopen.

Events are council-wide records, so an event is found by pk and the permission is then asked about its report
(403): VIEW_REPORT lets everyone but the administrator read an approved report and only organisers, QA, PW and
inspectors read a draft (§8). Downloads are answered by their own views with the page's permission; files are named
from the event's kind and pk, never its title (§7.3).

Work in progress (slice S5): the edit, fill, approve and reopen actions are not built yet and answer 404 after
their permission check, so other slices' links reverse and nobody reaches a half-built form."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path

from triangulate.core.views.decorators import requires

from ..analysis.drafting import parse
from ..models import AnalysisReport, PracticeEvent
from ..rules import Perm

# the report's text sections, in the seed's order (§7.1); the themes and trends part sits between reflection and
# case examples
BEFORE_THEMES = {"introduction": "Introduction", "process": "Process", "reflection": "Practice week process reflection"}
AFTER_THEMES = {"case_examples": "Case examples", "conclusion": "Conclusion"}


def _report(request, pk, perm):
    event = get_object_or_404(PracticeEvent, pk=pk)
    report = AnalysisReport.objects.filter(event=event).first()
    record = report if report is not None else event
    if not request.user.has_perm(perm, record):
        raise PermissionDenied(perm)
    if report is None:
        raise Http404("This event has no report yet")
    return event, report


@requires(Perm.VIEW_REPORT)
def report(request, pk):
    event, rep = _report(request, pk, Perm.VIEW_REPORT)
    headings = [(h.heading, parse(h.strengths), parse(h.development))
                for h in rep.headings.select_related("heading").order_by("heading__number")]
    return render(request, "practice/report/report.html", {
        "event": event, "report": rep, "approved": rep.status == AnalysisReport.Status.APPROVED,
        "before_themes": [(label, parse(getattr(rep, field))) for field, label in BEFORE_THEMES.items()],
        "headings": headings,
        "after_themes": [(label, parse(getattr(rep, field))) for field, label in AFTER_THEMES.items()]})


@requires(Perm.VIEW_REPORT)
def report_pdf(request, pk):
    _report(request, pk, Perm.VIEW_REPORT)
    raise Http404("The report's PDF is not built yet")


@requires(Perm.VIEW_REPORT)
def report_docx(request, pk):
    _report(request, pk, Perm.VIEW_REPORT)
    raise Http404("The report's Word file is not built yet")


@requires(Perm.EDIT_REPORT, methods=("GET", "HEAD", "POST"))
def report_edit(request, pk, section):
    _report(request, pk, Perm.EDIT_REPORT)
    raise Http404("Editing the report is not built yet")


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_fill(request, pk):
    _report(request, pk, Perm.EDIT_REPORT)
    raise Http404("Filling the report is not built yet")


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_approve(request, pk):
    _report(request, pk, Perm.EDIT_REPORT)
    raise Http404("Approving the report is not built yet")


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_reopen(request, pk):
    _report(request, pk, Perm.EDIT_REPORT)
    raise Http404("Reopening the report is not built yet")


urlpatterns = [
    path("<int:pk>/report/", report, name="report"),
    path("<int:pk>/report.pdf", report_pdf, name="report_pdf"),
    path("<int:pk>/report.docx", report_docx, name="report_docx"),
    path("<int:pk>/report/edit/<slug:section>/", report_edit, name="report_edit"),
    path("<int:pk>/report/fill/", report_fill, name="report_fill"),
    path("<int:pk>/report/approve/", report_approve, name="report_approve"),
    path("<int:pk>/report/reopen/", report_reopen, name="report_reopen"),
]
