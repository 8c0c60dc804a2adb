"""A QA lead's button on an upload page (cancel, retry, publish, discard): one way to run it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from .models import Upload


def act_on_upload(request, pk, action, success):
    """Run `action(upload)` (a service); flash its refusal, or `success(result)`; back to the upload page."""
    upload = get_object_or_404(Upload, pk=pk)
    try:
        result = action(upload)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, success(result))
    return redirect("datasets:upload_detail", pk)
