"""A health check's stored answers read into analytics/health.py's shapes (design §5.3), for the results page, the
plan and the staff-voice evidence. Every team figure a caller gets has passed `analytics.health.grouping`; comments
come only council-wide and only when the council's figure is shown."""

from dataclasses import dataclass

from django.utils import timezone

from triangulate.people.models import Team
from triangulate.people.selectors import team_staffing

from .analytics import health as analytics
from .models import HealthAnswer, HealthCheck, HealthLink, HealthQuestion, HealthResponse


@dataclass(frozen=True)
class CheckResults:
    check: HealthCheck
    questions: list  # the agree questions, in order
    results: analytics.Results
    teams: dict  # team id → Team, for every team with links or responses
    last: HealthCheck | None  # last year's published check, for year on year
    change: dict  # key → change in percentage points (council-wide)
    last_council: analytics.GroupResult | None = None  # last year's council-wide result, when it was shown


def agree_questions(check):
    return list(check.questions.filter(kind=HealthQuestion.Kind.AGREE).order_by("number"))


def _responses(check):
    """[(team id, {key: choice})] for the check's responses (agree questions only)."""
    by_response = {}
    rows = (HealthAnswer.objects.filter(response__health_check=check, question__kind=HealthQuestion.Kind.AGREE)
            .values_list("response_id", "response__team_id", "question__key", "choice"))
    for response_id, team_id, key, choice in rows:
        by_response.setdefault(response_id, (team_id, {}))[1][key] = choice
    # responses with no agree answer still count as responses
    for response_id, team_id in HealthResponse.objects.filter(health_check=check).values_list("pk", "team_id"):
        by_response.setdefault(response_id, (team_id, {}))
    return list(by_response.values())


def teams_of(check):
    """The teams the check reaches (links made for them, or responses), by name."""
    ids = set(HealthLink.objects.filter(health_check=check).values_list("team_id", flat=True))
    ids |= set(HealthResponse.objects.filter(health_check=check).values_list("team_id", flat=True))
    ids.discard(None)
    return {t.pk: t for t in Team.objects.filter(pk__in=ids).order_by("name")}


def results_of(check, *, year_on_year=True):
    questions = agree_questions(check)
    keys = [q.key for q in questions]
    theme_of = {q.key: q.theme for q in questions}
    teams = teams_of(check)
    responses = _responses(check)
    order = list(teams) + ([None] if any(t is None for t, _ in responses) else [])
    results = analytics.results(responses, keys, theme_of, check.min_responses, teams=order)
    last, change, before = None, {}, None
    if year_on_year and results.council is not None:
        last = (HealthCheck.objects.filter(council=check.council, status=HealthCheck.Status.PUBLISHED,
                                           year__lt=check.year).order_by("-year").first())
        if last is not None:
            before = results_of(last, year_on_year=False).results.council
            if before is not None:
                change = analytics.year_on_year(results.council.questions, before.questions)
    return CheckResults(check, questions, results, teams, last, change, before)


def comments(check):
    """The comment answers, council-wide, only when the council's figure is shown; in the random order of their keys
    (never the order they were written in)."""
    if HealthResponse.objects.filter(health_check=check).count() < check.min_responses:
        return []
    return list(HealthAnswer.objects.filter(response__health_check=check, question__kind=HealthQuestion.Kind.TEXT)
                .exclude(text="").order_by("pk").values_list("text", flat=True))


def response_rates(check, teams):
    """[(team, responses, headcount, rate)] for `teams` (id → Team), the headcount taken when the check opened."""
    day = check.opens_on or timezone.localdate()
    heads = {t.pk: t.headcount for t in team_staffing(Team.objects.filter(pk__in=list(teams)), day=day)}
    counts = {}
    for team_id in HealthResponse.objects.filter(health_check=check).values_list("team_id", flat=True):
        counts[team_id] = counts.get(team_id, 0) + 1
    return [(team, counts.get(pk, 0), heads.get(pk, 0), analytics.response_rate(counts.get(pk, 0), heads.get(pk, 0)))
            for pk, team in teams.items()]


def links_made(check):
    """{team id: (links, used)}."""
    out = {}
    for team_id, used in HealthLink.objects.filter(health_check=check).values_list("team_id", "used"):
        made, spent = out.get(team_id, (0, 0))
        out[team_id] = (made + 1, spent + used)
    return out
