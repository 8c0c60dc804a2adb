"""The annual-conversation pack for Ofsted (docs/design/improvement.md §4.6): the latest published self-assessment's
domains, each with its grades, its words and the evidence on its themes; the live plan's priorities with their
progress history, oldest first; and the top 10. A draft self-assessment stays out. Word read back by LibreOffice,
the PDF by pdftotext."""

import os
import shutil
import subprocess
from datetime import date, timedelta

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import assessment as svc
from triangulate.improvement.defaults import ensure_assessment_defaults
from triangulate.improvement.models import PriorityUpdate
from triangulate.improvement.top_ten import save_top_ten

from ..factories import theme
from .factories import ImprovementPlanFactory, PriorityFactory

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pack_world(world):
    lead, council, today = world.users[Role.QA_LEAD], world.own.council, date.today()
    ensure_assessment_defaults(council)
    published = svc.create_assessment(actor=lead, council=council, year=2025)
    first = published.judgements.order_by("number").first()
    svc.edit_judgement(actor=lead, judgement=first, grade=published.scale.grades.get(value=4),
                       what_we_know="Leaders know their teams.", how_we_know="From audits and practice days.",
                       what_we_are_doing="A leadership programme.")
    for judgement in published.judgements.exclude(pk=first.pk):  # judged, their words not written
        svc.edit_judgement(actor=lead, judgement=judgement, grade=published.scale.grades.get(value=3))
    svc.record_external_view(actor=lead, assessment=published, reviewer_name="A. Reviewer",
                             domains={first: (published.scale.grades.get(value=3), "Not yet")})
    svc.publish_assessment(actor=lead, assessment=published)
    draft = svc.start_next_year(actor=lead, assessment=published)
    svc.edit_assessment(actor=lead, assessment=draft, summary="A DRAFT NOBODY OUTSIDE MAY READ")
    plan = ImprovementPlanFactory(council=council, owner=lead, title="Improvement plan 2026/27")
    visits = PriorityFactory(plan=plan, number=1, title="Purposeful visits", owner=lead,
                             themes=[theme("visits-and-direct-work")], target="Visits in time 90%")
    for days, progress, impact in ((40, "not_achieved", "Visits in time 70%"), (5, "in_progress", "Now 84%")):
        PriorityUpdate.objects.create(priority=visits, progress=progress, on=today - timedelta(days=days),
                                      evidence_of_impact=impact, recorded_by=lead)
    PriorityFactory(plan=plan, number=2, title="Stable workforce", owner=lead,
                    themes=[theme("workforce-and-caseloads")])
    save_top_ten(actor=lead, council=council, kind="strength", ranked_on=today,
                 items=[{"theme": theme("leadership"), "title": "Leaders who know their practice",
                         "evidence": [{"source": "Findings"}]}])
    return first, today


def expected(first, today):
    return [
        "the annual conversation with Ofsted", "Our self-assessment", "published",
        "Reviewed by A. Reviewer.", f"1. {first.title}",
        "Our grade: Good (Ofsted: Good). External reviewer's grade: Requires improvement to be good",
        "What we know", "Leaders know their teams.", "How we know", "From audits and practice days.",
        "What we are doing", "A leadership programme.", "The evidence",
        f"On {', '.join(t.name for t in first.themes.all())}", "No source has evidence on this yet.",
        "Case file audits", "No evidence", "no graded answers in this period",
        "Family feedback", "no family reached and consenting in this period",
        "2. The experiences and progress of children who need help and protection",
        "Our grade: Requires improvement to be good (Ofsted: Requires improvement to be good).", "Not written yet.",
        "Our priorities and their progress", "Improvement plan 2026/27", "1. Purposeful visits",
        "Progress: In progress", "Target: Visits in time 90%",
        (today - timedelta(days=40)).strftime("%-d %B %Y"), "Not achieved", "Visits in time 70%",
        (today - timedelta(days=5)).strftime("%-d %B %Y"), "In progress", "Now 84%",
        "2. Stable workforce", "No progress recorded yet.",
        "Top 10 strengths", "Leaders who know their practice (Leadership)"]


def in_order(text, phrases):
    at = 0
    for phrase in phrases:
        assert phrase in text[at:], phrase
        at = text.index(phrase, at) + len(phrase)


def test_the_word_pack_opens_in_libreoffice_with_the_published_self_assessment_only(world, client_for, tmp_path):
    first, today = pack_world(world)
    response = client_for(world.users[Role.INSPECTOR]).get(reverse("improvement:annual_pack_docx"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == f'attachment; filename="annual-conversation-pack-{today}.docx"'
    path = tmp_path / "pack.docx"
    path.write_bytes(response.content)
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                          "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = " ".join((tmp_path / "out" / "pack.txt").read_text(encoding="utf-8-sig").split())
    in_order(text, expected(first, today))
    assert "DRAFT NOBODY" not in text


def test_the_pdf_pack_reads_the_same(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    first, today = pack_world(world)
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("improvement:annual_pack_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "pack.pdf"
    path.write_bytes(response.content)
    run = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    in_order(" ".join(run.stdout.split()), expected(first, today))


def test_without_a_published_self_assessment_or_a_live_plan_the_pack_says_so(world, client_for, tmp_path):
    from docx import Document

    response = client_for(world.users[Role.SENIOR_LEADER]).get(reverse("improvement:annual_pack_docx"))
    path = tmp_path / "pack.docx"
    path.write_bytes(response.content)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "The council has not published a self-assessment yet; a draft is not shared." in text
    assert "There is no live council improvement plan." in text
