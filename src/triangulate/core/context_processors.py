"""What every page's layout needs: council name, the user's role, and the menu."""

from django.conf import settings
from django.urls import reverse

from .predicates import role_of

# (label, url name, permission): shown only to users who hold the permission.
NAVIGATION = [
    ("Home", "core:home", "core.view_home"),
    ("Performance", "performance:dashboard", "performance.view_kpis"),
    ("Teams", "people:team_list", "people.view_teams"),
    ("Staff", "people:staff_list", "people.view_staff"),
    ("Findings", "improvement:finding_list", "improvement.view_findings"),
    ("Actions", "improvement:action_list", "improvement.view_actions"),
    ("Themes", "core:theme_list", "core.view_themes"),
    ("Council", "people:council", "people.view_council"),
    ("Data", "datasets:upload_list", "datasets.view_uploads"),
    ("Users", "people:user_list", "people.manage_users"),
    ("Audit trail", "core:audit_event_list", "core.view_audit_events"),
]


def _council_name():
    from triangulate.people.models import Council  # late: people depends on core

    council = Council.objects.only("name").first()
    return council.name if council else "Children's services"


def layout(request):
    user = getattr(request, "user", None)
    nav_items = []
    if user is not None and user.is_authenticated:
        for label, url_name, perm in NAVIGATION:
            if user.has_perm(perm):
                href = reverse(url_name)
                active = request.path == href or (href != "/" and request.path.startswith(href))
                nav_items.append({"text": label, "href": href, "active": active})
    return {
        "service_name": settings.TRIANGULATE["SERVICE_NAME"],
        "council_name": _council_name(),
        "user_role": role_of(user) if user is not None else None,
        "nav_items": nav_items,
        "footer_links": [{"text": "Accessibility", "href": reverse("core:accessibility")},
                         {"text": "Privacy", "href": reverse("core:privacy")}],
    }
