"""Display helpers used as Jinja filters."""

from django.conf import settings
from django.utils import timezone


def date_uk(value):
    """24 November 2026 (the GOV.UK date style)."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


def datetime_uk(value):
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y} at {value:%H:%M}"


def suppress_small(value, threshold=None):
    """Counts from 1 to threshold-1 become "fewer than N" for wide audiences; 0 stays 0."""
    threshold = threshold or settings.TRIANGULATE["SUPPRESSION_THRESHOLD"]
    if value is None:
        return ""
    if 0 < value < threshold:
        return f"fewer than {threshold}"
    return str(value)
