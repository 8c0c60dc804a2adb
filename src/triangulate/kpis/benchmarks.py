"""Published England (and some regional) values for the KPIs, shipped with the package.

Derived figures (a count divided by the population, or a share of published duration bins)
are marked derived; figures still to be checked against the latest release are marked
unverified, so pages can say so. Statistical-neighbour and CIPFA lists are uploaded by each
council, never shipped (CIPFA's licence forbids redistribution).
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Benchmark:
    kpi_id: str
    area: str
    value: float
    year: str
    source: str
    derived: bool
    verified: bool


@lru_cache(maxsize=1)
def load():
    """kpi id -> list of Benchmarks (England first)."""
    text = resources.files("triangulate.kpis").joinpath("data/benchmarks.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(text.splitlines()):
        item = Benchmark(row["kpi_id"], row["area"], float(row["value"]), row["year"], row["source"],
                         row["derived"] == "true", row["verified"] == "true")
        out.setdefault(item.kpi_id, []).append(item)
    for items in out.values():
        items.sort(key=lambda b: b.area != "England")
    return out


def england(kpi_id):
    return next((b for b in load().get(kpi_id, []) if b.area == "England"), None)


def compare(polarity, value, benchmark, tolerance=0.05):
    """'better', 'similar' or 'worse' than the benchmark given the KPI's polarity; None for contextual KPIs.

    Within `tolerance` (5% of the benchmark, relative) counts as similar.
    """
    if polarity == "contextual" or value is None or benchmark is None:
        return None
    if abs(value - benchmark) <= abs(benchmark) * tolerance:
        return "similar"
    above = value > benchmark
    return "better" if above == (polarity == "higher") else "worse"
