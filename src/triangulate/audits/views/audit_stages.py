"""The audit's stage pages (design §3.2, §9.1): share the draft, the conversation with the worker, the family's
feedback, the outcome, findings and actions, submission, and the worker's and manager's responses.

Each page reads the audit through `audit_pages.audit_for` (403, 404, then the page's own permission). Once the
audit is submitted the auditor's pages send the user back to the task list, which says so."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse

from triangulate.core.concurrency import VERSION, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.improvement.models import Finding
from triangulate.people.selectors import team_managers

from ..forms_audit import (
    ActionForm,
    AmendForm,
    ConversationForm,
    FamilyForm,
    FindingForm,
    OutcomeForm,
    ReallocateForm,
    ResponseForm,
)
from ..forms_rounds import WithdrawForm
from ..models import AuditFinding, CaseAudit, FamilyFeedback, Question, Response
from ..rules import Perm
from ..selectors import AUDITOR_ROLES
from ..services import conduct, responses, sample_changes, submission
from ..services.answers import EDITABLE, applicable_questions
from .audit_pages import audit_for, locked_redirect

EDIT = ("GET", "POST")
State = CaseAudit.State


def _conducted(request, pk):
    return audit_for(request, pk, Perm.CONDUCT_AUDIT)


def _context(audit, title, **extra):
    return {"audit": audit, "title": title, "caption": f"Case audit in {audit.team.name}",
            "back_url": reverse("audits:audit_detail", args=[audit.pk]), "back_text": "Back to the audit", **extra}


def _detail(audit):
    return reverse("audits:audit_detail", args=[audit.pk])


@requires(Perm.VIEW_AUDIT, methods=("POST",))
def audit_share(request, pk):
    audit = _conducted(request, pk)
    version = request.POST.get(VERSION, "")
    return service_action(
        request, lambda: conduct.share_draft(actor=request.user, audit=audit,
                                             expected_version=int(version) if version.isdigit() else None),
        success_message="Draft shared: the worker and the team's managers can now read it",
        redirect_to=_detail(audit))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_conversation(request, pk):
    audit = _conducted(request, pk)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    initial = {VERSION: audit.version, "conversation": audit.conversation, "conversation_on": audit.conversation_on,
               "manager_present": {True: "yes", False: "no"}.get(audit.manager_present, ""),
               "notes": audit.conversation_notes, "not_held_reason": audit.conversation_not_held_reason}
    form = ConversationForm(request.POST or None, initial=initial)

    def save(form):
        data = form.cleaned_data
        return conduct.record_conversation(
            actor=request.user, audit=audit, conversation=data["conversation"],
            conversation_on=data["conversation_on"], manager_present=data["manager_present"], notes=data["notes"],
            not_held_reason=data["not_held_reason"], expected_version=version_of(form))

    return service_form(request, form, save=save, success_message="Conversation recorded",
                        success_url=_detail(audit), stored_values=lambda a: {
                            "conversation": a.conversation, "conversation_on": a.conversation_on,
                            "notes": a.conversation_notes, "not_held_reason": a.conversation_not_held_reason},
                        context=_context(audit, "Conversation with the worker", submit_text="Save the conversation",
                                         intro=None if audit.shared_at else
                                         "Share the draft with the worker before recording the conversation."))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_family(request, pk):
    audit = _conducted(request, pk)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    feedback = FamilyFeedback.objects.filter(audit=audit).first()
    initial = {VERSION: audit.version}
    if feedback is not None:
        initial.update({name: getattr(feedback, name) for name in FamilyForm.base_fields if name != VERSION})
    form = FamilyForm(request.POST or None, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != VERSION}
        return conduct.record_family_feedback(actor=request.user, audit=audit, expected_version=version_of(form),
                                              **data)

    return service_form(request, form, save=save, success_message="Family feedback saved",
                        success_url=_detail(audit), stored_values=lambda a: {},
                        context=_context(audit, "Family feedback", submit_text="Save the family's feedback",
                                         intro="Without the family's consent only whether they were reached is "
                                               "kept: what they said is not saved."))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_outcome(request, pk):
    audit = _conducted(request, pk)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    form = OutcomeForm(request.POST or None, audit=audit, initial={
        VERSION: audit.version, "overall_grade": audit.overall_grade_id, "next_steps": audit.next_steps})
    return service_form(
        request, form,
        save=lambda form: conduct.record_outcome(actor=request.user, audit=audit,
                                                 overall_grade=form.cleaned_data["overall_grade"],
                                                 next_steps=form.cleaned_data["next_steps"],
                                                 expected_version=version_of(form)),
        success_message="Outcome saved", success_url=_detail(audit),
        stored_values=lambda a: {"overall_grade": a.overall_grade, "next_steps": a.next_steps},
        context=_context(audit, "Outcome", submit_text="Save the outcome"))


def suggestions(audit):
    """A suggested finding, with its theme, for each answer graded below good (RI or inadequate, §9.1), unless a
    finding from that question is already recorded."""
    threshold = audit.tool_version.grade_scale.good_threshold
    taken = set(AuditFinding.objects.filter(audit=audit).values_list("suggested_by_id", flat=True))
    return [answer for answer in audit.answers.filter(grade__value__lt=threshold, not_applicable=False)
            .select_related("question__theme", "grade").order_by("question__section__number", "question__number")
            if answer.question_id not in taken]


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_findings(request, pk):
    audit = _conducted(request, pk)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    question = None
    if request.GET.get("question", "").isdigit():
        question = Question.objects.filter(version=audit.tool_version_id, pk=int(request.GET["question"])).first()
    initial = {"suggested_by": question.pk, "theme": question.theme_id, "kind": "area_for_development",
               "text": ""} if question else {}
    form = FindingForm(request.POST or None, audit=audit, initial=initial)
    return service_form(
        request, form,
        save=lambda form: conduct.add_finding(actor=request.user, audit=audit, **form.cleaned_data),
        success_message="Finding recorded", success_url=reverse("audits:audit_findings", args=[audit.pk]),
        template="audits/audit/audit_findings.html",
        context=_context(audit, "Findings", question=question, suggestions=suggestions(audit),
                         findings=[link.finding for link in audit.finding_links.select_related("finding__theme")],
                         submit_text="Record the finding"))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_action_create(request, pk):
    audit = _conducted(request, pk)
    if audit.state == State.WITHDRAWN:
        return locked_redirect(request, audit)
    managers = team_managers(audit.team)
    # Anyone with a role may own an action; the team's manager is the default owner (§9.1).
    owners = get_user_model().objects.filter(is_active=True).exclude(profile__role="").order_by("first_name", "pk")
    form = ActionForm(request.POST or None, owners=owners,
                      findings=Finding.objects.filter(case_audit_link__audit=audit),
                      initial={"owner": managers.first().pk if managers.exists() else None, "priority": "medium"})

    def save(form):
        data = dict(form.cleaned_data)
        data["due_date"] = data["due_date"] or conduct.default_due_date(data["kind"])
        return conduct.add_action(actor=request.user, audit=audit, **data)

    return service_form(request, form, save=save, success_message="Action set", success_url=_detail(audit),
                        context=_context(audit, "Set an action", submit_text="Set the action"))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_submit(request, pk):
    audit = _conducted(request, pk)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    if request.method == "POST":
        version = request.POST.get(VERSION, "")
        return service_action(
            request, lambda: submission.submit_audit(actor=request.user, audit=audit,
                                                     expected_version=int(version) if version.isdigit() else None),
            success_message="Audit submitted: the worker and the team's managers have been told",
            redirect_to=lambda result: _detail(audit) if result else reverse("audits:audit_submit",
                                                                              args=[audit.pk]))
    return render(request, "audits/audit/audit_submit.html", _context(
        audit, "Check and submit the audit", problems=submission.submission_problems(audit),
        reflection=audit.responses.filter(kind=Response.Kind.WORKER_REFLECTION).exists()))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_amend(request, pk):
    audit = audit_for(request, pk, Perm.AMEND_AUDIT)
    if audit.state not in CaseAudit.DONE_STATES:
        return render(request, "audits/audit/audit_submit.html", _context(
            audit, "Amend the audit", problems=["Only a submitted audit can be amended: edit the draft instead"]))
    questions = applicable_questions(audit)
    initial = {**AmendForm.initial_for(audit, questions), "overall_grade": audit.overall_grade_id,
               "next_steps": audit.next_steps}
    form = AmendForm(request.POST or None, audit=audit, questions=questions, initial=initial)
    return service_form(
        request, form,
        save=lambda form: submission.amend_audit(
            actor=request.user, audit=audit, reason=form.cleaned_data["reason"], answers=form.answers(),
            overall_grade=form.cleaned_data["overall_grade"], next_steps=form.cleaned_data["next_steps"],
            expected_version=version_of(form)),
        success_message="Audit amended: the change is kept as a new revision",
        success_url=reverse("audits:audit_history", args=[audit.pk]),
        stored_values=lambda a: {**AmendForm.initial_for(a, questions), "overall_grade": a.overall_grade,
                                 "next_steps": a.next_steps},
        context=_context(audit, "Amend the audit", submit_text="Save the amendment",
                         intro="Change what needs changing and say why. The audit as submitted is kept."))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_reallocate(request, pk):
    audit = audit_for(request, pk, Perm.MANAGE_ROUNDS)
    if audit.state not in EDITABLE:
        return locked_redirect(request, audit)
    auditors = (get_user_model().objects.filter(is_active=True, profile__role__in=AUDITOR_ROLES)
                .exclude(pk=audit.auditor_id).order_by("first_name", "last_name", "pk"))
    form = ReallocateForm(request.POST or None, auditors=auditors, initial={VERSION: audit.version})
    return service_form(
        request, form,
        save=lambda form: conduct.reallocate_audit(actor=request.user, audit=audit,
                                                   auditor=form.cleaned_data["auditor"],
                                                   expected_version=version_of(form)),
        success_message="Audit reallocated: the new auditor has been told", success_url=_detail(audit),
        stored_values=lambda a: {"auditor": a.auditor},
        context=_context(audit, "Reallocate the audit", submit_text="Reallocate"))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_withdraw(request, pk):
    """Withdraw the audit's child from the round (§4.2), through the round's own service."""
    audit = audit_for(request, pk, Perm.MANAGE_ROUNDS)
    if audit.state not in EDITABLE or audit.sample_entry_id is None:
        return locked_redirect(request, audit)
    form = WithdrawForm(request.POST or None)
    return service_form(
        request, form,
        save=lambda form: sample_changes.withdraw_entry(actor=request.user, round=audit.round,
                                                        entry=audit.sample_entry, **form.cleaned_data),
        success_message="Audit withdrawn", success_url=_detail(audit),
        context=_context(audit, "Withdraw the audit", submit_text="Withdraw",
                         intro="The child leaves the round's sample. A replacement, if chosen, goes to the same "
                               "auditor."))


def _respond(request, pk, kind, title):
    audit = audit_for(request, pk, Perm.RESPOND)
    if not responses.may_write(request.user, audit, kind):
        raise PermissionDenied(Perm.RESPOND)
    response = Response.objects.filter(audit=audit, kind=kind).first()
    form = ResponseForm(request.POST or None, kind=kind,
                        initial={VERSION: response.version if response else 0, "text": response.text if response
                                 else ""})
    return service_form(
        request, form,
        save=lambda form: responses.write_response(actor=request.user, audit=audit, kind=kind,
                                                   text=form.cleaned_data["text"],
                                                   expected_version=version_of(form) if response else None),
        success_message="Saved: the auditor has been told", success_url=_detail(audit),
        stored_values=lambda r: {"text": r.text},
        context=_context(audit, title, submit_text="Save",
                         intro="You can change this until the audit is submitted."))


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_reflection(request, pk):
    return _respond(request, pk, Response.Kind.WORKER_REFLECTION, "Your reflection on the audit")


@requires(Perm.VIEW_AUDIT, methods=EDIT)
def audit_manager_comment(request, pk):
    return _respond(request, pk, Response.Kind.MANAGER_COMMENT, "Your comment on the audit")


urlpatterns = [
    path("<int:pk>/share/", audit_share, name="audit_share"),
    path("<int:pk>/conversation/", audit_conversation, name="audit_conversation"),
    path("<int:pk>/family/", audit_family, name="audit_family"),
    path("<int:pk>/outcome/", audit_outcome, name="audit_outcome"),
    path("<int:pk>/findings/", audit_findings, name="audit_findings"),
    path("<int:pk>/actions/new/", audit_action_create, name="audit_action_create"),
    path("<int:pk>/submit/", audit_submit, name="audit_submit"),
    path("<int:pk>/amend/", audit_amend, name="audit_amend"),
    path("<int:pk>/reallocate/", audit_reallocate, name="audit_reallocate"),
    path("<int:pk>/withdraw/", audit_withdraw, name="audit_withdraw"),
    path("<int:pk>/reflection/", audit_reflection, name="audit_reflection"),
    path("<int:pk>/manager-comment/", audit_manager_comment, name="audit_manager_comment"),
]
