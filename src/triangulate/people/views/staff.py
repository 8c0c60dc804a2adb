from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from triangulate.core.views.common import attach_errors, form_page
from triangulate.core.views.decorators import requires

from .. import selectors, services
from ..forms import MoveForm, NewStaffForm, StaffForm
from ..models import StaffMember, TeamMembership

EDIT = ("GET", "POST")


@requires("people.view_staff")
def staff_list(request):
    today = timezone.localdate()
    staff = (selectors.staff_visible_to(request.user).in_post_on(today)
             .prefetch_related(Prefetch("memberships", queryset=TeamMembership.objects.current(today)
                                        .select_related("team"), to_attr="current_spells")))
    return render(request, "people/staff_list.html", {
        "title": "Staff", "staff": staff, "can_manage": request.user.has_perm("people.manage_staff")})


@requires("people.view_staff")
def staff_detail(request, pk):
    member = get_object_or_404(selectors.staff_visible_to(request.user), pk=pk)
    spells = member.memberships.select_related("team").order_by("-start_date")
    return render(request, "people/staff_detail.html", {
        "title": member.full_name, "member": member, "spells": spells,
        "can_manage": request.user.has_perm("people.manage_staff")})


@requires("people.manage_staff", methods=EDIT)
def staff_create(request):
    form = NewStaffForm(request.POST or None, initial={"fte": 1, "employment": StaffMember.Employment.PERMANENT})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member = services.add_staff(actor=request.user, council=selectors.the_council(), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{member.full_name} added")
            return redirect("people:staff_detail", member.pk)
    return form_page(request, form, title="Add a member of staff", back_url=reverse("people:staff_list"),
                     back_text="Back to staff", submit_text="Add member of staff")


@requires("people.manage_staff", methods=EDIT)
def staff_edit(request, pk):
    member = get_object_or_404(StaffMember, pk=pk)
    form = StaffForm(request.POST or None, instance=StaffMember.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff(actor=request.user, member=member,
                                  **{f: form.cleaned_data[f] for f in StaffForm.Meta.fields})
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{member.full_name} updated")
            return redirect("people:staff_detail", member.pk)
    return form_page(request, form, title=f"Change {member.full_name}",
                     back_url=reverse("people:staff_detail", args=[pk]), back_text="Back to the member of staff",
                     intro="To record a leaver, enter their leaving date: their team spell ends on that day.")


@requires("people.manage_staff", methods=EDIT)
def staff_move(request, pk):
    member = get_object_or_404(StaffMember, pk=pk)
    form = MoveForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.move_staff(actor=request.user, staff=member, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{member.full_name} moved to {form.cleaned_data['team'].name}")
            return redirect("people:staff_detail", member.pk)
    return form_page(request, form, title=f"Move {member.full_name} to another team",
                     back_url=reverse("people:staff_detail", args=[pk]), back_text="Back to the member of staff")
