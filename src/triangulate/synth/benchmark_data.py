"""The demo council's benchmarks: a CSV like the one a council would make from the DfE's published tables, loaded
through the benchmarks service as any upload is.

For every KPI with a shipped England figure: England at that figure; the council's region at the shipped
regional figure, or near England's; each of its ten statistical neighbours scattered around the region,
with one neighbour's figure suppressed ("c") for each KPI, as small authorities' often are. Two figures carry
an analyst's note, which only analysts see. The neighbours are the demo's made-up authorities, so no real
authority is given a made-up figure. Deterministic: the same seed gives the same file.
"""

import csv
import io
import random

from triangulate.benchmarks.areas import ENGLAND_CODE, REGIONS
from triangulate.benchmarks.services import upload_benchmarks
from triangulate.core.authority import System
from triangulate.kpis import benchmarks
from triangulate.kpis.registry import all_kpis

FILE_NAME = "demo_benchmarks.csv"
NOTES = {
    ("cp_repeat_pct", "england"): "Check against the 2025 release (table D3) before quoting",
    ("cla_rate", "region"): "Demo figure set near England's: no regional rate is shipped",
}


def _rounded(value, unit):
    if unit == "pct":
        return round(min(100.0, max(0.0, value)), 1)
    if unit in ("median", "count"):
        return float(round(max(0.0, value)))
    return round(max(0.0, value), 1)


def demo_benchmarks_csv(council, *, seed=1):
    """The CSV text of the demo council's benchmarks."""
    rng = random.Random(f"benchmarks-{seed}")
    catalogue = all_kpis()
    region_code, region_name, _ = REGIONS[council.region]
    neighbours = list(council.statistical_neighbours.all())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kpi_id", "area_type", "area_code", "area_name", "year", "value", "note"])
    for kpi_id, shipped in sorted(benchmarks.load().items()):
        england = next((b for b in shipped if b.area == "England"), None)
        if england is None or kpi_id not in catalogue:
            continue
        unit = catalogue[kpi_id].unit
        regional = next((b for b in shipped if b.area == region_name), None)
        region_value = regional.value if regional else england.value * rng.uniform(0.92, 1.08)
        writer.writerow([kpi_id, "england", ENGLAND_CODE, "England", england.year, england.value,
                         NOTES.get((kpi_id, "england"), "")])
        writer.writerow([kpi_id, "region", region_code, region_name, england.year, _rounded(region_value, unit),
                         NOTES.get((kpi_id, "region"), "")])
        suppressed = rng.randrange(len(neighbours)) if neighbours else None
        for index, neighbour in enumerate(neighbours):
            value = "c" if index == suppressed else _rounded(region_value * rng.gauss(1, 0.12), unit)
            writer.writerow([kpi_id, "la", neighbour.la_code, neighbour.name, england.year, value, ""])
    return out.getvalue()


def load_demo_benchmarks(council, *, seed=1):
    """Upload the demo benchmarks unless the council has benchmarks already; returns the upload or None."""
    if council.benchmark_uploads.exists():
        return None
    data = demo_benchmarks_csv(council, seed=seed).encode("utf-8")
    return upload_benchmarks(actor=System.DEMO, council=council, file=data, original_name=FILE_NAME)
