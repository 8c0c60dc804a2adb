import logging

from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_safe
from markupsafe import Markup

from triangulate.core import housekeeping, site
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


log = logging.getLogger(__name__)


@require_safe  # GET and HEAD: load balancers probe with either
def health(request):
    """For the council's load balancer and monitoring (docs/deployment.md, "Health check"): 200 "ok" when the
    database answers a trivial query, else 503 "unavailable". `?worker=1` also needs a job worker's heartbeat
    from the last two minutes: monitoring asks that, a load balancer should not (a stopped worker does not stop
    the pages). Public and cheap: one or two indexed reads, nothing written, no session (an anonymous request's
    empty session is never saved, SESSION_SAVE_EVERY_REQUEST or not). The body never says which part failed or
    why: the reason goes to the log, for the council's IT team only."""
    healthy = _database_answers() and (request.GET.get("worker") != "1" or _worker_alive())
    return HttpResponse("ok" if healthy else "unavailable", status=200 if healthy else 503,
                        content_type="text/plain")


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError as error:
        # the exception's type only: psycopg's message names the database's host
        log.warning("health check: the database did not answer (%s)", type(error).__name__)
        return False


def _worker_alive():
    try:
        alive = housekeeping.worker_alive()
    except DatabaseError as error:
        log.warning("health check: the job worker's heartbeat could not be read (%s)", type(error).__name__)
        return False
    if not alive:
        log.warning("health check: no job worker has beaten in the last %s seconds",
                    housekeeping.WORKER_FRESH_SECONDS)
    return alive


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
