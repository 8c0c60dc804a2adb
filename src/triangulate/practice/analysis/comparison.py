"""A repeat week against its benchmark (design §6.6, decision 12), and a follow-up day's progress (§6.5).

Pure. Headings may change between weeks, so the comparison is by **theme**, never by heading. For each theme, for
**all teams** and for **teams in both** weeks (like for like; the headline when at least 3 teams are common):
p = P(θ) ÷ N and d = D(θ) ÷ N for the benchmark B and the current week C as whole percentages (half up); Δp and Δd
are differences of the **shown** whole percentages, so a reader can check them by subtraction; and a direction:
same if both are 0, better if Δp ≥ 0 and Δd ≤ 0, worse if Δp ≤ 0 and Δd ≥ 0, mixed otherwise. Felt supported (A5)
is compared the same way, as a share of the teams asked: up is better, down worse.

A figure that cannot be computed (no team observed in a week, no team in both, no team asked) is None with the
reason, and so are its change and direction, never 0."""

from dataclasses import dataclass

from .counts import by_theme, cohort, felt_supported
from .records import whole_percent

ALL = "all"
BOTH = "both"
LIKE_FOR_LIKE_FROM = 3  # teams in both: the headline from this many common teams

BETTER = "better"
WORSE = "worse"
MIXED = "mixed"
SAME = "same"

NO_TEAMS_OBSERVED = "no team observed in this week"
NO_TEAMS_IN_BOTH = "no team observed in both weeks"
NO_TEAM_ASKED = "no team was asked"


@dataclass(frozen=True)
class Change:
    """The difference of two shown whole percentages (after − before), or None with the reason."""

    value: int | None
    reason: str = ""

    def __str__(self):
        if self.value is None:
            return self.reason
        return f"+{self.value}" if self.value > 0 else f"−{-self.value}" if self.value < 0 else "0"


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    teams: str  # all, both
    p_before: object  # Percent
    d_before: object
    p_after: object
    d_after: object
    delta_p: Change
    delta_d: Change
    direction: str | None  # better, worse, mixed, same; None when a change cannot be computed


@dataclass(frozen=True)
class SupportRow:
    teams: str
    before: object  # Percent of teams asked
    after: object
    delta: Change
    direction: str | None


@dataclass(frozen=True)
class Comparison:
    common_teams: frozenset
    rows: tuple  # ThemeRow: by theme, then all before both
    felt_supported: tuple  # SupportRow: all, both

    @property
    def headline(self):
        """Which rows lead: teams in both when at least 3 teams are common, else all teams."""
        return BOTH if len(self.common_teams) >= LIKE_FOR_LIKE_FROM else ALL

    def row(self, theme, teams):
        return next(r for r in self.rows if r.theme == theme and r.teams == teams)

    def support(self, teams):
        return next(r for r in self.felt_supported if r.teams == teams)


def compare(benchmark_observations, benchmark_entries, current_observations, current_entries):
    """The §6.6 table for a week (current) against its benchmark, from each week's observations and entries."""
    b_all = cohort(benchmark_observations, benchmark_entries)
    c_all = cohort(current_observations, current_entries)
    common = frozenset(b_all.team_names) & frozenset(c_all.team_names)
    b_both = cohort(benchmark_observations, benchmark_entries, teams=common)
    c_both = cohort(current_observations, current_entries, teams=common)
    rows = []
    for teams, b, c, reason in ((ALL, b_all, c_all, NO_TEAMS_OBSERVED), (BOTH, b_both, c_both, NO_TEAMS_IN_BOTH)):
        before, after = by_theme(b), by_theme(c)
        for theme in before.keys() | after.keys():
            rows.append(_theme_row(theme, teams, before.get(theme), after.get(theme), b.teams_observed,
                                   c.teams_observed, reason))
    rows.sort(key=lambda r: (r.theme, r.teams != ALL))
    support = tuple(_support_row(teams, b, c, reason)
                    for teams, b, c, reason in ((ALL, b_all, c_all, NO_TEAMS_OBSERVED),
                                                (BOTH, b_both, c_both, NO_TEAMS_IN_BOTH)))
    return Comparison(common, tuple(rows), support)


