"""Display helpers used as Jinja filters and by presenters."""

from django.conf import settings
from django.utils import timezone


def date_uk(value):
    """24 November 2026 (the GOV.UK date style)."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


def month_uk(value):
    """November 2026."""
    if not value:
        return ""
    return f"{value:%B %Y}"


def datetime_uk(value):
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y} at {value:%H:%M}"


def counted(n, one, many=None):
    """"1 child", "2 children", "0 problems": a count with its noun agreeing."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def number(value):
    """1,234 for a whole number (stored counts are floats), 1,234.5 otherwise; "" for None."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def suppress_small(value, threshold=None):
    """Counts from 1 to threshold-1 become "fewer than N" for wide audiences; 0 stays 0.

    Only for a count shown on its own: figures derived from counts (percentages, rates, tables whose
    rows add up to a total) go through `triangulate.core.disclosure`."""
    threshold = threshold or settings.TRIANGULATE["SUPPRESSION_THRESHOLD"]
    if value is None:
        return ""
    if 0 < value < threshold:
        return f"fewer than {threshold}"
    return str(value)
