"""The board pack from the overview in Chromium: the "Print the board pack (PDF)" link, axe-clean on the
page, downloads the PDF under its plain name, and the file is the pack (its contents page, read with
pdftotext)."""

import subprocess
from datetime import date

from triangulate.datasets.models import Upload
from triangulate.synth.demo import generate_demo_council

from .conftest import axe_violations
from .test_pages_in_chromium import sign_in


def test_the_overview_prints_the_board_pack(page, live_server, transactional_db, settings, tmp_path):
    from triangulate.synth.demo_data import import_demo_annex_a

    settings.DATA_DIR = tmp_path
    council = generate_demo_council(seed=2, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=2, months=2)  # not in a test transaction here: the import runs on commit
    latest = Upload.objects.filter(status=Upload.Status.SUCCEEDED).order_by("-extract_date").first()
    sign_in(page, live_server, "demo.qalead")
    page.goto(f"{live_server.url}/performance/")
    link = page.get_by_role("link", name="Print the board pack (PDF)")
    assert link.count() == 1 and link.get_attribute("href") == "/performance/board-pack/"
    assert axe_violations(page) == []
    with page.expect_download(timeout=120_000) as download:
        link.click()
    assert download.value.suggested_filename == f"board-pack-{latest.extract_date:%Y-%m-%d}.pdf"
    text = subprocess.run(["/usr/bin/pdftotext", "-layout", download.value.path(), "-"], capture_output=True,
                          text=True, check=True).stdout
    contents = text.split("\f")[1]
    assert contents.lstrip().startswith("Contents")
    for entry in ("1 Headline measures", "2 Measures showing a signal in the latest month",
                  "3 Headline measures over time", "4 All measures by section", "5 About these figures"):
        assert entry in contents, entry
    assert council.name in text.split("\f")[0]
    assert page.console_errors == []
