"""Import an Annex A workbook or folder of CSVs from the command line (runs the import here and now)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from triangulate.core.authority import System
from triangulate.datasets.models import Upload
from triangulate.datasets.services import start_annex_a_import
from triangulate.people.selectors import the_council


class Command(BaseCommand):
    help = "Import an Ofsted Annex A extract (.xlsx or a folder of CSVs) for the council."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--extract-date", type=date.fromisoformat, required=True, help="YYYY-MM-DD")

    def handle(self, *args, path, extract_date, **options):
        council = the_council()
        if council is None:
            raise CommandError("Set up the council first (or run the demo).")
        # the file's own name, as a web upload has: never the server path it was read from
        name = Path(path).resolve().name or "extract"
        upload = start_annex_a_import(actor=System.COMMAND_LINE, council=council, source=path, original_name=name,
                                      extract_date=extract_date, run_now=True)
        upload.refresh_from_db()
        if upload.status == Upload.Status.HELD:  # imported, but the pages show it only once published
            held = " ".join(f["message"] for f in upload.plausibility if f.get("severity") == "hold")
            raise CommandError(f"Held for review (not published; the pages still show the earlier figures): {held} "
                               "The QA lead can publish or discard it on its upload page.")
        if upload.status != Upload.Status.SUCCEEDED:
            raise CommandError(f"Import failed: {upload.error}")
        self.stdout.write(f"Imported {upload.rows_read:,} rows ({upload.issues.count():,} data-quality issues).")
        for number, report in sorted(upload.headings.items(), key=lambda item: int(item[0])):
            if report.get("absent"):
                self.stdout.write(f"List {number}: columns not in the extract (their KPIs are left blank): "
                                  + ", ".join(report["absent"]))
            if report.get("ignored"):
                self.stdout.write(f"List {number}: columns not used: " + ", ".join(report["ignored"]))
