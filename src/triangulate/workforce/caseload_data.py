"""Reading caseloads (design §2.2-§2.4): the latest published extract's snapshot, its workers placed in the council's
teams, each team's figures against its target, and the trend of team averages across extracts.

Placing a worker: the staff record the worker matches (workforce/matching.py) places them in that member's team on
the extract's date; a worker matching no one (or whose member was in no team that day) is placed by the extract's
team on their cases (analytics' `WorkerLoad.team`: the alphabetically first on their caseload, as the KPI's
breakdown does) through datasets' TeamNames; a worker neither places is "not placed in a council team" and counted
in the council's figures only.

Targets: a team's own row wins; without one the council default's. A team row with no maximum takes the default's
maximum. With no row at all the target is not set: the pages say so (no figure is invented)."""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Min, Q, When

from triangulate.datasets.models import Upload
from triangulate.datasets.teams.selectors import TeamNames
from triangulate.people.models import TeamMembership

from .analytics import caseloads as counting
from .matching import WorkerNames
from .models import CASELOAD_KINDS, AllocatedCase, CaseloadSnapshot, CaseloadTarget

TREND_EXTRACTS = 13  # a year of monthly extracts and the one before: the storage keeps 13 months


def published_snapshots(council):
    """The council's snapshots of published extracts, newest first (a held extract's are not read)."""
    return CaseloadSnapshot.objects.filter(council=council, upload__status=Upload.Status.SUCCEEDED).select_related(
        "upload").order_by("-as_at", "-pk")


def latest_snapshot(council):
    return published_snapshots(council).first() if council is not None else None


@dataclass(frozen=True)
class Target:
    average: object  # Decimal
    maximum: int | None
    own: bool  # the team's own target (False: the council default)


class Targets:
    def __init__(self, council):
        rows = list(CaseloadTarget.objects.filter(council=council).select_related("team"))
        self.default = next((r for r in rows if r.team_id is None), None)
        self.teams = {r.team_id: r for r in rows if r.team_id is not None}

    def council_target(self):
        d = self.default
        return Target(d.average, d.maximum, False) if d else None

    def for_team(self, team_id):
        row = self.teams.get(team_id)
        if row is not None:
            maximum = row.maximum if row.maximum is not None else (self.default.maximum if self.default else None)
            return Target(row.average, maximum, True)
        return self.council_target()

    def maximum(self, team_id):
        target = self.for_team(team_id)
        return target.maximum if target else None


@dataclass(frozen=True)
class Placed:
    team: object | None  # people.Team
    how: str  # "staff record", "extract team", or "" (not placed)
    match: object  # matching.WorkerMatchResult


class Placer:
    """Places the workers of extracts in council teams; loads names, teams and memberships once."""

    def __init__(self, council):
        self.workers = WorkerNames(council)
        self.names = TeamNames(council)
        self.spells = {}
        for spell in TeamMembership.objects.filter(staff__council=council).select_related("team").order_by(
                "-start_date", "-pk"):
            self.spells.setdefault(spell.staff_id, []).append(spell)

    def staff_team(self, staff, day):
        for spell in self.spells.get(staff.pk, ()):
            if spell.start_date <= day and (spell.end_date is None or spell.end_date > day):
                return spell.team
        return None

    def place(self, worker, extract_team, day):
        match = self.workers.resolve(worker)
        if match.staff is not None:
            team = self.staff_team(match.staff, day)
            if team is not None:
                return Placed(team, "staff record", match)
        if extract_team:
            found = self.names.resolve(extract_team)
            if found.team is not None:
                return Placed(found.team, "extract team", match)
        return Placed(None, "", match)


@dataclass
class TeamFigures:
    team: object
    summary: counting.Summary
    target: Target | None
    care_leavers: counting.Summary
    unallocated: int = 0
    workers: list = field(default_factory=list)  # WorkerLoads placed here, by name

    @property
    def against_target(self):
        """The average less the target's average (None when either is missing)."""
        if self.summary.average is None or self.target is None:
            return None
        return self.summary.average - float(self.target.average)


@dataclass
class Picture:
    """One snapshot's caseloads, placed in the council's teams."""

    snapshot: CaseloadSnapshot
    loads: dict  # worker -> WorkerLoad
    placed: dict  # worker -> Placed
    teams: dict  # team pk -> TeamFigures (teams with a worker or an unallocated child)
    council: counting.Summary
    care_leavers: counting.Summary
    unallocated: int
    unallocated_unplaced: int  # unallocated children whose extract team is no council team
    unallocated_care_leavers: int
    not_placed: counting.Summary  # workers placed in no council team
    targets: Targets

    @property
    def caseload_reason(self):
        """Why no caseload figure can be given for this extract ("" when one can)."""
        return (self.snapshot.unknown_flags or {}).get("caseload", "")

    def localities(self, team_ids=None):
        """[(locality, Summary)] pooled from its teams (only `team_ids` when given), by name."""
        grouped = {}
        for pk, figures in self.teams.items():
            if team_ids is not None and pk not in team_ids:
                continue
            if figures.team.locality_id:
                grouped.setdefault(figures.team.locality, []).append(figures.summary)
        return sorted(((loc, counting.pooled(s)) for loc, s in grouped.items()), key=lambda pair: pair[0].name)


