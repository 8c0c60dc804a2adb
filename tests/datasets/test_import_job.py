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
from triangulate.kpis.registry import all_kpis
from triangulate.people.models import CouncilPopulation
from triangulate.performance.models import KpiValue

from ..workbooks import REFERRAL_HEADINGS, workbook

CP_HEADINGS = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Child Protection Plan Start Date",
               "Date of the Last Statutory Visit", "Child Protection Plan End Date"]


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
    issues = list(DataIssue.objects.values_list("list_number", "row", "column"))
    assert (3, 4, "Date of referral") in issues  # the reader's: an impossible date
    # the engine's: a column a KPI needs is missing from list 3, so that KPI is null (never 0)
    missing = DataIssue.objects.get(list_number=3, row=None, column="Number of Referrals in Last 12 Months")
    assert "rereferral_pct" in missing.problem
    tables = storage.read_tables(upload.pk)
    assert list(tables) == [3] and tables[3].num_rows == 3
    year = {"period_start": date(2024, 4, 1), "period_end": date(2025, 3, 31)}
    referrals = KpiValue.objects.get(upload=upload, kpi_id="referrals", team="", **year)
    assert (referrals.value, referrals.excluded) == (2, 1)  # the row with the impossible date is left out
    assert KpiValue.objects.get(upload=upload, kpi_id="rereferral_pct", team="", **year).value is None
    rate = KpiValue.objects.get(upload=upload, kpi_id="referrals_rate", team="", **year)
    assert rate.value == 2 / 20_000 * 10_000  # 12 months: not annualised
    south = KpiValue.objects.get(upload=upload, kpi_id="referrals", team="South", **year)
    assert south.value == 1
    march = KpiValue.objects.get(upload=upload, kpi_id="referrals", team="", period_start=date(2025, 3, 1),
                                 period_end=date(2025, 3, 31))
    assert march.value == 1
    assert KpiValue.objects.filter(upload=upload, kpi_id="referrals", team="").count() == 25  # year + 24 months
    assert upload.teams == {"North": 1, "South": 2}
    assert upload.headings["3"]["matched"][0]["key"] == "child_id"
    assert not list(storage.incoming_root().iterdir())  # the uploaded copy goes once the tables are kept
    assert AuditEvent.objects.filter(verb="upload.started", object_id=str(upload.pk)).exists()


def test_snapshot_kpis_are_stored_only_at_the_extract_date_and_flow_kpis_for_24_months(
        world, tmp_path, django_capture_on_commit_callbacks):
    path = workbook(tmp_path / "cp.xlsx", {"List 7 - Child protection": [
        CP_HEADINGS,
        ["1", "North", "Ann", date(2024, 6, 3), date(2025, 3, 24), None],
        ["2", "South", "Bo", date(2024, 12, 2), date(2025, 2, 3), None],
        ["3", "South", "Bo", date(2023, 1, 9), date(2024, 1, 8), date(2024, 2, 5)],
    ]})
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, path)
    values = KpiValue.objects.filter(upload=upload, team="")
    visits = values.filter(kpi_id="cp_visits_in_timescale_pct")
    # the 12 months to the extract date, and the extract's own month: nothing earlier (kpis.md "History")
    assert sorted(visits.values_list("period_start", "period_end")) == [
        (date(2024, 4, 1), date(2025, 3, 31)), (date(2025, 3, 1), date(2025, 3, 31))]
    assert {v.value for v in visits} == {50.0}  # plan 1 visited 5 working days before; plan 2 two months before
    assert {(v.numerator, v.denominator, v.excluded) for v in visits} == {(1, 2, 0)}
    starts = values.filter(kpi_id="cp_starts").exclude(period_start=date(2024, 4, 1), period_end=date(2025, 3, 31))
    assert starts.count() == 24
    assert starts.get(period_start=date(2024, 12, 1)).value == 1
    assert starts.get(period_start=date(2023, 4, 1)).period_end == date(2023, 4, 30)
    teams = set(KpiValue.objects.filter(upload=upload, kpi_id="cp_open").exclude(team="").values_list("team", "value"))
    assert teams == {("North", 1), ("South", 1)}


def test_kpis_of_lists_without_a_team_have_no_team_values(world, tmp_path, django_capture_on_commit_callbacks):
    path = workbook(tmp_path / "contacts.xlsx", {"List 1 - Contacts": [
        ["Child Unique ID", "Date of Contact"], ["1", date(2025, 3, 3)], ["2", date(2025, 2, 3)]]})
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, path)
    year = {"period_start": date(2024, 4, 1), "period_end": date(2025, 3, 31)}
    assert KpiValue.objects.get(upload=upload, kpi_id="contacts", team="", **year).value == 2
    assert not KpiValue.objects.filter(upload=upload, kpi_id="contacts").exclude(team="").exists()
    assert Upload.objects.get(pk=upload.pk).teams == {}


