"""The staffing page (design §4, §6, §7): the DfE census measures on a reference date for the council, its service
areas and its teams; the trend at each 30 September of the last five years; the ASYE cohorts.

Who sees what (the letters FOOFOOOOOF): the council's and every service area's figures for all who may open the page;
team rows for the teams in the reader's scope (a team or service manager their own, as on the caseload pages and
people's team list); an elected member the council's figures only, under disclosure control (staffing_display.py).
No person is named anywhere on the page."""

from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from triangulate.core import charts
from triangulate.core.views.decorators import requires
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


def _unit_rows(picture, user, audience):
    s = picture.staffing
    rows = [unit_row("Council", s.council, audience, kind="council")]
    if audience.controlled:
        return rows
    for key, name in picture.service_areas.items():
        if key in s.service_areas:
            rows.append(unit_row(name, s.service_areas[key], audience, kind="service_area"))
    visible = set(teams_visible_to(user).values_list("pk", flat=True))
    for team in picture.teams:
        f = s.teams.get(team.pk)
        if team.pk not in visible or f is None:
            continue
        counted = f.permanent_headcount or f.agency_headcount or f.starters_headcount or f.leavers_headcount
        if not team.is_active and not counted:
            continue  # a closed team with nobody to count on the date
        rows.append(unit_row(team.name, f, audience, team=team))
    return rows


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
    trend = [{"on": s.on, **unit_row("Council", s.council, audience, kind="council")} for s in picture.trend]
    context.update({
        "rows": _unit_rows(picture, request.user, audience),
        "trend": trend, "chart": _trend_chart(trend),
        "cohorts": [cohort_row(c, audience) for c in picture.cohorts],
        "team_scoped": not audience.controlled and teams_visible_to(request.user).filter(council=council).count()
        < len(picture.teams),
    })
    return render(request, "workforce/staffing.html", context)


urlpatterns = [path("staffing/", staffing, name="staffing")]
