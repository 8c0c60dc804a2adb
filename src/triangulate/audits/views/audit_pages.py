"""The audit's own pages (design §9.1): my audits, a team's audits, the task list, a section's form and its
autosave, and the history of revisions.

As in views/flags.py: the page-level permission first (403), then the audit is found among those the user may
read (`audits_visible_to`, else 404), then the page's own permission is asked about it (403). Pages are
addressed by primary key; a page that shows the child's id logs it (`log_child_access`)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core.access_log import log_child_access
from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import VERSION, StaleEdit, version_of
from triangulate.core.formatting import date_uk, suppress_small
from triangulate.core.models import AccessLog
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.people.models import Team
from triangulate.people.scope import ALL, team_scope
from triangulate.reports import pdf

from ..forms_audit import SectionForm
from ..models import AuditRevision, CaseAudit, FamilyFeedback, Response, SafeguardingFlag
from ..rules import Perm
from ..selectors import AUDITOR_ROLES, audits_visible_to
from ..services import answers as answer_services
from ..services.answers import EDITABLE, applicable_questions, is_answered
from .moderation import may_list as may_list_moderation

State = CaseAudit.State


def audit_for(request, pk, perm=Perm.VIEW_AUDIT):
    audit = get_object_or_404(audits_visible_to(request.user).select_related(
        "team", "round", "tool_version__tool", "tool_version__grade_scale", "auditor", "overall_grade"), pk=pk)
    if not request.user.has_perm(perm, audit):
        raise PermissionDenied(perm)
    return audit


def section_of(audit, number):
    section = audit.tool_version.sections.filter(number=number).first()
    if section is None:
        raise Http404("No such section")
    return section


def name_of(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def section_links(user):
    """The audits pages a person may open besides their audits (the menu holds one item, "Audits", §9.1)."""
    links = [("Audit rounds", "audits:round_list", user.has_perm(Perm.VIEW_ROUNDS)),
             ("Moderation", "audits:moderation_list", may_list_moderation(user)),
             ("Audit reports and trends", "audits:report", user.has_perm(Perm.VIEW_REPORTS)),
             ("Historic tracker imports", "audits:import_list", user.has_perm(Perm.IMPORT_TRACKER))]
    return [{"text": text, "href": reverse(name)} for text, name, allowed in links if allowed]


@requires(Perm.VIEW_AUDIT)
def audit_list(request):
    """My audits; QA leads and PSWs (and the other council-wide readers) may show every audit they can read."""
    # Those who can be given audits start on their own; workers and readers on every audit they can read.
    show = request.GET.get("show", "mine" if role_of(request.user) in AUDITOR_ROLES else "all")
    audits = audits_visible_to(request.user).select_related("team", "round", "overall_grade", "auditor")
    if show != "all":
        audits = audits.filter(auditor=request.user)
    state = request.GET.get("state", "")
    if state in State.values:
        audits = audits.filter(state=state)
    audits = list(audits.order_by("due_date", "pk")[:500])
    log_child_access(request, [a.child_id for a in audits], resource="audit")
    return render(request, "audits/audit/audit_list.html", {
        "title": "Your audits" if show != "all" else "Audits", "audits": audits, "show": show, "state": state,
        "states": State.choices, "section_links": section_links(request.user)})


@requires(Perm.VIEW_AUDIT, methods=("POST",))
def audit_find(request):
    """Find the audits of one child among those the user may read. The id arrives in the POST body, never the
    address (§9.1), and the search itself is logged as a look at that child."""
    child_id = request.POST.get("child_id", "").strip()[:64]
    error = "" if child_id else "Enter the Child Unique ID"
    audits = []
    if child_id:
        audits = list(audits_visible_to(request.user).filter(child_id=child_id)
                      .select_related("team", "round", "overall_grade", "auditor").order_by("-pk"))
        log_child_access(request, [child_id], resource="audit", detail={"search": True})
    return render(request, "audits/audit/audit_list.html", {
        "title": "Audits found", "audits": audits, "show": "all", "state": "", "states": State.choices,
        "child_id": child_id, "find_error": error, "searched": True, "section_links": section_links(request.user)})


@requires(Perm.VIEW_REPORTS)
def team_audits(request, pk):
    """A team's audits. Team-scoped roles see only their own teams (404 otherwise); elected members see only
    counts, under disclosure control."""
    team = get_object_or_404(Team, pk=pk)
    scope = team_scope(request.user)
    if scope != ALL and not scope.filter(pk=team.pk).exists():
        raise Http404("No such team")
    if role_of(request.user) == Role.ELECTED_MEMBER:
        done = CaseAudit.objects.filter(team=team, state__in=CaseAudit.DONE_STATES).count()
        return render(request, "audits/audit/team_audits.html", {
            "title": f"Audits in {team.name}", "team": team, "aggregate_only": True,
            "submitted": suppress_small(done)})
    audits = list(audits_visible_to(request.user).filter(team=team)
                  .select_related("round", "overall_grade", "auditor").order_by("-pk")[:500])
    log_child_access(request, [a.child_id for a in audits], resource="audit")
    return render(request, "audits/audit/team_audits.html", {
        "title": f"Audits in {team.name}", "team": team, "audits": audits, "aggregate_only": False})


def section_rows(audit):
    """Each section with its status: not started, in progress or completed (every question that applies has an
    answer, mandatory or not)."""
    stored = {a.question_id: a for a in audit.answers.select_related("question")}
    rows = []
    for section in audit.tool_version.sections.order_by("number"):
        questions = applicable_questions(audit, section)
        done = sum(1 for q in questions if is_answered(stored.get(q.pk)))
        status = "Completed" if questions and done == len(questions) else "In progress" if done else "Not started"
        rows.append({"section": section, "status": status, "done": done, "total": len(questions)})
    return rows


@requires(Perm.VIEW_AUDIT)
def audit_detail(request, pk):
    audit = audit_for(request, pk)
    log_child_access(request, [audit.child_id], resource="audit", detail={"audit": audit.pk})
    user = request.user
    feedback = FamilyFeedback.objects.filter(audit=audit).first()
    # The worker sees the family's words only when the family agreed (decision 13).
    family_words_hidden = (feedback is not None and not feedback.share_with_worker
                           and not user.has_perm(Perm.CONDUCT_AUDIT, audit) and role_of(user) == Role.PRACTITIONER)
    from ..services.submission import submission_problems

    return render(request, "audits/audit/audit_detail.html", {
        "title": "Case audit", "audit": audit, "sections": section_rows(audit),
        "can_conduct": audit.state in EDITABLE and user.has_perm(Perm.CONDUCT_AUDIT, audit),
        "can_reflect": user.has_perm(Perm.RESPOND, audit) and _may(user, audit, Response.Kind.WORKER_REFLECTION),
        "can_comment": user.has_perm(Perm.RESPOND, audit) and _may(user, audit, Response.Kind.MANAGER_COMMENT),
        "feedback": feedback, "family_words_hidden": family_words_hidden,
        "responses": {r.kind: r for r in audit.responses.select_related("author")},
        "findings": [link.finding for link in audit.finding_links.select_related("finding__theme")],
        "actions": list(audit.action_links.select_related("action__owner")),
        "flags": SafeguardingFlag.objects.filter(audit=audit).order_by("-raised_at"),
        "moderation": getattr(audit, "moderation", None) if hasattr(audit, "moderation") else None,
        "problems": submission_problems(audit) if audit.state in EDITABLE else [],
        "done": audit.state in CaseAudit.DONE_STATES,
        "can_manage": audit.state in EDITABLE and user.has_perm(Perm.MANAGE_ROUNDS, audit),
        "can_amend": audit.state in CaseAudit.DONE_STATES and user.has_perm(Perm.AMEND_AUDIT, audit),
    })


def _may(user, audit, kind):
    from ..services.responses import may_write

    return audit.state in (State.WORKER_CONVERSATION, State.FAMILY_FEEDBACK, State.GRADED) and \
        may_write(user, audit, kind)


def _section_form(request, audit, section):
    questions = applicable_questions(audit, section)
    return SectionForm(request.POST or None, audit=audit, questions=questions,
                       initial=SectionForm.initial_for(audit, questions))


@requires(Perm.VIEW_AUDIT, methods=("GET", "POST"))
def audit_section(request, pk, number):
    audit = audit_for(request, pk, Perm.CONDUCT_AUDIT)
    section = section_of(audit, number)
    log_child_access(request, [audit.child_id], resource="audit", detail={"audit": audit.pk, "section": number})
    form = _section_form(request, audit, section)
    sections = list(audit.tool_version.sections.order_by("number"))
    later = [s for s in sections if s.number > section.number]
    after = (reverse("audits:audit_section", args=[audit.pk, later[0].number]) if later and
             "continue" in request.POST else reverse("audits:audit_detail", args=[audit.pk]))
    return service_form(
        request, form,
        save=lambda form: answer_services.save_section(actor=request.user, audit=audit, section=section,
                                                       answers=form.answers(), expected_version=version_of(form)),
        success_message=f"Section {section.number} saved", success_url=after,
        template="audits/audit/audit_section.html",
        stored_values=lambda stored: SectionForm.initial_for(stored, form.questions),
        context={"title": section.title, "audit": audit, "section": section, "locked": audit.state not in EDITABLE,
                 "caption": f"Case audit · section {section.number} of {len(sections)}",
                 "back_url": reverse("audits:audit_detail", args=[audit.pk]), "back_text": "Back to the audit",
                 "has_next": bool(later)})


@requires(Perm.VIEW_AUDIT, methods=("POST",))
def audit_autosave(request, pk, number):
    """The script's save (§3.2): 200 {"version", "saved_at"}, 409 {"stale": true, ...} when another window saved
    first, 400 with the errors of a value that does not fit. A POST without the page's version is not the
    script's: it goes to the section page."""
    audit = audit_for(request, pk, Perm.CONDUCT_AUDIT)
    section = section_of(audit, number)
    if VERSION not in request.POST:
        return redirect("audits:audit_section", audit.pk, section.number)
    form = _section_form(request, audit, section)
    if not form.is_valid():
        return JsonResponse({"errors": {k: [str(m) for m in v] for k, v in form.errors.items()}}, status=400)
    try:
        answer_services.save_section(actor=request.user, audit=audit, section=section, answers=form.answers(),
                                     expected_version=version_of(form), autosave=True)
    except StaleEdit as error:
        last = AuditEvent.objects.filter(object_type=audit._meta.label_lower, object_id=str(audit.pk)) \
            .select_related("actor").first()
        return JsonResponse({"stale": True, "by": name_of(last.actor) if last else "",
                             "at": timezone.localtime(last.occurred_at).strftime("%H:%M") if last else "",
                             "version": error.current.version}, status=409)
    except ValidationError as error:
        return JsonResponse({"errors": error.message_dict if hasattr(error, "error_dict")
                             else {"__all__": error.messages}}, status=400)
    audit.refresh_from_db(fields=["version"])
    return JsonResponse({"version": audit.version, "saved_at": timezone.localtime().strftime("%H:%M")})


