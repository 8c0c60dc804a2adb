"""Background jobs (django.tasks; the django-tasks-db backend runs them in `manage.py jobs_worker`)."""

from django.tasks import task

from .importer import run_import


@task()
def import_upload(upload_id, source_path):
    return run_import(upload_id, source_path).status
