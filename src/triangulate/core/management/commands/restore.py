"""manage.py restore <file> [--replace]: put a backup back (docs/backup.md). Stop the web server and the job worker
first: a restore replaces the database and the data folder's files under them."""

from django.core.management.base import BaseCommand, CommandError

from triangulate.core.backup import BackupError
from triangulate.core.backup.operations import restore


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into the configured database and data folder, then "
            "migrate. The archive is checked first; a failure changes nothing. Refuses a database that has tables "
            "unless --replace is given. Stop the web server and the job worker first.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup's .tar file")
        parser.add_argument("--replace", action="store_true",
                            help="overwrite a database that already has tables, and the data folder's files")

    def handle(self, *args, file, replace, **options):
        try:
            contents = restore(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = sum(1 for name in contents["members"] if name.startswith("files/"))
        self.stdout.write(f"Restored the backup made {contents['created_at']} by Triangulate "
                          f"{contents['app_version']}: the database and {files} files. Migrations are up to date.")
