"""The annual self-evaluation's Word file (read back through LibreOffice) and PDF (through pdftotext), in seed 002's
shape: introduction and context, the priorities with the progress key, the domains with their grades beside last
year's, and the external view."""

import io
import os
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from triangulate.core.roles import Role
from triangulate.improvement import assessment as svc
from triangulate.improvement.assessment_export import pdf_file, word
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.models import Progress

from ..factories import CouncilFactory, make_user, theme
from .factories import ImprovementPlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
LAST_YEAR = (3, 3, 4, 4, 2, 3)
THIS_YEAR = (4, 3, 4, 5, 2, 3)  # domain 1 up 1, domain 4 up 1, the rest no change
EXTERNAL = (4, 4, 4, 5, 4, 3)  # agrees on 1, 3, 4, 6; within one on 2; differs by 2 on 5


def _publish(lead, council, year, grades, summary):
    draft = svc.create_assessment(actor=lead, council=council, year=year)
    svc.edit_assessment(actor=lead, assessment=draft, summary=summary)
    for judgement, value in zip(draft.judgements.order_by("number"), grades, strict=True):
        svc.edit_judgement(actor=lead, judgement=judgement, grade=draft.scale.grades.get(value=value),
                           what_we_know=f"What we know about domain {judgement.number}.",
                           how_we_know=f"Audits and observations for domain {judgement.number}.",
                           what_we_are_doing=f"Doing more for domain {judgement.number}.")
    return svc.publish_assessment(actor=lead, assessment=draft)


@pytest.fixture
def assessment():
    lead = make_user(Role.QA_LEAD)
    council = CouncilFactory()
    ensure_assessment_defaults(council)
    plan = ImprovementPlanFactory(council=council, title="Improvement plan 2026/27", starts_on=date(2026, 4, 1),
                                  ends_on=date(2027, 3, 31))
    PriorityFactory(plan=plan, number=1, title="Purposeful visits within the child's timescales",
                    progress=Progress.ACHIEVED, evidence_of_impact="Visits in timescale rose to 91%.",
                    whats_next="Keep it there.", themes=[theme()])
    PriorityFactory(plan=plan, number=2, title="Management oversight on every file", progress=Progress.NOT_ACHIEVED,
                    themes=[theme()])
    _publish(lead, council, 2025, LAST_YEAR, "Last year we knew less.")
    this = _publish(lead, council, 2026, THIS_YEAR, "We are a council that knows itself.\n\nSecond paragraph.")
    grades = {j: (this.scale.grades.get(value=v), f"Reviewer on {j.number}")
              for j, v in zip(this.judgements.order_by("number"), EXTERNAL, strict=True)}
    return svc.record_external_view(actor=lead, assessment=this, reviewer_name="A. Reviewer",
                                    reviewer_organisation="Regional improvement alliance",
                                    reviewed_on=date(2026, 6, 1), domains=grades)


EXPECTED = [
    "Self-assessment 2026/27", "Testshire Council: self-evaluation of children's social care for 2026/27",
    "Introduction and context", "We are a council that knows itself.", "Second paragraph.",
    "Our priorities", "Progress key: Not achieved; In progress; Largely achieved, some tasks outstanding; Achieved.",
    "Purposeful visits within the child's timescales", "Achieved", "Visits in timescale rose to 91%.",
    "Keep it there.", "Management oversight on every file", "Not achieved", "None recorded yet",
    "Our judgements", "1. The impact of leaders on social work practice with children and families",
    "Our grade: Good (Ofsted: Good).", "Last year: Requires improvement to be good (Ofsted: Requires improvement to "
    "be good). Change: up 1.", "What we know", "What we know about domain 1.", "How we know",
    "Audits and observations for domain 1.", "What we are doing", "Doing more for domain 1.",
    "5. Workforce: recruitment, caseloads, supervision and learning", "Change: no change.",
    "The external view", "Reviewed by A. Reviewer, Regional improvement alliance on 1 June 2026.",
    "Agreed on 4 of 6 domains exactly, 5 of 6 within one step.", "Differs by 2 steps", "Reviewer on 5",
]


def _in_order(text, phrases):
    positions = []
    for phrase in phrases:
        start = positions[-1] if positions else 0
        assert phrase in text[start:], phrase
        positions.append(text.index(phrase, start))


def test_the_word_file_opens_in_libreoffice_in_seed_002s_shape(assessment, tmp_path):
    path = tmp_path / "self-assessment.docx"
    path.write_bytes(word(assessment))
    out = tmp_path / "converted"
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                          "--convert-to", "txt:Text", "--outdir", str(out), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = (out / "self-assessment.txt").read_text(encoding="utf-8-sig")
    _in_order(" ".join(text.split()), EXPECTED)
    assert "Draft" not in text


def test_the_pdf_reads_as_the_word_file(assessment, tmp_path):
    path = tmp_path / "self-assessment.pdf"
    path.write_bytes(pdf_file(assessment))
    run = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())
    _in_order(text, [p for p in EXPECTED if "Progress key" not in p and "Last year" not in p])  # long lines wrap
    assert "Progress key: Not achieved; In progress;" in text


def test_a_draft_without_a_plan_or_review_says_so_and_leaves_them_out():
    lead = make_user(Role.QA_LEAD)
    council = CouncilFactory()
    draft = svc.create_assessment(actor=lead, council=council, year=2026)
    doc = Document(io.BytesIO(word(draft)))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "Self-assessment 2026/27")
    assert paragraphs[1][1].endswith("Draft: not published. Only the council's managers and leads read a draft.")
    assert ("Heading 1", "Introduction and context") in paragraphs
    assert ("Normal", "Not written yet.") in paragraphs
    assert ("Normal", "Our grade: Not judged.") in paragraphs
    assert not any(text.startswith(("Our priorities", "The external view", "Last year")) for _s, text in paragraphs)
