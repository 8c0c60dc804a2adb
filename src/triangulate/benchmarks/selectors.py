"""What a council's figures are compared with: England, its region and its statistical neighbours' average,
from the benchmarks it uploaded, else (England and some regions) the figures shipped with Triangulate.

    comparators(council, "rereferral_pct")      -> Comparators
    comparators_for(council, kpi_ids)           -> {kpi id: Comparators}, in two queries whatever the number

Rules (each stated on the result, so a page can say where a figure came from):
- for a KPI, area and year the latest upload's figure is used (an earlier upload's stays behind it);
- England and the region: the latest year with a figure, uploaded or shipped; for the same year an uploaded
  figure is used before a shipped one;
- the statistical-neighbour average is the arithmetic mean of the neighbours with a figure for the latest
  year any neighbour has one (a suppressed figure is no figure), with how many of how many; the council's
  neighbours are matched by their DfE code, or by name for a figure uploaded with only an ONS code or name;
- analysts' notes travel with the figures: the caller shows them only to Perm.VIEW_NOTES
  (`without_notes()` drops them).
"""

from dataclasses import dataclass, replace

from django.db.models import Q

from triangulate.core.formatting import date_uk
from triangulate.kpis import benchmarks as shipped

from .areas import (
    ENGLAND,
    ENGLAND_CODE,
    LA,
    REGION,
    REGIONS,
    SUPPRESSION_MARKERS,
    area_name_key,
    region_code,
    year_sort_key,
)
from .models import BenchmarkFigure, BenchmarkUpload
from .rules import Perm


@dataclass(frozen=True)
class Comparator:
    label: str  # "England", "North East", "Statistical neighbours"
    value: float | None
    year: str | None
    source: str  # where the figure came from, in words
    note: str = ""  # analysts only
    reason: str = ""  # why there is no value
    uploaded: bool = False  # from the council's uploads (else shipped with Triangulate, or nothing)
    derived: bool = False  # shipped figures computed from published counts or bins
    verified: bool = True  # shipped figures still to be checked against the latest release say False


@dataclass(frozen=True)
class NeighbourFigure:
    rank: int
    name: str
    la_code: str
    value: float | None
    marker: str  # the publication's symbol when there is no value


@dataclass(frozen=True)
class NeighbourAverage(Comparator):
    count: int = 0  # neighbours averaged
    of: int = 0  # neighbours the council records
    members: tuple = ()  # NeighbourFigure for each neighbour, in rank order, for the year averaged


@dataclass(frozen=True)
class Comparators:
    kpi_id: str
    england: Comparator
    region: Comparator
    neighbours: NeighbourAverage

    @property
    def all(self):
        return (self.england, self.region, self.neighbours)

    @property
    def notes(self):
        """(label, note) for each comparator with an analyst's note."""
        return [(c.label, c.note) for c in self.all if c.note]

    def without_notes(self):
        return replace(self, england=replace(self.england, note=""), region=replace(self.region, note=""),
                       neighbours=replace(self.neighbours, note=""))

    def for_user(self, user):
        """As the user may see them: without the notes unless they hold Perm.VIEW_NOTES."""
        return self if user.has_perm(Perm.VIEW_NOTES) else self.without_notes()


def uploads_for(council):
    return BenchmarkUpload.objects.filter(council=council).select_related("uploaded_by")


def figures_of(upload):
    return upload.figures.all()


def comparators(council, kpi_id):
    return comparators_for(council, [kpi_id])[kpi_id]


