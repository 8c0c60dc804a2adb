"""Reading stored KPI values for the pages (never computing in a request)."""

from triangulate.datasets.models import Upload
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis

from .kpi_store import year_to
from .models import KpiValue

# The order of kpis.md: a child's journey from the front door to leaving care, then caseloads.
SECTION_ORDER = ["Front door", "Assessments", "Section 47 and ICPC", "Children in need", "Child protection",
                 "Children in care", "Care leavers", "Adoption", "Caseloads"]


def latest_upload():
    return Upload.objects.filter(status=Upload.Status.SUCCEEDED).order_by("-extract_date", "-id").first()


def dashboard_rows(upload):
    """KPIs of the 12 months to the extract date, grouped by section, with England's figure beside each."""
    specs = all_kpis()
    period = year_to(upload.extract_date)
    year = {v.kpi_id: v for v in KpiValue.objects.filter(upload=upload, team="", period_start=period.start,
                                                         period_end=period.end)}
    sections = {}
    for kpi_id, spec in specs.items():
        value = year.get(kpi_id)
        england = benchmarks.england(kpi_id)
        sections.setdefault(spec.section or "Other", []).append({
            "spec": spec, "value": value, "england": england,
            "comparison": benchmarks.compare(spec.polarity, value.value if value else None,
                                             england.value if england else None),
        })
    return dict(sorted(sections.items(), key=lambda item: SECTION_ORDER.index(item[0])
                       if item[0] in SECTION_ORDER else len(SECTION_ORDER)))


def kpi_detail(upload, kpi_id):
    rows = KpiValue.objects.filter(upload=upload, kpi_id=kpi_id)
    period = year_to(upload.extract_date)
    months = [r for r in rows.filter(team="").order_by("period_start") if (r.period_end - r.period_start).days < 40]
    teams = list(rows.exclude(team="").filter(period_start=period.start, period_end=period.end).order_by("team"))
    return months, teams
