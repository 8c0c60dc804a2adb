"""Cancel and retry an import (the QA lead and administrators: datasets.upload), and what the upload page shows
of its job (datasets/_job_controls.html)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from triangulate.core.views.decorators import requires

from . import leases, storage
from .models import Upload


def job_context(request, upload):
    """Extra context for the upload page's job controls. A job whose worker died is found here too (one cheap
    query), so the page stops saying "Importing" within a minute even if no worker restarts; `upload` is
    refreshed in place when that changes it."""
    if upload.status == Upload.Status.RUNNING and upload.pk in leases.interrupt_dead_jobs():
        upload.refresh_from_db()
    can_run = request.user.has_perm("datasets.upload")
    retry_refused = leases.why_not_retry(upload)
    return {"job": {
        "can_cancel": can_run and (upload.status in (Upload.Status.QUEUED, Upload.Status.INTERRUPTED) or (
            upload.status == Upload.Status.RUNNING and not upload.cancel_requested)),
        "cancelling": upload.status == Upload.Status.RUNNING and upload.cancel_requested,
        "can_retry": can_run and retry_refused is None,
        # an interrupted import whose file has gone: say why there is no retry button
        "retry_refused": retry_refused if upload.status == Upload.Status.INTERRUPTED else None,
        "kept_days": storage.KEEP_INTERRUPTED_DAYS,
    }}


@requires("datasets.upload", methods=("POST",))
def upload_cancel(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    leases.interrupt_dead_jobs()  # a job whose worker died cannot act on a cancel: it is interrupted instead
    try:
        upload = leases.cancel(actor=request.user, upload=upload)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Cancelling the import: it stops within a few seconds"
                         if upload.status == Upload.Status.RUNNING else "The import was cancelled")
    return redirect("datasets:upload_detail", pk)


@requires("datasets.upload", methods=("POST",))
def upload_retry(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    try:
        leases.retry(actor=request.user, upload=upload)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The import has started again")
    return redirect("datasets:upload_detail", pk)
