"""Uploading and deleting benchmarks (benchmarks/services.py): all or nothing, audited, for the QA lead and the
system administrator only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from triangulate.benchmarks.models import BenchmarkFigure, BenchmarkUpload
from triangulate.benchmarks.reader import MAX_BYTES
from triangulate.benchmarks.services import BenchmarkFileError, delete_benchmark_upload, upload_benchmarks
from triangulate.benchmarks.verbs import Verb
from triangulate.core.authority import System
from triangulate.core.models import AuditEvent
from triangulate.core.roles import Role


def test_an_upload_keeps_every_figure_and_is_audited(world, upload):
    saved = upload("rereferral_pct,england,E92000001,England,2024-25,22.6,\n"
                   "rereferral_pct,la,901,Neighbour 1,2024-25,c,suppressed\n"
                   "cla_rate,la,902,Neighbour 2,2023/24,70,\n")
    assert (saved.row_count, saved.kpi_count, saved.years) == (3, 2, ["2023-24", "2024-25"])
    assert saved.uploaded_by == world.users[Role.QA_LEAD]
    figure = BenchmarkFigure.objects.get(upload=saved, la_code="901")
    assert (figure.value, figure.marker, figure.note, figure.row) == (None, "c", "suppressed", 3)
    event = AuditEvent.objects.get(verb=Verb.BENCHMARKS_UPLOADED)
    assert event.object_id == str(saved.pk)
    assert event.changes["rows"] == 3 and event.changes["original_name"] == "benchmarks.csv"


def test_one_bad_row_and_nothing_is_saved(upload):
    rows = "rereferral_pct,england,E92000001,England,2024-25,22.6,\n" * 1 + "not_a_kpi,la,901,N,2024-25,20,\n"
    with pytest.raises(BenchmarkFileError) as caught:
        upload(rows)
    assert caught.value.problem_count == 1
    assert "Row 3, column “kpi_id”: “not_a_kpi”" in caught.value.messages[0]
    assert "nothing from it was saved" in caught.value.messages[0]
    assert not BenchmarkUpload.objects.exists() and not BenchmarkFigure.objects.exists()
    assert not AuditEvent.objects.filter(verb=Verb.BENCHMARKS_UPLOADED).exists()


def test_many_problems_are_summed_up_for_the_form(upload):
    rows = "".join(f"nope,la,{900 + i},N,2024-25,20,\n" for i in range(60))
    with pytest.raises(BenchmarkFileError) as caught:
        upload(rows)
    assert caught.value.problem_count == 60 and len(caught.value.problems) == 50
    assert caught.value.message_dict == {"file": ["The file has 60 problems, so nothing from it was saved: correct "
                                                  "those listed under “Problems in the file” and upload it again"]}


def test_an_uploaded_file_a_path_and_the_size_limit(world, council, tmp_path):
    qa_lead = world.users[Role.QA_LEAD]
    text = b"kpi_id,area_code,year,value\nrereferral_pct,E92000001,2024-25,22.6\n"
    from_form = upload_benchmarks(actor=qa_lead, council=council, original_name="a.csv",
                                  file=SimpleUploadedFile("a.csv", text, content_type="text/csv"))
    path = tmp_path / "b.csv"
    path.write_bytes(text)
    from_path = upload_benchmarks(actor=qa_lead, council=council, file=path, original_name="b.csv")
    assert from_form.row_count == from_path.row_count == 1
    too_big = SimpleUploadedFile("c.csv", b"x" * (MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="smaller than 5 MB"):
        upload_benchmarks(actor=qa_lead, council=council, file=too_big, original_name="c.csv")
    with pytest.raises(ValidationError, match="must be a CSV file"):
        upload_benchmarks(actor=qa_lead, council=council, file=text, original_name="c.xlsx")


def test_deleting_an_upload_removes_its_figures_and_is_audited(world, upload):
    saved = upload("rereferral_pct,england,E92000001,England,2024-25,22.6,\n")
    pk = saved.pk
    delete_benchmark_upload(actor=world.users[Role.SYSTEM_ADMIN], upload=saved)
    assert not BenchmarkUpload.objects.exists() and not BenchmarkFigure.objects.exists()
    event = AuditEvent.objects.get(verb=Verb.BENCHMARKS_DELETED)
    assert (event.object_id, event.actor, event.changes["original_name"], event.changes["rows"]) == \
        (str(pk), world.users[Role.SYSTEM_ADMIN], "benchmarks.csv", 1)


def test_the_system_uploads_for_the_demo_with_its_reason_kept(council):
    saved = upload_benchmarks(actor=System.DEMO, council=council, original_name="demo.csv",
                              file=b"kpi_id,area_code,year,value\nrereferral_pct,E92000001,2024-25,22.6\n")
    assert saved.uploaded_by is None and saved.uploader == "Triangulate (demo council set-up)"
    assert AuditEvent.objects.get(verb=Verb.BENCHMARKS_UPLOADED).system_reason == System.DEMO.value


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.QA_LEAD, Role.SYSTEM_ADMIN)])
def test_only_the_qa_lead_and_the_administrator_upload_or_delete(world, upload, role):
    saved = upload("rereferral_pct,england,E92000001,England,2024-25,22.6,\n")
    with pytest.raises(PermissionDenied):
        upload("rereferral_pct,england,E92000001,England,2024-25,22.6,\n", actor=world.users[role])
    with pytest.raises(PermissionDenied):
        delete_benchmark_upload(actor=world.users[role], upload=saved)
    assert BenchmarkUpload.objects.count() == 1
