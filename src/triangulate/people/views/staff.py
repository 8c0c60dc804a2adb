from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from .. import selectors, services
from ..forms import MoveForm, NewStaffForm, StaffForm
from ..models import StaffMember, TeamMembership
from ..rules import Perm

EDIT = ("GET", "POST")


@requires(Perm.VIEW_STAFF)
def staff_list(request):
    today = timezone.localdate()
    staff = (selectors.staff_visible_to(request.user).in_post_on(today)
             .prefetch_related(Prefetch("memberships", queryset=TeamMembership.objects.current(today)
                                        .select_related("team"), to_attr="current_spells")))
    return render(request, "people/staff_list.html", {
        "title": "Staff", "staff": staff, "can_manage": request.user.has_perm(Perm.MANAGE_STAFF)})


@requires(Perm.VIEW_STAFF)
def staff_detail(request, pk):
    member = get_object_or_404(selectors.staff_visible_to(request.user), pk=pk)
    spells = member.memberships.select_related("team").order_by("-start_date")
    return render(request, "people/staff_detail.html", {
        "title": member.full_name, "member": member, "spells": spells,
        "can_manage": request.user.has_perm(Perm.MANAGE_STAFF)})


@requires(Perm.MANAGE_STAFF, methods=EDIT)
def staff_create(request):
    form = NewStaffForm(request.POST or None, initial={"fte": 1, "employment": StaffMember.Employment.PERMANENT})
    return service_form(
        request, form,
        save=lambda form: services.add_staff(actor=request.user, council=selectors.the_council(),
                                             **form.cleaned_data),
        success_message=lambda member: f"{member.full_name} added",
        success_url=lambda member: reverse("people:staff_detail", args=[member.pk]),
        context={"title": "Add a member of staff", "back_url": reverse("people:staff_list"),
                 "back_text": "Back to staff", "submit_text": "Add member of staff"})


@requires(Perm.MANAGE_STAFF, methods=EDIT)
def staff_edit(request, pk):
    member = get_object_or_404(StaffMember, pk=pk)
    form = StaffForm(request.POST or None, instance=StaffMember.objects.get(pk=pk), initial={VERSION: member.version})
    return service_form(
        request, form,
        save=lambda form: services.update_staff(actor=request.user, member=member, expected_version=version_of(form),
                                                **submitted_values(form, StaffForm.Meta.fields)),
        success_message=lambda member: f"{member.full_name} updated",
        success_url=reverse("people:staff_detail", args=[pk]),
        context={"title": f"Change {member.full_name}", "back_url": reverse("people:staff_detail", args=[pk]),
                 "back_text": "Back to the member of staff",
                 "intro": "To record a leaver, enter their leaving date: their team spell ends on that day."})


@requires(Perm.MANAGE_STAFF, methods=EDIT)
def staff_move(request, pk):
    member = get_object_or_404(StaffMember, pk=pk)
    form = MoveForm(request.POST or None, initial={"on": timezone.localdate()})
    return service_form(
        request, form, save=lambda form: services.move_staff(actor=request.user, staff=member, **form.cleaned_data),
        success_message=lambda spell: f"{member.full_name} moved to {spell.team.name}",
        success_url=reverse("people:staff_detail", args=[pk]),
        context={"title": f"Move {member.full_name} to another team",
                 "back_url": reverse("people:staff_detail", args=[pk]), "back_text": "Back to the member of staff"})
