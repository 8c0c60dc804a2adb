"""Reading uploads (the apps above read them through here or through their own selectors)."""

from .models import Upload


def latest_published():
    """The most recent published upload (latest extract date, then latest upload), or None: the extract
    whose figures the pages show."""
    return Upload.objects.filter(status=Upload.Status.SUCCEEDED).order_by("-extract_date", "-id").first()
