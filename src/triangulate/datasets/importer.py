"""The import job: read an Annex A extract, store its tables and issues, compute its KPIs.

Besides the tables and KPI values, the upload keeps the reader's heading report (how each heading was
matched, which columns are absent or ignored) and the extract's team names with their row counts.

The uploaded file's copy is removed when the job ends, whatever the outcome: the Parquet tables are
what is kept. All-or-nothing: tables are written to a new folder renamed into place at the end, and the
database rows (issues, KPI values, the upload's status) are written in one transaction. If
anything fails, the new folder is removed, the upload is marked failed with the reason, and
every earlier upload stays exactly as it was.
"""

import logging

import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone

from triangulate.datasets.parsers.annex_a.reader import AnnexAError, read_annex_a
from triangulate.datasets.parsers.annex_a.schema import TEAM_LISTS
from triangulate.performance import kpi_store

from . import storage
from .models import DataIssue, Upload

log = logging.getLogger(__name__)
MAX_STORED_ISSUES = 5000


def _stage(upload, stage, **fields):
    # Progress is saved outside the main transaction so the upload page can show it while the job runs.
    Upload.objects.filter(pk=upload.pk).update(stage=stage, **fields)


def run_import(upload_id, source_path):
    upload = Upload.objects.select_related("council").get(pk=upload_id)
    _stage(upload, "Reading the extract", status=Upload.Status.RUNNING)
    try:
        extract = read_annex_a(source_path)
        rows = sum(extract.row_counts.values())
        _stage(upload, "Saving the tables", rows_read=rows)
        storage.write_tables(upload.pk, extract.tables)
        _stage(upload, "Computing the KPIs")
        population = upload.council.population_for(upload.extract_date.year - 1) or \
            upload.council.population_for(upload.extract_date.year)
        computed = kpi_store.compute(extract.tables, population, upload.extract_date)
        # the engine's few issues (a needed column missing) first, so the cap never drops them
        issues = [_engine_issue(upload, i) for i in computed.issues] + \
            [_reader_issue(upload, i) for i in extract.issues]
        with transaction.atomic():
            DataIssue.objects.bulk_create(issues[:MAX_STORED_ISSUES], batch_size=2000)
            kpi_store.store(upload, computed)
            Upload.objects.filter(pk=upload.pk).update(
                status=Upload.Status.SUCCEEDED, stage="Done", rows_read=rows,
                row_counts={str(k): v for k, v in extract.row_counts.items()},
                headings=_headings(extract), teams=extract_teams(extract.tables), finished_at=timezone.now())
    except AnnexAError as error:
        _fail(upload, str(error))
    except Exception:  # the job must always end in a state the page can show
        log.exception("import of upload %s failed", upload.pk)  # ids only: no child data in logs
        _fail(upload, "The import stopped because of an unexpected error. Nothing from this file was saved.")
    storage.discard_incoming(source_path)
    upload.refresh_from_db()
    return upload


def _reader_issue(upload, i):
    return DataIssue(upload=upload, file=i.file or "", sheet=i.sheet or "", list_number=i.list, row=i.row,
                     column=i.column or "", value=str(i.value if i.value is not None else "")[:255],
                     problem=i.problem[:500])


def _engine_issue(upload, issue):
    """An engine issue ({"list", "row", "column", "problem"}: e.g. a column a KPI needs is missing)."""
    return DataIssue(upload=upload, list_number=issue.get("list"), row=issue.get("row"),
                     column=str(issue.get("column") or "")[:255], problem=str(issue.get("problem") or "")[:500])


def _headings(extract):
    """The reader's heading report, with JSON's string keys (list number -> matched / absent / ignored)."""
    report = extract.headings
    return {str(number): value for number, value in report.items()}


def extract_teams(tables):
    """{allocated team as written in the extract: rows naming it}, over lists 3-9 (the lists with a team),
    so the extract's team names can be mapped to the council's teams. Blank teams are not counted."""
    counts = {}
    for number in TEAM_LISTS:
        table = tables.get(number)
        if table is None or "allocated_team" not in table.column_names:
            continue
        for item in pc.value_counts(table.column("allocated_team")).to_pylist():
            name = item["values"]
            if name is None or not str(name).strip():
                continue
            counts[name] = counts.get(name, 0) + item["counts"]
    return dict(sorted(counts.items()))


def _fail(upload, message):
    storage.discard(upload.pk)
    DataIssue.objects.filter(upload=upload).delete()
    Upload.objects.filter(pk=upload.pk).update(status=Upload.Status.FAILED, stage="Failed", error=message,
                                               finished_at=timezone.now())
