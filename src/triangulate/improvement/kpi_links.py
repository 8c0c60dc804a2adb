"""The performance measure a finding or action is about (its `kpi_id`), without importing the KPI catalogue.

improvement sits below kpis and performance in the apps' order (docs/architecture.md), so it may not read
the catalogue itself. The layer that owns the measures registers them from above, in its
`AppConfig.ready` (performance/apps.py, with performance/act_on_number.py):

    kpi_links.register(kpi_links.Catalogue(measures=..., url=..., theme=...))

and findings and actions then validate, list and link a measure through this module alone. A KPI id is
stored as text (not a foreign key: the catalogue is code, not a table), so a measure later taken out of
the catalogue still shows, under its id, on the records that named it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Catalogue:
    measures: Callable[[], dict]  # () -> {kpi id: (section, title)}, in the catalogue's order
    url: Callable[[str], str]  # kpi id -> the address of the measure's page
    theme: Callable[[str], str]  # kpi id -> the slug of the practice theme it usually falls under, or ""


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    section: str
    url: str | None  # None: no longer in the catalogue, so there is no page to link to
    theme: str = ""


_registered: list[Catalogue] = []


def register(catalogue):
    """Called once, from the measures' own app; a second call replaces the first (a reloaded app)."""
    _registered[:] = [catalogue]


def _catalogue():
    return _registered[0] if _registered else None


def choices():
    """[(kpi id, "Section: title")] for a select, in the catalogue's order; [] when none is registered."""
    catalogue = _catalogue()
    if catalogue is None:
        return []
    return [(kpi_id, f"{section}: {title}" if section else title)
            for kpi_id, (section, title) in catalogue.measures().items()]


def is_known(kpi_id):
    catalogue = _catalogue()
    return catalogue is not None and kpi_id in catalogue.measures()


def describe(kpi_id):
    """The Measure a stored kpi_id names, or None for "" (no measure). A measure no longer in the
    catalogue keeps its id as its title and has no link."""
    if not kpi_id:
        return None
    catalogue = _catalogue()
    known = catalogue.measures() if catalogue is not None else {}
    if kpi_id not in known:
        return Measure(kpi_id, f"{kpi_id} (no longer in the catalogue)", "", None)
    section, title = known[kpi_id]
    return Measure(kpi_id, title, section, catalogue.url(kpi_id), catalogue.theme(kpi_id))
