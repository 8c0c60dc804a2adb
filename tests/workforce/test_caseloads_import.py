"""The caseload deriver in the import (docs/design/workforce.md §2.1): an imported extract gets one snapshot with its
cases in the import's transaction, a discarded one loses it, and the backfill derives snapshots for extracts
imported before the app from their stored tables."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from triangulate.core.roles import Role
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.models import CouncilPopulation
from triangulate.performance.models import KpiValue
from triangulate.workforce.extract_hooks import discard
from triangulate.workforce.models import AllocatedCase, CaseloadSnapshot

from ..workbooks import CLA_HEADINGS, CP_HEADINGS, workbook

MARCH = date(2025, 3, 31)
OPEN = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def extract(tmp_path):
    return workbook(tmp_path / "march.xlsx", {
        "List 6 - Children in need": [
            ["Child Unique ID", "Allocated Team", "Allocated Worker", "CIN Start Date", "CIN Closure Date"],
            ["1", "North", "Ann Lee", OPEN, None],
            ["2", "North", "Ann Lee", OPEN, None],
            ["3", "South", None, OPEN, None],
        ],
        "List 7 - Child protection": [
            CP_HEADINGS,
            ["1", "North", "Ann Lee", OPEN, date(2025, 3, 1), "Yes", None],
            ["4", "South", "Bo Ray", OPEN, date(2025, 3, 1), "Yes", None],
        ],
        "List 8 - Children in care": [
            CLA_HEADINGS,
            ["5", "South", "Bo Ray", OPEN, "C1", date(2025, 3, 1), None],
        ],
    })


def imported(world, path, django_capture_on_commit_callbacks):
    CouncilPopulation.objects.get_or_create(council=world.own.council, year=2024, defaults={"children_0_17": 20_000})
    with django_capture_on_commit_callbacks(execute=True):
        upload = start_annex_a_import(actor=world.users[Role.QA_LEAD], council=world.own.council, source=path,
                                      original_name=Path(path).name, extract_date=MARCH, run_now=True)
    upload.refresh_from_db()
    assert upload.status == Upload.Status.SUCCEEDED
    return upload


def test_an_import_stores_the_snapshot_and_its_cases(world, extract, django_capture_on_commit_callbacks):
    upload = imported(world, extract, django_capture_on_commit_callbacks)
    snapshot = CaseloadSnapshot.objects.get(upload=upload)
    assert (snapshot.council, snapshot.as_at) == (world.own.council, MARCH)
    rows = sorted(AllocatedCase.objects.filter(snapshot=snapshot).values_list("child_ref", "kind", "worker", "team",
                                                                                 "court"))
    # the CIN/CP lists carry no legal status: court is read from list 8 (False for a child not in care)
    assert rows == [("1", "cin", "Ann Lee", "North", False), ("1", "cp", "Ann Lee", "North", False),
                    ("2", "cin", "Ann Lee", "North", False), ("3", "cin", "", "South", False),
                    ("4", "cp", "Bo Ray", "South", False), ("5", "cla", "Bo Ray", "South", True)]
    # the workbook has no missing-episodes, placement-location or disability columns: unknown, never False
    assert set(snapshot.unknown_flags) >= {"missing", "out_of_area", "disability"}
    assert AllocatedCase.objects.get(child_ref="5").missing is None
    # the council's average (Ann 2, Bo 2) is the KPI's stored value on the same extract
    kpi = KpiValue.objects.get(upload=upload, kpi_id="avg_caseload", team="", period_end=MARCH,
                               period_start=date(2024, 4, 1))
    assert kpi.value == 2.0
    discard(upload)
    assert not CaseloadSnapshot.objects.filter(upload=upload).exists()
    assert not AllocatedCase.objects.exists()


def test_the_backfill_derives_a_snapshot_from_the_stored_extract(world, extract, django_capture_on_commit_callbacks,
                                                                 capsys):
    upload = imported(world, extract, django_capture_on_commit_callbacks)
    CaseloadSnapshot.objects.filter(upload=upload).delete()  # as if imported before workforce
    gone = Upload.objects.create(council=world.own.council, extract_date=date(2024, 3, 31), original_name="old.xlsx",
                                 status=Upload.Status.SUCCEEDED)
    call_command("workforce_backfill")
    out = capsys.readouterr().out
    assert f"Upload {upload.pk} (2025-03-31): 6 cases." in out
    assert f"Upload {gone.pk} (2024-03-31): its extract is no longer kept" in out
    assert "1 snapshot derived; 1 extract no longer kept." in out
    snapshot = CaseloadSnapshot.objects.get(upload=upload)
    assert snapshot.cases.count() == 6 and snapshot.cases.get(child_ref="5").court is True
    call_command("workforce_backfill")  # nothing left to do
    assert "0 snapshots derived" in capsys.readouterr().out