def _cases(snapshot):
    return [counting.Case(*row) for row in
            AllocatedCase.objects.filter(snapshot=snapshot).values_list("child_ref", "kind", "worker", "team")]


def picture(snapshot, placer=None, targets=None):
    council = snapshot.council
    placer = placer or Placer(council)
    targets = targets or Targets(council)
    cases = _cases(snapshot)
    loads = counting.worker_loads(cases)
    placed = {w: placer.place(w, load.team, snapshot.as_at) for w, load in loads.items()}
    teams = {}

    def figures(team):
        if team.pk not in teams:
            teams[team.pk] = TeamFigures(team, counting.summary([]), targets.for_team(team.pk), counting.summary([]))
        return teams[team.pk]

    grouped = {}
    for worker, load in sorted(loads.items(), key=lambda item: item[0].casefold()):
        team = placed[worker].team
        if team is not None:
            figures(team).workers.append(load)
            grouped.setdefault(team.pk, []).append(load)
    for pk, workers in grouped.items():
        teams[pk].summary = counting.summary([w.caseload for w in workers], targets.maximum(pk))
        teams[pk].care_leavers = counting.summary([w.care_leavers for w in workers])
    unallocated = counting.unallocated(cases)
    unplaced = 0
    for child_team in unallocated.values():
        found = placer.names.resolve(child_team).team if child_team else None
        if found is None:
            unplaced += 1
        else:
            figures(found).unallocated += 1
    nowhere = [load.caseload for w, load in loads.items() if placed[w].team is None]
    default = targets.council_target()
    return Picture(
        snapshot=snapshot, loads=loads, placed=placed, teams=teams,
        council=counting.summary([x.caseload for x in loads.values()], default.maximum if default else None),
        care_leavers=counting.summary([x.care_leavers for x in loads.values()]), unallocated=len(unallocated),
        unallocated_unplaced=unplaced, unallocated_care_leavers=len(counting.unallocated_care_leavers(cases)),
        not_placed=counting.summary(nowhere), targets=targets)


def team_workers(snapshot, team, placer=None):
    """The WorkerLoads of the workers placed in `team` on the snapshot, by name."""
    figures = picture(snapshot, placer).teams.get(team.pk)
    return figures.workers if figures is not None else []


# ---- the trend -------------------------------------------------------------------------------------------

def _worker_caseloads(snapshot_ids):
    """{snapshot id: {worker: (caseload, extract team)}} from the database's counts (not every case read)."""
    first_team = Min(Case(When(~Q(team=""), then=F("team")), output_field=CharField()))
    rows = (AllocatedCase.objects.filter(snapshot_id__in=snapshot_ids, kind__in=CASELOAD_KINDS).exclude(worker="")
            .values("snapshot_id", "worker").annotate(children=Count("child_ref", distinct=True), team=first_team))
    out = {pk: {} for pk in snapshot_ids}
    for row in rows:
        out[row["snapshot_id"]][row["worker"]] = (row["children"], row["team"] or "")
    return out


@dataclass(frozen=True)
class TrendPoint:
    snapshot: CaseloadSnapshot
    council: counting.Summary
    teams: dict  # team pk -> Summary


def trend(council, count=TREND_EXTRACTS, placer=None):
    """The council's and each team's caseload figures at each of the last `count` published extracts, oldest
    first. A worker's team on each extract is read with today's matches and mappings, on that extract's date."""
    snapshots = list(published_snapshots(council)[:count])[::-1]
    if not snapshots:
        return []
    placer = placer or Placer(council)
    counts = _worker_caseloads([s.pk for s in snapshots])
    points = []
    for snapshot in snapshots:
        workers = counts[snapshot.pk]
        teams = {}
        for worker, (caseload, team_name) in workers.items():
            team = placer.place(worker, team_name, snapshot.as_at).team
            if team is not None:
                teams.setdefault(team.pk, []).append(caseload)
        points.append(TrendPoint(snapshot, counting.summary([c for c, _ in workers.values()]),
                                 {pk: counting.summary(loads) for pk, loads in teams.items()}))
    return points
