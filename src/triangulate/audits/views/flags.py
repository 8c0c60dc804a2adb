"""The safeguarding flag pages (design §3.3, §9.1): the list, a flag's page with its history and the
managers' and raiser's forms, and raising one from an audit.

Every page about one flag or audit first asks the page-level question "may this user ever read an audit?"
(403), then finds the record among those the user knows of (404), then asks the page's own permission about
it (403), which gives design §8's letters."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from triangulate.core import exports
from triangulate.core.access_log import log_child_access
from triangulate.core.audit import AuditEvent
from triangulate.core.concurrency import VERSION, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from ..forms_flags import CloseFlagForm, FlagActionForm, RaiseFlagForm
from ..models import SafeguardingFlag
from ..rules import Perm
from ..selectors import audits_visible_to, flags_visible_to
from ..services import flags as services

Status = SafeguardingFlag.Status


def flags_known_to(user):
    """Flags the user may read, and flags on audits the user may read (whose pages then answer 403, not
    404: the user knows the audit exists)."""
    return (SafeguardingFlag.objects.filter(Q(pk__in=flags_visible_to(user).values("pk"))
                                            | Q(audit__in=audits_visible_to(user).values("pk")))
            .select_related("team", "audit", "audit__round", "raised_by"))


def flag_for(request, pk, perm):
    flag = get_object_or_404(flags_known_to(request.user), pk=pk)
    if not request.user.has_perm(perm, flag):
        raise PermissionDenied(perm)
    return flag


def audit_url(user, flag):
    """The flag's audit's page, for a user who may read it."""
    if not audits_visible_to(user).filter(pk=flag.audit_id).exists():
        return None
    return reverse("audits:audit_detail", args=[flag.audit_id])


def is_overdue(flag, now):
    return flag.status == Status.RAISED and services.acknowledgement_due(flag.raised_at) <= now


@requires(Perm.VIEW_FLAGS)
def flag_list(request):
    show = request.GET.get("show", "open")
    flags = flags_visible_to(request.user).select_related("team", "audit__round", "raised_by")
    if show != "all":
        flags = flags.filter(status__in=services.OPEN)
    now = timezone.now()
    rows = [(flag, services.acknowledgement_due(flag.raised_at), is_overdue(flag, now)) for flag in flags]
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        # The concern and the child stay on the flag's page: the list's download carries neither (§9.2).
        return exports.download(request, fmt, filename="safeguarding-flags", headers=[
            "Flag", "Team", "Round", "Raised on", "Raised at stage", "Status", "Acknowledgement due", "Overdue",
            "Times sent back", "Escalated on"], rows=[
            [flag.pk, flag.team.name, flag.audit.round.name, timezone.localtime(flag.raised_at).date(),
             flag.get_stage_display(), flag.get_status_display(), timezone.localtime(due).date(),
             "Yes" if overdue else "No", flag.returned_count,
             timezone.localtime(flag.escalated_at).date() if flag.escalated_at else ""]
            for flag, due, overdue in rows], sheet="Safeguarding flags")
    return render(request, "audits/flags/flag_list.html", {
        "title": "Safeguarding flags", "rows": rows, "show": show})


@requires(Perm.VIEW_AUDIT)
def flag_detail(request, pk):
    flag = flag_for(request, pk, Perm.VIEW_FLAGS)
    log_child_access(request, [flag.audit.child_id], resource="flag", detail={"flag": flag.pk})
    user, due = request.user, services.acknowledgement_due(flag.raised_at)
    return render(request, "audits/flags/flag_detail.html", {
        "title": "Safeguarding flag", "flag": flag, "due_day": timezone.localtime(due).date() - timedelta(days=1),
        "overdue": is_overdue(flag, timezone.now()),
        "history": AuditEvent.objects.filter(object_type=flag._meta.label_lower, object_id=str(flag.pk))
                                     .select_related("actor").order_by("occurred_at", "pk"),
        "can_respond": flag.status in (Status.RAISED, Status.ACKNOWLEDGED) and user.has_perm(Perm.RESPOND_FLAG, flag),
        "can_close": flag.status in services.OPEN and user.has_perm(Perm.CLOSE_FLAG, flag),
        "audit_url": audit_url(user, flag),
        VERSION: flag.version,
    })


@requires(Perm.VIEW_AUDIT, methods=("GET", "POST"))
def flag_create(request, pk):
    audit = get_object_or_404(audits_visible_to(request.user).select_related("team"), pk=pk)
    if not request.user.has_perm(Perm.RAISE_FLAG, audit):
        raise PermissionDenied(Perm.RAISE_FLAG)
    form = RaiseFlagForm(request.POST or None)
    return service_form(
        request, form,
        save=lambda form: services.raise_flag(actor=request.user, audit=audit, concern=form.cleaned_data["concern"]),
        success_message=lambda flag: f"Flag raised: the managers of {flag.team.name} have been told",
        success_url=lambda flag: reverse("audits:flag_detail", args=[flag.pk]),
        context={"title": "Raise an immediate safeguarding concern", "caption": f"Audit in {audit.team.name}",
                 "submit_text": "Raise the flag", "back_url": reverse("audits:flag_list"),
                 "back_text": "Back to safeguarding flags"})


@requires(Perm.VIEW_AUDIT, methods=("POST",))
def flag_acknowledge(request, pk):
    flag = flag_for(request, pk, Perm.RESPOND_FLAG)
    version = request.POST.get(VERSION, "")
    return service_action(
        request, lambda: services.acknowledge_flag(actor=request.user, flag=flag,
                                                   expected_version=int(version) if version.isdigit() else None),
        success_message="Flag acknowledged: the person who raised it has been told",
        redirect_to=reverse("audits:flag_detail", args=[flag.pk]))


@requires(Perm.VIEW_AUDIT, methods=("GET", "POST"))
def flag_action(request, pk):
    flag = flag_for(request, pk, Perm.RESPOND_FLAG)
    form = FlagActionForm(request.POST or None, initial={VERSION: flag.version, "action_taken": flag.action_taken})
    return service_form(
        request, form,
        save=lambda form: services.record_flag_action(actor=request.user, flag=flag, expected_version=version_of(form),
                                                      action_taken=form.cleaned_data["action_taken"]),
        success_message="Action recorded: the person who raised the flag and the QA leads have been told",
        success_url=reverse("audits:flag_detail", args=[flag.pk]),
        stored_values=lambda flag: {"action_taken": flag.action_taken},
        context={"title": "Record the action taken", "caption": f"Safeguarding flag in {flag.team.name}",
                 "submit_text": "Record the action", "back_url": reverse("audits:flag_detail", args=[flag.pk]),
                 "back_text": "Back to the flag"})


@requires(Perm.VIEW_AUDIT, methods=("GET", "POST"))
def flag_close(request, pk):
    flag = flag_for(request, pk, Perm.CLOSE_FLAG)
    form = CloseFlagForm(request.POST or None, initial={VERSION: flag.version})

    def save(form):
        data, expected = form.cleaned_data, version_of(form)
        if data["decision"] == "return":
            return services.return_flag(actor=request.user, flag=flag, reason=data["note"], expected_version=expected)
        return services.close_flag(actor=request.user, flag=flag, note=data["note"], expected_version=expected)

    return service_form(
        request, form, save=save,
        success_message=lambda flag: ("Flag closed" if flag.status == Status.CLOSED
                                      else "Flag sent back: the team's managers have been told"),
        success_url=reverse("audits:flag_detail", args=[flag.pk]),
        rename={"reason": "note"},
        stored_values=lambda flag: {"decision": "", "note": ""},
        context={"title": "Close the flag or send it back", "caption": f"Safeguarding flag in {flag.team.name}",
                 "intro": f"Action recorded: {flag.action_taken}" if flag.action_taken else
                          "No action has been recorded on this flag yet.",
                 "submit_text": "Continue", "back_url": reverse("audits:flag_detail", args=[flag.pk]),
                 "back_text": "Back to the flag"})


urlpatterns = [
    path("flags/", flag_list, name="flag_list"),
    path("flags/<int:pk>/", flag_detail, name="flag_detail"),
    path("flags/<int:pk>/acknowledge/", flag_acknowledge, name="flag_acknowledge"),
    path("flags/<int:pk>/action/", flag_action, name="flag_action"),
    path("flags/<int:pk>/close/", flag_close, name="flag_close"),
    path("<int:pk>/flag/", flag_create, name="flag_create"),
]
