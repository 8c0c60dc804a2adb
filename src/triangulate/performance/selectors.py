"""Reading stored KPI values for the pages (never computing in a request)."""

from triangulate.kpis.periods import year_to

from . import history
from .models import KpiValue

# The order of kpis.md: a child's journey from the front door to leaving care, then caseloads.
SECTION_ORDER = ["Front door", "Assessments", "Section 47 and ICPC", "Children in need", "Child protection",
                 "Children in care", "Care leavers", "Adoption", "Caseloads"]


def latest_upload():
    return history.latest_upload()


def year_values(upload):
    """kpi id -> the stored whole-council value for the 12 months to the upload's extract date."""
    period = year_to(upload.extract_date)
    rows = KpiValue.objects.filter(upload=upload, team="", period_start=period.start, period_end=period.end)
    return {row.kpi_id: row for row in rows}


def year_value(upload, kpi_id):
    period = year_to(upload.extract_date)
    return KpiValue.objects.filter(upload=upload, kpi_id=kpi_id, team="", period_start=period.start,
                                   period_end=period.end).first()


def team_values(upload, kpi_id):
    """The stored team values of the 12 months to the extract date, by team name (as in the extract).

    Teams with nothing in this measure (no child counted, in the cohort or excluded: a care leavers'
    team on a child protection measure) are left out: a column of "0 of 0" rows hides the teams that
    matter. They add nothing to the total, so leaving them out changes no other cell."""
    period = year_to(upload.extract_date)
    rows = KpiValue.objects.filter(upload=upload, kpi_id=kpi_id, period_start=period.start,
                                   period_end=period.end).exclude(team="").order_by("team")
    return {row.team: row for row in rows if _has_anything(row)}


def _has_anything(row):
    return any(figure for figure in (row.numerator, row.denominator, row.excluded))


def series(kpi_id):
    return history.series(kpi_id)
