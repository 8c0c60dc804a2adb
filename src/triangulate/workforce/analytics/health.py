"""The health check's results (docs/design/workforce.md §5.3): pure Python, no Django, so every figure and every
suppression can be checked by hand.

- Per question: the answers given, and the shares **agreeing** (agree or strongly agree) and **disagreeing**
  (disagree or strongly disagree) among the answers other than "don't know". "Neither" counts in the base, so the
  two shares need not add to 1. No answer but "don't know" → no share (None, never 0).
- Per theme: the mean of its questions' shares (questions without a share left out).
- Which groups are shown (`grouping`): the council when it has at least `minimum` responses; a team alone when it
  has; the teams under it pooled as "Other teams" when the pool reaches the minimum. When the pool is short of
  the minimum, its figure could still be worked out (the council's minus the teams shown), so the smallest shown
  team goes into the pool, then the next, until it reaches the minimum (design §5.3's second suppression, for two
  small teams as for one). So every figure shown rests on `minimum` responses or more, and no hidden group's figure
  is the difference of shown ones.
- Year on year: the change in percentage points of the share agreeing, question by question, matched by `key`.

Shares are Fractions; pages round them for show (`percent`, `points`)."""

from dataclasses import dataclass, field
from fractions import Fraction

DONT_KNOW = 0
AGREEING = frozenset({4, 5})
DISAGREEING = frozenset({1, 2})
OTHER_TEAMS = "Other teams"


@dataclass(frozen=True)
class QuestionResult:
    key: str
    answers: int  # every answer, "don't know" included
    answering: int  # answers other than "don't know": the shares' base
    agree: int
    disagree: int

    @property
    def share_agree(self):
        return Fraction(self.agree, self.answering) if self.answering else None

    @property
    def share_disagree(self):
        return Fraction(self.disagree, self.answering) if self.answering else None


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    agree: Fraction | None  # the mean of its questions' shares agreeing
    disagree: Fraction | None
    questions: int  # questions with a share


def question_result(key, choices):
    """One question's result from its answers' choices (5 strongly agree … 1 strongly disagree, 0 don't know)."""
    choices = list(choices)
    return QuestionResult(key=key, answers=len(choices), answering=sum(c != DONT_KNOW for c in choices),
                          agree=sum(c in AGREEING for c in choices), disagree=sum(c in DISAGREEING for c in choices))


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values, Fraction(0)) / len(values) if values else None


def theme_results(results, theme_of):
    """{theme: ThemeResult} in the order themes first appear in `theme_of` (question key → theme)."""
    out = {}
    for theme in dict.fromkeys(theme_of.values()):
        mine = [results[k] for k, t in theme_of.items() if t == theme and k in results]
        out[theme] = ThemeResult(theme=theme, agree=_mean(r.share_agree for r in mine),
                                 disagree=_mean(r.share_disagree for r in mine),
                                 questions=sum(r.share_agree is not None for r in mine))
    return out


@dataclass(frozen=True)
class Grouping:
    council_shown: bool
    shown: tuple  # teams shown alone, in the order given
    pooled: tuple  # the teams in "Other teams" (empty: no pool shown)
    hidden: tuple  # teams with responses shown nowhere: only when the council itself has too few
    counts: dict = field(default_factory=dict, compare=False)

    @property
    def pooled_count(self):
        return sum(self.counts[t] for t in self.pooled)


def grouping(counts, minimum):
    """Which teams' results may be shown, from each team's number of responses (`counts`, team → n, in the order
    teams are to be listed)."""
    counts = dict(counts)
    answered = {t: n for t, n in counts.items() if n > 0}
    if sum(answered.values()) < minimum:
        return Grouping(False, (), (), tuple(answered), counts)
    big = [t for t, n in answered.items() if n >= minimum]
    pool = [t for t, n in answered.items() if n < minimum]
    # the smallest shown teams join a pool too small to show (by size, then the order given, for a fixed answer)
    by_size = sorted(big, key=lambda t: (answered[t], big.index(t)))
    while pool and sum(answered[t] for t in pool) < minimum:
        pool.append(by_size.pop(0))
    shown = tuple(t for t in big if t in by_size)
    pooled = tuple(t for t in answered if t in pool)
    return Grouping(True, shown, pooled, (), counts)


@dataclass(frozen=True)
class GroupResult:
    """One group's (the council's, a team's or "Other teams"') results."""

    label: str
    responses: int
    questions: dict  # key → QuestionResult
    themes: dict  # theme → ThemeResult


def group_result(label, responses, questions, theme_of):
    """`responses`: one dict a response, question key → choice (agree questions only); `questions`: the agree
    questions' keys in order."""
    results = {k: question_result(k, [r[k] for r in responses if k in r]) for k in questions}
    return GroupResult(label=label, responses=len(responses), questions=results,
                       themes=theme_results(results, {k: theme_of[k] for k in questions}))


@dataclass(frozen=True)
class Results:
    grouping: Grouping
    council: GroupResult | None
    teams: tuple  # (team, GroupResult) shown alone
    other: GroupResult | None  # "Other teams"


def results(responses, questions, theme_of, minimum, teams=None):
    """The results a page may show. `responses`: (team, {key: choice}) pairs (agree questions only); `questions`:
    the agree questions' keys in order; `theme_of`: key → theme; `teams`: every team to list, in order (a team
    with no response counts 0; default: the teams in `responses`, as they first appear)."""
    teams = list(dict.fromkeys(t for t, _ in responses)) if teams is None else list(teams)
    by_team = {t: [] for t in teams}
    for team, answers in responses:
        by_team.setdefault(team, []).append(answers)
    plan = grouping({t: len(r) for t, r in by_team.items()}, minimum)
    if not plan.council_shown:
        return Results(plan, None, (), None)
    council = group_result("Council", [a for _, a in responses], questions, theme_of)
    shown = tuple((t, group_result(str(t), by_team[t], questions, theme_of)) for t in plan.shown)
    other = (group_result(OTHER_TEAMS, [a for t in plan.pooled for a in by_team[t]], questions, theme_of)
             if plan.pooled else None)
    return Results(plan, council, shown, other)


def year_on_year(this, last):
    """{key: change in percentage points of the share agreeing} for the keys both years have a share for."""
    out = {}
    for key, now in this.items():
        before = last.get(key)
        if before is None or now.share_agree is None or before.share_agree is None:
            continue
        out[key] = 100 * (now.share_agree - before.share_agree)
    return out


def pooled_share(results, keys):
    """(agreeing, answering) over the questions `keys` together: the staff-voice evidence's share (design §5.5)."""
    mine = [results[k] for k in keys if k in results]
    return sum(r.agree for r in mine), sum(r.answering for r in mine)


def response_rate(responses, headcount):
    """Responses ÷ staff in post when the check opened (None without a headcount)."""
    return Fraction(responses, headcount) if headcount else None


def _half_up(value):
    whole = int(abs(value) + Fraction(1, 2))
    return -whole if value < 0 else whole


def percent(share):
    """"67%" (half away from zero, as a reader rounds by hand); "" for no share."""
    return "" if share is None else f"{_half_up(100 * share)}%"


def points(change):
    """"+5 points", "−3 points", "no change"."""
    n = _half_up(change)
    if n == 0:
        return "no change"
    unit = "point" if abs(n) == 1 else "points"
    return f"+{n} {unit}" if n > 0 else f"\u2212{-n} {unit}"
