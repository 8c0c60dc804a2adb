"""What the KPI figures mean, apart from how they are computed: which KPIs an extract can give, which
aggregates a run needs, and how the aggregate rows become figures. Nothing here touches DuckDB, Spark or
a DataFrame; the runner (engine.py) runs the aggregate queries a `RunPlan` asks for and hands their rows
back to it.

kpis.md rules applied here, not in the definitions:
- A KPI whose list is missing, or that needs a column the reader marked absent, is null
  (Figure(None, None, None, None)); each absent column gives ONE issue naming the KPIs it blanks.
- Team breakdowns only for KPIs whose lists carry Allocated Team (`spec.by_team`); a team named in any
  list that carries teams gets every KPI with a breakdown (zero, not missing).
- Rates and ratios are derived from their counts (registry.py); a team's rate keeps its count but has no
  value, because Annex A gives no team's child population.
"""

from dataclasses import dataclass, field

from triangulate.datasets.parsers.annex_a.schema import LISTS

NO_TEAM = "Unallocated"


@dataclass
class Figure:
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    # rows (children, for distinct-children KPIs) left out for a missing or unreadable value; None when null
    excluded: int | None = None

    def as_dict(self, excluded=True):
        out = {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}
        if excluded:
            out["excluded"] = self.excluded
        return out


EMPTY = Figure(None, None, None, None)


@dataclass
class Results:
    periods: list
    # kpi id -> list of Figure, one per period
    kpis: dict = field(default_factory=dict)
    # team -> kpi id -> list of Figure (only KPIs with a team breakdown)
    by_team: dict = field(default_factory=dict)
    # {"list", "row", "column", "problem"}: a needed column absent from a present list
    issues: list = field(default_factory=list)


class Availability:
    """Which KPIs an extract can give: its lists present, and the (list, column key) pairs the reader
    marked absent from them."""

    def __init__(self, specs, present, absent):
        self.specs, self.present, self.absent = specs, frozenset(present), frozenset(absent)

    def has_lists(self, spec):
        if spec.lists:
            return all(n in self.present for n in spec.lists)
        return any(n in self.present for n in spec.lists_read)

    def blocked(self, spec):
        """The (list, key) columns the KPI needs that the reader marked absent from a present list."""
        if spec.derived:
            return set().union(*(self.blocked(self.specs[k]) for k in (spec.of, spec.per) if k))
        if not self.has_lists(spec):
            return set()  # a missing list: null without an issue
        return {(n, key) for n, key in spec.needs if n in self.present and (n, key) in self.absent}

    def null(self, spec):
        return not self.has_lists(spec) or bool(self.blocked(spec))

    def issues(self, kpi_ids):
        """One issue per absent (list, column) that blanks any of `kpi_ids`, naming them."""
        blanked = {}
        for kpi_id in kpi_ids:
            for column in self.blocked(self.specs[kpi_id]):
                blanked.setdefault(column, []).append(kpi_id)
        issues = []
        for number, spec in sorted(LISTS.items()):
            for column in spec.columns:
                ids = blanked.get((number, column.key))
                if ids:
                    issues.append({"list": number, "row": None, "column": column.heading,
                                   "problem": f"column missing from List {number}: cannot compute {', '.join(ids)}"})
        return issues


