from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode

from triangulate.core.forms import GovukForm

from ..rules import Perm
from .decorators import requires


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your system administrator.",
    }
    error_summary = GovukForm.error_summary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput()


# The session key the council provider's sign-in leaves its refusal in (sso/views/signin.py): one sentence, shown once.
SSO_REFUSAL = "sso_refusal"


class SignInView(auth_views.LoginView):
    """Passwords for local accounts (guests, inspectors, pilots) and, when the council's provider is set up
    (docs/design/estate.md §1.5), a button to sign in with the council's account above them."""

    template_name = "core/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.OIDC_RP_CLIENT_ID:
            start = reverse("sso:start")
            next_url = context.get("next")
            context["sso"] = {"name": settings.TRIANGULATE_SSO["PROVIDER_NAME"],
                              "url": f"{start}?{urlencode({'next': next_url})}" if next_url else start}
        context["sso_refusal"] = self.request.session.pop(SSO_REFUSAL, "")
        return context


class SignOutView(auth_views.LogoutView):
    """Ends our session; after a sign-in with the council's account, also the provider's (RP-initiated logout),
    so the next person at a shared computer is not signed straight back in as this one."""

    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        end_session = settings.TRIANGULATE_SSO["END_SESSION_ENDPOINT"]
        if id_token and end_session:
            query = urlencode({"id_token_hint": id_token, "client_id": settings.OIDC_RP_CLIENT_ID,
                               "post_logout_redirect_uri": request.build_absolute_uri(reverse("core:login"))})
            return HttpResponseRedirect(f"{end_session}?{query}")
        return response


@requires(Perm.VIEW_HOME, methods=("POST",))
def keep_alive(request):
    """"Stay signed in" on the timeout warning (static/triangulate/session.js). Any signed-in request renews the
    idle timeout (SESSION_SAVE_EVERY_REQUEST); this one does nothing else. Signed out, it redirects to sign-in."""
    return JsonResponse({"idle_seconds": settings.SESSION_COOKIE_AGE})
