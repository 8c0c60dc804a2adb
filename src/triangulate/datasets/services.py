"""Starting imports: a public service (core/authority.py) that names its actor, checks its permission, runs
in its own transaction and records an AuditEvent."""

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from triangulate.core import audit
from triangulate.core.authority import service, user_of

from . import storage
from .models import Upload
from .rules import Perm
from .verbs import Verb

ACCEPTED_SUFFIXES = (".xlsx",)
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


@service(Perm.UPLOAD)
def start_annex_a_import(*, actor, council, source, original_name, extract_date, run_now=False):
    """Queue the import of an Annex A workbook (an uploaded file, a path, or a folder of CSVs) and return
    the Upload. The file is copied into the data folder first, so the job does not depend on the request.
    With run_now (command line and demo), the import runs in this process once the upload row is committed.
    """
    suffix = Path(original_name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES and not (isinstance(source, (str, Path)) and Path(source).is_dir()):
        raise ValidationError({"file": "The file must be an Excel workbook (.xlsx) of Annex A lists"})
    upload = Upload.objects.create(council=council, extract_date=extract_date, original_name=original_name[:255],
                                   uploaded_by=user_of(actor))
    target = storage.incoming_path(upload.pk, suffix if suffix in ACCEPTED_SUFFIXES else "")
    if isinstance(source, (str, Path)):
        source = Path(source)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    else:
        if source.size > MAX_UPLOAD_BYTES:
            raise ValidationError({"file": "The file must be smaller than 200 MB"})
        with open(target, "wb") as out:
            for chunk in source.chunks():
                out.write(chunk)
    upload.source_path = str(target.relative_to(storage.data_root()))
    upload.save(update_fields=["source_path"])
    audit.record(actor, Verb.UPLOAD_STARTED, upload, kind=upload.kind, extract_date=extract_date,
                 original_name=upload.original_name)

    def enqueue():
        if run_now:
            from .importer import run_import

            run_import(upload.pk, str(target))
            return
        from .tasks import import_upload

        import_upload.enqueue(upload.pk, str(target))

    transaction.on_commit(enqueue)
    return upload
