"""The plan's Word and PDF copies (design §5.4): seed 003's three columns, "You said…", "We will…", "We expect you…",
a row a plan row, with the check's year and theme names and each "we will" with its owner, due date and status. The
Word file is read by python-docx (its one table, cell by cell) and opened by LibreOffice Writer; the PDF is read by
pdftotext. A published plan is everyone's; a closed check's plan only the health leads'."""

import io
import os
import shutil
import subprocess
from datetime import date, timedelta

import docx as python_docx
from django.urls import reverse
from django.utils import timezone

from triangulate.core.roles import Role
from triangulate.improvement.models import Action
from triangulate.improvement.services import change_action_status
from triangulate.workforce.services import health as services
from triangulate.workforce.services import health_plan

from ..factories import make_user
from .health_helpers import lead, open_check

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def planned(world):
    """A closed 2026 check with two rows: workload (two actions, one in progress, one overdue) and supervision."""
    check = services.close_check(actor=lead(world), health_check=open_check(world))
    sam = make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    ria = make_user(Role.QA_LEAD, first_name="Ria", last_name="Lead")
    first = health_plan.add_plan_item(
        actor=lead(world), health_check=check, theme="workload",
        you_said="Workloads are unmanageable and you find it difficult to achieve a work life balance",
        we_will="Review our caseloads across teams", owner=sam, due_date=date(2027, 3, 31),
        we_expect_you="To close off cases on the system where necessary")
    reviewing = Action.objects.get(finding_id=first.finding_id)
    change_action_status(actor=lead(world), action=reviewing, status="in_progress", changed_on=timezone.localdate())
    yesterday = timezone.localdate() - timedelta(days=1)
    health_plan.add_we_will(actor=lead(world), item=first, we_will="Carry out a review of admin support",
                            owner=ria, due_date=yesterday)
    health_plan.add_plan_item(actor=lead(world), health_check=check, theme="supervision",
                              you_said="Supervision is often cancelled", we_will="Protect supervision time",
                              owner=ria, due_date=date(2027, 6, 30))
    return check, yesterday


def test_the_word_plan_has_the_seeds_three_columns(world, client_for):
    check, yesterday = planned(world)
    response = client_for(lead(world)).get(reverse("workforce:health_plan_docx", args=[check.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="health-check-2026-plan.docx"'
    document = python_docx.Document(io.BytesIO(response.content))
    council = check.council.name
    title = f"{council}: social work health check 2026: you said, we will, we expect you"
    assert document.paragraphs[0].text == title and document.core_properties.title == title
    assert "Not published: a draft for the health check's leads" in document.paragraphs[2].text
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["You said…", "We will…", "We expect you…"],
        ["Workload and work-life balance\nWorkloads are unmanageable and you find it difficult to achieve a work "
         "life balance",
         # by due date: the overdue one first
         f"Carry out a review of admin support (Ria Lead, by {yesterday.day} {yesterday:%B %Y}: Overdue)\n"
         "Review our caseloads across teams (Sam Owner, by 31 March 2027: In progress)",
         "To close off cases on the system where necessary"],
        ["Supervision\nSupervision is often cancelled",
         "Protect supervision time (Ria Lead, by 30 June 2027: Not started)", ""],
    ]


def test_the_word_plan_opens_in_libreoffice(world, client_for, tmp_path):
    check, _ = planned(world)
    path = tmp_path / "plan.docx"
    path.write_bytes(client_for(lead(world)).get(reverse("workforce:health_plan_docx", args=[check.pk])).content)
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                          "--convert-to", "txt:Text", "--outdir", str(tmp_path / "out"), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    text = (tmp_path / "out" / "plan.txt").read_text(encoding="utf-8-sig")
    positions = [text.index(s) for s in ("You said…", "We will…", "We expect you…", "Workloads are unmanageable",
                                         "Review our caseloads", "To close off cases", "Supervision is often")]
    assert positions == sorted(positions)


def test_the_pdf_plan_reads_the_same(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    check, _ = planned(world)
    services.publish_check(actor=lead(world), health_check=check)
    response = client_for(world.users[Role.PRACTITIONER]).get(reverse("workforce:health_plan_pdf", args=[check.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="health-check-2026-plan.pdf"'
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    run = subprocess.run([PDFTOTEXT, "-raw", str(path), "-"], capture_output=True, text=True, timeout=60)
    text = " ".join(run.stdout.split())
    positions = [text.index(s) for s in (
        "social work health check 2026: you said, we will, we expect you", "Published with the results on",
        "You said… We will… We expect you…", "Workload and work-life balance", "Workloads are unmanageable",
        "Carry out a review of admin support", "Overdue", "Sam Owner, by 31 March 2027: In progress",
        "To close off cases", "Supervision", "Protect supervision time (Ria Lead, by 30 June 2027: Not started)")]
    assert positions == sorted(positions), positions


def test_a_draft_plans_copies_are_the_leads_only(world, client_for, tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    check, _ = planned(world)
    for name in ("workforce:health_plan_docx", "workforce:health_plan_pdf"):
        url = reverse(name, args=[check.pk])
        assert client_for(world.users[Role.INSPECTOR]).get(url).status_code == 403
        assert client_for(world.users[Role.SENIOR_LEADER]).get(url).status_code == 200


def test_an_empty_plan_says_so(world, client_for):
    check = services.close_check(actor=lead(world), health_check=open_check(world))
    response = client_for(lead(world)).get(reverse("workforce:health_plan_docx", args=[check.pk]))
    document = python_docx.Document(io.BytesIO(response.content))
    assert document.tables == [] and document.paragraphs[-1].text == "The plan has no rows yet."
