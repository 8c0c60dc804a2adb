"""The feedback and analysis report pages (design §7.1, §7.3, §8.1, §9.1): the report, its PDF and Word, and the
organisers' edit, fill, approve and reopen.

Events are council-wide records, so an event is found by pk and the permission is then asked about its report
(403): VIEW_REPORT lets everyone but the administrator read an approved report, and a draft only QA, the principal
social worker, inspectors and a senior leader who organises the event (decision 14). An organiser reaches the page
before the report exists, to fill it; anyone else finds no report (404). Downloads are answered by their own
views with the page's permission; files are named from the event's kind and pk, never its title (§7.3). The page,
the PDF and the Word file are built from the same sections (report_sections), so the three read the same."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, VersionField, current_version, version_of
from triangulate.core.formatting import counted, date_uk
from triangulate.core.forms import GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.reports import docx, pdf

from ..analysis.drafting import BulletList, parse
from ..models import AnalysisReport, PracticeEvent, ReportHeading
from ..rules import Perm
from ..services import report as services
from .common import download_name

EDIT = ("GET", "HEAD", "POST")
PDF_CACHE = ("cache", "reports")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMAT_HINT = ("A blank line starts a new paragraph. Start a line with a dash and a space for a bullet; put two "
               "spaces before the dash for a bullet under it. Nothing else is changed, so what you type is what "
               "prints. Do not name children, families or staff.")
APPROVAL_WARNING = "Elected members will read this: it must not single out a team or a person."


def section_labels(event):
    """The text sections' labels in the seed's order (§7.1); the themes and trends come after the reflection."""
    return {"introduction": "Introduction", "process": "Process",
            "reflection": f"{event.get_kind_display()} process reflection",
            "case_examples": "Case examples", "conclusion": "Conclusion"}


def _event_and_report(request, pk, perm):
    event = get_object_or_404(PracticeEvent, pk=pk)
    report = AnalysisReport.objects.filter(event=event).first()
    if not request.user.has_perm(perm, report if report is not None else event):
        raise PermissionDenied(perm)
    return event, report


def _existing(request, pk, perm):
    event, report = _event_and_report(request, pk, perm)
    if report is None:
        raise Http404("This event has no report yet")
    return event, report



# ---- the sections, shared by the page, the PDF and the Word file ----------------------------------------------

@dataclass(frozen=True)
class Section:
    key: str  # the edit page's section ("introduction", "heading-12"), or "" for a title without its own text
    level: int  # 1 a section, 2 a heading, 3 a heading's strengths or areas for development
    label: str
    blocks: list  # the text parsed into the report format's blocks
    holds_text: bool = True  # False for a title whose text is in the parts below it

    @property
    def editable_here(self):
        """Where the page puts the section's "Change" link: on a section, or on a heading (its parts share it)."""
        return bool(self.key) and self.level < 3


def report_sections(event, report):
    """The report's Sections in the seed's order (§7.1), its text parsed into the report format's blocks."""
    labels = section_labels(event)
    out = []

    def text_section(name):
        out.append(Section(name, 1, labels[name], parse(getattr(report, name, "") if report else "")))

    for name in ("introduction", "process", "reflection"):
        text_section(name)
    out.append(Section("", 1, "Themes and trends", [], holds_text=False))
    parts = {p.heading_id: p for p in ReportHeading.objects.filter(report=report)} if report else {}
    for heading in event.headings.order_by("number"):
        part = parts.get(heading.pk)
        key = services.heading_section(heading)
        title = f"{heading.number}. {heading.title}"
        if heading.mode == "examples":
            out.append(Section(key, 2, title, parse(part.strengths if part else "")))
        else:
            out.append(Section(key, 2, title, [], holds_text=False))
            out.append(Section(key, 3, "Strengths", parse(part.strengths if part else "")))
            out.append(Section(key, 3, "Areas for development", parse(part.development if part else "")))
    for name in ("case_examples", "conclusion"):
        text_section(name)
    return out


def word_blocks(sections):
    blocks = []
    for section in sections:
        blocks.append(docx.Heading(section.level, section.label))
        for block in section.blocks:
            if isinstance(block, BulletList):
                blocks.append(docx.Bullets(list(block.items), block.level))
            else:
                blocks.append(docx.Para(block.text))
    return blocks


# ---- pages ----------------------------------------------------------------------------------------------------

@requires(Perm.VIEW_REPORT)
def report(request, pk):
    event, rep = _event_and_report(request, pk, Perm.VIEW_REPORT)
    organiser = request.user.has_perm(Perm.EDIT_REPORT, event)
    if rep is None and not organiser:
        raise Http404("This event has no report yet")
    approved = rep is not None and rep.status == AnalysisReport.Status.APPROVED
    in_analysis = event.status == PracticeEvent.Status.ANALYSIS
    return render(request, "practice/report/report.html", {
        "title": event.title, "event": event, "report": rep, "approved": approved,
        "sections": report_sections(event, rep),
        "can_edit": organiser and in_analysis and not approved,
        "can_reopen": organiser and in_analysis and approved,
        "version": current_version(rep),
        "approval_warning": APPROVAL_WARNING,
        "approved_on": date_uk(timezone.localdate(rep.approved_at)) if approved and rep.approved_at else "",
    })


