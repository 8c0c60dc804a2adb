"""The synthetic council's story: teams that differ, seasons, a change that shows as a signal.

Real councils are not uniform, and Triangulate exists to find where and when they differ. So the
generator gives its council a story, drawn from the seed papers (../shared/seeds/):

- **A locality under strain** (002, 003): more referrals per child, slower assessments, more children
  referred again and more repeat child protection plans, late visits and reviews, more cases waiting for a
  worker, and (in the demo's workforce) more vacancies, agency staff and turnover, so higher caseloads.
- **One strong team**: visits, reviews and direct work well above the rest.
- **Seasons**: referrals peak in school terms, dip in August and lull at Christmas.
- **A step change** (002): a new front door (MASH) opens a year before the last extract; from that day
  fewer children are referred again within 12 months and assessments are quicker.
- **A slow drift**: one team's visits slip month by month over the two years.
- **A planted disagreement** (for the evidence pack to find): one team's visit figures look good while
  its visits are superficial: `quality(team, "visits-and-direct-work", day)` is low though its visits KPI
  is high.

`Story.quality(team, theme, on)` is each team's underlying practice quality by theme (the default theme
slugs of core/defaults.py) on a date: the share of its work a careful audit would judge good or better.
The KPI-facing draws (visits on time, reviews late, cases unallocated) are derived from it, so audits,
observations and staff survey answers generated from the same function agree with the KPIs, except in
the planted case. Every effect is a field of `StoryParams`; `StoryParams.flat()` gives a council with
none. Deterministic: the same teams, seed and last date give the same story.

Who plays which part is decided from the council's team names (`Cast`), the same way whether the teams
come from `default_teams()` or from the demo council's database: localities are the assessment teams in
name order; the strained locality is the last; the strong team is the first locality's first
safeguarding team, the drifting team the second safeguarding team of a middle locality, and the
mismatched team the first safeguarding team of the locality after it.
"""

from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from .base import Org, day
from .keyed import seed_of

VISITS = "visits-and-direct-work"
TIMELINESS = "timeliness"
VOICE = "voice-of-the-child"
WORKFORCE = "workforce-and-caseloads"
OVERSIGHT = "management-oversight-and-supervision"
MULTI_AGENCY = "multi-agency-working"

# Share of work a careful audit judges good or better, by theme, in an ordinary team of this council
# (audit returns in the seeds run at 50-65% good or better).
BASE_QUALITY = {
    VOICE: 0.62, OVERSIGHT: 0.50, "assessment-quality": 0.58, "planning-smart": 0.48, VISITS: 0.64,
    MULTI_AGENCY: 0.63, "recording": 0.52, TIMELINESS: 0.66, WORKFORCE: 0.55, "leadership": 0.60,
    "parent-and-carer-experience": 0.65, "outcomes": 0.57,
}
# What the KPI-facing draws start from in an ordinary team: (theme, share on time / seen alone).
MEASURES = {
    "cp_visit": (VISITS, 0.86), "cin_seen": (VISITS, 0.80), "cla_visit": (VISITS, 0.88),
    "seen_alone": (VOICE, 0.84), "review": (TIMELINESS, 0.92),
}
# Referrals by calendar month relative to the year's average (school terms; August dip; Christmas lull).
SEASONS = (1.04, 1.08, 1.08, 0.96, 1.05, 1.08, 0.98, 0.72, 1.02, 1.14, 1.10, 0.80)


@dataclass(frozen=True)
class StoryParams:
    """The effects, as parameters of the generator (see the module docstring)."""

    strained_demand: float = 1.15  # referral chains per child in the strained locality, relative to the others
    strained_slowness: float = 1.15  # assessment working days x
    strained_again: float = 1.2  # chance of another referral after an episode closes x
    strained_repeat: float = 1.35  # and after a child protection plan, x again; and of an ICPC for a child known to CP
    strained_quality: float = 0.15  # quality lost on every theme (more on the themes below)
    strained_themes: dict = field(default_factory=lambda: {TIMELINESS: 0.22, WORKFORCE: 0.25, OVERSIGHT: 0.2,
                                                           VISITS: 0.17})
    strained_unallocated: float = 3.0  # share of open cases with no worker x
    strong_quality: float = 0.14
    strong_themes: dict = field(default_factory=lambda: {VISITS: 0.16, VOICE: 0.18, "planning-smart": 0.18})
    season: tuple = SEASONS
    front_door_months_before: int = 12  # the new front door opens on the 1st of the month this long before the end
    front_door_rereferral_screen: float = 0.40  # share of would-be re-referrals (within 12 months) it resolves
    front_door_speed: float = 0.85  # assessment working days x, for assessments started after it opens
    front_door_gain: float = 0.12  # quality gained on timeliness and multi-agency working by front door teams
    drift_months: int = 15  # the drifting team's visits slip over the last this-many months
    drift_per_month: float = 0.02  # quality (and share of visits on time) lost each month
    mismatch_gap: float = 0.28  # how much worse the mismatched team's visits are than its KPI suggests
    mismatch_kpi_lift: float = 0.08  # how much better its visits KPI looks than an ordinary team's
    team_noise: float = 0.03  # each team's own fixed difference on each theme (+/-)

    @classmethod
    def flat(cls):
        """A council with no story: every team alike, no seasons, no change (for tests that need one)."""
        return cls(strained_demand=1.0, strained_slowness=1.0, strained_again=1.0, strained_repeat=1.0,
                   strained_quality=0.0,
                   strained_themes={}, strained_unallocated=1.0, strong_quality=0.0, strong_themes={},
                   season=(1.0,) * 12, front_door_rereferral_screen=0.0, front_door_speed=1.0, front_door_gain=0.0,
                   drift_per_month=0.0, mismatch_gap=0.0, mismatch_kpi_lift=0.0, team_noise=0.0)


