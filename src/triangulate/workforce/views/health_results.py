"""The health check's results and its plan (design §5.3, §5.4).

Results: published, everyone's with VIEW_HEALTH; before that the health leads' (views.health.check_for). The council
figure needs `min_responses` responses; a team's figure too, with "Other teams" and the second suppression of
analytics/health.py; comments only council-wide and only to the health leads. Year on year against last year's
published check, by question key.

The plan: "you said" (an improvement finding), "we will" (its actions, with owner, due date and status) and "we expect
you"; read with the results, written by the health leads once the check is closed."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_form
from triangulate.improvement.forms import OwnerChoiceField
from triangulate.improvement.selectors import possible_owners

from .. import health_chart
from .. import health_results as stored
from ..analytics import health as analytics
from ..models import HealthPlanItem, HealthTheme
from ..rules import Perm
from ..services import health_plan as plan_services
from .health import check_for

EDIT = ("GET", "HEAD", "POST")


def _theme_rows(found):
    """[(theme label, council ThemeResult, [(QuestionResult, question, change)])] in the questions' order."""
    council = found.results.council
    rows = {}
    for q in found.questions:
        rows.setdefault(q.theme, []).append((council.questions[q.key], q, found.change.get(q.key)))
    return [(HealthTheme(t).label, council.themes[t], qs) for t, qs in rows.items()]


def _team_columns(found):
    """[(label, GroupResult)] for every group shown apart from the council: each team shown alone, then Other
    teams (the page names the teams in it under the table: a row header forty teams long would not fit)."""
    cols = [(found.teams[t].name if t in found.teams else "No team", r) for t, r in found.results.teams]
    if found.results.other is not None:
        cols.append((analytics.OTHER_TEAMS, found.results.other))
    return cols


def _theme_years(found):
    """[{label, agree, disagree, last, change}] for each theme, council-wide: this year's shares and last year's
    published share agreeing (None when the theme was not asked or had no share)."""
    council, before = found.results.council, found.last_council
    rows = []
    for theme, now in council.themes.items():
        was = before.themes.get(theme) if before is not None else None
        last = was.agree if was is not None else None
        rows.append({"label": HealthTheme(theme).label, "agree": now.agree, "disagree": now.disagree, "last": last,
                     "change": 100 * (now.agree - last) if now.agree is not None and last is not None else None})
    return rows


def _theme_finding(rows, found):
    """One line for the chart: the themes most and least agreed with, and how many rose since last year."""
    shared = [r for r in rows if r["agree"] is not None]
    if not shared:
        return "No theme had an answer other than \"don't know\"."
    high = max(shared, key=lambda r: r["agree"])
    low = min(shared, key=lambda r: r["agree"])
    if analytics.percent(high["agree"]) == analytics.percent(low["agree"]):
        line = f"Every theme: {analytics.percent(high['agree'])} agreeing."
    else:
        line = (f"Most agreement on {high['label'].lower()} ({analytics.percent(high['agree'])}), least on "
                f"{low['label'].lower()} ({analytics.percent(low['agree'])}).")
    compared = [r for r in rows if r["change"] is not None]
    if found.last is not None and compared:
        up = sum(analytics.points(r["change"]).startswith("+") for r in compared)
        line += f" {up} of {len(compared)} themes rose since {found.last.year}."
    return line


