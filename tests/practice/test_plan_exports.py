"""The action plan's downloads open in LibreOffice (design §7.3): the Word file converted to text by Writer
(`soffice --headless --convert-to txt:Text`) holds one table per heading in the seed's columns plus Status, in
heading order, with a text that would start a formula as itself; the workbook converted to CSV has the one sheet
"Action plan" with §7.3's columns, as tests/performance/test_exports_open_in_libreoffice.py converts them."""

import csv
import io
import os
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from triangulate.core.roles import Role
from triangulate.practice.services import plan

from ..factories import make_user, theme
from .analysis_example import LEADERSHIP, VOICE, build_example

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
TO_CSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,true,true,true,false,false,-1"
COLUMNS = ["Category", "No.", "Issue identified", "Action to be taken", "Anticipated risk if not completed",
           "Priority", "Proposed date for completion", "Responsibility for completion", "Status", "Evidence"]
WORD_COLUMNS = ["No.", "Issue identified", "Action to be taken", "Anticipated risk if not completed", "Priority",
                "Proposed date for completion", "Responsibility for completion", "Status"]


def _convert(tmp_path, path, target):
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "converted"
    run = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                          "--convert-to", target, "--outdir", str(out), str(path)],
                         capture_output=True, text=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    return out


@pytest.fixture
def planned(client_for):
    ex = build_example()
    owner = make_user(Role.SERVICE_MANAGER, first_name="Sam", last_name="Owner")
    for heading, title, issue in ((VOICE, "Write up the child's views", "• Child's views not written up"),
                                  (LEADERSHIP, "Review caseload weighting", "=SUM(1,2)"),
                                  (LEADERSHIP, "Protect supervision time", "• Supervision notes list tasks only")):
        plan.add_item(actor=ex.organiser, event=ex.event, heading=ex.event.headings.get(number=heading),
                      issue_identified=issue, title=title, rationale="Children wait", priority="medium", owner=owner,
                      due_date=date(2027, 3, 31), theme=theme("workforce-and-caseloads"),
                      responsibility_note="with the heads of service")
    return ex, client_for(make_user(Role.TEAM_MANAGER))  # a reader, not the organiser


def test_the_word_plan_has_a_table_per_heading_in_order(planned, tmp_path):
    ex, client = planned
    response = client.get(reverse("practice:plan_docx", args=[ex.event.pk]))
    assert response.status_code == 200
    name = f"practice-week-{ex.event.pk}-action-plan.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    path = tmp_path / name
    path.write_bytes(response.content)
    text = (_convert(tmp_path, path, "txt:Text") / f"practice-week-{ex.event.pk}-action-plan.txt").read_text(
        encoding="utf-8-sig")
    leadership = ex.event.headings.get(number=LEADERSHIP).title
    voice = ex.event.headings.get(number=VOICE).title
    order = [f"Action plan: {ex.event.title}", f"1. {leadership}", "Review caseload weighting",
             "Protect supervision time", f"2. {voice}", "Write up the child's views"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    for column in WORD_COLUMNS:
        assert text.count(column) == 2  # one table per heading
    assert "=SUM(1,2)" in text and "Sam Owner (with the heads of service)" in text and "31 March 2027" in text


def test_the_workbook_has_the_action_plan_sheet_with_the_designs_columns(planned, tmp_path):
    ex, client = planned
    response = client.get(reverse("practice:plan", args=[ex.event.pk]) + "?format=xlsx")
    name = f"practice-week-{ex.event.pk}-action-plan"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(response.content)
    sheets = sorted(_convert(tmp_path, path, TO_CSV).glob(f"{name}*.csv"))
    assert [s.stem.removeprefix(f"{name}-") for s in sheets] == ["Action plan"]
    rows = list(csv.reader(io.StringIO(sheets[0].read_text(encoding="utf-8"))))
    assert rows[0] == COLUMNS
    leadership = ex.event.headings.get(number=LEADERSHIP).title
    assert [r[:4] for r in rows[1:]] == [
        # core/exports marks text that would start a formula with ', and it stays text (not 3)
        [f"1. {leadership}", "1", "'=SUM(1,2)", "Review caseload weighting"],
        [f"1. {leadership}", "2", "• Supervision notes list tasks only", "Protect supervision time"],
        [f"2. {ex.event.headings.get(number=VOICE).title}", "1", "• Child's views not written up",
         "Write up the child's views"]]
    assert rows[1][5:9] == ["Medium", "31 March 2027", "Sam Owner (with the heads of service)", "Not started"]
