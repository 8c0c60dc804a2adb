"""The staffing page (design §4, §6, §7): the DfE census measures on a reference date for the council, its service
areas and its teams; the trend at each 30 September of the last five years and at each month's end in the last year,
for the council or (`?unit=area-<pk>`, `team-<pk>`) a service area or team the reader sees; the ASYE cohorts.

Who sees what (the letters FOOFOOOOOF): the council's and every service area's figures for all who may open the page;
team rows for the teams in the reader's scope (a team or service manager their own, as on the caseload pages and
people's team list); an elected member the council's figures only, under disclosure control (staffing_display.py).
No person is named anywhere on the page."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from triangulate.core import charts
from triangulate.core.views.decorators import requires
from triangulate.people.scope import ALL, team_scope
from triangulate.people.selectors import teams_visible_to, the_council

from .. import staffing_data as data
from ..rules import Perm
from ..staffing_display import Audience, cohort_row, unit_row

TREND_SERIES = (("turnover", "Turnover rate"), ("agency_rate", "Agency rate"), ("stability", "Stability"))


def _trend_chart(rows):
    drawn = [{"series": name, "date": row["on"], "value": row["values"][key]}
             for key, name in TREND_SERIES for row in rows]
    if all(p["value"] is None for p in drawn):
        return None
    return charts.render(charts.line(drawn, y_title="Per cent", percent=True), id="staffing-trend")


def _visible_teams(picture, user):
    visible = set(teams_visible_to(user).values_list("pk", flat=True))
    out = []
    for team in picture.teams:
        f = picture.staffing.teams.get(team.pk)
        if team.pk not in visible or f is None:
            continue
        counted = f.permanent_headcount or f.agency_headcount or f.starters_headcount or f.leavers_headcount
        if not team.is_active and not counted:
            continue  # a closed team with nobody to count on the date
        out.append(team)
    return out


def _units(picture, teams, audience):
    """The units the reader sees, as (value for ?unit=, label, kind, team, figures of a Staffing): the council; for a
    reader of individuals each service area and the teams in their scope."""
    units = [("council", "Council", "council", None, lambda s: s.council)]
    if audience.controlled:
        return units
    for key, name in picture.service_areas.items():
        units.append((f"area-{'none' if key is None else key}", name, "service_area", None,
                      lambda s, key=key: s.service_areas.get(key)))
    for team in teams:
        units.append((f"team-{team.pk}", team.name, "team", team, lambda s, pk=team.pk: s.teams.get(pk)))
    return units


def _in_no_team(staffing):
    """People in post on the date in no team: the council counts them, no team or service area does."""
    def heads(f):
        return f.permanent_headcount + f.agency_headcount
    return heads(staffing.council) - sum(heads(f) for f in staffing.teams.values())


def _series(points, label, kind, of, audience):
    return [{"on": s.on, **unit_row(label, of(s), audience, kind=kind)} for s in points if of(s) is not None]


@requires(Perm.VIEW_STAFFING)
def staffing(request):
    council = the_council()
    today = timezone.localdate()
    when = data.reference_date(request.GET.get("on"), today)
    audience = Audience.for_user(request.user)
    context = {"title": "Staffing", "when": when, "today": today, "controlled": audience.controlled,
               "threshold": audience.threshold, "council": council}
    if council is None:
        return render(request, "workforce/staffing.html", context)
    picture = data.picture(council, when.on)
    teams = [] if audience.controlled else _visible_teams(picture, request.user)
    units = _units(picture, teams, audience)
    chosen = next((u for u in units if u[0] == (request.GET.get("unit") or "council")), None)
    if chosen is None:
        raise Http404("No such council, service area or team among those you may see")
    value, label, kind, _, of = chosen
    trend = _series(picture.trend, label, kind, of, audience)
    context.update({
        "rows": [unit_row(label, of(picture.staffing), audience, kind=kind, team=team)
                 for _, label, kind, team, of in units if of(picture.staffing) is not None],
        "units": [(v, ("" if k == "council" else ("Service area: " if k == "service_area" else "Team: ")) + name)
                  for v, name, k, _, _ in units],
        "unit": value, "unit_label": "the council" if kind == "council" else label,
        "trend": trend, "chart": _trend_chart(trend),
        "monthly": _series(picture.monthly, label, kind, of, audience),
        "cohorts": [cohort_row(c, audience) for c in picture.cohorts],
        "team_scoped": not audience.controlled and team_scope(request.user) != ALL,
        "no_team": 0 if audience.controlled else _in_no_team(picture.staffing),
    })
    return render(request, "workforce/staffing.html", context)


urlpatterns = [path("staffing/", staffing, name="staffing")]