def _cp_extract(tmp_path, name, visit, other_visit=date(2024, 11, 29)):
    return workbook(tmp_path / name, {"List 7 - Child protection": [
        CP_HEADINGS,
        ["1", "North", "Ann", date(2024, 6, 3), visit, None],
        ["2", "South", "Bo", date(2024, 11, 4), other_visit, None],
    ]})


def test_a_snapshot_kpis_history_is_one_value_per_extract_and_a_flow_kpis_the_latest_series(
        world, tmp_path, django_capture_on_commit_callbacks):
    from triangulate.performance import history

    with django_capture_on_commit_callbacks(execute=True):
        # December: both plans visited in the last 10 working days
        start(world, _cp_extract(tmp_path, "dec.xlsx", date(2024, 12, 20), date(2024, 12, 23)),
              extract_date=date(2024, 12, 31))
        # February, twice: the later upload of the same extract date wins (the first has neither plan in time)
        start(world, _cp_extract(tmp_path, "feb.xlsx", date(2024, 12, 20)), extract_date=date(2025, 2, 28))
        start(world, _cp_extract(tmp_path, "feb2.xlsx", date(2025, 2, 24)), extract_date=date(2025, 2, 28))
        # March: plan 1 visited in time, plan 2 not since November
        start(world, _cp_extract(tmp_path, "mar.xlsx", date(2025, 3, 24)), extract_date=date(2025, 3, 31))
        failed = start(world, workbook(tmp_path / "bad.xlsx", {"List 7": [["Child Unique ID"], ["1"]]}),
                       extract_date=date(2025, 4, 30))
    failed.refresh_from_db()
    assert failed.status == "failed" and history.latest_upload().extract_date == date(2025, 3, 31)
    points = history.series("cp_visits_in_timescale_pct", months=6)
    assert [p.month_end for p in points] == [date(2024, 10, 31), date(2024, 11, 30), date(2024, 12, 31),
                                             date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]
    # months without an extract are gaps: no value, no extract date
    assert [(p.extract_date, p.value) for p in points] == [
        (None, None), (None, None), (date(2024, 12, 31), 100.0), (None, None), (date(2025, 2, 28), 50.0),
        (date(2025, 3, 31), 50.0)]
    assert (points[-1].numerator, points[-1].denominator, points[-1].excluded) == (1, 2, 0)
    # a flow KPI: every month from the latest extract alone
    starts = history.series("cp_starts")
    assert len(starts) == 24 and all(p.extract_date is None for p in starts)
    assert starts[-1].month_end == date(2025, 3, 31)
    assert [(p.month_end, p.value) for p in starts if p.value] == [(date(2024, 6, 30), 1), (date(2024, 11, 30), 1)]
    assert all_kpis()["cp_open"].kind == "snapshot"


def test_a_missing_column_that_blanks_flow_and_snapshot_kpis_is_reported_once(world, tmp_path,
                                                                              django_capture_on_commit_callbacks):
    # no "Date Ceased to be Looked After": cla_open (a snapshot) and cla_ceased (a flow KPI) both need it
    path = workbook(tmp_path / "cla.xlsx", {"List 8 - Children in care": [
        ["Child Unique ID", "Date Started to be Looked After", "Child's Legal Status", "Allocated Team"],
        ["1", date(2024, 6, 3), "C2", "North"]]})
    with django_capture_on_commit_callbacks(execute=True):
        upload = start(world, path)
    missing = DataIssue.objects.filter(upload=upload, list_number=8, column="Date Ceased to be Looked After")
    assert missing.count() == 1
    assert "cla_open" in missing.get().problem and "cla_ceased" in missing.get().problem


def test_the_import_command_reports_absent_columns(transactional_db, good_extract, capsys):
    from django.core.management import call_command

    from ..factories import CouncilFactory

    CouncilFactory()  # outside a test transaction, so the import runs here and now as it does for real
    call_command("import_annex_a", str(good_extract), "--extract-date", "2025-03-31")
    out = capsys.readouterr().out
    assert "Imported 3 rows" in out
    assert "List 3: columns not in the extract" in out and "Number of Referrals in Last 12 Months" in out
    assert Upload.objects.get().status == "succeeded"


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
    client = client_for(world.users[Role.ELECTED_MEMBER])
    html = client.get(reverse("performance:kpi_detail", args=["referrals"])).content.decode()
    assert "fewer than 6" in html
    dashboard = client.get(reverse("performance:dashboard")).content.decode()
    # 1 of the 2 referrals had no further action: neither the share nor its parts may show
    assert "50.0%" not in dashboard and "1 of 2" not in dashboard


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
