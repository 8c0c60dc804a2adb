"""What every page's layout needs: council name, the user's role, and the menu."""

from django.conf import settings
from django.urls import reverse

from . import site
from .predicates import role_of


def layout(request):
    user = getattr(request, "user", None)
    nav_items = []
    if user is not None and user.is_authenticated:
        for item in site.menu_items():  # each app registers its own (core/site.py)
            if user.has_perm(item.permission):
                href = reverse(item.url_name)
                active = request.path == href or (href != "/" and request.path.startswith(href))
                nav_items.append({"text": item.label, "href": href, "active": active})
    return {
        "service_name": settings.TRIANGULATE["SERVICE_NAME"],
        "council_name": site.council_name(),
        "user_role": role_of(user) if user is not None else None,
        "nav_items": nav_items,
        "footer_links": [{"text": "Accessibility", "href": reverse("core:accessibility")},
                         {"text": "Privacy", "href": reverse("core:privacy")}],
    }
