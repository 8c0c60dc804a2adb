from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from triangulate.core.views.common import attach_errors
from triangulate.core.views.decorators import requires
from triangulate.people.selectors import the_council

from . import services
from .forms import UploadForm
from .models import Upload


@requires("datasets.view_uploads")
def upload_list(request):
    return render(request, "datasets/upload_list.html", {
        "title": "Data uploads", "uploads": Upload.objects.select_related("uploaded_by")[:100],
        "can_upload": request.user.has_perm("datasets.upload")})


@requires("datasets.upload", methods=("GET", "POST"))
def upload_create(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.start_annex_a_import(
                actor=request.user, council=the_council(), source=form.cleaned_data["file"],
                original_name=form.cleaned_data["file"].name, extract_date=form.cleaned_data["extract_date"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Upload received: the import has started")
            return redirect("datasets:upload_detail", upload.pk)
    return render(request, "datasets/upload_form.html", {"title": "Upload an Annex A extract", "form": form})


@requires("datasets.view_uploads")
def upload_detail(request, pk):
    upload = get_object_or_404(Upload, pk=pk)
    issues = upload.issues.all()[:500]
    return render(request, "datasets/upload_detail.html", {
        "title": str(upload), "upload": upload, "issues": issues, "issue_count": upload.issues.count(),
        "row_counts": sorted((int(k), v) for k, v in upload.row_counts.items())})
