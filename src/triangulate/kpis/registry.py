"""The KPI catalogue: every KPI's id, title, unit, polarity, kind, the columns it reads and how its
value is formed.

A definition is a pure function over the PySpark DataFrame API (run on DuckDB through
SQLFrame by default, or on Spark) registered with `@kpi(...)`. It receives a
`KpiContext` and returns the KPI's *cohort frame*: one row per event, episode or child
that the KPI looks at, for every period at once, with these columns:

    period_id  which period (from ctx.periods) the row belongs to
    child_id   the child behind the row
    team       the allocated team of that row (None if the list has none)
    worker     the allocated worker of that row (None if the list has none)
    num        boolean: the row counts in the numerator
    den        boolean: the row counts in the denominator (the cohort)
    val        double or None: the row's value, for mean and median KPIs
    excl       boolean: the row is left out for a missing or unreadable value (kpis.md "Coverage");
               num and den are always False on such a row

The engine turns cohort frames into numbers (per period, and per team with --by team):
    unit "count":  value = numerator = rows (or distinct children) with num; denominator None
    unit "pct":    numerator = num rows, denominator = den rows, value = 100 * num / den (None if den = 0)
    unit "mean":   denominator = den rows, numerator = sum of val over them, value = mean (None if empty)
    unit "median": denominator = den rows, value = median of val (None if empty), numerator None
    every unit:    excluded = excl rows (or children)
Derived KPIs have no function of their own:
    unit "rate":   value = the `of` count / population * 10,000, annualised if `annualised`
    unit "ratio":  value = 100 * count `of` / count `per` (numerator and denominator are those counts)
    excluded:      a rate's is its count's; a ratio's is both counts' added; null when the base is null

Each spec also says (kpis.md "History" and "Breakdowns"):
    kind     "flow" (events dated in the period: computable for any earlier period from one extract) or
             "snapshot" (open at end, or measured against a latest/last date: only at an extract's date)
    needs    the (list, column key) pairs the definition reads; an absent one makes the KPI null
    by_team  True only when every list it reads carries Allocated Team (lists 3-9)
"""

from dataclasses import dataclass, field

from triangulate.datasets.parsers.annex_a.schema import TEAM_LISTS

UNITS = {"count", "pct", "mean", "median", "rate", "ratio"}
POLARITIES = {"higher", "lower", "contextual"}
KINDS = {"flow", "snapshot"}


@dataclass(frozen=True)
class KpiSpec:
    id: str
    title: str
    unit: str
    polarity: str = "contextual"
    # lists that must all be present (empty for caseloads: any of the lists in `needs` will do)
    lists: tuple = ()
    section: str = ""
    # count children once (the first qualifying row decides their team) instead of counting rows
    distinct_children: bool = False
    # for derived KPIs
    of: str | None = None
    per: str | None = None
    annualised: bool = False
    kind: str = "flow"
    needs: tuple = ()
    by_team: bool = False
    function: object = field(default=None, compare=False, repr=False)

    @property
    def derived(self):
        return self.unit in ("rate", "ratio")

    @property
    def lists_read(self):
        return tuple(sorted({n for n, _ in self.needs}))


REGISTRY: dict[str, KpiSpec] = {}


def _register(spec):
    if spec.id in REGISTRY:
        raise ValueError(f"KPI {spec.id!r} is defined twice")
    if spec.unit not in UNITS or spec.polarity not in POLARITIES or spec.kind not in KINDS:
        raise ValueError(f"KPI {spec.id!r}: bad unit, polarity or kind")
    REGISTRY[spec.id] = spec
    return spec


def _needs(lists, needs):
    """Expand `needs`: a bare key is that column of every list in `lists`; (list, key) pairs stay.
    Every list read needs its Child Unique ID (each cohort row names its child)."""
    out = set()
    for item in needs:
        if isinstance(item, str):
            out |= {(n, item) for n in lists}
        else:
            out.add(tuple(item))
    out |= {(n, "child_id") for n in {n for n, _ in out} | set(lists)}
    return tuple(sorted(out))


def _by_team(needs):
    read = {n for n, _ in needs}
    return bool(read) and read <= TEAM_LISTS


def kpi(id, title, unit, *, kind, needs, polarity="contextual", lists=(), section="", distinct_children=False):
    """Register a KPI computed by the decorated function (see the module docstring)."""

    def decorate(function):
        expanded = _needs(lists, needs)
        _register(KpiSpec(id=id, title=title, unit=unit, polarity=polarity, lists=tuple(lists), section=section,
                          distinct_children=distinct_children, kind=kind, needs=expanded,
                          by_team=_by_team(expanded), function=function))
        return function

    return decorate


def rate(id, title, *, of, annualised, polarity="contextual", section=""):
    """Register `of` (a count KPI) per 10,000 children; flow counts are annualised. Same kind, columns
    and team breakdown as `of`."""
    base = REGISTRY[of]
    return _register(KpiSpec(id=id, title=title, unit="rate", polarity=polarity, lists=base.lists,
                             section=section or base.section, of=of, annualised=annualised, kind=base.kind,
                             needs=base.needs, by_team=base.by_team))


def ratio(id, title, *, of, per, polarity="contextual", section=""):
    """Register 100 × count `of` / count `per` (both of one kind). A team breakdown only when both have one."""
    a, b = REGISTRY[of], REGISTRY[per]
    if a.kind != b.kind:
        raise ValueError(f"KPI {id!r}: {of} and {per} are of different kinds")
    return _register(KpiSpec(id=id, title=title, unit="ratio", polarity=polarity, lists=a.lists + b.lists,
                             section=section, of=of, per=per, kind=a.kind,
                             needs=tuple(sorted(set(a.needs) | set(b.needs))), by_team=a.by_team and b.by_team))


def all_kpis():
    from . import definitions  # noqa: F401  (importing registers every KPI)

    return dict(REGISTRY)