def comparators_for(council, kpi_ids):
    """{kpi id: Comparators} for each KPI, from one query for the neighbours (none if prefetched, as
    people.selectors.the_council does) and one for the figures."""
    kpi_ids = list(dict.fromkeys(kpi_ids))
    neighbours = list(council.statistical_neighbours.all()) if council is not None else []
    region = region_code(council.region) if council is not None else None
    by_code = {n.la_code: n for n in neighbours}
    by_name = {}
    for n in neighbours:
        by_name.setdefault(area_name_key(n.name), n)
    rows = []
    if council is not None and kpi_ids:
        areas = Q(area_type=ENGLAND) | Q(area_type=LA, la_code__in=list(by_code)) \
            | Q(area_type=LA, la_code="", name_key__in=list(by_name))
        if region:
            areas |= Q(area_type=REGION, area_key=region)
        rows = (BenchmarkFigure.objects.filter(areas, upload__council=council, kpi_id__in=kpi_ids)
                .values("kpi_id", "area_type", "area_key", "la_code", "name_key", "year", "value", "marker", "note",
                        "upload_id", "upload__original_name", "upload__uploaded_at"))
    # latest upload wins: (kpi, area, year) -> the figure from the highest upload id
    latest = {}
    for row in rows:
        if row["area_type"] == LA:
            neighbour = by_code.get(row["la_code"]) if row["la_code"] else by_name.get(row["name_key"])
            if neighbour is None:
                continue
            area = ("neighbour", neighbour.rank)
        else:
            area = (row["area_type"], row["area_key"])
        key = (row["kpi_id"], area, row["year"])
        if key not in latest or row["upload_id"] > latest[key]["upload_id"]:
            latest[key] = row
    grouped = {}
    for (kpi_id, area, year), row in latest.items():
        grouped.setdefault((kpi_id, area), {})[year] = row
    region_name = REGIONS[council.region][1] if council is not None and council.region in REGIONS else None
    out = {}
    for kpi_id in kpi_ids:
        shipped_rows = shipped.load().get(kpi_id, [])
        england = _area_comparator("England", grouped.get((kpi_id, (ENGLAND, ENGLAND_CODE)), {}),
                                   next((b for b in shipped_rows if b.area == "England"), None))
        if region_name is None:
            region_comparator = Comparator("Region", None, None, "", reason="The council's region is not recorded")
        else:
            region_comparator = _area_comparator(
                region_name, grouped.get((kpi_id, (REGION, region)), {}),
                next((b for b in shipped_rows if b.area == region_name), None))
        average = _neighbour_average(neighbours, {n.rank: grouped.get((kpi_id, ("neighbour", n.rank)), {})
                                                  for n in neighbours})
        out[kpi_id] = Comparators(kpi_id, england, region_comparator, average)
    return out


def _source(rows):
    names = {}
    for row in rows:
        names.setdefault(row["upload__original_name"], row["upload__uploaded_at"])
    return "; ".join(f"{name}, uploaded {date_uk(when)}" for name, when in names.items())


def _marker_reason(marker):
    if not marker:
        return "No figure was given in the publication"
    return f"Not published ({marker}: {SUPPRESSION_MARKERS.get(marker, 'not available')})"


def _area_comparator(label, by_year, benchmark):
    """England or a region: the latest year with a value, uploaded or shipped (uploaded first in a tie)."""
    with_value = [row for row in by_year.values() if row["value"] is not None]
    uploaded = max(with_value, key=lambda row: year_sort_key(row["year"]), default=None)
    if uploaded is not None and (benchmark is None
                                 or year_sort_key(uploaded["year"]) >= year_sort_key(benchmark.year)):
        return Comparator(label, uploaded["value"], uploaded["year"], _source([uploaded]), note=uploaded["note"],
                          uploaded=True)
    if benchmark is not None:
        return Comparator(label, benchmark.value, benchmark.year, f"{benchmark.source} (shipped with Triangulate)",
                          derived=benchmark.derived, verified=benchmark.verified)
    if by_year:  # only figures the publication did not give
        row = by_year[max(by_year, key=year_sort_key)]
        return Comparator(label, None, row["year"], _source([row]), note=row["note"], uploaded=True,
                          reason=_marker_reason(row["marker"]))
    return Comparator(label, None, None, "", reason=f"No figure for {label} has been uploaded")


def _neighbour_average(neighbours, figures):
    """The mean of the neighbours' figures for the latest year any neighbour has a value."""
    label = "Statistical neighbours"
    of = len(neighbours)
    if not neighbours:
        return NeighbourAverage(label, None, None, "", reason="The council has not recorded its statistical "
                                                              "neighbours")
    years = {year for by_year in figures.values() for year, row in by_year.items() if row["value"] is not None}
    if not years:
        every = [row for by_year in figures.values() for row in by_year.values()]
        reason = ("No figures for the council's statistical neighbours have been uploaded" if not every else
                  "The publication gave no figure for any of the council's statistical neighbours")
        return NeighbourAverage(label, None, None, _source(every), reason=reason, of=of,
                                uploaded=bool(every))
    year = max(years, key=year_sort_key)
    members, used, rows = [], [], []
    for n in neighbours:
        row = figures[n.rank].get(year)
        members.append(NeighbourFigure(n.rank, n.name, n.la_code, row["value"] if row else None,
                                       row["marker"] if row else ""))
        if row is not None:
            rows.append(row)
            if row["value"] is not None:
                used.append(row["value"])
    notes = "; ".join(f"{n.name}: {figures[n.rank][year]['note']}" for n in neighbours
                      if year in figures[n.rank] and figures[n.rank][year]["note"])
    return NeighbourAverage(label, sum(used) / len(used), year, _source(rows), note=notes, uploaded=True,
                            count=len(used), of=of, members=tuple(members))
