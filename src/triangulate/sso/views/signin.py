"""Starting a sign-in at the council's provider and coming back from it (docs/design/estate.md §1.2, §1.5).

Both answer 404 while SSO is off. Whatever goes wrong on the way back (a state the session never issued, a token
refused, the provider unreachable, no account) ends on the sign-in page with one sentence saying what to do,
never a signed-in session and never a server error page.
"""

import logging

import requests
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import resolve_url
from mozilla_django_oidc import views as oidc

from ..backend import sso_enabled

log = logging.getLogger(__name__)

# the session key the sign-in page reads its error from (core/views/auth.py)
REFUSAL = "sso_refusal"
FAILED = "Signing in with your council account did not work. Try again; if it keeps failing, tell your IT service desk."


class Start(oidc.OIDCAuthenticationRequestView):
    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("sign-in with the council's provider is not set up")
        return super().dispatch(request, *args, **kwargs)


class Callback(oidc.OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("sign-in with the council's provider is not set up")
        try:
            return super().dispatch(request, *args, **kwargs)
        except SuspiciousOperation as problem:
            # an unknown or replayed state, a token for someone else: a security event, kept without the token
            log.warning("sign-in through the council's provider failed a check: %s", problem)
        except requests.RequestException as problem:
            log.warning("the council's provider could not be reached: %s", type(problem).__name__)
        return self._failed(FAILED)

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)  # a URL name: the library takes it as a path

    def login_failure(self):
        return self._failed(getattr(self.request, "sso_refusal", "") or FAILED)

    def _failed(self, sentence):
        if self.request.user.is_authenticated:
            logout(self.request)
        self.request.session[REFUSAL] = sentence
        return super().login_failure()
