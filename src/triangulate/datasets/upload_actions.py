"""A QA lead's button on an upload page (cancel, retry, publish, discard): one way to run it."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from triangulate.core.views.forms import service_action

from .models import Upload


def act_on_upload(request, pk, action, success):
    """Run `action(upload)` (a service); flash its refusal, or `success(result)`; back to the upload page."""
    upload = get_object_or_404(Upload, pk=pk)
    return service_action(request, lambda: action(upload), success_message=success,
                          redirect_to=reverse("datasets:upload_detail", args=[pk]))
