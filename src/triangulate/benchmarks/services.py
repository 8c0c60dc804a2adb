"""Uploading and deleting benchmarks. Each is a public service (core/authority.py): it names its actor, checks
its permission, runs in its own transaction and records an AuditEvent."""

from pathlib import Path

from django.core.exceptions import ValidationError

from triangulate.core import audit
from triangulate.core.authority import System, service, user_of
from triangulate.kpis.registry import all_kpis

from . import reader
from .areas import year_sort_key
from .models import BenchmarkFigure, BenchmarkUpload
from .reader import MAX_BYTES
from .rules import Perm
from .verbs import Verb


class BenchmarkFileError(ValidationError):
    """The file cannot be used, so nothing from it was saved. `problems` are the first
    reader.MAX_PROBLEMS_SHOWN (reader.Problem: row, column, value, expected), `problem_count` all of them."""

    def __init__(self, problems, problem_count):
        self.problems = list(problems)
        self.problem_count = problem_count
        if problem_count == 1:
            message = f"The file cannot be used, so nothing from it was saved: {problems[0]}"
        else:
            message = (f"The file has {problem_count:,} problems, so nothing from it was saved: correct those "
                       "listed under “Problems in the file” and upload it again")
        super().__init__({"file": [message]})


def _read_bytes(file):
    """The file's bytes, reading no more than one byte past the limit: an uploaded file, a path or bytes."""
    if isinstance(file, bytes):
        data = file
    elif isinstance(file, (str, Path)):
        with open(file, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    elif getattr(file, "size", None) is not None and file.size > MAX_BYTES:
        data = None  # refused by its size, unread
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
    if data is None or len(data) > MAX_BYTES:
        raise ValidationError({"file": f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB"})
    return data


@service(Perm.MANAGE)
def upload_benchmarks(*, actor, council, file, original_name):
    """Read a benchmarks CSV and keep all its figures, or none (BenchmarkFileError, listing the problems).
    The figures then take precedence over earlier uploads' for the same KPI, area and year."""
    if council is None:
        raise ValidationError({"file": "Set up the council's profile before uploading benchmarks"})
    if not original_name.lower().endswith((".csv", ".txt")):
        raise ValidationError({"file": "The selected file must be a CSV file (.csv)"})
    result = reader.read_benchmarks(_read_bytes(file), catalogue=all_kpis())
    if not result.ok:
        raise BenchmarkFileError(result.problems, result.problem_count)
    figures = result.figures
    upload = BenchmarkUpload.objects.create(
        council=council, original_name=Path(original_name).name[:255], uploaded_by=user_of(actor),
        system_reason=actor.value if isinstance(actor, System) else "", row_count=len(figures),
        years=sorted({f.year for f in figures}, key=year_sort_key), kpi_count=len({f.kpi_id for f in figures}))
    BenchmarkFigure.objects.bulk_create(
        (BenchmarkFigure(upload=upload, row=f.row, kpi_id=f.kpi_id, area_type=f.area_type, area_key=f.area_key,
                         la_code=f.la_code, ons_code=f.ons_code, area_name=f.area_name, name_key=f.name_key,
                         year=f.year, value=f.value, marker=f.marker, note=f.note) for f in figures),
        batch_size=2000)
    audit.record(actor, Verb.BENCHMARKS_UPLOADED, upload, original_name=upload.original_name,
                 rows=upload.row_count, kpis=upload.kpi_count, years=upload.years,
                 ignored_columns=result.ignored_columns)
    return upload


@service(Perm.MANAGE)
def delete_benchmark_upload(*, actor, upload):
    """Delete an upload and its figures: the comparisons fall back to the earlier uploads' figures (or the
    shipped England figures)."""
    upload = BenchmarkUpload.objects.select_for_update().filter(pk=upload.pk).first()
    if upload is None:
        raise ValidationError("This upload has already been deleted")
    audit.record(actor, Verb.BENCHMARKS_DELETED, upload, original_name=upload.original_name,
                 rows=upload.row_count, uploaded_at=upload.uploaded_at,
                 uploaded_by=upload.uploaded_by_id or upload.system_reason)
    upload.delete()
    return upload
