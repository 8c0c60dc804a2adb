"""Every page needs a signed-in user, except the few listed as public."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve
from django.urls.exceptions import Resolver404

# practice:guest_welcome is a guest's one-time link to set their password (docs/design/practice.md §3.4): its
# token is the credential, so the page answers before anyone is signed in.
# The health check's answer pages (docs/design/workforce.md §5.2): an unaddressed link is the credential, and
# answering must not need (or name) an account.
# The data feed's endpoints (docs/design/estate.md §4): a bearer token in the Authorization header is the
# credential, checked by the feed's own view (feed/views/endpoints.py), which never uses a session.
FEED_URL_NAMES = {"feed:kpis", "feed:audits", "feed:observations", "feed:actions", "feed:children"}
# sso:start and sso:callback are the way in with the council's account (docs/design/estate.md §1.5).
PUBLIC_URL_NAMES = {"core:login", "core:health", "sso:start", "sso:callback", "practice:guest_welcome", "workforce:health_link",
                    "workforce:health_answer", "workforce:health_thanks", "workforce:health_code", *FEED_URL_NAMES}


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.view_name in PUBLIC_URL_NAMES:
            return self.get_response(request)
        return redirect_to_login(request.get_full_path())
