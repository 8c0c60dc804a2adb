"""Guests' pages (design §3.4, §9.1): invite a guest (or send a new link), end a guest's access, the guest's welcome
page, and "Your practice visits" for every assessor.

The welcome page is public (core's PUBLIC_URL_NAMES): its one-time link is the credential, checked before anything
about the account is shown. The organiser sees an invitation's link once, on the page answering the POST; it is
kept nowhere but in the email. An assessor record is looked up by pk and its event's permission asked (403): the
page shows nothing of a team's records."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from triangulate.core.formatting import date_uk
from triangulate.core.forms import GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form

from ..assessor_visits import visits_of
from ..models import Assessor, PracticeEvent
from ..rules import Perm
from ..services import guests as services
from ..services.publish import event_dates

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)
PASSWORD_RULES = "At least 12 characters; not a common password, not only numbers, and not like your name or username"


def _assessors_page(event):
    return reverse("practice:event_assessors", args=[event.pk])


def _guest(request, pk):
    assessor = get_object_or_404(Assessor.objects.select_related("event", "user__profile"), pk=pk)
    if not request.user.has_perm(Perm.MANAGE_EVENT, assessor):
        raise PermissionDenied(Perm.MANAGE_EVENT)
    return assessor


@requires(Perm.MANAGE_EVENT, methods=EDIT)
def guest_invite(request, pk):
    """GET: what inviting does (or why it cannot be done now); POST: invite, or send a new link, and show the link
    once."""
    assessor = _guest(request, pk)
    event, back = assessor.event, _assessors_page(assessor.event)
    again = assessor.kind == Assessor.Kind.GUEST and assessor.user_id is not None
    if request.method == "POST":
        send = services.new_link if again else services.invite_guest
        try:
            link = send(actor=request.user, assessor=assessor)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("practice:guest_invite", pk=assessor.pk)
        assessor.refresh_from_db()
        return render(request, "practice/guests/invite_sent.html", {
            "title": f"Link sent to {assessor.name}", "assessor": assessor, "event": event, "link": link,
            "back_url": back, "days": _link_days()})
    if not again:
        refusal = services.invite_refusal(assessor)
    elif not assessor.user.profile.is_current():
        refusal = f"{assessor.name}'s access has ended: a new link would not let them in."
    else:
        refusal = services.invitation_refusal(event)
    ends_at = assessor.user.profile.expires_at if again else services.access_ends_at(event)
    return render(request, "practice/guests/invite.html", {
        "title": f"Send {assessor.name} a new link" if again else f"Invite {assessor.name}", "assessor": assessor,
        "event": event, "again": again, "refusal": refusal, "back_url": back, "days": _link_days(),
        "ends_on": date_uk(timezone.localtime(ends_at).date()) if ends_at else ""})


def _link_days():
    return settings.PASSWORD_RESET_TIMEOUT // 86400


@requires(Perm.MANAGE_EVENT, methods=POST)
def guest_end_access(request, pk):
    assessor = _guest(request, pk)
    return service_action(
        request, lambda: services.end_guest_access(actor=request.user, assessor=assessor),
        success_message=f"{assessor.name}'s access has ended. Their handed-in notes stay.",
        redirect_to=_assessors_page(assessor.event))


class WelcomeForm(SetPasswordForm):
    """The guest's first password, checked by the council's password rules against their account."""

    error_summary = GovukForm.error_summary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "Enter the password again"
        self.fields["new_password1"].error_messages["required"] = "Choose a password"
        self.fields["new_password2"].error_messages["required"] = "Enter the password again"
        self.fields["new_password1"].help_text = PASSWORD_RULES
        self.fields["new_password2"].help_text = ""
        self.error_messages["password_mismatch"] = "The two passwords do not match"
        for field in self.fields.values():
            field.widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})


# As Django's password reset does: the token leaves the address bar at once (kept in the session, the address then
# says "set-password"), so it is not sent on as a Referer or kept in the browser's history and the server's logs.
SESSION_TOKEN = "_practice_guest_link_token"
SET_PASSWORD = "set-password"


def _expired(request):
    return render(request, "practice/guests/welcome_expired.html", {"title": "This link does not work",
                                                                     "message": services.LINK_EXPIRED})


@require_http_methods(["GET", "HEAD", "POST"])
def guest_welcome(request, uidb64, token):
    """Public: the guest's one-time link. A link that has been used, replaced or has expired says so and shows
    nothing of the account."""
    user = services.user_of_link(uidb64)
    if token != SET_PASSWORD:
        if not services.link_works(user, token):
            return _expired(request)
        request.session[SESSION_TOKEN] = token
        return redirect("practice:guest_welcome", uidb64=uidb64, token=SET_PASSWORD)
    token = request.session.get(SESSION_TOKEN, "")
    if not services.link_works(user, token):
        return _expired(request)
    form = WelcomeForm(user, request.POST or None)

    def save(form):
        guest = services.accept_invitation(actor=user, token=token, password=form.cleaned_data["new_password1"])
        request.session.pop(SESSION_TOKEN, None)
        login(request, guest, backend="django.contrib.auth.backends.ModelBackend")
        return guest

    events = (PracticeEvent.objects.filter(assessors__user=user).exclude(status=PracticeEvent.Status.CANCELLED)
              .distinct().order_by("starts_on"))
    return service_form(
        request, form, save=save, template="practice/guests/welcome.html",
        success_message="Your password is set and you are signed in", success_url=reverse("practice:my_visits"),
        context={"title": "Welcome to Triangulate", "guest": user, "submit_text": "Set my password",
                 "events": [(event, event_dates(event)) for event in events],
                 "ends_on": date_uk(timezone.localtime(user.profile.expires_at).date())})


@requires(Perm.OBSERVE)
def my_visits(request):
    """Every assessor's own visits across events (staff and guests), drawn for a tablet: one card per visit."""
    events = visits_of(request.user)
    today = timezone.localdate()
    upcoming = [e for e in events if e.event.ends_on >= today]
    earlier = sorted((e for e in events if e.event.ends_on < today), key=lambda e: e.event.starts_on, reverse=True)
    profile = getattr(request.user, "profile", None)
    guest = profile is not None and not profile.role
    return render(request, "practice/guests/my_visits.html", {
        "title": "Your practice visits", "upcoming": upcoming, "earlier": earlier, "guest": guest,
        "ends_on": date_uk(timezone.localtime(profile.expires_at).date()) if guest and profile.expires_at else ""})


urlpatterns = [
    path("assessors/<int:pk>/invite/", guest_invite, name="guest_invite"),
    path("assessors/<int:pk>/end-access/", guest_end_access, name="guest_end_access"),
    path("guest/<uidb64>/<token>/", guest_welcome, name="guest_welcome"),
    path("mine/", my_visits, name="my_visits"),
]