@dataclass(frozen=True)
class Cast:
    """Which of the council's teams play which part."""

    localities: int
    strained_locality: int  # index among the localities (assessment teams in name order)
    strained_locality_name: str  # as the assessment team's name spells it ("West")
    strained_teams: dict  # team serving the strained locality -> its share of the strain (1 / localities it serves)
    strong_team: str | None
    drifting_team: str | None
    mismatched_team: str | None
    front_door_teams: frozenset  # the front door and the assessment teams: what the new front door changes


def cast(org):
    """Decide the parts from an Org (base.Org: teams in name order, and how it allocates children)."""
    localities = org.localities
    safeguarding = org.teams.get("locality_safeguarding", [])
    per = len(safeguarding) // localities if len(safeguarding) >= localities else 0

    def pick(locality, k):
        if not per or locality >= localities:
            return None
        return safeguarding[locality * per + min(k, per - 1)]

    strong = pick(0, 0)
    drift_locality = 1 if localities >= 3 else 0
    drifting = pick(drift_locality, 1)
    mismatched = pick(drift_locality + 1, 0)
    drifting = None if drifting == strong else drifting
    mismatched = None if mismatched in (strong, drifting) else mismatched
    strained = localities - 1
    # Council-wide teams (one front door, one adolescent service...) serve every locality and are not
    # strained; of the others, those that name the locality (when the teams' names spell localities).
    label = org.locality_labels()[strained]
    serving = [org.serving(i) for i in range(localities)]
    everywhere = set.intersection(*serving)
    local = {t: 1 / sum(t in s for s in serving) for t in serving[strained] - everywhere
             if not label or label in t.split()}
    return Cast(
        localities=localities, strained_locality=strained, strained_locality_name=label,
        strained_teams=local if localities > 1 else {},
        strong_team=strong, drifting_team=drifting, mismatched_team=mismatched,
        front_door_teams=frozenset(org.teams.get("front_door", []) + org.teams.get("assessment", [])))


def _months_between(start, end):
    return (end.year - start.year) * 12 + end.month - start.month


