"""The review of an extract held as implausible: its findings and headline figures beside the published
ones on the upload page (datasets/_review.html), and the QA lead's publish and discard buttons."""

from triangulate.core.formatting import date_uk
from triangulate.core.views.decorators import requires

from . import derived, review_services, selectors
from .models import Upload
from .plausibility import HOLD
from .rules import Perm
from .upload_actions import act_on_upload


def review_context(request, upload):
    """Extra context for the upload page's review panel: None unless the extract is or was held. The
    figures beside the published ones come from the apps that derive them (derived.py: performance)."""
    held = upload.status == Upload.Status.HELD
    findings = upload.plausibility or []
    if not held and upload.reviewed_at is None:
        return {"review": None}
    figures = {}
    if held:
        for deriver in derived.derivers():
            if deriver.review is not None:
                figures.update(deriver.review(upload, request.user))
    return {"review": {
        "held": held, "discarded": upload.status == Upload.Status.DISCARDED,
        "holds": [f for f in findings if f.get("severity") == HOLD],
        "notes": [f for f in findings if f.get("severity") != HOLD],
        "reviewed_by": upload.reviewed_by, "reviewed_at": upload.reviewed_at,
        "can_review": held and request.user.has_perm(Perm.UPLOAD),
        **figures,
    }}


@requires(Perm.UPLOAD, methods=("POST",))
def upload_publish(request, pk):
    def published(upload):
        latest = selectors.latest_published()
        return ("Extract published: the pages now show its figures" if latest == upload else
                f"Extract published; the pages still show the later extract of {date_uk(latest.extract_date)}")

    return act_on_upload(request, pk, lambda upload: review_services.publish(actor=request.user, upload=upload),
                         published)


@requires(Perm.UPLOAD, methods=("POST",))
def upload_discard(request, pk):
    return act_on_upload(request, pk, lambda upload: review_services.discard(actor=request.user, upload=upload),
                         lambda result: "Extract discarded: the pages still show the figures they showed before")
