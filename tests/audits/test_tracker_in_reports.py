"""A historic tracker imports into the same reports (issue 10, design §7 and decision 17): its audits are counted
in the report of their quarter, team and question like any other, and join the quarterly trends but not the round
trends. Four audits completed in July to September 2026 (Q2 2026-27), hand-graded below."""

import re
from datetime import date

import pytest
from django.urls import reverse

from triangulate.audits.models import AuditRound
from triangulate.core.roles import Role

from .test_tracker_import import HEADINGS, run, setup, upload, xlsx  # noqa: F401  (setup is a fixture)


def rows(world):
    own, other = world.own.name, world.other.name
    # child, team, completed, auditor, overall, summary grade, summary current, moderated
    return [HEADINGS,
            ["H1", own, date(2026, 7, 10), "", "Good", "Good", "Y", None],
            ["H2", own, date(2026, 8, 2), "", "Inadequate", "Inadequate", "N", "Requires improvement"],
            ["H3", other, date(2026, 9, 20), "", "Outstanding", "Good", "Y", None],
            ["H4", own, date(2026, 9, 28), "", "Requires improvement", "Good", "n/a", None]]


@pytest.fixture
def imported(setup, tmp_path, django_capture_on_commit_callbacks):  # noqa: F811
    world, _ = setup
    with django_capture_on_commit_callbacks(execute=True):
        tracker = run(world, upload(world, xlsx(tmp_path, rows(world))))
    assert tracker.status == "imported"
    return world, AuditRound.objects.get(tracker_import=tracker)


def text_of(client, name, *args, query=""):
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_quarters_report_counts_the_imported_audits(imported, client_for):
    world, _ = imported
    client = client_for(world.users[Role.QA_LEAD])
    text = text_of(client, "audits:report", query="?quarter=2026-Q2")
    # final grades Good, RI (moderated up from Inadequate), Outstanding, RI: 2 of 4 good or better, none inadequate
    assert "4 of 4" in text  # completed of planned: every imported audit is complete
    assert "50%" in text and "2 of 4" in text
    assert "1 of 4" in text  # moderated: H2
    # by question: the summary is Good in H1, H3 and H4
    assert "Quality of the summary and chronology" in text and "3 of 4" in text
    text = text_of(client, "audits:report", query=f"?quarter=2026-Q2&team={world.other.pk}")
    assert "1 of 1" in text and "4 of 4" not in text
    assert "4 of 4" not in text_of(client, "audits:report", query="?quarter=2026-Q1")


def test_the_imported_round_has_its_own_report(imported, client_for):
    world, round_ = imported
    text = text_of(client_for(world.users[Role.QA_LEAD]), "audits:round_report", round_.pk)
    assert "Imported from tracker.xlsx" in text and "2 of 4" in text


def test_imported_audits_join_the_quarterly_trends_but_not_the_round_trends(imported, client_for):
    world, _ = imported
    text = text_of(client_for(world.users[Role.QA_LEAD]), "audits:trends")
    row = re.search(r"Q2 2026-27 \(July–September 2026\)</th>(.*?)</tr>", text, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    # completed of planned, good or better, inadequate; no family columns and no actions in this tracker
    assert cells[:3] == ["100%", "50%", "0%"]
    assert cells[3:] == ["no family feedback", "no families asked", "no actions"]
    assert "Imported from tracker.xlsx" not in text  # no round column for the tracker
