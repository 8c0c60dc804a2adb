"""Issue 9's "Done when", on the demo council in Chromium: a head of service (the demo's senior leader,
council-wide) opens the overview, sees which measures show a signal, drills to the children behind
one, downloads them, records a finding and sets an action from it, and prints the board pack."""

import io
import subprocess
from datetime import date

from openpyxl import load_workbook

from triangulate.core.models import AccessLog
from triangulate.improvement.models import Action, Finding
from triangulate.kpis.registry import all_kpis
from triangulate.synth.demo import generate_demo_council

from .conftest import axe_violations
from .test_pages_in_chromium import sign_in

FINDING = "The latest month is a special cause: the children listed need their cases reviewed."
ACTION = "Review every child on the list within 10 working days"


def demo(settings, tmp_path):
    from triangulate.synth.demo_data import import_demo_annex_a

    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=2)  # not in a test transaction: the import runs on commit
    return council


def open_and_check(page, url_or_click):
    url_or_click()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_a_head_of_service_goes_from_a_signal_to_the_children_to_an_action_and_prints_the_board_pack(
        page, live_server, transactional_db, settings, tmp_path):
    demo(settings, tmp_path)
    sign_in(page, live_server, "demo.director")
    menu = page.get_by_role("navigation", name="Menu")
    open_and_check(page, menu.get_by_role("link", name="Performance").click)

    # the signals: each names its measure, links to its row, and the row to the measure's page
    signals = page.get_by_role("heading", name="Signals", level=2).locator("xpath=following-sibling::ul[1]")
    assert signals.locator("li").count() >= 1, "the demo council's extracts show at least one special cause"
    first = signals.get_by_role("link").first
    title, kpi_id = first.inner_text(), first.get_attribute("href").removeprefix("#kpi-")
    first.click()
    assert page.url.endswith(f"#kpi-{kpi_id}")
    open_and_check(page, page.locator(f"#kpi-{kpi_id}").get_by_role("link", name=title, exact=True).first.click)
    assert page.get_by_role("heading", name=title, level=1).is_visible()
    assert page.get_by_role("img").count() >= 2  # the trend and the control chart, named as images

    # the children behind it (those not meeting it, where the measure has a right side), downloaded,
    # every child written to the access log
    open_and_check(page, page.get_by_role("link", name="See the children behind this figure").click)
    if all_kpis()[kpi_id].polarity != "contextual":
        page.get_by_label("Only those not meeting the measure").check()
        open_and_check(page, page.get_by_role("button", name="Show").click)
    assert AccessLog.objects.filter(kind=AccessLog.Kind.VIEW, detail__kpi=kpi_id).exists()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the children behind this figure as Excel").click()
    assert download.value.suggested_filename.startswith(f"{kpi_id}-children-")
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Child ID" and len(rows) > 1
    exported = AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT)
    # one log row per child in the file (a child referred twice is on two rows of it)
    assert sorted(exported.values_list("child_id", flat=True)) == sorted({str(r[0]) for r in rows[1:]})
    assert exported.count() > 0
    assert {e.detail.get("kpi") for e in exported} == {kpi_id}

    # back to the measure: record a finding about it, then set an action from the finding
    page.goto(f"{live_server.url}/performance/kpis/{kpi_id}/")
    open_and_check(page, page.get_by_role("link", name=f"Record a finding about {title}").click)
    assert page.get_by_label("Measure (optional)").input_value() == kpi_id
    page.get_by_label("Area for development").check()
    page.get_by_label("Finding").fill(FINDING)
    assert page.get_by_label("Where it came from").locator("option:checked").inner_text() == "Performance data"
    open_and_check(page, page.get_by_role("button", name="Save finding").click)
    finding = Finding.objects.get(text=FINDING)
    assert finding.kpi_id == kpi_id
    open_and_check(page, page.get_by_role("link", name="Set an action").click)
    page.get_by_label("What needs to happen").fill(ACTION)
    page.get_by_label("Why, and the risk if it is not done").fill("Children not seen are not known to be safe.")
    page.get_by_label("High").check()
    page.get_by_label("Owner").select_option(index=1)
    today = date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year + 1))
    open_and_check(page, page.get_by_role("button", name="Save action").click)
    action = Action.objects.get(title=ACTION)
    assert (action.kpi_id, action.finding_id) == (kpi_id, finding.pk)

    # the board pack, from the overview
    open_and_check(page, menu.get_by_role("link", name="Performance").click)
    with page.expect_download() as download:
        page.get_by_role("link", name="Print the board pack (PDF)").click()
    pdf = download.value.path()
    assert open(pdf, "rb").read(5) == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Contents" in text and title in text
