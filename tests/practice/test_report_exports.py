"""The report's Word and PDF files (design §7.3, decision 17): the Word file, converted by LibreOffice Writer
(`soffice --headless --convert-to txt:Text`), and the PDF, read with `pdftotext`, hold the section headings in the
seed's order, the bullets, a text that would start a formula as itself, and the §6.2 example's figures. Both are
downloaded by a reader who is not the organiser (the report is approved)."""

import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.services.report import approve_report, edit_section, fill_report

from ..factories import make_user
from .analysis_example import build_example

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
TITLE = "Practice week, February 2026"


@pytest.fixture
def approved(client_for):
    ex = build_example(title=TITLE)
    report, _ = fill_report(actor=ex.organiser, event=ex.event)
    edit_section(actor=ex.organiser, report=report, section="case_examples",
                 text="=SUM(A1) was how one worker began a child's plan.\n\n- A bullet of our own")
    approve_report(actor=ex.organiser, report=report)
    return ex, client_for(make_user(Role.TEAM_MANAGER))


def _in_order(text, phrases):
    positions = [text.index(p) for p in phrases]
    assert positions == sorted(positions), positions


SECTIONS = [TITLE, "Introduction", "From a timetable of 5 visits over 1 day, 3 assessors observed practice in 3 teams",
            "Process", "Practice week process reflection",
            "Of the 2 teams asked, 1 said they felt supported by their managers", "Themes and trends",
            "1. Leadership", "Strengths", "Leadership: seen as a strength in 2 of 3 teams", "Team meeting well chaired",
            "Areas for development", "Workforce and caseloads: an area for development in 2 of 3 teams",
            "Senior practitioner carries a full caseload and cannot supervise",
            "2. The voice of the child", "4. Good or innovative practice", "School nurse attends allocation meeting",
            "Case examples", "=SUM(A1) was how one worker began a child's plan.", "A bullet of our own",
            "Conclusion", "What will change as a result?"]


def test_the_word_report_opens_in_libreoffice_with_its_sections_in_order(approved, tmp_path):
    ex, client = approved
    response = client.get(reverse("practice:report_docx", args=[ex.event.pk]))
    assert response.status_code == 200
    name = f"practice-week-{ex.event.pk}-report"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.docx"'
    path = tmp_path / f"{name}.docx"
    path.write_bytes(response.content)
    out = tmp_path / "converted"
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                          "--convert-to", "txt:Text", "--outdir", str(out), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = (out / f"{name}.txt").read_text(encoding="utf-8-sig")
    _in_order(text, SECTIONS)
    assert "Draft" not in text


def test_the_pdf_report_reads_as_the_page_does(approved, tmp_path):
    ex, client = approved
    response = client.get(reverse("practice:report_pdf", args=[ex.event.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="practice-week-{ex.event.pk}-report.pdf"'
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    run = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())  # lines wrapped by the layout are joined again
    _in_order(text, SECTIONS)
    assert "Approved." in text


def test_a_drafts_word_file_says_it_is_a_draft_and_keeps_words_styles(client_for):
    import io

    from docx import Document

    ex = build_example(title=TITLE)
    fill_report(actor=ex.organiser, event=ex.event)
    response = client_for(ex.organiser).get(reverse("practice:report_docx", args=[ex.event.pk]))
    doc = Document(io.BytesIO(response.content))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", TITLE)
    assert paragraphs[1][1].startswith("Draft: not approved.")
    assert ("Heading 1", "Introduction") in paragraphs and ("Heading 2", "1. Leadership") in paragraphs
    assert ("Heading 3", "Areas for development") in paragraphs
    assert ("List Bullet", "Workforce and caseloads: an area for development in 2 of 3 teams") in paragraphs
    assert ("List Bullet 2", "Senior practitioner carries a full caseload and cannot supervise") in paragraphs
    assert doc.core_properties.title == TITLE and doc.core_properties.language == "en-GB"
