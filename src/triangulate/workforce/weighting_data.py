"""Reading loading for the pages (design §3): each worker's load, capacity and band on the latest published
extract's caseload snapshot, and each team's totals for the heat map.

A worker is an extract's worker name resolved to a staff record (matching.py); several spellings meaning one staff
member are one worker. A worker is placed in a team as the caseload pages place them (caseload_data.Placer, so a
team's caseload and its loading count the same workers): by their staff record's team on the extract's date, else by
the team the extract names most often on their cases, mapped through TeamNames. Unallocated cases weigh on nobody.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from triangulate.datasets.models import Upload
from triangulate.datasets.teams.selectors import name_key

from . import defaults
from .analytics import weighting as w
from .caseload_data import Placer
from .models import CaseloadSnapshot, WeightingScheme, WeightOverride

CASE_FLAGS = ("court", "missing", "disability", "out_of_area", "sibling")


def latest_snapshot(council):
    return CaseloadSnapshot.objects.filter(council=council, upload__status=Upload.Status.SUCCEEDED) \
        .order_by("-as_at", "-pk").first()


def scheme_values(council):
    """The council's active scheme as analytics values, or the defaults when it has not made one yet."""
    scheme = WeightingScheme.objects.filter(council=council, is_active=True).prefetch_related(
        "case_weights", "modifier_weights", "capacities").first()
    if scheme is None:
        return w.Scheme(case_points=dict(defaults.CASE_POINTS), modifier_points=dict(defaults.MODIFIER_POINTS),
                        role_capacity=dict(defaults.ROLE_CAPACITY))
    return w.Scheme(case_points={r.kind: r.points for r in scheme.case_weights.all()},
                    modifier_points={r.modifier: r.points for r in scheme.modifier_weights.all()},
                    role_capacity={r.staff_role: r.points for r in scheme.capacities.all()},
                    **{f: getattr(scheme, f) for f in ("green_below", "red_above", "asye_first_months",
                                                       "asye_first_percent", "asye_after_percent")})


@dataclass
class Worker:
    name: str  # the staff record's name, else the extract's spelling
    staff: object  # StaffMember or None
    team: object  # Team or None (unplaced)
    cases: list = field(default_factory=list)  # AllocatedCase rows
    loading: w.Loading | None = None
    overrides: dict = field(default_factory=dict)  # child_ref -> WeightOverride

    @property
    def sort_name(self):
        return self.name.casefold()


def workers_on(council, snapshot, scheme=None, placer=None):
    """Every worker with a case on the snapshot, with their loading (`placer`: a caseload page's own, reused)."""
    scheme = scheme or scheme_values(council)
    placer = placer or Placer(council)
    names = placer.workers
    by_worker = {}
    for case in snapshot.cases.exclude(worker="").order_by("child_ref", "kind"):
        match = names.resolve(case.worker)
        key = ("staff", match.staff.pk) if match.staff else ("name", name_key(case.worker))
        worker = by_worker.get(key)
        if worker is None:
            worker = by_worker[key] = Worker(name=match.staff.full_name if match.staff else case.worker,
                                             staff=match.staff, team=None)
        worker.cases.append(case)
    overrides = {}
    for o in WeightOverride.objects.filter(council=council):
        overrides[(o.child_ref, o.worker_key)] = o
    for worker in by_worker.values():
        spelt = Counter(c.team for c in worker.cases if c.team).most_common(1)
        worker.team = placer.place(worker.cases[0].worker, spelt[0][0] if spelt else "", snapshot.as_at).team
        for case in worker.cases:
            found = overrides.get((case.child_ref, name_key(case.worker)))
            if found is not None:
                worker.overrides.setdefault(case.child_ref, found)
        children = w.children_points(
            scheme, [w.Case(c.child_ref, c.kind, {f: getattr(c, f) for f in CASE_FLAGS}) for c in worker.cases],
            {ref: o.points for ref, o in worker.overrides.items()})
        staff = worker.staff
        capacity = w.capacity_of(scheme, snapshot.as_at, has_staff=staff is not None,
                                 role=staff and staff.role, fte=staff and staff.fte,
                                 asye_started_on=staff and staff.asye_started_on,
                                 asye_completed_on=staff and staff.asye_completed_on)
        worker.loading = w.loading_of(scheme, children, capacity)
    return sorted(by_worker.values(), key=lambda x: x.sort_name)


def team_workers(council, team, snapshot=None):
    """The team's workers with their loading (names: only for the team's own page)."""
    snapshot = snapshot or latest_snapshot(council)
    if snapshot is None:
        return []
    return [x for x in workers_on(council, snapshot) if x.team is not None and x.team.pk == team.pk]


@dataclass
class TeamTotal:
    team: object
    workers: int = 0
    load: Decimal = Decimal(0)  # of the workers with a capacity
    capacity: Decimal = Decimal(0)
    without_capacity: int = 0
    bands: dict = field(default_factory=lambda: {w.GREEN: 0, w.AMBER: 0, w.RED: 0})
    percent: Decimal | None = None
    band: str | None = None

    @property
    def name(self):
        return self.team.name


def team_totals(council, team_ids=None, snapshot=None, scheme=None, workers=None, placer=None):
    """Per team (of `team_ids`, or every team with a worker): sum load ÷ sum capacity over the workers with a
    capacity, the count in each band, and the workers without a capacity. No worker's name. `workers`: those
    workers_on gave already for this snapshot and `scheme`, so a page needing both reads them once."""
    snapshot = snapshot or latest_snapshot(council)
    if snapshot is None:
        return []
    scheme = scheme or scheme_values(council)
    totals = {}
    for worker in workers if workers is not None else workers_on(council, snapshot, scheme, placer):
        if worker.team is None or (team_ids is not None and worker.team.pk not in team_ids):
            continue
        total = totals.setdefault(worker.team.pk, TeamTotal(team=worker.team))
        total.workers += 1
        if worker.loading.band is None:
            total.without_capacity += 1
            continue
        total.load += worker.loading.load
        total.capacity += worker.loading.capacity.points
        total.bands[worker.loading.band] += 1
    for total in totals.values():
        total.percent = w.percent_of(total.load, total.capacity)
        if total.capacity:
            total.band = w.band_of(scheme, total.load * w.HUNDRED / total.capacity)
    return sorted(totals.values(), key=lambda t: t.name.casefold())
