"""Publishing or discarding an extract held for review (plausibility.py held it): the QA lead's decision.

Each is a public service (core/authority.py) needing Perm.UPLOAD; it changes the upload only if it is still held (so of two
people deciding at once only one acts), and records an AuditEvent in the same transaction: the
decision exists exactly when its audit event does.

- publish: HELD -> SUCCEEDED. The pages read published extracts only, so from this moment the dashboard
  shows this extract (when it is the latest published).
- discard: HELD -> DISCARDED. Its KPI values and data issues are deleted with the status
  change; its Parquet folder once the transaction has committed (a folder left behind by a failure then
  is removed by the worker's recovery, which clears the folders of uploads not published or held). The
  profile and findings stay, so the upload's page still says why it was held. Earlier extracts and
  the figures the pages show are untouched.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from triangulate.core import audit
from triangulate.core.authority import service, user_of

from . import derived, storage
from .models import DataIssue, Upload
from .rules import Perm
from .verbs import Verb

DISCARDED = "Held for review, then discarded: its figures were never shown on any page."


def _decide(actor, upload, doing, **fields):
    """Set `fields` on the upload if it is still held (one conditional UPDATE, so of two people deciding at
    once exactly one does, on any database); the upload as it now is."""
    changed = Upload.objects.filter(pk=upload.pk, status=Upload.Status.HELD).update(
        reviewed_by=user_of(actor), reviewed_at=timezone.now(), **fields)
    current = Upload.objects.get(pk=upload.pk)
    if not changed:
        raise ValidationError(f"Only an extract held for review can be {doing}; this one is "
                              f"“{current.get_status_display()}”.")
    return current


def _checks(upload):
    """The checks that held it (names only: no child data, nothing long)."""
    return [f.get("check") for f in upload.plausibility or [] if f.get("severity") == "hold"]


@service(Perm.UPLOAD)
def publish(*, actor, upload):
    upload = _decide(actor, upload, "published", status=Upload.Status.SUCCEEDED)
    audit.record(actor, Verb.UPLOAD_PUBLISHED, upload, status=[Upload.Status.HELD, Upload.Status.SUCCEEDED],
                 extract_date=upload.extract_date, held_by=_checks(upload))
    return upload


@service(Perm.UPLOAD)
def discard(*, actor, upload):
    upload = _decide(actor, upload, "discarded", status=Upload.Status.DISCARDED, stage="Discarded", error=DISCARDED)
    for deriver in derived.derivers():
        deriver.discard(upload)
    DataIssue.objects.filter(upload=upload).delete()
    audit.record(actor, Verb.UPLOAD_DISCARDED, upload, status=[Upload.Status.HELD, Upload.Status.DISCARDED],
                 extract_date=upload.extract_date, held_by=_checks(upload))
    pk = upload.pk
    transaction.on_commit(lambda: storage.discard(pk))
    return upload
