"""The health check's pages for those who run it and read it (design §5, §6, §7): the list, a check's page with its
questions and states, editing the draft and its questions, and making a team's links.

A check is everyone's to read once published (VIEW_HEALTH); before that only the health leads' (MANAGE_HEALTH: the
QA lead, the PSW, senior leaders), so a draft, open or closed check is 403 to others. The links page shows the new
links once, on the page answering the POST, as printable slips and a CSV built into that same page: they are kept
nowhere (only their hashes are stored), so a lost sheet means making new links."""

import csv
import io
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from triangulate.core.concurrency import VersionField, submitted_values, version_of
from triangulate.core.forms import GovukDateField, GovukForm
from triangulate.core.views.decorators import requires
from triangulate.core.views.forms import service_action, service_form
from triangulate.people.models import Team
from triangulate.people.selectors import team_staffing, the_council

from .. import health_results
from ..analytics import health as analytics
from ..models import HealthCheck, HealthQuestion, HealthTheme
from ..rules import Perm
from ..services import health as services

EDIT = ("GET", "HEAD", "POST")
POST = ("POST",)


def check_for(request, pk, *, manage=False):
    """The check (404 if there is none); 403 unless the reader may see it: a published check is everyone's with
    VIEW_HEALTH, anything else (and any change) the health leads'."""
    check = get_object_or_404(HealthCheck, pk=pk)
    if manage or check.status != HealthCheck.Status.PUBLISHED:
        if not request.user.has_perm(Perm.MANAGE_HEALTH, check):
            raise PermissionDenied(Perm.MANAGE_HEALTH)
    return check


def _detail_url(check):
    return reverse("workforce:health_detail", args=[check.pk])


@requires(Perm.VIEW_HEALTH)
def health_list(request):
    manage = request.user.has_perm(Perm.MANAGE_HEALTH)
    checks = HealthCheck.objects.all()
    if not manage:
        checks = checks.filter(status=HealthCheck.Status.PUBLISHED)
    return render(request, "workforce/health/list.html", {
        "title": "The social work health check", "checks": list(checks), "manage": manage})


class CheckForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Leave blank for \"Social work health check\" and the year")
    opens_on = GovukDateField(label="Opens on", label_lower="opening date", required=False)
    closes_on = GovukDateField(label="Closes on", label_lower="closing date", required=False)
    min_responses = forms.IntegerField(label="Fewest responses for a result", min_value=3, max_value=100,
                                       help_text="A team with fewer responses has no result of its own",
                                       error_messages={"required": "Enter the fewest responses for a result",
                                                       "min_value": "The fewest responses must be 3 or more"})


class NewCheckForm(CheckForm):
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100,
                              error_messages={"required": "Enter the year"})
    field_order = ["year", "title", "opens_on", "closes_on", "min_responses"]


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_create(request):
    council = the_council()
    form = NewCheckForm(request.POST or None,
                        initial={"year": services.next_year(council), "min_responses": 6})
    return service_form(
        request, form,
        save=lambda form: services.create_check(actor=request.user, council=council,
                                                **{k: v for k, v in form.cleaned_data.items() if k != "version"}),
        success_message=lambda check: f"{check.title} started from the default questions",
        success_url=_detail_url,
        context={"title": "Start a health check", "back_url": reverse("workforce:health_list"),
                 "submit_text": "Start the health check",
                 "intro": "The check starts as a draft with the default questions, which you can change before "
                          "opening it."})


