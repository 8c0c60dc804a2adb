"""The review of an extract held as implausible: its findings and headline figures beside the published
ones on the upload page (datasets/_review.html), and the QA lead's publish and discard buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from triangulate.core.formatting import date_uk
from triangulate.core.views.decorators import requires
from triangulate.kpis.registry import all_kpis
from triangulate.performance import presenters, selectors

from . import review_services
from .models import Upload
from .plausibility import HOLD

# One measure a section of the dashboard (kpis.md order): enough to see at a glance whether the held
# extract tells the council's story as the published one does, short enough to read before deciding.
HEADLINE_KPIS = ("contacts", "referrals", "rereferral_pct", "assessments_within_45wd_pct", "s47_enquiries",
                 "cin_open", "cp_open", "cla_open", "cl_19_21", "adoption_orders")


def review_context(request, upload):
    """Extra context for the upload page's review panel: None unless the extract is or was held."""
    held = upload.status == Upload.Status.HELD
    findings = upload.plausibility or []
    if not held and upload.reviewed_at is None:
        return {"review": None}
    return {"review": {
        "held": held, "discarded": upload.status == Upload.Status.DISCARDED,
        "holds": [f for f in findings if f.get("severity") == HOLD],
        "notes": [f for f in findings if f.get("severity") != HOLD],
        "reviewed_by": upload.reviewed_by, "reviewed_at": upload.reviewed_at,
        "can_review": held and request.user.has_perm("datasets.upload"),
        **(headline(upload, request.user) if held else {}),
    }}


def headline(upload, user):
    """The held extract's headline figures (12 months to its date) beside the published latest's, as the
    dashboard would show them to this user (the same disclosure control)."""
    audience = presenters.Audience.for_user(user)
    published = selectors.latest_upload()
    held_values = selectors.year_values(upload)
    published_values = selectors.year_values(published) if published is not None else {}
    specs = all_kpis()
    rows = []
    for kpi_id in HEADLINE_KPIS:
        spec = specs.get(kpi_id)
        if spec is None:
            continue
        rows.append({"title": spec.title,
                     "held": presenters.value_text(audience.cell(spec.unit, held_values.get(kpi_id)), audience),
                     "published": presenters.value_text(audience.cell(spec.unit, published_values.get(kpi_id)),
                                                        audience) if published is not None else ""})
    return {"published": published, "headline": rows}


@requires("datasets.upload", methods=("POST",))
def upload_publish(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    try:
        upload = review_services.publish(actor=request.user, upload=upload)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        latest = selectors.latest_upload()
        messages.success(request, "Extract published: the pages now show its figures" if latest == upload else
                         f"Extract published; the pages still show the later extract of {date_uk(latest.extract_date)}")
    return redirect("datasets:upload_detail", pk)


@requires("datasets.upload", methods=("POST",))
def upload_discard(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    try:
        review_services.discard(actor=request.user, upload=upload)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Extract discarded: the pages still show the figures they showed before")
    return redirect("datasets:upload_detail", pk)
