"""The round pages (design §3.1, §4, §9.1): the list of rounds, a round's progress with its sample and why each child
was chosen, planning and editing, the buttons that move a round on, the allocation pool, adding and withdrawing
children.

Rounds are council-wide: everyone who may see rounds sees every round's counts (§4.4). The rows that name a child
are only those the reader may read: every audit through `audits_visible_to`, and the whole sample only for those who
read every audit or manage rounds. Showing a child id logs it (resource "round_sample")."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from triangulate.core.access_log import log_child_access
from triangulate.core.concurrency import version_of
from triangulate.core.formatting import counted
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.models import StaffMember
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import the_council

from ..forms_rounds import AddChildForm, AuditorsForm, RoundForm, WithdrawForm
from ..models import AuditAction, AuditRound, CaseAudit, Moderation, SafeguardingFlag, SampleEntry
from ..models.choices import CaseType
from ..rules import READS_EVERY_AUDIT, Perm
from ..selectors import audits_visible_to
from ..services import progress as progress_of
from ..services import rounds as services
from ..services import sample_changes
from ..services.cases import latest_upload, tables_held

Status = AuditRound.Status
# §4.4: audits with an action of these kinds are the cases found for closure, step-down or transfer.
FOUND_LABELS = {AuditAction.Kind.CLOSE_CASE: "Cases found for closure", AuditAction.Kind.STEP_DOWN:
                "Cases found for step-down", AuditAction.Kind.TRANSFER: "Cases found for transfer"}


def _rounds():
    return AuditRound.objects.filter(council=the_council()).select_related("tool_version__tool")


@requires(Perm.VIEW_ROUNDS)
def round_list(request):
    rounds = list(_rounds().annotate(audit_count=Count("audits")).order_by("-audits_due", "-pk")[:200])
    return render(request, "audits/rounds/round_list.html", {
        "title": "Audit rounds", "rounds": rounds, "can_manage": request.user.has_perm(Perm.MANAGE_ROUNDS)})


def _audit_url(audit):
    try:  # the audit's own pages are another slice's
        return reverse("audits:audit_detail", args=[audit.pk])
    except NoReverseMatch:
        return None


def _team_rows(round_, result):
    counted = round_.sample_counts or {}
    rows = []
    for rt in round_.teams.select_related("team").order_by("team__name"):
        sample = counted.get(str(rt.team_id), {})
        rows.append({"team": rt.team, "size": "Every open case" if rt.every_open_case else rt.size,
                     "counts": result.teams.get(rt.team_id, progress_of.Counts()),
                     "sample": [(label, sample[value]) for value, label in CaseType.choices if value in sample]})
    return rows


def _rows_before_sharing(user):
    """§8 †: before an audit is shared, its team's managers and its worker see only its row in round progress
    (no link: the audit itself opens to them from `worker_conversation` on)."""
    role = role_of(user)
    if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        scope = team_scope(user)
        return Q() if scope == ALL else Q(team__in=scope)
    if role == Role.PRACTITIONER and user.profile.staff_id:
        return Q(worker_id=user.profile.staff_id)
    return Q(pk__in=[])


@requires(Perm.VIEW_ROUNDS)
def round_detail(request, pk):
    round_ = get_object_or_404(_rounds(), pk=pk)
    today = timezone.localdate()
    result = progress_of.progress(round_.audits.values_list("state", "due_date", "team_id"), today)
    readable = set(audits_visible_to(request.user).filter(round=round_).values_list("pk", flat=True))
    audits = list(CaseAudit.objects.filter(Q(pk__in=readable) | _rows_before_sharing(request.user), round=round_)
                  .select_related("team", "auditor").order_by("team__name", "pk"))
    for audit in audits:
        audit.status_text = progress_of.status_text(audit.state, audit.due_date, today)
        audit.url = _audit_url(audit) if audit.pk in readable else None
    can_manage = request.user.has_perm(Perm.MANAGE_ROUNDS)
    entries = SampleEntry.objects.filter(round=round_).select_related("team", "worker").order_by(
        "team__name", "case_type", "position", "pk")
    if not (can_manage or READS_EVERY_AUDIT(request.user)):
        entries = entries.filter(audit__in=[a.pk for a in audits])  # the sample rows of audits they may read
    entries = list(entries)
    log_child_access(request, [a.child_id for a in audits] + [e.child_id for e in entries], resource="round_sample",
                     detail={"round": round_.pk})
    found = dict(AuditAction.objects.filter(audit__round=round_, kind__in=list(FOUND_LABELS))
                 .values("kind").annotate(n=Count("audit", distinct=True)).values_list("kind", "n"))
    upload = latest_upload() if round_.status == Status.PLANNED else round_.upload
    return render(request, "audits/rounds/round_detail.html", {
        "title": round_.name, "round": round_, "progress": result.round, "team_rows": _team_rows(round_, result),
        "audits": audits, "entries": entries, "can_manage": can_manage,
        "found": [(label, found.get(kind, 0)) for kind, label in FOUND_LABELS.items()],
        "open_flags": SafeguardingFlag.objects.filter(audit__round=round_).exclude(
            status=SafeguardingFlag.Status.CLOSED).count(),
        "moderations_waiting": Moderation.objects.filter(
            audit__round=round_, status__in=(Moderation.Status.SELECTED, Moderation.Status.ALLOCATED)).count(),
        "left_out": (round_.sample_counts or {}).get("left_out"),
        "upload": upload, "tables_held": tables_held(upload),
        "age_warning": services.extract_age_warning(upload, today) if upload else None,
        "withdraw_form": WithdrawForm() if can_manage else None,
        "allow_change": round_.status in services.CHANGEABLE_SAMPLE,
    })


def _round_form_page(request, form, save, *, title, success):
    return service_form(request, form, save=save, success_message=success,
                        success_url=lambda r: reverse("audits:round_detail", args=[r.pk]),
                        template="audits/rounds/round_form.html",
                        context={"title": title, "back_url": reverse("audits:round_list"),
                                 "back_text": "Back to audit rounds", "submit_text": "Save round"})


@requires(Perm.MANAGE_ROUNDS, methods=("GET", "HEAD", "POST"))
def round_create(request):
    council = the_council()
    form = RoundForm(request.POST or None, council=council, initial={"case_types": CaseType.values})
    return _round_form_page(
        request, form, lambda f: services.create_round(actor=request.user, council=council, teams=f.round_teams(),
                                                       **f.values()),
        title="Plan an audit round", success=lambda r: f"Round {r.name} planned")


@requires(Perm.MANAGE_ROUNDS, methods=("GET", "HEAD", "POST"))
def round_edit(request, pk):
    round_ = get_object_or_404(_rounds(), pk=pk)
    if round_.status not in services.EDITABLE:
        if request.method == "POST":
            messages.error(request, "The round can be changed only until it is allocated.")
            return redirect("audits:round_detail", pk)
        return render(request, "audits/rounds/round_locked.html", {"title": f"Change {round_.name}", "round": round_})
    initial = {name: getattr(round_, name) for name in services.FIELDS} | {"version": round_.version}
    form = RoundForm(request.POST or None, council=round_.council, round=round_, initial=initial)
    return _round_form_page(
        request, form, lambda f: services.edit_round(actor=request.user, round=round_, teams=f.round_teams(),
                                                     expected_version=version_of(f), **f.values()),
        title=f"Change {round_.name}", success=lambda r: f"Round {r.name} saved")


def _action(request, pk, act, success):
    round_ = get_object_or_404(_rounds(), pk=pk)
    return service_action(request, lambda: act(round_), success_message=success,
                          redirect_to=reverse("audits:round_detail", args=[pk]))


@requires(Perm.MANAGE_ROUNDS, methods=("POST",))
def round_sample(request, pk):
    return _action(request, pk, lambda r: services.draw_sample(actor=request.user, round=r, upload=latest_upload()),
                   lambda r: f"Sample drawn: {counted(r.entries.count(), 'child', 'children')}")


@requires(Perm.MANAGE_ROUNDS, methods=("POST",))
def round_resample(request, pk):
    return _action(request, pk,
                   lambda r: services.redraw_sample(actor=request.user, round=r, upload=latest_upload()),
                   lambda r: f"Sample drawn again with seed {r.seed}: "
                                     f"{counted(r.entries.count(), 'child', 'children')}")


@requires(Perm.MANAGE_ROUNDS, methods=("POST",))
def round_allocate(request, pk):
    def message(result):
        text = f"{len(result.assigned)} {'audit' if len(result.assigned) == 1 else 'audits'} allocated"
        if result.unallocated:
            text += f"; {len(result.unallocated)} could not be given to anyone in the pool: see the allocation page"
        return text

    return _action(request, pk, lambda r: services.allocate_round(actor=request.user, round=r), message)


@requires(Perm.MANAGE_ROUNDS, methods=("POST",))
def round_close(request, pk):
    return _action(request, pk, lambda r: services.close_round(actor=request.user, round=r),
                   lambda r: f"Round {r.name} closed")


@requires(Perm.MANAGE_ROUNDS, methods=("POST",))
def round_cancel(request, pk):
    return _action(request, pk, lambda r: services.cancel_round(actor=request.user, round=r),
                   lambda r: f"Round {r.name} cancelled")


@requires(Perm.MANAGE_ROUNDS, methods=("GET", "HEAD", "POST"))
def round_allocation(request, pk):
    round_ = get_object_or_404(_rounds(), pk=pk)
    if request.method == "POST" and "worker" in request.POST:
        return _set_worker(request, round_)
    if request.method == "POST" and "entry" in request.POST:
        return _allocate_by_hand(request, round_)
    form = AuditorsForm(request.POST or None, round=round_)
    waiting = list(round_.entries.filter(status=SampleEntry.Status.SELECTED, audit__isnull=True)
                   .select_related("team").order_by("team__name", "case_type", "position"))
    loads = (CaseAudit.objects.filter(round=round_).exclude(state=CaseAudit.State.WITHDRAWN)
             .values("auditor__username", "auditor__first_name", "auditor__last_name")
             .annotate(n=Count("pk")).order_by("auditor__username"))
    unmatched = list(round_.entries.filter(status=SampleEntry.Status.SELECTED, worker__isnull=True)
                     .select_related("team").order_by("team__name", "case_type", "position"))
    shown = [e.child_id for e in waiting + unmatched]
    if shown:
        log_child_access(request, shown, resource="round_sample", detail={"round": round_.pk})
    return service_form(
        request, form, save=lambda f: services.set_auditors(actor=request.user, round=round_, auditors=f.pool()),
        success_message="Auditors saved", success_url=reverse("audits:round_allocation", args=[pk]),
        template="audits/rounds/round_allocation.html",
        context={"title": f"Auditors for {round_.name}", "round": round_, "waiting": waiting, "loads": list(loads),
                 "by_hand": round_.status in (Status.ALLOCATED, Status.IN_PROGRESS), "unmatched": unmatched,
                 "staff": list(StaffMember.objects.filter(council=round_.council).in_post_on(timezone.localdate())),
                 "can_change": round_.status in services.CHANGEABLE_SAMPLE,
                 "people": [p.user for p in round_.auditors.select_related("user").order_by("user__username")],
                 "back_url": reverse("audits:round_detail", args=[pk]), "back_text": "Back to the round",
                 "submit_text": "Save auditors"})


def _set_worker(request, round_):
    back = reverse("audits:round_allocation", args=[round_.pk])
    entry = SampleEntry.objects.filter(round=round_, pk=request.POST.get("entry") or 0).first()
    worker = StaffMember.objects.filter(council=round_.council, pk=request.POST.get("worker") or 0).first()
    if entry is None or worker is None:
        messages.error(request, "Choose the child's worker.")
        return redirect(back)
    return service_action(
        request, lambda: services.set_worker(actor=request.user, round=round_, entry=entry, worker=worker),
        success_message=f"Worker set to {worker.full_name}", redirect_to=back)


def _allocate_by_hand(request, round_):
    """One child, to one person (§4.3 "By hand"): the ids come in the POST body."""
    back = reverse("audits:round_allocation", args=[round_.pk])
    entry = SampleEntry.objects.filter(round=round_, pk=request.POST.get("entry") or 0).first()
    auditor = get_user_model().objects.filter(pk=request.POST.get("auditor") or 0, is_active=True).first()
    if entry is None or auditor is None:
        messages.error(request, "Choose who audits this child.")
        return redirect(back)
    return service_action(
        request, lambda: services.allocate_by_hand(actor=request.user, round=round_, entry=entry, auditor=auditor),
        success_message=f"Allocated to {auditor.get_full_name() or auditor.get_username()}", redirect_to=back)


@requires(Perm.MANAGE_ROUNDS, methods=("GET", "HEAD", "POST"))
def round_add_child(request, pk):
    round_ = get_object_or_404(_rounds(), pk=pk)
    form = AddChildForm(request.POST or None, council=round_.council)
    return service_form(
        request, form,
        save=lambda f: sample_changes.add_child(actor=request.user, round=round_, child_id=f.cleaned_data["child_id"],
                                          reason=f.cleaned_data["reason"],
                                          case_type=f.cleaned_data["case_type"] or None,
                                          team=f.cleaned_data["team"]),
        success_message="Child added to the round", success_url=reverse("audits:round_detail", args=[pk]),
        context={"title": "Add a child", "caption": round_.name,
                 "intro": "The case type, team and worker come from the round's extract when the child is in it.",
                 "back_url": reverse("audits:round_detail", args=[pk]), "back_text": "Back to the round",
                 "submit_text": "Add child"})


@require_http_methods(["POST"])
def entry_withdraw(request, pk):
    if not request.user.has_perm(Perm.MANAGE_ROUNDS):
        raise PermissionDenied(Perm.MANAGE_ROUNDS)
    entry = get_object_or_404(SampleEntry.objects.filter(round__council=the_council()).select_related("round"), pk=pk)
    form = WithdrawForm(request.POST)
    back = reverse("audits:round_detail", args=[entry.round_id])
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(back)
    data = form.cleaned_data
    return service_action(
        request, lambda: sample_changes.withdraw_entry(actor=request.user, round=entry.round, entry=entry,
                                                 reason=data["reason"], note=data["note"], replace=data["replace"]),
        success_message=lambda new: "Child withdrawn" + ("; the next child in the seeded order replaces them"
                                                         if new else ""),
        redirect_to=back)


urlpatterns = [
    path("rounds/", round_list, name="round_list"),
    path("rounds/new/", round_create, name="round_create"),
    path("rounds/<int:pk>/", round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", round_edit, name="round_edit"),
    path("rounds/<int:pk>/sample/", round_sample, name="round_sample"),
    path("rounds/<int:pk>/resample/", round_resample, name="round_resample"),
    path("rounds/<int:pk>/allocate/", round_allocate, name="round_allocate"),
    path("rounds/<int:pk>/allocation/", round_allocation, name="round_allocation"),
    path("rounds/<int:pk>/add-child/", round_add_child, name="round_add_child"),
    path("rounds/<int:pk>/close/", round_close, name="round_close"),
    path("rounds/<int:pk>/cancel/", round_cancel, name="round_cancel"),
    path("sample/<int:pk>/withdraw/", entry_withdraw, name="entry_withdraw"),
]