@requires(Perm.VIEW_REPORT)
def report_pdf(request, pk):
    event, rep = _existing(request, pk, Perm.VIEW_REPORT)
    title = event.title
    html = render_to_string("practice/report/report_print.html", {
        "title": title, "event": event, "approved": rep.status == AnalysisReport.Status.APPROVED,
        "sections": report_sections(event, rep), "printed_on": date_uk(timezone.localdate())}, request=request)
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=title,
                                      folder=settings.DATA_DIR.joinpath(*PDF_CACHE))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{download_name(event, "report.pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(Perm.VIEW_REPORT)
def report_docx(request, pk):
    event, rep = _existing(request, pk, Perm.VIEW_REPORT)
    blocks = word_blocks(report_sections(event, rep))
    if rep.status != AnalysisReport.Status.APPROVED:
        blocks.insert(0, docx.Para("Draft: not approved. Only the organisers, QA, principal social workers and "
                                   "inspectors read a draft."))
    response = HttpResponse(docx.document(event.title, blocks), content_type=WORD)
    response["Content-Disposition"] = f'attachment; filename="{download_name(event, "report.docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


class SectionForm(GovukForm):
    version = VersionField()

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in parts:
            self.fields[name] = forms.CharField(
                label=label, required=False, max_length=services.MAX_TEXT, strip=False, help_text=FORMAT_HINT,
                widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
                error_messages={"max_length": f"{label} must be {services.MAX_TEXT:,} characters or fewer"})


def _parts(event, section):
    """[(field, label)] of the section's form, its stored values' reader, and its page title."""
    labels = section_labels(event)
    if section in labels:
        return [("text", labels[section])], (lambda r: {"text": getattr(r, section)}), labels[section]
    pk = section[len(services.HEADING_PREFIX):] if section.startswith(services.HEADING_PREFIX) else ""
    heading = event.headings.filter(pk=int(pk)).first() if pk.isdigit() else None
    if heading is None:
        raise Http404("The report has no such section")

    def stored(r):
        part = ReportHeading.objects.filter(report=r, heading=heading).first()
        return {"strengths": part.strengths if part else "", "development": part.development if part else ""}

    title = f"{heading.number}. {heading.title}"
    if heading.mode == "examples":
        return [("strengths", "Examples of good or innovative practice")], stored, title
    return [("strengths", "Strengths"), ("development", "Areas for development")], stored, title


@requires(Perm.EDIT_REPORT, methods=EDIT)
def report_edit(request, pk, section):
    event, rep = _event_and_report(request, pk, Perm.EDIT_REPORT)
    parts, stored, label = _parts(event, section)
    back = reverse("practice:report", args=[event.pk])
    if rep is not None and rep.status == AnalysisReport.Status.APPROVED:
        return render(request, "practice/report/locked.html", {
            "title": f"Change the report: {label}", "event": event, "back_url": back})
    if rep is None:
        raise Http404("Fill the report from the analysis first")
    refill = request.method != "POST" and request.GET.get("fill") == "1"
    values = stored(rep)
    if refill:
        made = services.draft_of(event)
        if section in services.SECTIONS:
            values = {"text": getattr(made, section)}
        else:
            drafted = made.headings.get(services.heading_of(rep, section).pk)
            values = {"strengths": drafted.strengths, "development": drafted.development}
    form = SectionForm(request.POST or None, parts=parts, initial={**values, VERSION: current_version(rep)})

    def save(form):
        sent = {name: form.cleaned_data.get(name) if name in form.data else None for name, _ in parts}
        return services.edit_section(actor=request.user, report=rep, section=section,
                                     expected_version=version_of(form), **sent)

    return service_form(
        request, form, save=save, template="practice/report/edit.html",
        success_message=f"{label} saved", success_url=f"{back}#section-{section}",
        stored_values=stored,
        context={"title": label, "caption": f"Report: {event.title}", "event": event, "refill": refill,
                 "fill_url": f"{reverse('practice:report_edit', args=[event.pk, section])}?fill=1",
                 "back_url": back, "back_text": "Back to the report", "submit_text": "Save"})


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_fill(request, pk):
    event, _ = _event_and_report(request, pk, Perm.EDIT_REPORT)

    def said(result):
        filled = result[1]
        if not filled:
            return "Nothing was filled: every part already has text, or the analysis has nothing for it"
        return f"{counted(len(filled), 'part')} filled from the analysis"

    return service_action(request, lambda: services.fill_report(actor=request.user, event=event),
                          success_message=said, redirect_to=reverse("practice:report", args=[event.pk]))


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_approve(request, pk):
    event, rep = _existing(request, pk, Perm.EDIT_REPORT)
    sent = request.POST.get(VERSION, "")
    expected = int(sent) if sent.isdigit() else None  # the version the page showed: approve what was read
    return service_action(
        request, lambda: services.approve_report(actor=request.user, report=rep, expected_version=expected),
        success_message="Report approved: senior leaders and the assessors have been told",
        redirect_to=reverse("practice:report", args=[event.pk]))


@requires(Perm.EDIT_REPORT, methods=("POST",))
def report_reopen(request, pk):
    event, rep = _existing(request, pk, Perm.EDIT_REPORT)
    return service_action(
        request, lambda: services.reopen_report(actor=request.user, report=rep, reason=request.POST.get("reason")),
        success_message="Report reopened: it is a draft again, read only by the organisers, QA, principal social "
                        "workers and inspectors",
        redirect_to=reverse("practice:report", args=[event.pk]))


urlpatterns = [
    path("<int:pk>/report/", report, name="report"),
    path("<int:pk>/report.pdf", report_pdf, name="report_pdf"),
    path("<int:pk>/report.docx", report_docx, name="report_docx"),
    path("<int:pk>/report/edit/<slug:section>/", report_edit, name="report_edit"),
    path("<int:pk>/report/fill/", report_fill, name="report_fill"),
    path("<int:pk>/report/approve/", report_approve, name="report_approve"),
    path("<int:pk>/report/reopen/", report_reopen, name="report_reopen"),
]
