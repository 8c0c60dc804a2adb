"""Compute an upload's KPIs and store them: the 12 months to the extract date (whole council
and by team) and a 24-month monthly series (whole council)."""

from datetime import timedelta

from django.db import transaction

from triangulate.kpis.engine import Engine
from triangulate.kpis.periods import Period, add_months, calendar_months

from .models import KpiValue


def year_to(extract_date):
    return Period(add_months(extract_date + timedelta(days=1), -12), extract_date)


def compute(tables, population, extract_date, settings=None):
    engine = Engine(tables, population=population, settings=settings)
    year = engine.run([year_to(extract_date)], by="team")
    months = calendar_months(extract_date, 24)
    series = engine.run(months)
    return year, series


@transaction.atomic
def store(upload, year, series):
    KpiValue.objects.filter(upload=upload).delete()
    rows = []
    period = year.periods[0]
    for kpi_id, figures in year.kpis.items():
        rows.append(_row(upload, kpi_id, period, "", figures[0]))
    for team, kpis in year.by_team.items():
        for kpi_id, figures in kpis.items():
            rows.append(_row(upload, kpi_id, period, team, figures[0]))
    for kpi_id, figures in series.kpis.items():
        for month, figure in zip(series.periods, figures, strict=True):
            rows.append(_row(upload, kpi_id, month, "", figure))
    KpiValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _row(upload, kpi_id, period, team, figure):
    return KpiValue(upload=upload, kpi_id=kpi_id, period_start=period.start, period_end=period.end, team=team,
                    value=figure.value, numerator=figure.numerator, denominator=figure.denominator)
