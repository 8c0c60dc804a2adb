"""The moderation pages (design §3.4, §5, §9.1): the list of moderations, one moderation (where the moderator
agrees or re-grades, and a QA lead or PSW allocates it), selecting an audit by request, and the agreement report
with its figures per auditor (VIEW_AUDITOR_FIGURES only).

Who reaches which page: the council-wide readers (QA leads, PSWs, senior leaders, inspectors) see every
moderation; a moderator sees the ones given to them; the audit's auditor reads its outcome once it is finished.
Every moderation is read through `moderations_visible_to` first (404), then checked (403)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.http import require_http_methods

from triangulate.core.access_log import log_child_access
from triangulate.core.concurrency import StaleEdit, VersionField, version_of
from triangulate.core.formatting import date_uk
from triangulate.core.forms import GovukForm
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from ..models import AuditRound, Grade, Moderation
from ..rules import Perm
from ..selectors import audits_visible_to, moderations_visible_to
from ..services import moderation as services
from ..services.agreement import agreement_figures

Status = Moderation.Status
WAITING = (Status.SELECTED, Status.ALLOCATED)
ROLES_GIVEN_MODERATIONS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.AUDITOR, Role.QA_LEAD,
                           Role.PRINCIPAL_SOCIAL_WORKER, Role.SENIOR_LEADER)


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class ModerateForm(GovukForm):
    version = VersionField()
    grade = forms.ModelChoiceField(
        queryset=Grade.objects.none(), widget=forms.RadioSelect, empty_label=None,
        label="What overall grade would you give?",
        help_text="Choose the auditor's grade to agree with it, or another grade to re-grade the audit.",
        error_messages={"required": "Choose the grade you would give"})
    reason_text = forms.CharField(
        label="Why would you give this grade?", widget=forms.Textarea, required=False, max_length=5000,
        help_text="Required when you re-grade; optional when you agree.")
    learning = forms.CharField(
        label="Learning for the auditor (optional)", widget=forms.Textarea, required=False, max_length=5000,
        help_text="What the auditor did well, or could do differently next time.")

    def __init__(self, *args, moderation, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["grade"]
        field.queryset = moderation.audit.tool_version.grade_scale.grades.order_by("-value")
        field.label_from_instance = lambda grade: (
            f"{grade.label} (the auditor's grade)" if grade.pk == moderation.auditor_grade_id else grade.label)


class AllocateForm(GovukForm):
    version = VersionField()
    moderator = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label="Moderator",
                                       error_messages={"required": "Choose a moderator", "invalid_choice": (
                                           "Choose someone who can moderate this audit: not its auditor, and not "
                                           "from its team")})

    def __init__(self, *args, moderation, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["moderator"]
        field.queryset = moderator_choices(moderation)
        field.label_from_instance = _person


def moderator_choices(moderation):
    """Everyone who could be given this moderation: a role that moderates, not its auditor, not its team's."""
    users = (get_user_model().objects.filter(is_active=True, profile__role__in=ROLES_GIVEN_MODERATIONS)
             .select_related("profile").order_by("first_name", "last_name", "username"))
    allowed = [u.pk for u in users if services.moderator_conflict(moderation, u) is None]
    return users.filter(pk__in=allowed)


def may_list(user):
    """The list is for the council-wide readers and for moderators (an auditor, or anyone given one)."""
    return (user.has_perm(Perm.VIEW_AUDITOR_FIGURES) or role_of(user) == Role.AUDITOR
            or Moderation.objects.filter(moderator=user).exists())


def _may_read(user, moderation):
    """The council-wide readers, its moderator, and the audit's auditor once it is finished (their feedback)."""
    return (user.has_perm(Perm.VIEW_AUDITOR_FIGURES) or user.has_perm(Perm.MODERATE, moderation)
            or (moderation.status in Moderation.DONE_STATUSES and moderation.audit.auditor_id == user.pk))


def _visible(user):
    return moderations_visible_to(user).select_related(
        "audit__team", "audit__round", "audit__auditor", "auditor_grade", "moderator_grade", "moderator")


@require_http_methods(["GET", "HEAD"])
def moderation_list(request):
    if not may_list(request.user):
        raise PermissionDenied(Perm.MODERATE)
    moderations = _visible(request.user)
    if not request.user.has_perm(Perm.VIEW_AUDITOR_FIGURES):
        moderations = moderations.filter(moderator=request.user)
    show = "all" if request.GET.get("show") == "all" else "waiting"
    if show == "waiting":
        moderations = moderations.filter(status__in=WAITING)
    can_manage = request.user.has_perm(Perm.MANAGE_MODERATION)
    # The rounds with moderations waiting for a moderator, each with an "Allocate all" button.
    to_allocate = (AuditRound.objects.filter(audits__moderation__status=Status.SELECTED)
                   .annotate(waiting=Count("audits__moderation")).order_by("-audits_due", "-pk")) if can_manage else []
    return render(request, "audits/moderation/moderation_list.html", {
        # Not yet allocated (no due date) first, on every database: they are the ones that need someone.
        "title": "Moderation", "show": show, "moderations": list(moderations.order_by(F("due_date").asc(nulls_first=True), "pk")[:500]),
        "can_manage": can_manage, "to_allocate": to_allocate,
        "can_see_figures": request.user.has_perm(Perm.VIEW_AUDITOR_FIGURES),
    })


