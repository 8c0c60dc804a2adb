"""The tracker import pages (design §7, §9.1): upload, mapping, run, errors and their download, template, discard."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from triangulate.audits.models import CaseAudit, TrackerImport
from triangulate.audits.services import tracker_reading
from triangulate.core.models import AccessLog
from triangulate.core.roles import Role

from .factories import make_tool


@pytest.fixture
def qa(world, settings, tmp_path, client_for):
    settings.DATA_DIR = tmp_path / "data"
    version = make_tool(council=world.own.council)
    return world, version, client_for(world.users[Role.QA_LEAD])


def tracker_file(rows, name="history.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def value_selects(page):
    """(name, label, options html) of each value's select on the mapping page."""
    for match in re.finditer(r'<select[^>]*name="(value_\d+)"[^>]*>(.*?)</select>', page, re.S):
        label = re.search(rf'<label[^>]*for="id_{match.group(1)}"[^>]*>(.*?)</label>', page, re.S).group(1)
        yield match.group(1), label, match.group(2)


def rows_for(world, grade="Adequate"):
    return [["Child ID", "Team", "Audit date", "Overall grade"],
            ["K1", world.own.name, date(2024, 2, 1), "Good"],
            ["K2", world.own.name, "not a date", grade]]


def test_upload_then_map_then_run(qa, django_capture_on_commit_callbacks):
    world, version, client = qa
    response = client.post(reverse("audits:import_create"), {"file": tracker_file(rows_for(world))})
    tracker = TrackerImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:import_mapping", args=[tracker.pk])
    page = client.get(response["Location"]).content.decode()
    assert "What each column means" in page
    assert "“Adequate” (1 row)" in page  # an unknown grade waits for a choice

    # the first run fails: nothing written, every problem listed with its row, column and value
    client.post(reverse("audits:import_run", args=[tracker.pk]))
    detail = client.get(reverse("audits:import_detail", args=[tracker.pk])).content.decode()
    assert "Problems found" in detail
    assert "not a date" in detail and "Adequate" in detail
    assert CaseAudit.objects.count() == 0
    download = client.get(reverse("audits:import_detail", args=[tracker.pk]), {"format": "csv"})
    assert download.content.decode("utf-8-sig").splitlines() == [
        '"Row","Column","Value","Problem"',
        '3,"Audit date","not a date","expected a date such as 31/03/2025"',
        '3,"Overall grade","Adequate","this value is not mapped: choose what it means on the mapping page"',
    ]

    # map "Adequate" to Requires improvement; the date still has to be put right in the file
    tracker.refresh_from_db()
    form = {"header_row": 1, "default_tool_version": version.pk, "version": tracker.version,
            "column_0": "child_id", "column_1": "team", "column_2": "completed_on", "column_3": "overall_grade"}
    page = client.get(reverse("audits:import_mapping", args=[tracker.pk])).content.decode()
    for name, label, choices in value_selects(page):
        selected = re.search(r'<option value="([^"]*)" selected', choices)
        form[name] = "2" if "Adequate" in label else selected.group(1)
    response = client.post(reverse("audits:import_mapping", args=[tracker.pk]), form)
    assert response.status_code == 302
    tracker.refresh_from_db()
    assert tracker.value_maps["overall_grade"] == {"good": "3", "adequate": "2"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audits:import_run", args=[tracker.pk]))
    tracker.refresh_from_db()
    assert tracker.status == "failed"
    assert list(tracker.errors.values_list("row", "column")) == [(3, "Audit date")]


def test_the_error_page_logs_the_child_ids_it_shows(qa):
    world, _, client = qa
    rows = [["Child ID", "Team", "Audit date", "Overall grade"], ["K9", "No such team", date(2024, 2, 1), "Good"],
            ["<K8>", world.own.name, date(2024, 2, 1), "Good"]]
    client.post(reverse("audits:import_create"), {"file": tracker_file(rows)})
    tracker = TrackerImport.objects.get()
    response = client.post(reverse("audits:import_run", args=[tracker.pk]), follow=True)
    assert list(tracker.errors.values_list("column", "value")) == [("Team", "No such team"), ("Child ID", "<K8>")]
    # said as a problem, not a success
    banners = dict((heading, kind) for kind, heading in re.findall(
        r'class="govuk-notification-banner([^"]*)".*?<p class="govuk-notification-banner__heading">\s*(.*?)\s*</p>',
        response.content.decode(), re.S))
    assert banners["Nothing was imported: 2 problems found. Correct them and try again"] == ""  # not a success
    # following the run, the tracker's page showed its problems
    assert not AccessLog.objects.filter(child_id="K9").exists()  # the team's error shows no child id
    assert AccessLog.objects.get(child_id="<K8>").resource == "tracker_errors"


def test_a_good_tracker_is_imported_from_the_page(qa, django_capture_on_commit_callbacks):
    world, _, client = qa
    client.post(reverse("audits:import_create"), {"file": tracker_file(rows_for(world)[:2])})
    tracker = TrackerImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audits:import_run", args=[tracker.pk]), follow=True)
    text = response.content.decode()
    assert "Imported 1 audit" in text and "1 audits" not in text
    assert CaseAudit.objects.get().source == "imported"
    assert not tracker_reading.has_file(tracker)
    # imported trackers cannot be mapped again
    assert "cannot change" in client.get(reverse("audits:import_mapping", args=[tracker.pk])).content.decode()


def test_an_unreadable_upload_is_shown_on_the_form(qa):
    _, _, client = qa
    response = client.post(reverse("audits:import_create"),
                           {"file": SimpleUploadedFile("t.xlsx", b"this is not a workbook")})
    assert response.status_code == 200
    assert "is not an Excel .xlsx workbook" in response.content.decode()
    assert TrackerImport.objects.count() == 0


def test_a_tracker_whose_file_is_gone_says_so(qa):
    world, _, client = qa
    tracker = TrackerImport.objects.create(council=world.own.council, original_name="old.xlsx",
                                           uploaded_by=world.users[Role.QA_LEAD])
    assert "no longer held" in client.get(reverse("audits:import_mapping", args=[tracker.pk])).content.decode()
    assert "no longer held" in client.get(reverse("audits:import_detail", args=[tracker.pk])).content.decode()


def test_discard_deletes_the_file(qa, django_capture_on_commit_callbacks):
    world, _, client = qa
    client.post(reverse("audits:import_create"), {"file": tracker_file(rows_for(world))})
    tracker = TrackerImport.objects.get()
    assert tracker_reading.has_file(tracker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audits:import_discard", args=[tracker.pk]))
    tracker.refresh_from_db()
    assert tracker.status == "discarded"
    assert not tracker_reading.has_file(tracker)


def test_the_template_is_a_blank_tracker_for_the_version(qa):
    _, version, client = qa
    assert reverse("audits:import_template", args=[version.pk]) in client.get(
        reverse("audits:import_list")).content.decode()
    response = client.get(reverse("audits:import_template", args=[version.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="tracker-template-full-case-audit-v1.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())] == [
        "Child Unique ID", "Team", "Date completed", "Auditor", "Worker", "Case type", "Overall grade",
        "summary_current", "summary_grade", "Moderated grade", "Moderator", "Next steps"]
    assert sheet.max_row == 1
