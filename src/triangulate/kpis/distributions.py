"""How long timed work took, in bins of working days, as Ofsted's ChAT shows it (no Django).

    compute(tables, period) -> {measure id: Distribution or Unavailable}

Two measures, each tied to the timeliness KPI it explains, so the bins can never tell a different story
from the figure beside them:
- "assessment_days": working days from an assessment's start to its authorisation, over the cohort of
  `assessments_within_45wd_pct` (which is the cohort of `assessment_median_wd`: kpis/definitions/
  assessments.py). The bins up to 45 add up to that KPI's numerator, and all bins to its denominator.
  An assessment authorised before its start (a data error) has a negative count and, by the letter of
  kpis.md, counts as within 45 working days: it gets a bin of its own, inside the 45.
- "icpc_days": working days from the strategy discussion (S47 start) to the initial child protection
  conference, over the cohort of `icpc_within_15wd_pct`; the bins up to 15 add up to its numerator.

Same tables, same working-day calendar (kpi_calendar, via KpiContext.with_wd) and the same rules for a
missing or unreadable date (left out and counted in `excluded`) as the KPI engine, because the cohort
frames are built by the definitions' own helpers; tests/kpis/test_distributions.py checks the bins
against the engine's figures. A measure whose KPI the extract cannot give (a missing list or an absent
column: kpis/figures.Availability) is Unavailable with the reason, never a row of zeros.
"""

from dataclasses import dataclass

from triangulate.datasets.parsers.annex_a.schema import LISTS

from .definitions import assessments, section47
from .figures import Availability
from .registry import all_kpis
from .tables import absent_keys, complete, duckdb_tables


@dataclass(frozen=True)
class Bin:
    label: str  # as the table shows it, under the heading "Working days"
    low: int | None  # inclusive; None: no lower end
    high: int | None  # inclusive; None: no upper end
    short: str = ""  # the chart axis's label, when the label is too long for it

    @property
    def axis_label(self):
        return self.short or self.label

    def holds(self, days):
        return (self.low is None or days >= self.low) and (self.high is None or days <= self.high)


@dataclass(frozen=True)
class Measure:
    id: str
    title: str  # "Assessment duration"
    things: str  # what the cohort is made of, plural: "assessments"
    kpi_id: str  # the timeliness KPI whose cohort this is
    limit: int  # the KPI's limit in working days: its numerator is the bins up to and including it
    bins: tuple
    # KPI pages that show this distribution
    pages: tuple


def _bins(*edges, before_start=False):
    """Bins from consecutive upper edges: (10, 20) -> 0 to 10, 11 to 20, then "over" the last."""
    out = [Bin("Before the start date (a data error)", None, -1, short="Before start")] if before_start else []
    low = 0
    for high in edges:
        out.append(Bin(f"{low} to {high}", low, high))
        low = high + 1
    out.append(Bin(f"Over {edges[-1]}", low, None))
    return tuple(out)


MEASURES = {
    "assessment_days": Measure(
        "assessment_days", "Assessment duration", "assessments", "assessments_within_45wd_pct", 45,
        _bins(10, 20, 30, 45, 60, before_start=True),
        pages=("assessments_within_45wd_pct", "assessment_median_wd")),
    "icpc_days": Measure(
        "icpc_days", "Working days from strategy discussion to initial conference", "conferences",
        "icpc_within_15wd_pct", 15, _bins(10, 15, 20, 30, 45, 60),
        pages=("icpc_within_15wd_pct",)),
}


def for_page(kpi_id):
    """The measures shown on a KPI's page, in order."""
    return [m for m in MEASURES.values() if kpi_id in m.pages]


@dataclass(frozen=True)
class Distribution:
    measure: Measure
    counts: tuple  # one per bin of measure.bins
    excluded: int  # rows left out for a missing or unreadable date (the KPI's `excluded`)

    @property
    def total(self):
        return sum(self.counts)

    @property
    def within(self):
        """The cohort within the KPI's limit: the KPI's numerator."""
        return sum(n for b, n in zip(self.measure.bins, self.counts) if b.high is not None
                   and b.high <= self.measure.limit)

    def by_bin(self):
        return list(zip(self.measure.bins, self.counts))


@dataclass(frozen=True)
class Unavailable:
    measure: Measure
    reason: str


def _assessment_frame(ctx):
    # the median KPI's cohort is the 45-day KPI's cohort, with each row's working days as its value
    return assessments.assessment_median_wd(ctx)


def _icpc_frame(ctx):
    # icpc_within_15wd_pct's cohort (section47.py) with the working days kept as the value: the same
    # rows, filter and exclusions, line for line, because that KPI's frame drops the days
    F = ctx.F
    rows = section47._icpcs(ctx).where(F.col("s47_start").isNull() | F.col("icpc_date").isNull()
                                       | (F.col("icpc_date") >= F.col("s47_start")))
    rows = ctx.with_wd(rows, "s47_start", "icpc_date", "_wd")
    return ctx.cohort(rows, num=F.col("_wd") <= 15, den=True, val=F.col("_wd"), excl=F.col("_wd").isNull())


FRAMES = {"assessment_days": _assessment_frame, "icpc_days": _icpc_frame}


def _reason(availability, spec):
    missing = [n for n in spec.lists if n not in availability.present]
    if missing:
        return f"The extract has no list {missing[0]} ({LISTS[missing[0]].topic})."
    columns = sorted(availability.blocked(spec))
    headings = ", ".join(LISTS[n].column(key).heading for n, key in columns)
    return f"List {columns[0][0]} of the extract has no column {headings}."


def compute(tables, period, measures=None, settings=None):
    """{measure id: Distribution or Unavailable} for the `period` (the 12 months to an extract, on the
    pages). `tables`: list number -> pyarrow Table, as the engine takes them."""
    measures = [MEASURES[m] for m in (measures or MEASURES)]
    specs = all_kpis()
    given = {n: t for n, t in tables.items() if t is not None and n in LISTS}
    availability = Availability(specs, given, ((n, key) for n, t in given.items() for key in absent_keys(t)))
    out, wanted = {}, []
    for measure in measures:
        spec = specs[measure.kpi_id]
        if availability.null(spec):
            out[measure.id] = Unavailable(measure, _reason(availability, spec))
        else:
            wanted.append(measure)
    if not wanted:
        return out
    from .frames import duckdb_context

    connection = duckdb_tables({n: complete(n, given.get(n)) for n in LISTS})
    try:
        connection.execute("INSERT INTO kpi_periods VALUES (0, ?, ?)", [period.start, period.end])
        ctx, _ = duckdb_context(connection, settings)
        for measure in wanted:
            sql = FRAMES[measure.id](ctx).sql(dialect="duckdb", optimize=False, pretty=False)
            rows = connection.execute(
                f'SELECT CAST(val AS BIGINT), den, excl, COUNT(*) FROM ({sql}) GROUP BY ALL').fetchall()
            out[measure.id] = _binned(measure, rows)
    finally:
        connection.close()
    return out


def _binned(measure, rows):
    """rows: (working days, in the cohort, excluded, how many)."""
    counts = [0] * len(measure.bins)
    excluded = 0
    for days, den, excl, n in rows:
        if excl:
            excluded += n
        elif den:
            counts[next(i for i, b in enumerate(measure.bins) if b.holds(days))] += n
    return Distribution(measure, tuple(counts), excluded)
