"""Cancel and retry an import (the QA lead and administrators: datasets.upload), and what the upload page shows
of its job (datasets/_job_controls.html)."""

from triangulate.core.views.decorators import requires

from . import leases, storage
from .models import Upload
from .rules import Perm
from .upload_actions import act_on_upload


def job_context(request, upload):
    """Extra context for the upload page's job controls. A job whose worker died is found here too (one cheap
    query), so the page stops saying "Importing" within a minute even if no worker restarts; `upload` is
    refreshed in place when that changes it."""
    if upload.status == Upload.Status.RUNNING and upload.pk in leases.interrupt_dead_jobs():
        upload.refresh_from_db()
    can_run = request.user.has_perm(Perm.UPLOAD)
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


@requires(Perm.UPLOAD, methods=("POST",))
def upload_cancel(request, pk):
    def cancel(upload):
        leases.interrupt_dead_jobs()  # a job whose worker died cannot act on a cancel: it is interrupted instead
        return leases.cancel(actor=request.user, upload=upload)

    return act_on_upload(request, pk, cancel, lambda upload: "Cancelling the import: it stops within a few seconds"
                         if upload.status == Upload.Status.RUNNING else "The import was cancelled")


@requires(Perm.UPLOAD, methods=("POST",))
def upload_retry(request, pk):
    return act_on_upload(request, pk, lambda upload: leases.retry(actor=request.user, upload=upload),
                         lambda result: "The import has started again")
