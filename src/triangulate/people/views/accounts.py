from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from triangulate.core.concurrency import VERSION, current_version, submitted, submitted_values, version_of
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form

from .. import services
from ..forms import ChangeAccessForm, NewAccountForm
from ..rules import Perm


@requires(Perm.MANAGE_USERS)
def user_list(request):
    users = get_user_model().objects.select_related("profile", "profile__staff").order_by("username")
    return render(request, "people/user_list.html", {"title": "User accounts", "users": users})


@requires(Perm.MANAGE_USERS, methods=("GET", "POST"))
def user_create(request):
    form = NewAccountForm(request.POST or None)
    fields = ("username", "password", "first_name", "last_name", "email", "role", "staff", "teams", "service_areas",
              "expires_at")
    return service_form(
        request, form, template="people/user_form.html", rename={"expires_at": "expires_on"},
        save=lambda form: services.create_account(actor=request.user, **{f: form.cleaned_data[f] for f in fields}),
        success_message=lambda user: f"Account {user.username} created", success_url=reverse("people:user_list"),
        context={"title": "Create an account", "new": True})


@requires(Perm.MANAGE_USERS, methods=("GET", "POST"))
def user_edit(request, pk):
    account = get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)
    profile = getattr(account, "profile", None)
    form = ChangeAccessForm(request.POST or None, initial={**_access_initial(profile), VERSION: current_version(profile)},
                            account=account)

    def save(form):
        # Only what the page sent: a POST without the role keeps the role, and so on; the account's
        # switched-off state is never touched here.
        values = submitted_values(form, ("role", "staff", "teams", "service_areas", "new_password"))
        if "expires_on" in submitted(form):
            values["expires_at"] = form.cleaned_data["expires_at"]
        return services.change_access(actor=request.user, user=account, expected_version=version_of(form), **values)

    return service_form(
        request, form, save=save, template="people/user_form.html", rename={"expires_at": "expires_on"},
        success_message=f"Access for {account.username} updated", success_url=reverse("people:user_list"),
        stored_values=_access_initial, audited=lambda profile: profile.user,
        context={"title": f"Change access for {account.username}", "account": account})


def _access_initial(profile):
    """The account's access as the form's values."""
    if profile is None:
        return {}
    return {"role": profile.role, "staff": profile.staff_id, "teams": list(profile.teams.all()),
            "service_areas": list(profile.service_areas.all()),
            "expires_on": timezone.localtime(profile.expires_at).date() if profile.expires_at else None}
