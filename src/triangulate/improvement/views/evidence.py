"""The evidence pack pages (design §4): a theme's, a team's or a priority's evidence from every source side by side,
their agreement, and the lead's paragraph, saved against its version. Addressed by primary key; the period travels
in the address (?from=…&to=…, dates only)."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, VersionField, version_of
from triangulate.core.forms import GovukForm
from triangulate.core.selectors import active_themes
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.selectors import teams_visible_to, the_council
from triangulate.reports import docx, pdf

from .. import annual_pack, board_paper
from ..evidence_notes import save_evidence_note
from ..evidence_pack import build_pack, period_from
from ..models import ImprovementPlan, Priority
from ..rules import KnowPerm

EDIT = ("GET", "HEAD", "POST")


class NoteForm(GovukForm):
    text = forms.CharField(label="The paragraph for QPAG", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Start from the draft below it and say what the evidence means.")
    version = VersionField()


@requires(KnowPerm.VIEW_EVIDENCE)
def evidence_index(request):
    plans = ImprovementPlan.objects.filter(council=the_council(), status=ImprovementPlan.Status.LIVE,
                                           level=ImprovementPlan.Level.COUNCIL)
    return render(request, "improvement/evidence/index.html", {
        "title": "Evidence packs", "themes": active_themes(),
        "teams": teams_visible_to(request.user).filter(is_active=True).order_by("name"),
        "priorities": Priority.objects.filter(plan__in=plans).select_related("plan").order_by("plan", "number"),
        "can_learn": request.user.has_perm(KnowPerm.VIEW_LEARNING),
        "can_board_paper": request.user.has_perm(KnowPerm.BOARD_PAPER),
        "can_annual_pack": request.user.has_perm(KnowPerm.ANNUAL_PACK)})


def _pack_page(request, kind, obj, back_url):
    council = the_council()
    start, end = period_from(request.GET)
    pack = build_pack(kind, obj, request.user, council, start, end)
    here = f"{request.path}?{urlencode({'from': start.isoformat(), 'to': end.isoformat()})}"
    can_write = request.user.has_perm(KnowPerm.EDIT_EVIDENCE_NOTE)
    if request.method == "POST" and not can_write:
        raise PermissionDenied(KnowPerm.EDIT_EVIDENCE_NOTE)
    initial = {"text": pack.note.text if pack.note else pack.draft, VERSION: pack.note.version if pack.note else 0}
    form = NoteForm(request.POST or None, initial=initial)
    context = {"title": f"Evidence: {pack.heading}", "pack": pack, "start": start, "end": end, "form": form,
               "can_write": can_write, "back_url": back_url}
    if request.method != "POST":
        return render(request, "improvement/evidence/pack.html", context)
    return service_form(
        request, form, template="improvement/evidence/pack.html",
        save=lambda form: save_evidence_note(actor=request.user, council=council, scope_kind=kind, scope_id=obj.pk,
                                             text=form.cleaned_data["text"], period_start=start, period_end=end,
                                             expected_version=version_of(form)),
        success_message="Paragraph saved", success_url=here,
        stored_values=lambda note: {"text": note.text}, context=context)


@requires(KnowPerm.VIEW_EVIDENCE, methods=EDIT)
def evidence_theme(request, pk):
    theme = get_object_or_404(active_themes(), pk=pk)
    return _pack_page(request, "theme", theme, reverse("improvement:evidence_index"))


@requires(KnowPerm.VIEW_TEAM_EVIDENCE, methods=EDIT)
def evidence_team(request, pk):
    team = get_object_or_404(teams_visible_to(request.user), pk=pk)
    if not request.user.has_perm(KnowPerm.VIEW_TEAM_EVIDENCE, team):
        raise PermissionDenied(KnowPerm.VIEW_TEAM_EVIDENCE)
    return _pack_page(request, "team", team, reverse("improvement:evidence_index"))


@requires(KnowPerm.VIEW_EVIDENCE, methods=EDIT)
def evidence_priority(request, pk):
    priority = get_object_or_404(Priority.objects.filter(plan__council=the_council()).select_related("plan"), pk=pk)
    return _pack_page(request, "priority", priority, reverse("improvement:evidence_index"))


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CACHE = ("cache", "board-papers")


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _word(title, blocks, stem):
    return _download(docx.document(title, blocks), WORD, f"{stem}-{timezone.localdate().isoformat()}.docx")


def _pdf(title, blocks, stem):
    html = render_to_string("improvement/evidence/board_paper_print.html", {
        "title": title, "blocks": board_paper.as_html_blocks(blocks)})
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=title, folder=settings.DATA_DIR.joinpath(*PDF_CACHE))
    return _download(document, "application/pdf", f"{stem}-{timezone.localdate().isoformat()}.pdf")


def _board_paper(request, wide):
    council, today = the_council(), timezone.localdate()
    return (board_paper.title_of(council, today, wide),
            board_paper.blocks_for(council, request.user, today, wide=wide))


@requires(KnowPerm.BOARD_PAPER)
def board_paper_docx(request):
    return _word(*_board_paper(request, wide=False), "board-paper")


@requires(KnowPerm.BOARD_PAPER)
def board_paper_pdf(request):
    return _pdf(*_board_paper(request, wide=False), "board-paper")


# The elected members' copy (design §7): the same paper under disclosure control, for whoever asks for it.
@requires(KnowPerm.WIDE_BOARD_PAPER)
def wide_board_paper_docx(request):
    return _word(*_board_paper(request, wide=True), "board-paper-wide-audience")


@requires(KnowPerm.WIDE_BOARD_PAPER)
def wide_board_paper_pdf(request):
    return _pdf(*_board_paper(request, wide=True), "board-paper-wide-audience")


def _annual_pack(request):
    council, today = the_council(), timezone.localdate()
    return annual_pack.title_of(council, today), annual_pack.blocks_for(council, request.user, today)


@requires(KnowPerm.ANNUAL_PACK)
def annual_pack_docx(request):
    return _word(*_annual_pack(request), "annual-conversation-pack")


@requires(KnowPerm.ANNUAL_PACK)
def annual_pack_pdf(request):
    return _pdf(*_annual_pack(request), "annual-conversation-pack")


urlpatterns = [
    path("evidence/board-paper.docx", board_paper_docx, name="board_paper_docx"),
    path("evidence/board-paper.pdf", board_paper_pdf, name="board_paper_pdf"),
    path("evidence/board-paper-wide-audience.docx", wide_board_paper_docx, name="wide_board_paper_docx"),
    path("evidence/board-paper-wide-audience.pdf", wide_board_paper_pdf, name="wide_board_paper_pdf"),
    path("evidence/annual-conversation-pack.docx", annual_pack_docx, name="annual_pack_docx"),
    path("evidence/annual-conversation-pack.pdf", annual_pack_pdf, name="annual_pack_pdf"),
    path("evidence/", evidence_index, name="evidence_index"),
    path("evidence/themes/<int:pk>/", evidence_theme, name="evidence_theme"),
    path("evidence/teams/<int:pk>/", evidence_team, name="evidence_team"),
    path("evidence/priorities/<int:pk>/", evidence_priority, name="evidence_priority"),
]
