"""The demo council's benchmarks (synth/benchmark_data.py): England at the shipped figures, the region near
them, ten neighbours around them with one suppressed, loaded once through the service."""

import pytest

from triangulate.benchmarks.models import BenchmarkFigure
from triangulate.benchmarks.reader import read_benchmarks
from triangulate.benchmarks.selectors import comparators_for
from triangulate.kpis import benchmarks as shipped
from triangulate.kpis.registry import all_kpis
from triangulate.synth.benchmark_data import demo_benchmarks_csv, load_demo_benchmarks


def test_the_demo_benchmarks_load_once_and_compare_with_nine_of_ten_neighbours(council):
    upload = load_demo_benchmarks(council, seed=1)
    kpis = [k for k, rows in shipped.load().items() if any(b.area == "England" for b in rows)]
    assert upload.uploaded_by is None and upload.system_reason == "demo council set-up"
    assert upload.kpi_count == len(kpis) and upload.row_count == len(kpis) * 12
    assert load_demo_benchmarks(council, seed=1) is None  # already there
    found = comparators_for(council, kpis)
    for kpi_id in kpis:
        england = shipped.england(kpi_id)
        assert (found[kpi_id].england.value, found[kpi_id].england.year) == (england.value, england.year)
        assert found[kpi_id].region.value == pytest.approx(england.value, rel=0.1)
        assert (found[kpi_id].neighbours.count, found[kpi_id].neighbours.of) == (9, 10)
        assert found[kpi_id].neighbours.value == pytest.approx(england.value, rel=0.25)
    assert BenchmarkFigure.objects.filter(marker="c").count() == len(kpis)
    assert BenchmarkFigure.objects.exclude(note="").count() == 2


def test_the_same_seed_gives_the_same_file(council):
    assert demo_benchmarks_csv(council, seed=3) == demo_benchmarks_csv(council, seed=3)
    assert demo_benchmarks_csv(council, seed=3) != demo_benchmarks_csv(council, seed=4)
    assert read_benchmarks(demo_benchmarks_csv(council).encode(), catalogue=all_kpis()).ok
