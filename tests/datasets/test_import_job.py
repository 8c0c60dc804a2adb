"""Uploading an Annex A extract: the job, its progress record, its all-or-nothing promise."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role
from triangulate.datasets import storage
from triangulate.datasets.models import DataIssue, Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.models import CouncilPopulation
from triangulate.performance.models import KpiValue

from ..workbooks import REFERRAL_HEADINGS, workbook


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def good_extract(tmp_path):
    return workbook(tmp_path / "march.xlsx", {"List 3 - Referrals": [
        REFERRAL_HEADINGS,
        ["1", "North", "Ann", date(2025, 1, 7), "Yes"],
        ["2", "South", "Bo", date(2025, 3, 3), "No"],
        ["3", "South", "Bo", "31/02/2025", "No"],
    ]})


def start(world, path, extract_date=date(2025, 3, 31)):
    CouncilPopulation.objects.get_or_create(council=world.own.council, year=2024, defaults={"children_0_17": 20_000})
    return start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                                original_name=Path(path).name, extract_date=extract_date, run_now=True)


def test_an_import_stores_tables_issues_and_kpis(world, good_extract, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, good_extract)
    upload.refresh_from_db()
    assert (upload.status, upload.rows_read, upload.row_counts) == ("succeeded", 3, {"3": 3})
    assert list(DataIssue.objects.values_list("list_number", "row", "column")) == [(3, 4, "Date of referral")]
    tables = storage.read_tables(upload.pk)
    assert list(tables) == [3] and tables[3].num_rows == 3
    year = {"period_start": date(2024, 4, 1), "period_end": date(2025, 3, 31)}
    assert KpiValue.objects.get(upload=upload, kpi_id="referrals", team="", **year).value == 2
    rate = KpiValue.objects.get(upload=upload, kpi_id="referrals_rate", team="", **year)
    assert rate.value == 2 / 20_000 * 10_000  # 12 months: not annualised
    south = KpiValue.objects.get(upload=upload, kpi_id="referrals", team="South", **year)
    assert south.value == 1
    march = KpiValue.objects.get(upload=upload, kpi_id="referrals", team="", period_start=date(2025, 3, 1),
                                 period_end=date(2025, 3, 31))
    assert march.value == 1
    assert KpiValue.objects.filter(upload=upload, kpi_id="referrals", team="").count() == 25  # year + 24 months
    assert AuditEvent.objects.filter(verb="upload.started", object_id=str(upload.pk)).exists()


def test_a_failed_import_saves_nothing_and_leaves_earlier_extracts_alone(world, good_extract, tmp_path,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = start(world, good_extract)
    before = (KpiValue.objects.count(), DataIssue.objects.count(), storage.read_tables(first.pk)[3].num_rows)
    broken = workbook(tmp_path / "broken.xlsx", {"List 3": [["Child Unique ID", "Allocated Team"], ["1", "North"]]})
    with django_capture_on_commit_callbacks(execute=True):
        second = start(world, broken, extract_date=date(2025, 4, 30))
    second.refresh_from_db()
    assert second.status == "failed"
    assert "Date of referral" in second.error
    assert not storage.upload_folder(second.pk).exists()
    assert (KpiValue.objects.count(), DataIssue.objects.count(), storage.read_tables(first.pk)[3].num_rows) == before
    first.refresh_from_db()
    assert first.status == "succeeded"


def test_the_upload_page_starts_a_job_and_shows_progress(world, client_for, good_extract,
                                                        django_capture_on_commit_callbacks):
    client = client_for(world.users[Role.QA_LEAD])
    with open(good_extract, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("datasets:upload_create"), {
            "file": SimpleUploadedFile("march.xlsx", handle.read()),
            "extract_date-day": "31", "extract_date-month": "3", "extract_date-year": "2025"})
    upload = Upload.objects.get()
    assert response["Location"] == reverse("datasets:upload_detail", args=[upload.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Extract of 31 March 2025" in html
    assert "Imported" in html
    assert "Date of referral" in html  # the data-quality issue is listed


def test_the_upload_form_explains_bad_input(world, client_for):
    client = client_for(world.users[Role.QA_LEAD])
    response = client.post(reverse("datasets:upload_create"), {
        "file": SimpleUploadedFile("notes.docx", b"hello"),
        "extract_date-day": "1", "extract_date-month": "1", "extract_date-year": "2099"})
    html = response.content.decode()
    assert "The selected file must be an Excel workbook (.xlsx)" in html
    assert "must be today or in the past" in html
    assert Upload.objects.count() == 0


def test_the_dashboard_shows_the_latest_figures_beside_england(world, client_for, good_extract,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(world, good_extract)
    html = client_for(world.users[Role.PRACTITIONER]).get(reverse("performance:dashboard")).content.decode()
    assert "12 months to 31 March 2025" in html
    assert "Referrals with no further action" in html
    assert "50.0%" in html  # 1 of the 2 readable referrals
    assert "6.5%" in html   # England's NFA share


def test_elected_members_see_small_counts_suppressed(world, client_for, good_extract,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(world, good_extract)
    html = client_for(world.users[Role.ELECTED_MEMBER]).get(
        reverse("performance:kpi_detail", args=["referrals"])).content.decode()
    assert "fewer than 6" in html


def test_the_children_behind_a_figure_are_listed_and_their_viewing_logged(world, client_for, good_extract,
                                                                        django_capture_on_commit_callbacks):
    from triangulate.core.models import AccessLog

    with django_capture_on_commit_callbacks(execute=True):
        start(world, good_extract)
    url = reverse("performance:kpi_children", args=["referral_nfa_pct"])
    html = client_for(world.users[Role.AUDITOR]).get(url).content.decode()
    assert "2 children" in html  # the two readable referrals; child 1 had no further action
    assert list(AccessLog.objects.order_by("child_id").values_list("child_id", "resource")) == [
        ("1", "performance:kpi_children"), ("2", "performance:kpi_children")]


def test_a_team_scoped_user_sees_only_their_own_teams_children(world, client_for, good_extract,
                                                              django_capture_on_commit_callbacks):
    from triangulate.core.models import AccessLog

    world.own.case_system_name = "North"  # how the extract spells the practitioner's team
    world.own.save()
    with django_capture_on_commit_callbacks(execute=True):
        start(world, good_extract)
    client = client_for(world.users[Role.PRACTITIONER])
    url = reverse("performance:kpi_children", args=["referrals"])
    chooser = client.get(url).content.decode()
    assert "Choose one of your teams" in chooser and "?team=North" in chooser
    assert AccessLog.objects.count() == 0
    assert client.get(url + "?team=South").status_code == 404
    html = client.get(url + "?team=North").content.decode()
    assert "1 child" in html
    assert list(AccessLog.objects.values_list("child_id", flat=True)) == ["1"]
