"""The performance overview (the scorecard) and the councillor view, for the reader's audience, at the
monthly extract chosen with ?extract=YYYY-MM-DD (the latest by default)."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from triangulate.benchmarks.rules import Perm as BenchmarkPerm
from triangulate.core import exports
from triangulate.core.predicates import role_of
from triangulate.core.roles import Role
from triangulate.core.views.decorators import requires

from .. import presenters, scorecard
from ..rules import Perm


def _with_extract(name, period, **extra):
    """The page's address for the same extract (none for the latest, so a bookmark keeps up)."""
    query = dict(extra)
    if period.upload is not None and period.extracts and period.upload != period.extracts[0]:
        query["extract"] = period.upload.extract_date.isoformat()
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


@requires(Perm.VIEW_KPIS)
def dashboard(request):
    fmt = exports.requested(request)
    period = scorecard.choose_period(request.GET)
    # elected members land on the headline measures; "all measures" there asks for this page with view=all
    if role_of(request.user) == Role.ELECTED_MEMBER and not fmt and request.GET.get("view") != "all":
        return redirect(_with_extract("performance:headlines", period))
    audience = presenters.Audience.for_user(request.user)
    show_notes = request.user.has_perm(BenchmarkPerm.VIEW_NOTES)
    board = scorecard.scorecard(period, audience, show_notes) if period.upload else None
    if fmt and board:  # the page's own rows, so the same disclosure control for the same reader
        return exports.download(request, fmt, filename=f"performance-{period.upload.extract_date:%Y-%m-%d}",
                                headers=scorecard.headers(show_notes),
                                rows=scorecard.download_rows(board, period.upload, show_notes), sheet="Performance")
    return render(request, "performance/dashboard.html", {
        "title": "Performance", "upload": period.upload, "period": period, "audience": audience, "board": board,
        "show_notes": show_notes, "headlines_url": _with_extract("performance:headlines", period),
        "can_see_children": request.user.has_perm(Perm.VIEW_CHILDREN),
    })


@requires(Perm.VIEW_KPIS)
def headlines(request):
    period = scorecard.choose_period(request.GET)
    audience = presenters.Audience.for_user(request.user)
    member = role_of(request.user) == Role.ELECTED_MEMBER
    rows = scorecard.councillor_view(period, audience) if period.upload else []
    return render(request, "performance/headlines.html", {
        "title": "Headline measures", "upload": period.upload, "period": period, "audience": audience,
        "rows": rows,
        "all_url": _with_extract("performance:dashboard", period, **({"view": "all"} if member else {})),
    })