class RunPlan:
    """One run: the KPIs asked for (and the counts they are derived from), the aggregate queries that
    gives, and the Results made from those queries' rows."""

    def __init__(self, specs, availability, periods, kpi_ids=None, by=None, population=None):
        self.specs, self.availability, self.by, self.population = specs, availability, by, population
        self.periods = list(periods)
        self.kpi_ids = list(kpi_ids or specs)
        self.order = self._in_dependency_order()

    def _in_dependency_order(self):
        needed = []
        for kpi_id in self.kpi_ids:
            spec = self.specs[kpi_id]
            for base in (spec.of, spec.per):
                if base and base not in needed:
                    needed.append(base)
            if kpi_id not in needed:
                needed.append(kpi_id)
        return needed

    def _broken_down(self, spec):
        return self.by == "team" and spec.by_team

    def queries(self):
        """The (spec, group) aggregates to run: group None for the whole council, "team" by team."""
        wanted = []
        for kpi_id in self.order:
            spec = self.specs[kpi_id]
            if spec.derived or self.availability.null(spec):
                continue
            teams = self._broken_down(spec)
            if teams:
                wanted.append((spec, "team"))
            if not (teams and spec.unit in ("count", "pct")):  # counts add up from the teams
                wanted.append((spec, None))
        return wanted

    def results(self, rows, team_names=()):
        """Results from `rows` ({(kpi id, group): aggregate rows with period_id, team, n, d, x, total, mean,
        median}) and `team_names` (every team in the lists that carry teams; used when by team)."""
        null = self.availability.null
        count = len(self.periods)
        results = Results(periods=self.periods)
        for kpi_id in self.order:
            spec = self.specs[kpi_id]
            if spec.derived:
                continue
            if null(spec):
                results.kpis[kpi_id] = [EMPTY] * count
                continue
            whole, teams = figures(spec, rows, count, team_names if self._broken_down(spec) else None)
            results.kpis[kpi_id] = whole
            for team, team_figures in teams.items():
                results.by_team.setdefault(team, {})[kpi_id] = team_figures
        for team_kpis in results.by_team.values():
            # a team seen in one KPI's rows only still gets every other KPI with a breakdown: zero, not missing
            for kpi_id in self.order:
                spec = self.specs[kpi_id]
                if spec.by_team and not spec.derived and kpi_id not in team_kpis and not null(spec):
                    team_kpis[kpi_id] = [figure(spec, 0, 0, 0, None, None, None)] * count
        for kpi_id in self.order:
            spec = self.specs[kpi_id]
            if not spec.derived:
                continue
            results.kpis[kpi_id] = derive(spec, results.kpis, self.periods, self.population)
            if spec.by_team:
                for team_kpis in results.by_team.values():
                    if spec.of in team_kpis and (spec.per is None or spec.per in team_kpis):
                        # rates need a team's child population, which Annex A does not give: counts only
                        team_kpis[kpi_id] = derive(spec, team_kpis, self.periods, population=None)
        for by_kpi in (results.kpis, *results.by_team.values()):
            for kpi_id in [k for k in by_kpi if k not in self.kpi_ids]:
                del by_kpi[kpi_id]
        results.issues = self.availability.issues(self.kpi_ids)
        return results


def figures(spec, rows, count, team_names):
    """(the whole council's Figures, {team: Figures}) of one KPI, one Figure per period; teams only when
    `team_names` is given."""

    def from_row(row):
        return figure(spec, row["n"] or 0, row["d"] or 0, row["x"] or 0, row["total"], row["mean"], row["median"])

    zero = figure(spec, 0, 0, 0, None, None, None)
    teams = {}
    if team_names is not None:
        by_team = {team: {} for team in team_names}
        for row in rows[(spec.id, "team")]:
            team = row["team"] if row["team"] not in (None, "") else NO_TEAM
            by_team.setdefault(team, {})[row["period_id"]] = from_row(row)
        teams = {team: [values.get(i, zero) for i in range(count)] for team, values in by_team.items()}
    if team_names is not None and spec.unit in ("count", "pct"):
        # counts add up, so the teams give the whole without a second pass over the data
        whole = [figure(spec, *(sum(getattr(t[i], a) or 0 for t in teams.values())
                                for a in ("numerator", "denominator", "excluded")), None, None, None)
                 for i in range(count)]
    else:  # no breakdown, or means and medians, which do not add up
        by_period = {row["period_id"]: from_row(row) for row in rows[(spec.id, None)]}
        whole = [by_period.get(i, zero) for i in range(count)]
    return whole, teams


def figure(spec, n, d, x, total, mean, median):
    """A non-derived KPI's Figure from its aggregates (registry.py gives the meaning of each unit)."""
    if spec.unit == "count":
        return Figure(n, n, None, x)
    if spec.unit == "pct":
        return Figure(100.0 * n / d if d else None, n, d, x)
    if spec.unit == "mean":
        return Figure(float(mean) if d and mean is not None else None,
                      float(total) if d and total is not None else None, d, x)
    if spec.unit == "median":
        return Figure(float(median) if d and median is not None else None, None, d, x)
    raise ValueError(spec.unit)


def derive(spec, figures_by_kpi, periods, population):
    """A rate's or ratio's Figures, one per period, from its counts' Figures in `figures_by_kpi`."""
    out = []
    for i, period in enumerate(periods):
        base = figures_by_kpi[spec.of][i]
        if base is EMPTY or base.value is None:
            out.append(EMPTY)
            continue
        count = base.value
        if spec.unit == "rate":
            if not population:
                out.append(Figure(None, count, population, base.excluded))
                continue
            factor = period.annualisation if spec.annualised else 1.0
            out.append(Figure(count / population * 10_000 * factor, count, population, base.excluded))
        else:  # ratio
            per = figures_by_kpi[spec.per][i]
            if per is EMPTY or per.value is None:
                out.append(EMPTY)
                continue
            value = 100.0 * count / per.value if per.value else None
            out.append(Figure(value, count, per.value, base.excluded + per.excluded))
    return out