@requires(Perm.VIEW_HEALTH)
def health_results(request, pk):
    check = check_for(request, pk)
    manage = request.user.has_perm(Perm.MANAGE_HEALTH, check)
    found = stored.results_of(check)
    council = found.results.council
    themes = [t for t in dict.fromkeys(q.theme for q in found.questions)]
    years = _theme_years(found) if council else []
    last_year = found.last.year if found.last is not None and found.last_council is not None else None
    chart = health_chart.render([(r["label"], r["agree"], r["last"]) for r in years], this_year=check.year,
                                last_year=last_year) if years else None
    return render(request, "workforce/health/results.html", {
        "title": f"Results: {check.title}", "check": check, "found": found, "council": council,
        "theme_rows": _theme_rows(found) if council else [], "theme_years": years, "theme_chart": chart,
        "theme_finding": _theme_finding(years, found) if years else "", "last_year": last_year, "team_columns": _team_columns(found) if council else [],
        "pooled_names": ", ".join(found.teams[t].name if t in found.teams else "No team"
                                  for t in found.results.grouping.pooled) if council else "",
        "themes": [(t, HealthTheme(t).label) for t in themes], "manage": manage,
        "rates": stored.response_rates(check, found.teams),
        "comments": stored.comments(check) if manage and council else [],
        "percent": analytics.percent, "points": analytics.points, "responses": check.responses.count(),
        "back_url": reverse("workforce:health_detail", args=[check.pk])})


@requires(Perm.VIEW_HEALTH)
def health_plan(request, pk):
    check = check_for(request, pk)
    manage = request.user.has_perm(Perm.MANAGE_HEALTH, check)
    return render(request, "workforce/health/plan.html", {
        "title": f"You said, we will, we expect you: {check.title}", "check": check, "manage": manage,
        "rows": plan_services.plan_rows(check), "planning": check.status in plan_services.PLANNING,
        "back_url": reverse("workforce:health_detail", args=[check.pk])})


class WeWillForm(GovukForm):
    we_will = forms.CharField(label="We will", max_length=200,
                              error_messages={"required": "Enter what we will do",
                                              "max_length": "What we will do must be 200 characters or fewer"})
    owner = OwnerChoiceField(label="Owner", queryset=None, empty_label="Select an owner",
                             error_messages={"required": "Select who owns the action"})
    due_date = GovukDateField(label="Due date", label_lower="due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = possible_owners()


class PlanItemForm(WeWillForm):
    theme = forms.ChoiceField(label="Theme", choices=[("", "Select a theme")] + HealthTheme.choices,
                              error_messages={"required": "Select a theme"})
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                               help_text="What staff told us, in their words where you can. Never a name.",
                               error_messages={"required": "Enter what staff said"})
    we_expect_you = forms.CharField(label="We expect you (optional)", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["theme", "you_said", "we_will", "owner", "due_date", "we_expect_you"]


def _plan_url(check):
    return reverse("workforce:health_plan", args=[check.pk])


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_plan_add(request, pk):
    check = check_for(request, pk, manage=True)
    form = PlanItemForm(request.POST or None)
    return service_form(
        request, form,
        save=lambda form: plan_services.add_plan_item(actor=request.user, health_check=check, **form.cleaned_data),
        success_message="The row is added: its finding and action are on the improvement plan",
        success_url=_plan_url(check),
        context={"title": "Add a row to the plan", "caption": check.title, "back_url": _plan_url(check),
                 "submit_text": "Add the row"})


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_plan_will(request, pk):
    item = get_object_or_404(HealthPlanItem.objects.select_related("health_check", "finding"), pk=pk)
    check = check_for(request, item.health_check_id, manage=True)
    form = WeWillForm(request.POST or None)
    return service_form(
        request, form,
        save=lambda form: plan_services.add_we_will(actor=request.user, item=item, **form.cleaned_data),
        success_message="The action is added", success_url=_plan_url(check),
        context={"title": "Add what we will do", "caption": f"You said: {item.you_said[:80]}",
                 "back_url": _plan_url(check), "submit_text": "Add the action"})


urlpatterns = [
    path("health-check/<int:pk>/results/", health_results, name="health_results"),
    path("health-check/<int:pk>/plan/", health_plan, name="health_plan"),
    path("health-check/<int:pk>/plan/new/", health_plan_add, name="health_plan_add"),
    path("health-check/plan/<int:pk>/we-will/", health_plan_will, name="health_plan_will"),
]
