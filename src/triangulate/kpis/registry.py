"""The KPI catalogue: every KPI's id, title, unit, polarity and how its value is formed.

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

The engine turns cohort frames into numbers (per period, and per team with --by team):
    unit "count":  value = numerator = rows (or distinct children) with num; denominator None
    unit "pct":    numerator = num rows, denominator = den rows, value = 100 * num / den (None if den = 0)
    unit "mean":   denominator = den rows, numerator = sum of val over them, value = mean (None if empty)
    unit "median": denominator = den rows, value = median of val (None if empty), numerator None
Derived KPIs have no function of their own:
    unit "rate":   value = the `of` count / population * 10,000, annualised if `annualised`
    unit "ratio":  value = 100 * count `of` / count `per` (numerator and denominator are those counts)
"""

from dataclasses import dataclass, field

UNITS = {"count", "pct", "mean", "median", "rate", "ratio"}
POLARITIES = {"higher", "lower", "contextual"}


@dataclass(frozen=True)
class KpiSpec:
    id: str
    title: str
    unit: str
    polarity: str = "contextual"
    lists: tuple = ()
    section: str = ""
    # count children once (the first qualifying row decides their team) instead of counting rows
    distinct_children: bool = False
    # for derived KPIs
    of: str | None = None
    per: str | None = None
    annualised: bool = False
    function: object = field(default=None, compare=False, repr=False)

    @property
    def derived(self):
        return self.unit in ("rate", "ratio")


REGISTRY: dict[str, KpiSpec] = {}


def _register(spec):
    if spec.id in REGISTRY:
        raise ValueError(f"KPI {spec.id!r} is defined twice")
    if spec.unit not in UNITS or spec.polarity not in POLARITIES:
        raise ValueError(f"KPI {spec.id!r}: bad unit or polarity")
    REGISTRY[spec.id] = spec
    return spec


def kpi(id, title, unit, *, polarity="contextual", lists=(), section="", distinct_children=False):
    """Register a KPI computed by the decorated function (see the module docstring)."""

    def decorate(function):
        _register(KpiSpec(id=id, title=title, unit=unit, polarity=polarity, lists=tuple(lists), section=section,
                          distinct_children=distinct_children, function=function))
        return function

    return decorate


def rate(id, title, *, of, annualised, polarity="contextual", section=""):
    """Register `of` (a count KPI) per 10,000 children; flow counts are annualised."""
    base = REGISTRY[of]
    return _register(KpiSpec(id=id, title=title, unit="rate", polarity=polarity, lists=base.lists,
                             section=section or base.section, of=of, annualised=annualised))


def ratio(id, title, *, of, per, polarity="contextual", section=""):
    """Register 100 × count `of` / count `per`."""
    return _register(KpiSpec(id=id, title=title, unit="ratio", polarity=polarity,
                             lists=REGISTRY[of].lists + REGISTRY[per].lists, section=section, of=of, per=per))


def all_kpis():
    from . import definitions  # noqa: F401  (importing registers every KPI)

    return dict(REGISTRY)
