"""Issue 12's done-when, in Chromium on the demo council (its extracts, audits, practice week and improvement work,
docs/design/improvement.md §10): the QA lead opens the evidence pack for "voice of the child" and sees the KPI,
audit, observation and family feedback evidence side by side with their agreement; edits and saves QPAG's paragraph;
updates a priority's progress (its history shows the new row); exports the self-assessment (Word and PDF) and the
board paper (Word and PDF), each read back by LibreOffice or pdftotext. axe finds nothing on any page visited."""

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from triangulate.improvement.models import EvidenceNote, ImprovementPlan, Priority, PriorityUpdate, SelfAssessment
from triangulate.synth.audits import add_demo_audits
from triangulate.synth.demo import DEMO_PASSWORD, generate_demo_council
from triangulate.synth.demo_data import import_demo_annex_a
from triangulate.synth.improvement import add_demo_improvement
from triangulate.synth.practice import add_demo_practice

from .conftest import go, sign_in

SOURCES = ("Performance data", "Case file audits", "Practice observation", "Family feedback")


def office_text(download):
    if not shutil.which("soffice"):
        return None
    folder = Path(tempfile.mkdtemp())
    source = folder / download.suggested_filename
    shutil.copy(download.path(), source)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "txt:Text", "--outdir", str(folder / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    return next((folder / "out").iterdir()).read_text(encoding="utf-8-sig", errors="replace")


def pdf_text(download):
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(["pdftotext", "-raw", download.path(), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).first.click()
    return info.value


def test_a_qa_lead_reads_the_evidence_updates_a_priority_and_exports_the_papers(page, live_server, transactional_db,
                                                                               settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    council = generate_demo_council(seed=3, children=3_000, as_of=date.today()).council
    import_demo_annex_a(council, seed=3, months=13)  # a year of months: the control charts have their signals
    add_demo_audits(council, seed=3)
    add_demo_practice(council, seed=3)
    add_demo_improvement(council, seed=3)

    sign_in(page, live_server, "demo.qalead", DEMO_PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    go(page, menu.get_by_role("link", name="Evidence").click, "Evidence packs")
    go(page, page.get_by_role("link", name="Voice of the child").first.click, "Voice of the child")

    # the four kinds of evidence side by side, each with its verdict, and whether they agree
    table = page.get_by_role("table", name="The sources side by side")
    for source in SOURCES:
        row = table.get_by_role("row").filter(has_text=source)
        assert row.count() == 1, source
        assert "No evidence" not in row.inner_text() or source == "Performance data", row.inner_text()
    measures = table.get_by_role("row").filter(has_text="Performance data").inner_text()
    assert "no measure is linked" not in measures and "measure" in measures, measures
    assert page.get_by_text("The sources", exact=False).first.is_visible()
    headline = page.locator(".govuk-inset-text p").first.inner_text()
    assert headline.startswith(("The sources agree", "The sources disagree", "The sources partly agree"))

    # QPAG's paragraph, edited and saved
    box = page.get_by_label("The paragraph for QPAG")
    box.fill(box.input_value() + "\n\nAgreed at QPAG in December: spread the direct work tools.")
    go(page, page.get_by_role("button", name="Save the paragraph").click, "Voice of the child")
    assert "spread the direct work tools" in EvidenceNote.objects.get(scope_kind="theme",
                                                                     scope_id=_voice().pk).text

    # a priority's progress, and its history
    go(page, menu.get_by_role("link", name="Plans").click, "Plans")
    plan = ImprovementPlan.objects.get(level="council")
    go(page, page.get_by_role("link", name=plan.title, exact=True).click, plan.title)
    priority = Priority.objects.get(plan=plan, number=2)
    go(page, page.get_by_role("link", name=priority.title).first.click, priority.title)
    before = PriorityUpdate.objects.filter(priority=priority).count()
    go(page, page.get_by_role("link", name="Record progress").click, "Record progress")
    page.get_by_label("Largely achieved, some tasks outstanding").check()
    page.get_by_label("Evidence of impact").fill("Audits of visits good or better rose to 58% this quarter.")
    page.get_by_label("What's next").fill("Keep reading five notes a month.")
    today = date.today()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        page.locator(f"[name='on-{part}']").fill(str(value))
    go(page, page.get_by_role("button", name="Save update").click, priority.title)
    assert PriorityUpdate.objects.filter(priority=priority).count() == before + 1
    assert page.get_by_text("Audits of visits good or better rose to 58% this quarter.").first.is_visible()

    # the self-assessment, as Word and PDF
    go(page, menu.get_by_role("link", name="Self-assessment").click, "Self-assessment")
    draft = SelfAssessment.objects.get(status="draft")
    go(page, page.get_by_role("link", name=draft.title, exact=True).click, draft.title)
    word, pdf = download(page, "Download as Word"), download(page, "Download as PDF")
    for text in (office_text(word), pdf_text(pdf)):
        if text is not None:
            assert draft.title in text and "The impact of leaders on social work practice" in text

    # the board paper, as Word and PDF
    go(page, menu.get_by_role("link", name="Evidence").click, "Evidence packs")
    word, pdf = download(page, "Word"), download(page, "PDF")
    for text in (office_text(word), pdf_text(pdf)):
        if text is not None:
            assert "Feedback and progress to date" in text and priority.title in text and "Next steps" in text


def _voice():
    from triangulate.core.models import Theme

    return Theme.objects.get(slug="voice-of-the-child")
