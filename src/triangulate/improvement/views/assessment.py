"""The self-assessment pages (design §3, §8, §9): the list, a year's page with its domains beside last year's and the
external reviewer's, the edit pages, publish and next year's, the Word and PDF files, and the council's scale and
domains. A draft is read by the council's managers and leads only: practitioners, elected members and inspectors
are not told it exists (404); its Word and PDF files are the writers' (403 to the others, design §8)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from triangulate.core.concurrency import VERSION, current_version, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.selectors import the_council

from .. import assessment as services
from .. import assessment_export as export
from ..assessment_rows import domain_rows, has_external_view, overall, visible_assessments
from ..forms_assessment import (
    AssessmentForm,
    CreateForm,
    DomainForm,
    ExternalViewForm,
    JudgementForm,
    NewDomainForm,
    ScaleForm,
)
from ..models import DomainJudgement, DomainTemplate, SelfAssessment
from ..rules import KnowPerm

EDIT = ("GET", "HEAD", "POST")


def _detail_url(assessment):
    return reverse("improvement:assessment_detail", args=[assessment.pk])


def _readable(request, pk):
    return get_object_or_404(visible_assessments(request.user), pk=pk)


def _writable(request, pk):
    """The self-assessment a writer acts on (the caller checked MANAGE, so every one is in their scope)."""
    return get_object_or_404(SelfAssessment.objects.select_related("scale", "council"), pk=pk)


def _locked(request, assessment):
    """A published self-assessment is read-only: its edit pages go back to it with the reason."""
    messages.error(request, f"{assessment.title} is published, so it can no longer be changed.")
    return redirect(_detail_url(assessment))


@requires(KnowPerm.VIEW_ASSESSMENTS)
def assessment_list(request):
    assessments = list(visible_assessments(request.user).order_by("-year", "-pk"))
    latest = next((a for a in assessments if a.status == SelfAssessment.Status.PUBLISHED), None)
    return render(request, "improvement/assessment/list.html", {
        "title": "Self-assessment", "assessments": assessments, "latest_published": latest,
        "can_manage": request.user.has_perm(KnowPerm.MANAGE_ASSESSMENTS),
        # elected members read the board paper's controlled copy here (they have no evidence pages, design §8)
        "can_wide_paper": request.user.has_perm(KnowPerm.WIDE_BOARD_PAPER)
        and not request.user.has_perm(KnowPerm.BOARD_PAPER)})


@requires(KnowPerm.VIEW_ASSESSMENTS)
def assessment_detail(request, pk):
    assessment = _readable(request, pk)
    rows = domain_rows(assessment)
    can_manage = request.user.has_perm(KnowPerm.MANAGE_ASSESSMENTS)
    is_draft = assessment.status == SelfAssessment.Status.DRAFT
    return render(request, "improvement/assessment/detail.html", {
        "title": assessment.title, "assessment": assessment, "rows": rows, "overall": overall(rows),
        "has_external": has_external_view(assessment), "is_draft": is_draft,
        "can_edit": can_manage and is_draft, "can_manage": can_manage,
        "can_download": can_manage or not is_draft,
        "next_exists": SelfAssessment.objects.filter(council=assessment.council, year=assessment.year + 1).exists(),
        "year_label": services.year_label(assessment.year)})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def assessment_create(request):
    council = the_council()
    latest = SelfAssessment.objects.filter(council=council).order_by("-year").first()
    form = CreateForm(request.POST or None, initial={"year": latest.year + 1 if latest else None})
    return service_form(
        request, form,
        save=lambda form: services.create_assessment(actor=request.user, council=council,
                                                     year=form.cleaned_data["year"], title=form.cleaned_data["title"]),
        success_message=lambda a: f"{a.title} started: judge each domain, then publish it",
        success_url=_detail_url,
        context={"title": "Start a self-assessment", "back_url": reverse("improvement:assessment_list"),
                 "back_text": "Back to self-assessment", "submit_text": "Start the self-assessment",
                 "intro": "Each domain in use is copied in, ready to be judged."})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def assessment_edit(request, pk):
    assessment = _writable(request, pk)
    if assessment.status != SelfAssessment.Status.DRAFT:
        return _locked(request, assessment)
    initial = {"title": assessment.title, "period_start": assessment.period_start,
               "period_end": assessment.period_end, "summary": assessment.summary, VERSION: current_version(assessment)}
    form = AssessmentForm(request.POST or None, initial=initial)
    fields = ("title", "period_start", "period_end", "summary")
    return service_form(
        request, form,
        save=lambda form: services.edit_assessment(actor=request.user, assessment=assessment,
                                                   expected_version=version_of(form),
                                                   **submitted_values(form, fields)),
        success_message="Saved", success_url=_detail_url(assessment),
        stored_values=lambda a: {f: getattr(a, f) for f in fields},
        context={"title": "Introduction and context", "caption": assessment.title,
                 "back_url": _detail_url(assessment), "back_text": "Back to the self-assessment"})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def judgement_edit(request, pk):
    judgement = get_object_or_404(DomainJudgement.objects.select_related("assessment__scale", "grade"), pk=pk)
    assessment = judgement.assessment
    if assessment.status != SelfAssessment.Status.DRAFT:
        return _locked(request, assessment)
    initial = {"grade": judgement.grade_id, "what_we_know": judgement.what_we_know,
               "how_we_know": judgement.how_we_know, "what_we_are_doing": judgement.what_we_are_doing,
               "priorities": list(judgement.priorities.values_list("pk", flat=True)),
               VERSION: current_version(judgement)}
    form = JudgementForm(request.POST or None, initial=initial, scale=assessment.scale,
                         priorities=services.cited_priorities(assessment.council))
    fields = [name for name in form.fields if name != VERSION]
    back = f"{_detail_url(assessment)}#domain-{judgement.number}"
    return service_form(
        request, form,
        save=lambda form: services.edit_judgement(actor=request.user, judgement=judgement,
                                                  expected_version=version_of(form),
                                                  **submitted_values(form, fields)),
        success_message=f"Domain {judgement.number} saved", success_url=back,
        stored_values=lambda j: {"grade": j.grade, "what_we_know": j.what_we_know, "how_we_know": j.how_we_know,
                                 "what_we_are_doing": j.what_we_are_doing, "priorities": list(j.priorities.all())},
        context={"title": f"{judgement.number}. {judgement.title}", "caption": assessment.title,
                 "intro": judgement.guidance, "back_url": back, "back_text": "Back to the self-assessment"})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def external_view(request, pk):
    assessment = _writable(request, pk)
    judgements = assessment.judgements.order_by("number")
    initial = {"reviewer_name": assessment.reviewer_name, "reviewer_organisation": assessment.reviewer_organisation,
               "reviewed_on": assessment.reviewed_on, VERSION: current_version(assessment)}
    for j in judgements:
        initial[f"grade_{j.pk}"] = j.external_grade_id
        initial[f"comment_{j.pk}"] = j.external_comment
    form = ExternalViewForm(request.POST or None, initial=initial, judgements=judgements, scale=assessment.scale)
    return service_form(
        request, form,
        save=lambda form: services.record_external_view(
            actor=request.user, assessment=assessment, expected_version=version_of(form),
            reviewer_name=form.cleaned_data["reviewer_name"],
            reviewer_organisation=form.cleaned_data["reviewer_organisation"],
            reviewed_on=form.cleaned_data["reviewed_on"], domains=form.domains()),
        success_message="The external view is saved", success_url=f"{_detail_url(assessment)}#external",
        stored_values=lambda a: {"reviewer_name": a.reviewer_name, "reviewer_organisation": a.reviewer_organisation,
                                 "reviewed_on": a.reviewed_on},
        context={"title": "The external view", "caption": assessment.title,
                 "intro": "The external reviewer's grade and comment for each domain they reviewed.",
                 "back_url": _detail_url(assessment), "back_text": "Back to the self-assessment"})


def _posted_version(request):
    sent = request.POST.get(VERSION, "")
    return int(sent) if sent.isdigit() else None


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=("POST",))
def assessment_publish(request, pk):
    assessment = _writable(request, pk)
    return service_action(
        request, lambda: services.publish_assessment(actor=request.user, assessment=assessment,
                                                     expected_version=_posted_version(request)),
        success_message=lambda a: f"{a.title} published: everyone can read it, and it can no longer be changed",
        redirect_to=_detail_url(assessment))


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=("POST",))
def assessment_next(request, pk):
    assessment = _writable(request, pk)
    return service_action(
        request, lambda: services.start_next_year(actor=request.user, assessment=assessment),
        success_message=lambda a: f"{a.title} started from last year's texts: judge each domain afresh",
        redirect_to=lambda a: _detail_url(a) if a else _detail_url(assessment))


def _downloadable(request, pk):
    """Published: anyone who reads self-assessments; a draft: only its writers (403 to the others)."""
    assessment = get_object_or_404(SelfAssessment.objects.select_related("scale", "council"), pk=pk)
    if assessment.status != SelfAssessment.Status.PUBLISHED and \
            not request.user.has_perm(KnowPerm.MANAGE_ASSESSMENTS):
        raise PermissionDenied(KnowPerm.MANAGE_ASSESSMENTS)
    return assessment


def _file(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(KnowPerm.VIEW_ASSESSMENTS)
def assessment_docx(request, pk):
    assessment = _downloadable(request, pk)
    return _file(export.word(assessment), export.WORD, export.download_name(assessment, "docx"))


@requires(KnowPerm.VIEW_ASSESSMENTS)
def assessment_pdf(request, pk):
    assessment = _downloadable(request, pk)
    return _file(export.pdf_file(assessment), "application/pdf", export.download_name(assessment, "pdf"))


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def scale_edit(request):
    council = the_council()
    scale = services.ensure_assessment_defaults(council)  # the council's default scale
    grades = scale.grades.order_by("value")
    used = services.scale_is_used(scale)
    initial = {VERSION: current_version(scale)}
    for g in grades:
        initial.update({f"label_{g.value}": g.label, f"colour_{g.value}": g.colour, f"ofsted_{g.value}": g.ofsted})
    form = ScaleForm(request.POST or None, initial=initial, grades=grades, used=used)
    intro = ("A self-assessment uses this scale, so each grade keeps its Ofsted grade; labels and colours can change."
             if used else "Each grade's label, tag colour and the Ofsted grade it counts as. 1 is the worst.")
    return service_form(
        request, form,
        save=lambda form: services.edit_scale(actor=request.user, scale=scale, grades=form.grade_values(),
                                              expected_version=version_of(form)),
        success_message="The scale is saved", success_url=reverse("improvement:assessment_list"),
        stored_values=lambda s: {k: v for g in s.grades.all() for k, v in (
            (f"label_{g.value}", g.label), (f"colour_{g.value}", g.colour), (f"ofsted_{g.value}", g.ofsted))},
        context={"title": f"The scale: {scale.name}", "intro": intro,
                 "back_url": reverse("improvement:assessment_list"), "back_text": "Back to self-assessment"})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def domain_list(request):
    council = the_council()
    services.ensure_assessment_defaults(council)
    back = reverse("improvement:domain_list")
    move = request.POST.get("move", "")
    if request.method == "POST" and move.isdigit():
        domain = get_object_or_404(DomainTemplate, council=council, pk=int(move))
        return service_action(request, lambda: services.move_domain(actor=request.user, domain=domain,
                                                                   up=request.POST.get("direction") == "up"),
                              success_message=f"{domain.title} moved", redirect_to=back)
    form = NewDomainForm(request.POST or None)
    domains = DomainTemplate.objects.filter(council=council).prefetch_related("themes").order_by("number", "pk")
    return service_form(
        request, form,
        save=lambda form: services.add_domain(actor=request.user, council=council, title=form.cleaned_data["title"]),
        success_message=lambda d: f"{d.title} added: new self-assessments will have it",
        success_url=lambda d: reverse("improvement:domain_edit", args=[d.pk]),
        template="improvement/assessment/domain_list.html",
        context={"title": "Domains", "domains": domains})


@requires(KnowPerm.MANAGE_ASSESSMENTS, methods=EDIT)
def domain_edit(request, pk):
    domain = get_object_or_404(DomainTemplate, council=the_council(), pk=pk)
    initial = {"title": domain.title, "guidance": domain.guidance, "is_active": domain.is_active,
               "themes": list(domain.themes.values_list("pk", flat=True)), VERSION: current_version(domain)}
    form = DomainForm(request.POST or None, initial=initial)
    return service_form(
        request, form,
        save=lambda form: services.edit_domain(
            actor=request.user, domain=domain, expected_version=version_of(form), title=form.cleaned_data["title"],
            guidance=form.cleaned_data["guidance"], themes=form.cleaned_data["themes"],
            is_active=form.cleaned_data["is_active"]),
        success_message="The domain is saved: new self-assessments will use it",
        success_url=reverse("improvement:domain_list"),
        stored_values=lambda d: {"title": d.title, "guidance": d.guidance, "is_active": d.is_active,
                                 "themes": list(d.themes.all())},
        context={"title": f"Domain {domain.number}", "back_url": reverse("improvement:domain_list"),
                 "back_text": "Back to domains"})


urlpatterns = [
    path("self-assessment/", assessment_list, name="assessment_list"),
    path("self-assessment/new/", assessment_create, name="assessment_create"),
    path("self-assessment/scale/", scale_edit, name="scale_edit"),
    path("self-assessment/domains/", domain_list, name="domain_list"),
    path("self-assessment/domains/<int:pk>/edit/", domain_edit, name="domain_edit"),
    path("self-assessment/judgements/<int:pk>/edit/", judgement_edit, name="judgement_edit"),
    path("self-assessment/<int:pk>/", assessment_detail, name="assessment_detail"),
    path("self-assessment/<int:pk>/edit/", assessment_edit, name="assessment_edit"),
    path("self-assessment/<int:pk>/external/", external_view, name="external_view"),
    path("self-assessment/<int:pk>/publish/", assessment_publish, name="assessment_publish"),
    path("self-assessment/<int:pk>/next/", assessment_next, name="assessment_next"),
    path("self-assessment/<int:pk>/self-assessment.docx", assessment_docx, name="assessment_docx"),
    path("self-assessment/<int:pk>/self-assessment.pdf", assessment_pdf, name="assessment_pdf"),
]
