from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from triangulate.core.views.common import attach_errors
from triangulate.core.views.decorators import requires

from .. import services
from ..forms import ChangeAccessForm, NewAccountForm


@requires("people.manage_users")
def user_list(request):
    users = get_user_model().objects.select_related("profile", "profile__staff").order_by("username")
    return render(request, "people/user_list.html", {"title": "User accounts", "users": users})


@requires("people.manage_users", methods=("GET", "POST"))
def user_create(request):
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_account(
                actor=request.user, username=data["username"], password=data["password"],
                first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                role=data["role"], staff=data["staff"], teams=data["teams"], service_areas=data["service_areas"],
                expires_at=data["expires_at"])
        except ValidationError as error:
            attach_errors(form, error, rename={"expires_at": "expires_on"})
        else:
            messages.success(request, f"Account {user.username} created")
            return redirect("people:user_list")
    return render(request, "people/user_form.html", {"title": "Create an account", "form": form, "new": True})


@requires("people.manage_users", methods=("GET", "POST"))
def user_edit(request, pk):
    account = get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)
    profile = getattr(account, "profile", None)
    initial = {}
    if profile:
        initial = {"role": profile.role, "staff": profile.staff_id, "teams": list(profile.teams.all()),
                   "service_areas": list(profile.service_areas.all()),
                   "expires_on": timezone.localtime(profile.expires_at).date() if profile.expires_at else None}
    form = ChangeAccessForm(request.POST or None, initial=initial, account=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_access(actor=request.user, user=account, role=data["role"], staff=data["staff"],
                                   teams=data["teams"], service_areas=data["service_areas"],
                                   expires_at=data["expires_at"], new_password=data["new_password"])
        except ValidationError as error:
            attach_errors(form, error, rename={"expires_at": "expires_on"})
        else:
            messages.success(request, f"Access for {account.username} updated")
            return redirect("people:user_list")
    return render(request, "people/user_form.html", {"title": f"Change access for {account.username}",
                                                     "form": form, "account": account})
