"""The board paper (docs/design/improvement.md §4.6, seed 001's shape), as Word opened by LibreOffice Writer and as
a PDF read by pdftotext: feedback and progress to date, each priority of the live council plan with its progress,
agreement, sources and QPAG's paragraph, the council's top 10, and the next steps."""

import os
import shutil
import subprocess
from datetime import date, timedelta

from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.improvement import services
from triangulate.improvement.evidence_notes import save_evidence_note
from triangulate.improvement.models import PriorityUpdate
from triangulate.improvement.top_ten import save_top_ten

from ..factories import theme
from .factories import ImprovementPlanFactory, PriorityFactory

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def in_order(text, phrases):
    positions = [text.index(p) for p in phrases]
    assert positions == sorted(positions), positions


def paper_world(world):
    qa = world.users[Role.QA_LEAD]
    today = date.today()
    plan = ImprovementPlanFactory(council=world.own.council, owner=qa, title="Improvement plan 2026/27")
    visits = PriorityFactory(plan=plan, number=1, title="Purposeful visits", themes=[theme("visits-and-direct-work")],
                             target="Visits in time 90%", evidence_of_impact="Visits in time have risen",
                             whats_next="Guidance on the purpose of a visit")
    PriorityUpdate.objects.create(priority=visits, progress="in_progress", on=today - timedelta(days=3),
                                  recorded_by=qa)
    PriorityFactory(plan=plan, number=2, title="Stable workforce", themes=[theme("workforce-and-caseloads")])
    services.record_finding(actor=qa, kind="area_for_development", text="Visit notes are thin",
                            theme=theme("visits-and-direct-work"), team=world.own, source="case_audit",
                            found_on=today - timedelta(days=10))
    save_evidence_note(actor=qa, council=world.own.council, scope_kind="priority", scope_id=visits.pk,
                       text="=SUM(A1) Notes are thin, QPAG agreed.", period_start=today - timedelta(days=364),
                       period_end=today)
    save_top_ten(actor=qa, council=world.own.council, kind="area_for_development", ranked_on=today,
                 items=[{"theme": theme("visits-and-direct-work"), "title": "Purposeful visits",
                         "evidence": [{"source": "Findings"}]}])
    services.create_action(actor=qa, title="Read five visit notes a month", rationale="Thin notes", priority="high",
                           owner=qa, due_date=today - timedelta(days=1), theme=theme("visits-and-direct-work"))
    return qa


EXPECTED = ["improvement board update", "Feedback and progress to date", "Improvement plan 2026/27",
            "1. Purposeful visits", "Progress: In progress (updated", "Target: Visits in time 90%",
            "has evidence on this", "Source",
            "QPAG's view: =SUM(A1) Notes are thin, QPAG agreed.", "Evidence of impact: Visits in time have risen",
            "What's next: Guidance on the purpose of a visit", "2. Stable workforce", "no progress recorded yet",
            "Top 10 areas for development", "Purposeful visits (Visits and direct work)", "Next steps",
            "The open action due next.", "Read five visit notes", "Overdue"]


def test_the_word_paper_opens_in_libreoffice_in_the_seeds_order(world, client_for, tmp_path):
    paper_world(world)
    response = client_for(world.users[Role.SERVICE_MANAGER]).get(reverse("improvement:board_paper_docx"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    path = tmp_path / "paper.docx"
    path.write_bytes(response.content)
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                          "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = (tmp_path / "out" / "paper.txt").read_text(encoding="utf-8-sig")
    in_order(text, EXPECTED)


def test_the_pdf_paper_reads_the_same(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    paper_world(world)
    response = client_for(world.users[Role.QA_LEAD]).get(reverse("improvement:board_paper_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "paper.pdf"
    path.write_bytes(response.content)
    run = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    text = " ".join(run.stdout.split())
    in_order(text, EXPECTED)
    assert client_for(world.users[Role.AUDITOR]).get(reverse("improvement:board_paper_pdf")).status_code == 403


def _pdf_text(client, url, tmp_path, name):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / name
    path.write_bytes(response.content)
    run = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    return " ".join(run.stdout.split())


def test_the_wide_audience_copy_hides_small_numbers_and_words_whoever_asks(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    paper_world(world)
    url = reverse("improvement:wide_board_paper_pdf")
    member = _pdf_text(client_for(world.users[Role.ELECTED_MEMBER]), url, tmp_path, "member.pdf")
    in_order(member, ["improvement board update", "(for a wide audience)", "This copy is for a wide audience. "
                      "Counts from 1 to 5 are shown as fewer than 6", "Feedback and progress to date",
                      "1. Purposeful visits", "Summary from the evidence: On Purposeful visits",
                      "Evidence of impact: Visits in time have risen", "Top 10 areas for development",
                      "Next steps", "The open action due next. 1 action open in all, 1 overdue.",
                      "Action Due Status", "Read five visit notes a month", "Overdue"])
    # QPAG's saved paragraph, the finding's words and the action owner's column stay out
    assert "QPAG's view" not in member and "Notes are thin" not in member and "Visit notes are thin" not in member
    assert "Owner Due" not in member
    # the QA lead checks the very copy the members get
    assert _pdf_text(client_for(world.users[Role.QA_LEAD]), url, tmp_path, "lead.pdf") == member
    assert client_for(world.users[Role.ELECTED_MEMBER]).get(reverse("improvement:board_paper_pdf")).status_code == 403


def test_elected_members_find_their_copy_on_the_self_assessment_page(world, client_for):
    wide = reverse("improvement:wide_board_paper_docx")
    member = client_for(world.users[Role.ELECTED_MEMBER]).get(reverse("improvement:assessment_list"))
    assert f'href="{wide}"' in member.content.decode()
    # the board paper's readers find both copies with the evidence packs instead
    lead = client_for(world.users[Role.QA_LEAD])
    assert f'href="{wide}"' not in lead.get(reverse("improvement:assessment_list")).content.decode()
    assert f'href="{wide}"' in lead.get(reverse("improvement:evidence_index")).content.decode()
