"""Compute an upload's KPIs and store what the pages read (kpis.md "History"):

- every KPI for the 12 months to the extract date, for the whole council, and by team for the KPIs whose
  list carries Allocated Team. A snapshot KPI is taken at the period's end, so this row is also its value
  at the extract's own date, the one point of its history that this extract can give;
- for snapshot KPIs, that same value again as the extract's own month (first of the month to the extract
  date), so a month-by-month reader finds it; no other month, because an older month computed from this
  extract would judge old plans by later visits;
- for flow KPIs, the 24 calendar months to the extract date (the last one cut at the extract date), so
  whichever upload is the latest carries its own flow series.
"""

from datetime import date

from django.db import transaction

from triangulate.kpis.periods import Period, calendar_months, year_to

from .history import FLOW
from .models import KpiValue

__all__ = ["Computed", "compute", "months_to", "store"]
MONTH, YEAR = KpiValue.Span.MONTH, KpiValue.Span.YEAR
SERIES_MONTHS = 24


class Computed:
    """The engine's results for one upload: `year` (12 months to the extract date, by team) and
    `series` (flow KPIs, month by month)."""

    def __init__(self, year, series, specs):
        self.year, self.series, self.specs = year, series, specs

    @property
    def issues(self):
        """The engine's issues (e.g. a needed column missing), once per column: the 12-month run asks for
        every KPI, so its issues name every KPI a missing column blanks (the flow series asks for a subset,
        and would name the same column again with fewer KPIs)."""
        return self.year.issues


def months_to(extract_date, count=SERIES_MONTHS):
    """The `count` calendar months to the extract date, oldest first; the last ends at the extract date."""
    months = calendar_months(extract_date, count)
    last = months[-1]
    months[-1] = Period(last.start, min(last.end, extract_date))
    return months


def compute(tables, population, extract_date, settings=None):
    from triangulate.kpis.engine import Engine

    engine = Engine(tables, population=population, settings=settings)
    year = engine.run([year_to(extract_date)], by="team")
    flow = [kpi_id for kpi_id, spec in engine.specs.items() if spec.kind == FLOW]
    series = engine.run(months_to(extract_date), kpi_ids=flow)
    return Computed(year, series, engine.specs)


@transaction.atomic
def store(upload, computed):
    KpiValue.objects.filter(upload=upload).delete()
    year, series, specs = computed.year, computed.series, computed.specs
    period = year.periods[0]
    own_month = Period(date(period.end.year, period.end.month, 1), period.end)
    rows = []
    for kpi_id, figures in year.kpis.items():
        rows.append(_row(upload, kpi_id, period, YEAR, "", figures[0]))
        if specs[kpi_id].kind != FLOW:
            rows.append(_row(upload, kpi_id, own_month, MONTH, "", figures[0]))
    for team, kpis in year.by_team.items():  # the engine breaks down only the KPIs whose lists carry a team
        for kpi_id, figures in kpis.items():
            rows.append(_row(upload, kpi_id, period, YEAR, team, figures[0]))
    for kpi_id, figures in series.kpis.items():
        for month, figure in zip(series.periods, figures, strict=True):
            rows.append(_row(upload, kpi_id, month, MONTH, "", figure))
    KpiValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _row(upload, kpi_id, period, span, team, figure):
    return KpiValue(upload=upload, kpi_id=kpi_id, period_start=period.start, period_end=period.end, span=span,
                    team=team, value=figure.value, numerator=figure.numerator, denominator=figure.denominator,
                    excluded=figure.excluded)