def _month_start(d, months_before):
    index = d.year * 12 + d.month - 1 - months_before
    return date(index // 12, index % 12 + 1, 1)


class Story:
    """The story of one council: the parts (`cast`), the dates, and the effects as functions."""

    def __init__(self, org, seed, until, params=None):
        self.params = params or StoryParams()
        self.cast = cast(org)
        self.seed = seed
        self.until = until
        self.front_door_opens = _month_start(until, self.params.front_door_months_before - 1)
        self.drift_starts = _month_start(until, self.params.drift_months - 1)
        self._quality = {}

    # --- journeys (model.py) -----------------------------------------------------------------------
    def locality_weights(self):
        """Share of new referral chains by locality index (sums to 1)."""
        w = np.ones(self.cast.localities)
        if self.cast.localities > 1:
            w[self.cast.strained_locality] = self.params.strained_demand
        return w / w.sum()

    def strained(self, locality_keys):
        return (locality_keys % self.cast.localities == self.cast.strained_locality) & (self.cast.localities > 1)

    def again_factor(self, locality_keys, after_cp=False):
        """Multiplier of the chance of another referral after an episode closes (after_cp: a boolean array,
        the episode had a child protection plan)."""
        strained = self.strained(locality_keys)
        return np.where(strained, self.params.strained_again, 1.0) * np.where(
            strained & after_cp, self.params.strained_repeat, 1.0)

    def repeat_factor(self, locality_keys):
        """Multiplier of the chance that a child known to child protection gets another ICPC."""
        return np.where(self.strained(locality_keys), self.params.strained_repeat, 1.0)

    def assessment_speed(self, locality_keys, start_day):
        """Multiplier of each assessment's working days: slower in the strained locality, quicker once the
        new front door is open."""
        slow = np.where(self.strained(locality_keys), self.params.strained_slowness, 1.0)
        return slow * np.where(start_day >= day(self.front_door_opens), self.params.front_door_speed, 1.0)

    def screened(self, previous_referral, next_referral, draws):
        """Re-referrals (within 12 months of the previous referral) the new front door resolves instead."""
        return ((next_referral >= day(self.front_door_opens)) & (next_referral - previous_referral <= 365)
                & (draws < self.params.front_door_rereferral_screen))

    def season_weight(self, days):
        """Relative referral rate on each day (numpy day numbers), by calendar month; at most 1."""
        season = np.asarray(self.params.season, dtype=float)
        months = (np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)) % 12
        return season[months] / season.max()

    def mean_season_weight(self):
        season = np.asarray(self.params.season, dtype=float)
        return season.mean() / season.max()

    # --- practice quality, and the KPI-facing draws derived from it ------------------------------------
    def quality(self, team, theme, on):
        """Share of `team`'s work on `theme` that a careful audit would judge good or better on date `on`."""
        return min(0.97, max(0.05, self._base(team, theme) + self._drift(team, theme, on)
                             + self._front_door(team, theme, on)))

    def _base(self, team, theme):
        key = (team, theme)
        if key not in self._quality:
            p, c = self.params, self.cast
            q = BASE_QUALITY[theme]
            q += p.team_noise * (2 * float(seed_of(self.seed, "story", team, theme) % 10_000) / 10_000 - 1)
            if team in c.strained_teams:
                q -= p.strained_themes.get(theme, p.strained_quality) * c.strained_teams[team]
            if team == c.strong_team:
                q += p.strong_themes.get(theme, p.strong_quality)
            if team == c.mismatched_team and theme == VISITS:
                q -= p.mismatch_gap
            self._quality[key] = q
        return self._quality[key]

    def _drift(self, team, theme, on):
        if team != self.cast.drifting_team or theme not in (VISITS, TIMELINESS) or on < self.drift_starts:
            return 0.0
        return -self.params.drift_per_month * _months_between(self.drift_starts, on)

    def _front_door(self, team, theme, on):
        if team not in self.cast.front_door_teams or theme not in (TIMELINESS, MULTI_AGENCY) \
                or on < self.front_door_opens:
            return 0.0
        return self.params.front_door_gain

    def measure_share(self, team, measure, on):
        """The share of a team's work a KPI counts as done (a visit on time, a review not late...)."""
        theme, base = MEASURES[measure]
        if team == self.cast.mismatched_team and theme == VISITS:  # the visits are on time; they are thin
            return min(0.99, base + self.params.mismatch_kpi_lift)
        return min(0.99, max(0.2, base + self.quality(team, theme, on) - BASE_QUALITY[theme]))

    def shares(self, teams, measure, days):
        """measure_share for each row: its team (an object array) on its day (day numbers: the extract date,
        or the day the row closed, so a closed row keeps the draw it had then)."""
        teams = np.asarray(teams, dtype=object)
        months = np.broadcast_to(np.asarray(days), teams.shape).astype("datetime64[D]").astype("datetime64[M]")
        out = np.empty(len(teams))
        for name in set(teams.tolist()):
            sel = teams == name
            for month in np.unique(months[sel]):
                on = month.astype("datetime64[D]").astype(date)
                out[sel & (months == month)] = self.measure_share(name, measure, on)
        return out

    def unallocated_factor(self, teams):
        weight = np.array([self.cast.strained_teams.get(t, 0.0) for t in np.asarray(teams, dtype=object)])
        return 1.0 + (self.params.strained_unallocated - 1.0) * weight

    # --- for people ------------------------------------------------------------------------------------
    def describe(self):
        """The story in plain English, one line per part (for the demo command and the README)."""
        c = self.cast
        where = c.strained_locality_name or f"Locality {c.strained_locality + 1}"
        lines = []
        if c.localities > 1:
            lines.append(f"{where} is under strain (more referrals, slower assessments, late visits, more repeat "
                         f"plans, fewer staff): {', '.join(sorted(c.strained_teams))}.")
        if c.strong_team:
            lines.append(f"{c.strong_team} is the strongest team.")
        lines.append(f"A new front door (MASH) opened on {self.front_door_opens:%-d %B %Y}: fewer re-referrals "
                     "and quicker assessments from then.")
        if c.drifting_team:
            lines.append(f"{c.drifting_team}'s visits slip month by month from {self.drift_starts:%B %Y}.")
        if c.mismatched_team:
            lines.append(f"{c.mismatched_team}'s visits are on time by the figures but superficial in practice.")
        lines.append("Referrals peak in school terms, dip in August and lull at Christmas.")
        return lines


def council_story(teams, seed, until, params=None):
    """The story the journeys of a council with these teams ({team type: [names]}, None for
    default_teams()) would be simulated with, up to `until` (for the demo's workforce and its README)."""
    return Story(Org(np.random.default_rng(0), teams), seed, until, params)


def with_params(story_or_params, **changes):
    """A copy of the parameters with some changed (for tests and benches)."""
    params = story_or_params.params if isinstance(story_or_params, Story) else story_or_params
    return replace(params, **changes)


__all__ = ["BASE_QUALITY", "MEASURES", "SEASONS", "Cast", "Story", "StoryParams", "cast", "council_story",
           "with_params"]