@requires(Perm.VIEW_AUDIT)
def audit_history(request, pk):
    audit = audit_for(request, pk)
    log_child_access(request, [audit.child_id], resource="audit", detail={"audit": audit.pk})
    return render(request, "audits/audit/audit_history.html", {
        "title": "History of the audit", "audit": audit,
        "revisions": AuditRevision.objects.filter(audit=audit).select_related("made_by").order_by("number"),
        "events": AuditEvent.objects.filter(object_type=audit._meta.label_lower, object_id=str(audit.pk))
                                    .select_related("actor").order_by("occurred_at", "pk"),
    })


def shown_answer(question, answer):
    if answer is None:
        return "Not answered"
    if answer.not_applicable:
        return "Not applicable"
    if answer.grade_id:
        return answer.grade.label
    value = {"yes_no": answer.get_yes_no_display(), "number": answer.number, "date": answer.date,
             "text": answer.text}.get(question.answer_type)
    return date_uk(value) if hasattr(value, "isoformat") else value if value not in (None, "") else "Not answered"


@requires(Perm.VIEW_AUDIT)
def audit_pdf(request, pk):
    """The audit for the child's file, as a PDF. Named by its number, never the child's id."""
    audit = audit_for(request, pk)
    log_child_access(request, [audit.child_id], resource="audit", kind=AccessLog.Kind.EXPORT,
                     detail={"audit": audit.pk, "format": "pdf"})
    stored = {a.question_id: a for a in audit.answers.select_related("grade")}
    questions = applicable_questions(audit)
    sections = [(section, [(q, shown_answer(q, stored.get(q.pk)), stored[q.pk].evidence if q.pk in stored else "")
                           for q in questions if q.section_id == section.pk])
                for section in audit.tool_version.sections.order_by("number")]
    feedback = FamilyFeedback.objects.filter(audit=audit).first()
    title = f"Case audit {audit.pk}"
    html = render_to_string("audits/audit/audit_print.html", {
        "title": title, "audit": audit, "sections": sections, "feedback": feedback,
        "auditor": name_of(audit.auditor) or audit.auditor_name, "printed_on": date_uk(timezone.localdate()),
        "show_family_words": feedback is not None and (feedback.share_with_worker
                                                       or role_of(request.user) != Role.PRACTITIONER),
        "findings": [link.finding for link in audit.finding_links.select_related("finding__theme")],
        "responses": {r.kind: r for r in audit.responses.all()}}, request=request)
    document = pdf.cached_html_to_pdf(html, pdf.PRINT_CSS, title=title,
                                      folder=settings.DATA_DIR / "cache" / "reports")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-audit-{audit.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def locked_redirect(request, audit):
    messages.error(request, "This audit has been submitted and can no longer be changed here")
    return redirect("audits:audit_detail", audit.pk)


urlpatterns = [
    path("", audit_list, name="audit_list"),
    path("find/", audit_find, name="audit_find"),
    path("<int:pk>/", audit_detail, name="audit_detail"),
    path("<int:pk>/section/<int:number>/", audit_section, name="audit_section"),
    path("<int:pk>/section/<int:number>/autosave/", audit_autosave, name="audit_autosave"),
    path("<int:pk>/history/", audit_history, name="audit_history"),
    path("<int:pk>/pdf/", audit_pdf, name="audit_pdf"),
    path("teams/<int:pk>/", team_audits, name="team_audits"),
]
