"""What the analysis page counts (design §6.1, decisions 9 and 10).

Pure: `cohort(observations, entries)` keeps the handed-in observations and their entries not removed; the figures
below are worked out from it. **Teams, not entries, are the headline**: one assessor writing five points about one
team must not outweigh five teams. N, the teams observed, is the number of teams with at least one handed-in
observation, and every "n of N" share has it as its denominator.

- A1 `cells`: entries by kind per (heading, theme, team), shown "S 1 · A 2" ("G n" under an examples heading).
- A2/A3 `teams_by_heading_theme`: distinct teams with a positive / development entry per (heading, theme).
- A4 `by_theme`: P(θ) and D(θ), teams with a positive / development entry on the theme under any heading, n of N.
- A5 `felt_supported`: per team, supported if every observation that asked says yes, not supported if every one
  says no, otherwise mixed; a team with no observation that asked is "not asked" and is left out of "n of m teams
  asked said they felt supported".
- A6 `heard_directly`: observations that heard the child, and a parent or carer, ÷ observations in the cohort.
- A7 `not_handed_in`: the drafts, listed apart (visits that did not happen are the timetable's to list).

A figure that cannot be computed (no team observed, no team asked) is None with a reason, never 0%."""

from collections import defaultdict
from dataclasses import dataclass

from .records import (
    AREA_FOR_DEVELOPMENT,
    DEVELOPMENT,
    DRAFT,
    EXEMPLAR,
    GOOD_PRACTICE,
    HANDED_IN,
    POSITIVE,
    STRENGTH,
    whole_percent,
)

NO_TEAMS_OBSERVED = "no team observed yet"
NO_TEAM_ASKED = "no team was asked"
NO_OBSERVATIONS = "no observation handed in yet"

SUPPORTED = "supported"
MIXED = "mixed"
NOT_SUPPORTED = "not_supported"
NOT_ASKED = "not_asked"
ASKED_ANSWERS = ("yes", "mixed", "no")  # not_asked and unanswered are left out of A5

CELL_LETTERS = ((STRENGTH, "S"), (AREA_FOR_DEVELOPMENT, "A"), (GOOD_PRACTICE, "G"), (EXEMPLAR, "E"))


@dataclass(frozen=True)
class Cohort:
    observations: tuple  # handed in, by id
    entries: tuple  # of those observations, not removed, by id
    drafts: tuple  # A7: observations not handed in, by id
    team_names: dict  # team id -> name, for the teams observed (in the cohort), in name order
    team_by_observation: dict  # observation id -> team id, for the cohort's observations

    @property
    def teams_observed(self):
        """N: teams with at least one handed-in observation."""
        return len(self.team_names)

    def team_of(self, entry):
        return self.team_by_observation[entry.observation_id]


def cohort(observations, entries, teams=None):
    """The handed-in observations and their entries not removed (§6.1). With `teams` (team ids), only those teams'
    observations: the "teams in both" of a comparison (§6.6)."""
    ids = [o.id for o in observations]
    if len(set(ids)) != len(ids):
        raise ValueError("The same observation is given twice")
    known = set(ids)
    for e in entries:
        if e.observation_id not in known:
            raise ValueError(f"Entry {e.id} belongs to observation {e.observation_id}, which is not given")
    keep = [o for o in observations if teams is None or o.team_id in teams]
    handed_in = tuple(sorted((o for o in keep if o.state == HANDED_IN), key=lambda o: o.id))
    counted = {o.id for o in handed_in}
    return Cohort(
        observations=handed_in,
        entries=tuple(sorted((e for e in entries if e.observation_id in counted and not e.removed),
                             key=lambda e: e.id)),
        drafts=tuple(sorted((o for o in keep if o.state == DRAFT), key=lambda o: o.id)),
        team_names={o.team_id: o.team_name for o in sorted(handed_in, key=lambda o: (o.team_name, o.team_id))},
        team_by_observation={o.id: o.team_id for o in handed_in},
    )


@dataclass(frozen=True)
class Cell:
    """A1: one (heading, theme, team) cell's entries by kind. Quotes are listed, not counted."""

    strengths: int = 0
    areas: int = 0
    good_practice: int = 0
    exemplars: int = 0

    @property
    def text(self):
        """"S 1 · A 2"; kinds with none are left out, so an examples heading shows "G n"; "" for no entries."""
        counts = dict(zip((STRENGTH, AREA_FOR_DEVELOPMENT, GOOD_PRACTICE, EXEMPLAR),
                          (self.strengths, self.areas, self.good_practice, self.exemplars)))
        return " · ".join(f"{letter} {counts[kind]}" for kind, letter in CELL_LETTERS if counts[kind])


