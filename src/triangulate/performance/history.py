"""A KPI's monthly history, read from stored values (never computed here).

kpis.md "History": a *flow* KPI (events keep their dates) can be computed for any earlier month from one
extract, so its series is the latest successful upload's 24 calendar months. A *snapshot* KPI (open at
end, or measured against a "last" date) is only true at an extract's own date, so its series is one
point per month that has a successful extract: that extract's value at its own date. When a month has
several extracts, the one with the latest extract date wins (and, for the same date, the latest upload).

Months without an extract are kept in a snapshot series as a point with `value`, `numerator`,
`denominator`, `excluded` and `extract_date` all None, so that both kinds of series have one point per
calendar month, oldest first, and a page can say which months have an extract (`extract_date` set) and
leave a gap elsewhere.
"""

from dataclasses import dataclass
from datetime import date

from triangulate.datasets import selectors as datasets_selectors
from triangulate.datasets.models import Upload
from triangulate.kpis.periods import calendar_months, month_end
from triangulate.kpis.registry import all_kpis

from .models import KpiValue

FLOW, SNAPSHOT = "flow", "snapshot"


@dataclass
class SeriesPoint:
    month_end: date
    value: float | None
    numerator: float | None
    denominator: float | None
    excluded: int | None
    # the extract's own date when the value was taken at it (snapshot KPIs); None for flow months and gaps
    extract_date: date | None


def latest_upload():
    """The most recent published upload (latest extract date, then latest upload), or None."""
    return datasets_selectors.latest_published()


def series(kpi_id, months=24):
    """The KPI's monthly series for the `months` calendar months to the latest upload's extract month,
    oldest first (see the module docstring). Empty when nothing has been imported yet."""
    spec = all_kpis()[kpi_id]
    latest = latest_upload()
    if latest is None:
        return []
    calendar = calendar_months(latest.extract_date, months)
    if spec.kind == FLOW:
        return _flow(latest, kpi_id, calendar)
    return _snapshot(kpi_id, calendar)


def _point(month, row, extract_date=None):
    if row is None:
        return SeriesPoint(month.end, None, None, None, None, None)
    return SeriesPoint(month.end, row.value, row.numerator, row.denominator, row.excluded, extract_date)


def _flow(upload, kpi_id, calendar):
    rows = KpiValue.objects.filter(upload=upload, kpi_id=kpi_id, team="", span=KpiValue.Span.MONTH,
                                   period_start__gte=calendar[0].start, period_end__lte=calendar[-1].end)
    by_month = {row.period_start: row for row in rows}
    return [_point(month, by_month.get(month.start)) for month in calendar]


def uploads_by_month(calendar):
    """{month end: the successful upload that speaks for that month} over the calendar months given: the
    latest extract date in the month, then the latest upload."""
    uploads = Upload.objects.filter(status=Upload.Status.SUCCEEDED, extract_date__gte=calendar[0].start,
                                    extract_date__lte=calendar[-1].end).order_by("extract_date", "id")
    chosen = {}
    for upload in uploads:  # later extract dates, then later uploads, overwrite earlier ones in their month
        chosen[month_end(upload.extract_date)] = upload
    return chosen


def _snapshot(kpi_id, calendar):
    """One value per month with an extract: the value taken at that extract's own date, which is the
    value stored for the 12 months to it (snapshot KPIs are taken at the period's end)."""
    chosen = uploads_by_month(calendar)
    rows = KpiValue.objects.filter(upload__in=[upload.pk for upload in chosen.values()], kpi_id=kpi_id, team="",
                                   span=KpiValue.Span.YEAR)
    values = {row.upload_id: row for row in rows}
    out = []
    for month in calendar:
        upload = chosen.get(month.end)
        row = values.get(upload.pk) if upload is not None else None
        if row is None:
            out.append(_point(month, None))
        else:
            out.append(_point(month, row, upload.extract_date))
    return out
