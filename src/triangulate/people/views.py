from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from triangulate.core.views.decorators import requires

from . import selectors, services
from .forms import AccessForm, NewAccountForm
from .models import TeamMembership


@requires("people.view_council")
def council(request):
    return render(request, "people/council.html", {"title": "Council profile", "council": selectors.the_council()})


@requires("people.view_teams")
def team_list(request):
    teams = list(selectors.team_staffing(selectors.teams_visible_to(request.user).filter(is_active=True)))
    return render(request, "people/team_list.html", {
        "title": "Teams", "teams": teams, "show_links": request.user.has_perm("people.view_staff"),
    })


@requires("people.view_staff")
def team_detail(request, pk):
    team = get_object_or_404(selectors.teams_visible_to(request.user), pk=pk)
    staffing = next(selectors.team_staffing(type(team).objects.filter(pk=team.pk)))
    today = timezone.localdate()
    spells = TeamMembership.objects.filter(team=team).select_related("staff").order_by("staff__last_name")
    current = [s for s in spells if s.end_date is None or s.end_date > today]
    current = [s for s in current if s.staff.is_in_post(today)]
    former = [s for s in spells if s not in current][:50]
    return render(request, "people/team_detail.html", {
        "title": team.name, "team": team, "staffing": staffing, "current": current, "former": former,
    })


@requires("people.view_staff")
def staff_list(request):
    today = timezone.localdate()
    staff = (selectors.staff_visible_to(request.user).in_post_on(today)
             .prefetch_related(Prefetch("memberships", queryset=TeamMembership.objects.current(today)
                                        .select_related("team"), to_attr="current_spells")))
    return render(request, "people/staff_list.html", {"title": "Staff", "staff": staff})


@requires("people.view_staff")
def staff_detail(request, pk):
    member = get_object_or_404(selectors.staff_visible_to(request.user), pk=pk)
    spells = member.memberships.select_related("team").order_by("-start_date")
    return render(request, "people/staff_detail.html", {"title": member.full_name, "member": member,
                                                        "spells": spells})


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
            _attach(form, error)
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
    form = AccessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_access(actor=request.user, user=account, role=data["role"], staff=data["staff"],
                                   teams=data["teams"], service_areas=data["service_areas"],
                                   expires_at=data["expires_at"])
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Access for {account.username} updated")
            return redirect("people:user_list")
    return render(request, "people/user_form.html", {"title": f"Change access for {account.username}",
                                                     "form": form, "account": account})


def _attach(form, error):
    for field, messages_ in error.message_dict.items():
        form.add_error("expires_on" if field == "expires_at" else field, messages_)
