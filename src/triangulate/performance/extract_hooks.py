"""What performance derives from each imported extract: its KPI values (registered with
datasets/derived.py in PerformanceConfig.ready, because datasets sits below performance)."""

from triangulate.kpis.registry import all_kpis

from . import kpi_store, presenters, selectors
from .models import KpiValue

# One measure a section of the dashboard (kpis.md order): enough to see at a glance whether a held
# extract tells the council's story as the published one does, short enough to read before deciding.
HEADLINE_KPIS = ("contacts", "referrals", "rereferral_pct", "assessments_within_45wd_pct", "s47_enquiries",
                 "cin_open", "cp_open", "cla_open", "cl_19_21", "adoption_orders")


def compute(tables, extract_date, population):
    """In the import's child process: the KPIs for the 12 months to the extract date and the flow series."""
    return kpi_store.compute(tables, population, extract_date)


def issues(computed):
    return computed.issues


def discard(upload):
    KpiValue.objects.filter(upload=upload).delete()


def review(upload, user):
    """A held extract's headline figures (12 months to its date) beside the published latest's, as the
    dashboard would show them to this user (the same disclosure control)."""
    audience = presenters.Audience.for_user(user)
    published = selectors.latest_upload()
    held_values = selectors.year_values(upload)
    published_values = selectors.year_values(published) if published is not None else {}
    specs = all_kpis()
    rows = []
    for kpi_id in HEADLINE_KPIS:
        spec = specs.get(kpi_id)
        if spec is None:
            continue
        rows.append({"title": spec.title,
                     "held": presenters.value_text(audience.cell(spec.unit, held_values.get(kpi_id)), audience),
                     "published": presenters.value_text(audience.cell(spec.unit, published_values.get(kpi_id)),
                                                        audience) if published is not None else ""})
    return {"published": published, "headline": rows}
