from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from markupsafe import Markup

from triangulate.core import site
from triangulate.core.predicates import role_of
from triangulate.core.views.decorators import requires

from ..rules import Perm


@require_GET
def home(request):
    role = role_of(request.user)
    # each app's panel (core/site.py), rendered with its own context: core knows none of them. An account without
    # a role (a practice guest) gets only the panels made for it.
    panels = [Markup(render_to_string(panel.template, context, request=request))
              for panel, context in site.home_panels(request.user, roleless_only=role is None)]
    if role is None and not panels:
        # Signed in but not yet given a role: say so plainly, show nothing else.
        return render(request, "core/no_role.html", {"title": "You do not have a role yet"})
    return render(request, "core/home.html", {"title": "Home", "role": role, "panels": panels})


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html", {"title": "Accessibility statement"})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html", {"title": "Privacy notice"})


@require_GET
def health(request):
    return HttpResponse("ok", content_type="text/plain")


@requires(Perm.VIEW_AUDIT_EVENTS)
def audit_event_list(request):
    from triangulate.core.selectors import recent_audit_events

    return render(request, "core/audit_event_list.html",
                  {"title": "Audit trail", "events": recent_audit_events(limit=200)})


@requires(Perm.VIEW_ACCESS_LOG)
def access_log_list(request):
    from triangulate.core.selectors import recent_access_log

    return render(request, "core/access_log_list.html",
                  {"title": "Access to children's records", "entries": recent_access_log(limit=200)})