def _theme_row(theme, teams, before, after, n_before, n_after, reason):
    def share(count, attr, n):
        return whole_percent(len(getattr(count, attr)) if count else 0, n, reason)

    p_before, d_before = share(before, "positive_teams", n_before), share(before, "development_teams", n_before)
    p_after, d_after = share(after, "positive_teams", n_after), share(after, "development_teams", n_after)
    delta_p, delta_d = _change(p_before, p_after), _change(d_before, d_after)
    return ThemeRow(theme, teams, p_before, d_before, p_after, d_after, delta_p, delta_d, direction(delta_p, delta_d))


def direction(delta_p, delta_d):
    """§6.6: better, worse, mixed or same from Δp and Δd; None if either cannot be computed."""
    if delta_p.value is None or delta_d.value is None:
        return None
    dp, dd = delta_p.value, delta_d.value
    if dp == 0 and dd == 0:
        return SAME
    if dp >= 0 and dd <= 0:
        return BETTER
    if dp <= 0 and dd >= 0:
        return WORSE
    return MIXED


def _support_row(teams, b_cohort, c_cohort, reason_when_no_team):
    def share(c):
        figure = felt_supported(c)
        return whole_percent(figure.supported, figure.asked, NO_TEAM_ASKED if c.teams_observed else reason_when_no_team)

    b, a = share(b_cohort), share(c_cohort)
    delta = _change(b, a)
    if delta.value is None:
        way = None
    else:
        way = BETTER if delta.value > 0 else WORSE if delta.value < 0 else SAME
    return SupportRow(teams, b, a, delta, way)


def _change(before, after):
    for p in (before, after):
        if p.value is None:
            return Change(None, p.reason)
    return Change(after.value - before.value)


# §6.5 — a follow-up day's progress on the earlier plan's actions

IMPROVED = "improved"
SOME_PROGRESS = "some_progress"
NO_PROGRESS = "no_progress"
NOT_SEEN = "not_seen"
RATINGS = (IMPROVED, SOME_PROGRESS, NO_PROGRESS, NOT_SEEN)
PROGRESSED = frozenset({IMPROVED, SOME_PROGRESS})
ACTION_STATUSES = ("not_started", "in_progress", "complete", "cancelled")  # improvement.Action.Status

NONE_SEEN = "no action was seen"
NO_ACTIONS = "no actions"


@dataclass(frozen=True)
class ProgressRecord:
    """One ProgressCheck: an observation's rating of an earlier plan action."""

    action_id: int
    rating: str

    def __post_init__(self):
        if self.rating not in RATINGS:
            raise ValueError(f"Action {self.action_id}: unknown rating {self.rating!r}")


@dataclass(frozen=True)
class FollowUpProgress:
    progress: object  # Percent: actions rated improved or some progress ÷ actions rated other than not seen
    complete: object  # Percent: complete ÷ not cancelled


def follow_up_progress(checks, action_statuses):
    """§6.5 from a day's progress checks and the earlier actions' statuses ({action id: status}).

    An action is counted once. When several observations of the day rated it, the ratings other than "not seen"
    decide: it has progressed only if every one of them is improved or some progress (the strict rule of A5);
    an action with only "not seen" ratings, or none, is left out of progress."""
    for action_id, status in action_statuses.items():
        if status not in ACTION_STATUSES:
            raise ValueError(f"Action {action_id}: unknown status {status!r}")
    seen = {}
    for check in checks:
        if check.rating != NOT_SEEN:
            seen.setdefault(check.action_id, []).append(check.rating)
    progressed = sum(1 for ratings in seen.values() if all(r in PROGRESSED for r in ratings))
    live = [s for s in action_statuses.values() if s != "cancelled"]
    return FollowUpProgress(
        progress=whole_percent(progressed, len(seen), NONE_SEEN),
        complete=whole_percent(sum(1 for s in live if s == "complete"), len(live), NO_ACTIONS),
    )
