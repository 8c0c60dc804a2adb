from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from triangulate.core.predicates import role_of
from triangulate.core.views.decorators import requires
from triangulate.improvement import selectors as improvement
from triangulate.people import selectors as people


@require_GET
def home(request):
    role = role_of(request.user)
    if role is None:
        # Signed in but not yet given a role: say so plainly, show nothing else.
        return render(request, "core/no_role.html", {"title": "You do not have a role yet"})
    context = {"title": "Home", "role": role}
    if request.user.has_perm("improvement.view_actions"):
        context["actions_summary"] = improvement.action_summary(request.user)
        context["my_actions"] = improvement.actions_owned_by(request.user)[:10]
    context["teams_in_scope"] = people.teams_visible_to(request.user).count()
    return render(request, "core/home.html", context)


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html", {"title": "Accessibility statement"})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html", {"title": "Privacy notice"})


@require_GET
def health(request):
    return HttpResponse("ok", content_type="text/plain")


@requires("core.view_audit_events")
def audit_event_list(request):
    from triangulate.core.selectors import recent_audit_events

    return render(request, "core/audit_event_list.html",
                  {"title": "Audit trail", "events": recent_audit_events(limit=200)})


@requires("core.view_access_log")
def access_log_list(request):
    from triangulate.core.selectors import recent_access_log

    return render(request, "core/access_log_list.html",
                  {"title": "Access to children's records", "entries": recent_access_log(limit=200)})
