"""The workforce index (design §6): caseloads, weighting, staffing and the health check, each listed for those who
may open it."""

from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from triangulate.core.views.decorators import requires

from ..rules import Perm

# (title, what it shows, url name, permission): a section whose page is not built yet is left out
SECTIONS = (
    ("Caseloads", "Each team's caseloads against its target, over time, and the cases nobody holds.",
     "workforce:caseloads", Perm.VIEW_CASELOADS),
    ("Workload: teams by loading", "Each team's weighted work against its workers' capacity, in bands, and each "
     "worker's cases for their managers.", "workforce:loading", Perm.VIEW_CASELOADS),
    ("Workload weighting", "How the council weighs a case by its kind and complexity, and a worker's capacity.",
     "workforce:scheme", Perm.VIEW_SCHEME),
    ("Staffing", "Posts filled, vacancies, agency staff, turnover and stability, and the ASYE cohorts.",
     "workforce:staffing", Perm.VIEW_STAFFING),
    ("The social work health check", "What staff told us, anonymously, and what we are doing about it.",
     "workforce:health_list", Perm.VIEW_HEALTH),
)


def _sections(user):
    out = []
    for title, text, name, permission in SECTIONS:
        if not user.has_perm(permission):
            continue
        try:
            out.append({"title": title, "text": text, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return out


@requires(Perm.VIEW_WORKFORCE)
def index(request):
    return render(request, "workforce/index.html", {"title": "Workforce", "sections": _sections(request.user)})


urlpatterns = [path("", index, name="index")]
