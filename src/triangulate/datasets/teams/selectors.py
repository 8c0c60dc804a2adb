"""Which council team an extract's team name means.

Extracts name teams as the case system spells them ("NORTH SAFEGUARDING 1", "CiC South"); the council's
teams live in People. A name matches ignoring case and runs of spaces. An explicit mapping row
(TeamNameMapping) wins; without one, a team whose case-system name, else whose name, is the same is the
match, current teams before inactive ones. Two teams equally good leave the name unmapped ("ambiguous")
rather than guessing: a guess would put children under the wrong team's drill-down.
"""

from dataclasses import dataclass, field
from datetime import date

from triangulate.kpis.figures import NO_TEAM
from triangulate.people.models import Council, Team
from triangulate.people.scope import ALL, team_scope

from ..models import TeamNameMapping, Upload

MAPPED = "mapped"  # an explicit row names the team
SAME_NAME = "same name"  # no row; a team has the same case-system name or name
UNMAPPED = "unmapped"  # an explicit row says the name means no team
AMBIGUOUS = "ambiguous"  # no row; several teams are equally good matches
NONE = "none"  # no row and no team of that name


def name_key(name):
    """The form two spellings of one team name share: single spaces, case folded."""
    return " ".join(str(name).split()).casefold()


def tidy(name):
    return " ".join(str(name).split())


@dataclass(frozen=True)
class Match:
    team: Team | None
    how: str
    candidates: tuple = ()  # the teams an ambiguous name could mean

    @property
    def is_mapped(self):
        return self.team is not None


class TeamNames:
    """Resolves extract team names for one council. Loads the rows and teams once; look up many names."""

    def __init__(self, council):
        self.rows = {m.key: m for m in TeamNameMapping.objects.filter(council=council).select_related("team")}
        self.teams = list(Team.objects.filter(council=council))
        # key -> [(tier, team)]: lower tiers are better (case-system name, then name; current, then inactive)
        self._implicit = {}
        for team in self.teams:
            for tier, name in ((0, team.case_system_name), (1, team.name)):
                if name.strip():
                    rank = tier + (0 if team.is_active else 2)
                    self._implicit.setdefault(name_key(name), []).append((rank, team))

    def implicit(self, name):
        options = self._implicit.get(name_key(name))
        if not options:
            return Match(None, NONE)
        best = min(rank for rank, _ in options)
        teams = {team.pk: team for rank, team in options if rank == best}
        if len(teams) == 1:
            return Match(next(iter(teams.values())), SAME_NAME)
        return Match(None, AMBIGUOUS, tuple(sorted(teams.values(), key=lambda t: t.name)))

    def resolve(self, name):
        row = self.rows.get(name_key(name))
        if row is not None:
            return Match(row.team, MAPPED if row.team_id else UNMAPPED)
        return self.implicit(name)


def _is_team_name(name):
    # The engine files rows without a team under NO_TEAM: that is an absence, not a team to map.
    return bool(tidy(name)) and name_key(name) != name_key(NO_TEAM)


@dataclass
class SeenName:
    name: str  # the spelling in the most recent extract that has it
    key: str
    last_seen: date
    rows_latest: int = 0  # rows naming it in the latest imported extract (0: not in that extract)
    spellings: set = field(default_factory=set)  # every spelling seen, as the extracts hold it
    match: Match | None = None


def successful_uploads(council):
    return Upload.objects.filter(council=council, status=Upload.Status.SUCCEEDED).order_by("-extract_date", "-id")


def seen_team_names(council, names=None):
    """Every team name in the council's imported extracts (stored Upload.teams), one entry per name
    ignoring case, with its match; sorted by name."""
    names = names or TeamNames(council)
    seen = {}
    for index, upload in enumerate(successful_uploads(council).only("id", "extract_date", "teams")):
        for name, rows in (upload.teams or {}).items():
            if not _is_team_name(name):
                continue
            entry = seen.get(name_key(name))
            if entry is None:
                entry = seen[name_key(name)] = SeenName(name=tidy(name), key=name_key(name),
                                                        last_seen=upload.extract_date)
            entry.spellings.add(name)
            if index == 0:
                entry.rows_latest += rows if isinstance(rows, int) else 0
    for entry in seen.values():
        entry.match = names.resolve(entry.name)
    return sorted(seen.values(), key=lambda e: (e.key, e.name))


def unmapped_in(upload, names):
    """(name, rows) for the upload's team names that match no council team today, by name."""
    out = [(tidy(name), rows) for name, rows in (upload.teams or {}).items()
           if _is_team_name(name) and not names.resolve(name).is_mapped]
    return sorted(out, key=lambda pair: name_key(pair[0]))


def extract_names_for_teams(council, team_ids):
    """The team names, spelled as the extracts spell them, that mean one of `team_ids`: every spelling
    seen in imported extracts, plus (for names not seen yet) mapping rows and the teams' own names."""
    names = TeamNames(council)
    candidates = set()
    for entry in seen_team_names(council, names):
        candidates |= entry.spellings
    keys = {name_key(n) for n in candidates}
    fallback = [row.extract_name for row in names.rows.values()]
    fallback += [t.case_system_name or t.name for t in names.teams if t.pk in team_ids]
    for name in fallback:
        if name_key(name) not in keys:
            keys.add(name_key(name))
            candidates.add(tidy(name))
    wanted = set(team_ids)
    return sorted(n for n in candidates if (m := names.resolve(n)).is_mapped and m.team.pk in wanted)


def extract_names_in_scope(user):
    """ALL, or the team names (as spelled in extracts) that mean the teams the user may see
    (people/scope.py): the mapping from extract names to People teams for team-scoped users."""
    scope = team_scope(user)
    if scope == ALL:
        return ALL
    council = Council.objects.order_by("pk").first()  # one council per deployment
    team_ids = set(scope)
    if council is None or not team_ids:
        return []
    return extract_names_for_teams(council, team_ids)
