from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse

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


class SignInView(auth_views.LoginView):
    template_name = "core/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@requires(Perm.VIEW_HOME, methods=("POST",))
def keep_alive(request):
    """"Stay signed in" on the timeout warning (static/triangulate/session.js). Any signed-in request renews the
    idle timeout (SESSION_SAVE_EVERY_REQUEST); this one does nothing else. Signed out, it redirects to sign-in."""
    return JsonResponse({"idle_seconds": settings.SESSION_COOKIE_AGE})
