"""Token-authenticated URLs (the data feed, docs/design/estate.md §4) never set a cookie.

The session and CSRF machinery run for every request: the sign-in middleware asks who is signed in, which loads
the session, and with SESSION_SAVE_EVERY_REQUEST a caller that sent a session cookie would get it back refreshed.
A feed client (Power BI, Excel) is no browser and has no session; a feed response must not start or extend one.
So this middleware, listed before SessionMiddleware (it sees the response after the session has been saved),
drops every Set-Cookie from the responses of the URLs in login_required.FEED_URL_NAMES and the Vary: Cookie the
session adds (a feed response does not depend on a cookie). The feed's views read nothing from the session."""

from .login_required import FEED_URL_NAMES


class NoCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # the view's own match, found once by the handler: every signed-in page sets the session cookie, so
        # resolving the address again here would be done on nearly every response
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else None
        if name in FEED_URL_NAMES:
            response.cookies.clear()
            vary = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
            kept = [v for v in vary if v.lower() != "cookie"]
            if kept:
                response.headers["Vary"] = ", ".join(kept)
            else:
                response.headers.pop("Vary", None)
        return response