@requires(Perm.VIEW_HEALTH)
def health_detail(request, pk):
    check = check_for(request, pk)
    manage = request.user.has_perm(Perm.MANAGE_HEALTH, check)
    questions = list(check.questions.order_by("number"))
    teams = health_results.teams_of(check)
    return render(request, "workforce/health/detail.html", {
        "title": check.title, "check": check, "manage": manage, "questions": questions,
        "draft": check.status == HealthCheck.Status.DRAFT,
        "rates": health_results.response_rates(check, teams) if manage else [],
        "links": health_results.links_made(check) if manage else {},
        "responses": check.responses.count(), "percent": analytics.percent,
        "back_url": reverse("workforce:health_list")})


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_edit(request, pk):
    check = check_for(request, pk, manage=True)
    if check.status != HealthCheck.Status.DRAFT:
        messages.error(request, f"{check.title} is {check.get_status_display().lower()}, so it can no longer be "
                                "changed.")
        return redirect(_detail_url(check))
    form = CheckForm(request.POST or None, initial={
        "version": check.version, "title": check.title, "opens_on": check.opens_on, "closes_on": check.closes_on,
        "min_responses": check.min_responses})
    return service_form(
        request, form,
        save=lambda form: services.update_check(actor=request.user, health_check=check,
                                                expected_version=version_of(form), **submitted_values(form)),
        success_message="Health check saved", success_url=_detail_url(check),
        context={"title": f"Change {check.title}", "back_url": _detail_url(check)})


class QuestionForm(GovukForm):
    version = VersionField()
    theme = forms.ChoiceField(label="Theme", choices=HealthTheme.choices,
                              error_messages={"required": "Select a theme"})
    text = forms.CharField(label="Question", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "Enter the question",
                                           "max_length": "The question must be 300 characters or fewer"})


class NewQuestionForm(QuestionForm):
    kind = forms.ChoiceField(label="Kind of answer", choices=HealthQuestion.Kind.choices, widget=forms.RadioSelect,
                             initial=HealthQuestion.Kind.AGREE, error_messages={"required": "Select a kind"})
    key = forms.SlugField(label="Key (optional)", required=False, max_length=60,
                          help_text="Carries the question from year to year; made from the question if blank")


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_question_add(request, pk):
    check = check_for(request, pk, manage=True)
    form = NewQuestionForm(request.POST or None)
    return service_form(
        request, form,
        save=lambda form: services.add_question(
            actor=request.user, health_check=check,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"}),
        success_message="Question added", success_url=_detail_url(check),
        context={"title": "Add a question", "caption": check.title, "back_url": _detail_url(check)})


def _question(request, pk):
    question = get_object_or_404(HealthQuestion.objects.select_related("health_check"), pk=pk)
    check_for(request, question.health_check_id, manage=True)
    return question


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_question_edit(request, pk):
    question = _question(request, pk)
    check = question.health_check
    form = QuestionForm(request.POST or None, initial={"version": question.version, "theme": question.theme,
                                                       "text": question.text})
    return service_form(
        request, form,
        save=lambda form: services.update_question(actor=request.user, question=question,
                                                   expected_version=version_of(form), **submitted_values(form)),
        success_message=f"Question {question.number} saved", success_url=_detail_url(check),
        context={"title": f"Change question {question.number}", "caption": check.title,
                 "back_url": _detail_url(check)})


@requires(Perm.MANAGE_HEALTH, methods=POST)
def health_question_remove(request, pk):
    question = _question(request, pk)
    return service_action(request, lambda: services.remove_question(actor=request.user, question=question),
                          success_message=f"Question {question.number} removed",
                          redirect_to=_detail_url(question.health_check))


MOVES = {"open": (services.open_check, "The health check is open: links answer from now"),
         "close": (services.close_check, "The health check is closed: no more answers"),
         "publish": (services.publish_check, "The results and the plan are published")}


@requires(Perm.MANAGE_HEALTH, methods=POST)
def health_move(request, pk):
    """Open, close or publish (the button's `to`), against the version the page showed."""
    check = check_for(request, pk, manage=True)
    move, done = MOVES.get(request.POST.get("to"), (None, ""))
    if move is None:
        messages.error(request, "Choose whether to open, close or publish the health check.")
        return redirect(_detail_url(check))
    version = request.POST.get("version")
    expected = int(version) if version and version.isdigit() else None
    return service_action(request, lambda: move(actor=request.user, health_check=check, expected_version=expected),
                          success_message=done, redirect_to=_detail_url(check))


EVERY_TEAM = "every"


class LinksForm(GovukForm):
    team = forms.ChoiceField(label="Team", error_messages={"required": "Select a team"})
    count = forms.IntegerField(label="Number of links (optional)", required=False, min_value=1,
                               max_value=services.MOST_LINKS,
                               help_text="Leave blank for one a member of staff in post in the team",
                               error_messages={"min_value": "The number of links must be 1 or more",
                                               "max_value": f"The number of links must be {services.MOST_LINKS} "
                                                            "or fewer"})

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.pk): t for t in teams}
        self.fields["team"].choices = [("", "Select a team"),
                                       (EVERY_TEAM, "Every team: as many links as it has staff in post")] + [
            (pk, t.name) for pk, t in self.teams.items()]

    def clean(self):
        data = super().clean()
        if data.get("team") == EVERY_TEAM and data.get("count"):
            self.add_error("count", "Leave the number blank to make links for every team")
        return data

    def chosen_team(self):
        """The team chosen, or None for every team."""
        return self.teams.get(self.cleaned_data["team"])


