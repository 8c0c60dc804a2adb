"""What every page's layout needs: council name, the user's role, and the menu."""

from django.conf import settings
from django.urls import reverse

from . import site
from .notifications import unread_count
from .predicates import role_of


def layout(request):
    user = getattr(request, "user", None)
    nav_items, unread = [], 0
    if user is not None and user.is_authenticated:
        unread = unread_count(user)
        for item in site.menu_items():  # each app registers its own (core/site.py)
            if user.has_perm(item.permission):
                nav_items.append({"text": item.label, "href": reverse(item.url_name), "active": False})
        # The current item is the one whose address is the longest start of this page's: on
        # /performance/timescales/ that is Timescales, not Performance as well.
        matching = [n for n in nav_items if request.path == n["href"] or (n["href"] != "/" and
                                                                           request.path.startswith(n["href"]))]
        if matching:
            max(matching, key=lambda n: len(n["href"]))["active"] = True
    return {
        "service_name": settings.TRIANGULATE["SERVICE_NAME"],
        "council_name": site.council_name(),
        "user_role": role_of(user) if user is not None else None,
        "nav_items": nav_items,
        "unread_notifications": unread,
        "idle_seconds": settings.SESSION_COOKIE_AGE,  # the timeout warning's clock (static/triangulate/session.js)
        "footer_links": [{"text": "Accessibility", "href": reverse("core:accessibility")},
                         {"text": "Privacy", "href": reverse("core:privacy")}],
    }