def cells(c):
    """A1: {(heading, theme, team id): Cell} for every cell with at least one counted entry."""
    tally = defaultdict(lambda: defaultdict(int))
    for e in c.entries:
        if e.kind in POSITIVE or e.kind in DEVELOPMENT:
            tally[(e.heading, e.theme, c.team_of(e))][e.kind] += 1
    return {key: Cell(kinds[STRENGTH], kinds[AREA_FOR_DEVELOPMENT], kinds[GOOD_PRACTICE], kinds[EXEMPLAR])
            for key, kinds in tally.items()}


@dataclass(frozen=True)
class TeamCount:
    """Teams with a positive entry (P) and with a development entry (D), as sets of team ids and as n of N."""

    positive_teams: frozenset
    development_teams: frozenset
    teams_observed: int

    @property
    def positive(self):
        return whole_percent(len(self.positive_teams), self.teams_observed, NO_TEAMS_OBSERVED)

    @property
    def development(self):
        return whole_percent(len(self.development_teams), self.teams_observed, NO_TEAMS_OBSERVED)


def teams_by_heading_theme(c):
    """A2 and A3: {(heading, theme): TeamCount} for every (heading, theme) with a counted entry."""
    return _team_counts(c, lambda e: (e.heading, e.theme))


def by_theme(c):
    """A4: {theme: TeamCount} over all headings, for every theme with a counted entry, by theme slug."""
    return dict(sorted(_team_counts(c, lambda e: e.theme).items()))


def _team_counts(c, key):
    positive, development = defaultdict(set), defaultdict(set)
    for e in c.entries:
        if e.kind in POSITIVE:
            positive[key(e)].add(c.team_of(e))
        elif e.kind in DEVELOPMENT:
            development[key(e)].add(c.team_of(e))
    return {k: TeamCount(frozenset(positive[k]), frozenset(development[k]), c.teams_observed)
            for k in positive.keys() | development.keys()}


@dataclass(frozen=True)
class FeltSupported:
    by_team: dict  # team id -> supported, mixed, not_supported or not_asked, teams in name order

    @property
    def asked(self):
        return sum(1 for status in self.by_team.values() if status != NOT_ASKED)

    @property
    def supported(self):
        return sum(1 for status in self.by_team.values() if status == SUPPORTED)

    @property
    def share(self):
        return whole_percent(self.supported, self.asked, NO_TEAM_ASKED)

    def teams(self, status):
        return [team for team, s in self.by_team.items() if s == status]

    @property
    def text(self):
        """"1 of 2 teams asked said they felt supported", or the reason when no team was asked."""
        if not self.asked:
            return NO_TEAM_ASKED
        teams = "team" if self.asked == 1 else "teams"
        return f"{self.supported} of {self.asked} {teams} asked said they felt supported"


def felt_supported(c):
    """A5 for every team observed (decision 10: the strict rule matches the seed's "without exception")."""
    answers = defaultdict(list)
    for o in c.observations:
        if o.felt_supported in ASKED_ANSWERS:
            answers[o.team_id].append(o.felt_supported)
    return FeltSupported({team: _team_status(answers[team]) for team in c.team_names})


def _team_status(answers):
    if not answers:
        return NOT_ASKED
    if all(a == "yes" for a in answers):
        return SUPPORTED
    if all(a == "no" for a in answers):
        return NOT_SUPPORTED
    return MIXED


@dataclass(frozen=True)
class HeardDirectly:
    child: object  # Percent of observations
    parent_carer: object


def heard_directly(c):
    """A6: observations whose heard_from includes the child, and a parent or carer, ÷ observations in the cohort.
    It counts visits, not people (§8.1)."""
    n = len(c.observations)
    return HeardDirectly(
        child=whole_percent(sum(1 for o in c.observations if "child" in o.heard_from), n, NO_OBSERVATIONS),
        parent_carer=whole_percent(sum(1 for o in c.observations if "parent_carer" in o.heard_from), n,
                                   NO_OBSERVATIONS),
    )
