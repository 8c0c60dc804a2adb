"""The benchmarks pages in Chromium, checked with axe-core (WCAG 2.2 A/AA): the list with its comparisons, the
upload form (empty, and listing a file's problems), one upload's figures sorted and paged, and the delete
confirmation; a councillor's list too."""

from datetime import date

import pytest

from triangulate.benchmarks.models import BenchmarkUpload
from triangulate.synth.benchmark_data import load_demo_benchmarks
from triangulate.synth.demo import generate_demo_council

from .conftest import axe_violations
from .test_pages_in_chromium import sign_in


@pytest.fixture
def demo(transactional_db):
    demo = generate_demo_council(seed=1, as_of=date.today())
    load_demo_benchmarks(demo.council, seed=1)
    return demo


@pytest.mark.parametrize("path", ["/benchmarks/", "/benchmarks/new/", "/benchmarks/{upload}/",
                                  "/benchmarks/{upload}/?sort=-value_sort&area_type=la",
                                  "/benchmarks/{upload}/delete/"])
def test_benchmarks_pages_have_no_axe_violations(page, live_server, demo, path):
    sign_in(page, live_server, "demo.qalead")
    response = page.goto(live_server.url + path.format(upload=BenchmarkUpload.objects.get().pk))
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_file_with_problems_is_listed_accessibly_and_nothing_is_saved(page, live_server, demo, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kpi_id,area_code,year,value\nnot_a_kpi,929,2024-25,20\nrereferral_pct,929,2024/26,abc\n")
    sign_in(page, live_server, "demo.qalead")
    page.goto(f"{live_server.url}/benchmarks/new/")
    page.get_by_label("Benchmarks file (.csv)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state("networkidle")
    assert "The file has 3 problems" in page.locator(".govuk-error-summary").inner_text()
    table = page.get_by_role("table", name="Problems in the file")
    assert "not_a_kpi" in table.inner_text() and "2024/26" in table.inner_text()
    assert axe_violations(page) == []
    assert BenchmarkUpload.objects.count() == 1  # the demo's only


def test_a_councillor_sees_the_comparisons_page_accessibly(page, live_server, demo):
    sign_in(page, live_server, "demo.councillor")
    page.goto(f"{live_server.url}/benchmarks/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("table", name="Comparisons by KPI").is_visible()
    assert "Check against the 2025 release" not in page.content()  # an analyst's note
    assert axe_violations(page) == []
