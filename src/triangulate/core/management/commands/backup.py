"""manage.py backup <file>: the database and the data folder's files in one .tar (docs/backup.md)."""

from django.core.management.base import BaseCommand, CommandError

from triangulate.core.backup import BackupError
from triangulate.core.backup.operations import make_backup


class Command(BaseCommand):
    help = ("Back up the database and the data folder's files (uploads, extracts) into one .tar file, readable by "
            "this account only. Safe while Triangulate runs. Keep backups on encrypted storage: they hold "
            "child-level data.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .tar file to write (outside the data folder; replaced if it exists)")

    def handle(self, *args, file, **options):
        try:
            contents = make_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = sum(1 for name in contents["members"] if name.startswith("files/"))
        size = sum(entry["size"] for entry in contents["members"].values())
        self.stdout.write(f"Backed up the {contents['vendor']} database and {files} files ({size:,} bytes) to {file}.")