def _audit_url(audit):
    try:  # the audit's own pages are another slice's; until they exist the page links nowhere
        return reverse("audits:audit_detail", args=[audit.pk])
    except NoReverseMatch:
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def moderation_detail(request, pk):
    # A role that never reads a moderation is refused before anything is looked up (403, not 404).
    if not (request.user.has_perm(Perm.MODERATE) or request.user.has_perm(Perm.VIEW_AUDITOR_FIGURES)):
        raise PermissionDenied(Perm.MODERATE)
    moderation = get_object_or_404(_visible(request.user), pk=pk)
    if not _may_read(request.user, moderation):
        raise PermissionDenied(Perm.MODERATE)
    can_moderate = moderation.status == Status.ALLOCATED and request.user.has_perm(Perm.MODERATE, moderation)
    if request.method == "POST" and not can_moderate:
        raise PermissionDenied(Perm.MODERATE)
    audit = moderation.audit
    log_child_access(request, [audit.child_id], resource="audit", detail={"moderation": moderation.pk})
    can_allocate = moderation.status in WAITING and request.user.has_perm(Perm.MANAGE_MODERATION)
    form = ModerateForm(request.POST or None, moderation=moderation,
                        initial={"version": moderation.version})  # no grade chosen for them: a real judgement
    context = {
        "title": "Moderation", "moderation": moderation, "audit": audit, "audit_url": _audit_url(audit),
        "auditor": _person(audit.auditor) or audit.auditor_name, "moderator": _person(moderation.moderator),
        "can_moderate": can_moderate, "can_allocate": can_allocate,
        "allocate_form": AllocateForm(moderation=moderation, initial={
            "version": moderation.version, "moderator": moderation.moderator_id}) if can_allocate else None,
    }
    return service_form(
        request, form,
        save=lambda form: services.moderate(
            actor=request.user, moderation=moderation, grade=form.cleaned_data["grade"],
            reason_text=form.cleaned_data["reason_text"], learning=form.cleaned_data["learning"],
            expected_version=version_of(form)),
        success_message=lambda m: "You agreed with the auditor's grade" if m.status == Status.AGREED
        else f"You re-graded the audit {m.moderator_grade.label}; the auditor and the QA leads are told",
        success_url=reverse("audits:moderation_detail", args=[pk]),
        template="audits/moderation/moderation_detail.html", context=context)


@requires(Perm.MANAGE_MODERATION, methods=("POST",))
def moderation_allocate(request, pk):
    moderation = get_object_or_404(_visible(request.user), pk=pk)
    back = reverse("audits:moderation_detail", args=[pk])
    form = AllocateForm(request.POST, moderation=moderation)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(back)
    try:
        services.allocate_moderator(actor=request.user, moderation=moderation,
                                    moderator=form.cleaned_data["moderator"], expected_version=version_of(form))
    except StaleEdit:
        messages.error(request, "Someone changed this moderation after you opened the page, so nothing was saved. "
                                "Check it and allocate again.")
    except forms.ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Allocated to {_person(form.cleaned_data['moderator'])}, due "
                                  f"{date_uk(moderation.due_date)}")
    return redirect(back)


@requires(Perm.MANAGE_MODERATION, methods=("POST",))
def moderation_allocate_all(request, pk):
    """"Allocate all" (§3.4): the round's selected moderations, balanced over the round's auditors as §4.3 does."""
    round_ = get_object_or_404(AuditRound, pk=pk)

    def message(result):
        done, left = result
        if not done and not left:
            return f"No moderations in {round_.name} are waiting for a moderator"
        text = f"{len(done)} {'moderation' if len(done) == 1 else 'moderations'} allocated"
        return text + (f"; {left} could not be given to anyone in the round's pool: allocate them one by one"
                       if left else "")

    return service_action(request, lambda: services.allocate_all(actor=request.user, round=round_),
                          success_message=message, redirect_to=reverse("audits:moderation_list"))


@requires(Perm.MANAGE_MODERATION, methods=("POST",))
def moderation_select(request, pk):
    audit = get_object_or_404(audits_visible_to(request.user), pk=pk)
    return service_action(
        request, lambda: services.request_moderation(actor=request.user, audit=audit),
        success_message="The audit is selected for moderation: allocate a moderator",
        redirect_to=lambda m: reverse("audits:moderation_detail", args=[m.pk]) if m
        else (_audit_url(audit) or reverse("audits:moderation_list")))


@requires(Perm.VIEW_AUDITOR_FIGURES)
def moderation_report(request):
    rounds = AuditRound.objects.filter(audits__moderation__isnull=False).distinct().order_by("-audits_due", "-pk")
    chosen = request.GET.get("round", "")
    round_ = rounds.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    moderations = _visible(request.user).select_related("auditor_grade__scale", "moderator_grade__scale")
    if round_ is not None:
        moderations = moderations.filter(audit__round=round_)
    moderations = list(moderations)
    figures = agreement_figures(services.moderation_outcomes(moderations))
    return render(request, "audits/moderation/moderation_report.html", {
        "title": "Moderation: agreement", "rounds": rounds, "round": round_, "figures": figures,
        "waiting": sum(1 for m in moderations if m.status in WAITING),
    })


urlpatterns = [
    path("moderation/", moderation_list, name="moderation_list"),
    path("moderation/<int:pk>/", moderation_detail, name="moderation_detail"),
    path("moderation/<int:pk>/allocate/", moderation_allocate, name="moderation_allocate"),
    path("moderation/allocate-all/<int:pk>/", moderation_allocate_all, name="moderation_allocate_all"),
    path("<int:pk>/moderate/", moderation_select, name="moderation_select"),
    path("reports/moderation/", moderation_report, name="moderation_report"),
]
