"""Derive caseload snapshots for the extracts imported before workforce existed (design §2.1): every published
upload with no snapshot whose tables are still kept (datasets/storage.py keeps them 13 months, and always the
latest), read from its Parquet folder and run through the deriver as an import would.

    manage.py workforce_backfill            # every published upload without a snapshot
    manage.py workforce_backfill --upload 12 --upload 14

Only the columns the deriver reads are read, one upload at a time, so a large council's extract does not need
the memory its import did. Nothing about a child is printed: upload ids, dates and counts only."""

import pyarrow.parquet as pq
from django.core.management.base import BaseCommand
from django.db import transaction

from triangulate.datasets import storage
from triangulate.datasets.models import Upload

from ... import extract_hooks
from ...models import CaseloadSnapshot


def stored_tables(upload):
    """The deriver's lists and columns of an upload's stored extract, or None when its folder is gone."""
    folder = storage.upload_folder(upload.pk)
    if not folder.is_dir():
        return None
    tables = {}
    for number, keys in extract_hooks.COLUMNS.items():
        path = folder / f"list_{number}.parquet"
        if path.is_file():
            names = set(pq.read_schema(path).names)
            tables[number] = pq.read_table(path, columns=[k for k in keys if k in names])
    return tables


class Command(BaseCommand):
    help = "Derive caseload snapshots for published Annex A uploads that have none (imported before workforce)."

    def add_arguments(self, parser):
        parser.add_argument("--upload", type=int, action="append", dest="uploads", help="only this upload id")

    def handle(self, *args, uploads=None, **options):
        wanted = Upload.objects.filter(status=Upload.Status.SUCCEEDED).exclude(
            pk__in=CaseloadSnapshot.objects.values("upload_id")).order_by("extract_date", "pk")
        if uploads:
            wanted = wanted.filter(pk__in=uploads)
        made = missing = 0
        for upload in wanted:
            tables = stored_tables(upload)
            if tables is None:
                missing += 1
                self.stdout.write(f"Upload {upload.pk} ({upload.extract_date}): its extract is no longer kept, "
                                  "so no caseloads can be derived.")
                continue
            derived = extract_hooks.compute(tables, upload.extract_date, None)
            with transaction.atomic():
                extract_hooks.store(upload, derived)
            made += 1
            self.stdout.write(f"Upload {upload.pk} ({upload.extract_date}): {len(derived.cases):,} cases.")
        self.stdout.write(f"{made} snapshot{'' if made == 1 else 's'} derived; {missing} extract"
                          f"{'' if missing == 1 else 's'} no longer kept.")