@requires(Perm.MANAGE_HEALTH, methods=EDIT)
def health_links(request, pk):
    check = check_for(request, pk, manage=True)
    teams = Team.objects.filter(council=check.council, is_active=True).order_by("name")
    staffing = list(team_staffing(teams))
    form = LinksForm(request.POST or None, teams=teams)
    context = {"title": "Make links for a team", "caption": check.title, "check": check, "form": form,
               "staffing": staffing, "links": health_results.links_made(check), "back_url": _detail_url(check)}
    if request.method == "POST" and form.is_valid() and form.chosen_team() is None:
        counts = {t: t.headcount for t in staffing if t.headcount}
        try:
            made = services.make_links_for_teams(actor=request.user, health_check=check, counts=counts)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return _slips(request, check, made)
    elif request.method == "POST" and form.is_valid():
        team = form.chosen_team()
        count = form.cleaned_data["count"] or next((t.headcount for t in staffing if t.pk == team.pk), 0)
        try:
            tokens = services.make_links(actor=request.user, health_check=check, team=team, count=count)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "count" in error.error_dict and not form.cleaned_data["count"]:
                form.add_error("count", f"{team.name} has no staff in post: enter a number of links")
            else:
                form.add_error(None, error.messages[0])
        else:
            return _slips(request, check, {team: tokens})
    return render(request, "workforce/health/links.html", context)


def _slips(request, check, made):
    """The slips of `made` {team: tokens}, a team's together (each team's on a new printed page)."""
    base = settings.TRIANGULATE_SITE_URL.rstrip("/")
    groups = [(team, [(t, base + reverse("workforce:health_link", args=[t])) for t in tokens])
              for team, tokens in made.items()]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["team", "code", "link"])
    writer.writerows([team.name, t, a] for team, slips in groups for t, a in slips)
    title = f"Links for {groups[0][0].name}" if len(groups) == 1 else "Links for every team"
    return render(request, "workforce/health/slips.html", {
        "title": title, "check": check, "groups": groups, "count": sum(len(s) for _, s in groups),
        "code_address": base + reverse("workforce:health_code"),
        "csv_href": "data:text/csv;charset=utf-8," + quote(out.getvalue()),
        "csv_name": f"health-check-{check.year}-links.csv", "back_url": _detail_url(check)})


urlpatterns = [
    path("health-check/", health_list, name="health_list"),
    path("health-check/new/", health_create, name="health_create"),
    path("health-check/<int:pk>/", health_detail, name="health_detail"),
    path("health-check/<int:pk>/edit/", health_edit, name="health_edit"),
    path("health-check/<int:pk>/questions/new/", health_question_add, name="health_question_add"),
    path("health-check/questions/<int:pk>/", health_question_edit, name="health_question_edit"),
    path("health-check/questions/<int:pk>/remove/", health_question_remove, name="health_question_remove"),
    path("health-check/<int:pk>/move/", health_move, name="health_move"),
    path("health-check/<int:pk>/links/", health_links, name="health_links"),
]
