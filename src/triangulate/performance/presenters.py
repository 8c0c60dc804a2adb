"""What the performance pages show, built from stored values: every figure is passed through
`core.disclosure` first (for aggregate-only roles `protect` / `protect_table`, otherwise `open_cell`),
and the templates receive only the resulting text, so they never see a raw figure for those roles."""

from dataclasses import dataclass

from django.conf import settings

from triangulate.core import disclosure
from triangulate.core.formatting import number
from triangulate.core.predicates import role_of
from triangulate.core.roles import AGGREGATES_ONLY


@dataclass(frozen=True)
class Audience:
    """Whether the reader gets disclosure control (aggregate-only roles) and at what threshold."""

    controlled: bool
    threshold: int = disclosure.THRESHOLD

    @classmethod
    def for_user(cls, user, wide=False):
        """`wide`: a copy for a wide audience (an elected members' paper) is controlled whoever reads it."""
        return cls(controlled=wide or role_of(user) in AGGREGATES_ONLY,
                   threshold=settings.TRIANGULATE.get("SUPPRESSION_THRESHOLD", disclosure.THRESHOLD))

    def cell(self, unit, figure):
        if self.controlled:
            return disclosure.protect(unit, disclosure.as_figure(figure), self.threshold)
        return disclosure.open_cell(unit, figure)

    def table(self, unit, rows, total):
        """Cells for rows that add up to `total` (shown elsewhere), and the total's cell."""
        if self.controlled:
            return disclosure.protect_table(unit, rows, disclosure.as_figure(total), self.threshold)
        return ({k: disclosure.open_cell(unit, f) for k, f in rows.items()},
                disclosure.open_cell(unit, total) if total is not None else None)


# ---- one figure as text ----------------------------------------------------------------------------

HIDDEN = "suppressed"


def value_text(cell, audience, single=True):
    """A figure's value. A hidden count on its own says "fewer than 6"; in a table every hidden cell says
    "suppressed", so the words do not tell which cell was the small one (core/disclosure.py)."""
    if cell.value_hidden:
        return disclosure.fewer_than(audience.threshold) if single and cell.unit == "count" else HIDDEN
    if cell.value is None:
        return "–"
    if cell.unit in ("pct", "ratio"):
        return f"{cell.value:.1f}%"
    if cell.unit in ("rate", "mean", "median"):
        return f"{cell.value:.1f}"
    return number(cell.value)


def of_text(cell):
    """What a percentage or ratio is of (numerator of denominator), or the cohort of an average."""
    if cell.unit in ("pct", "ratio"):
        if cell.denominator is None:
            return ""
        if cell.numerator is None:
            return f"of {number(cell.denominator)}"
        return f"{number(cell.numerator)} of {number(cell.denominator)}"
    if cell.unit in ("mean", "median") and cell.denominator is not None and cell.value is not None:
        return f"over {number(cell.denominator)}"
    return ""


def excluded_text(cell, audience, single=True):
    if cell.excluded_hidden:
        return disclosure.fewer_than(audience.threshold) if single else HIDDEN
    return number(cell.excluded) if cell.excluded else ""


def warning_text(cell, audience):
    """The coverage warning (kpis.md "Coverage"), or "" when no more than 5% of the cohort was left out."""
    if not disclosure.coverage_warning(cell, audience.threshold):
        return ""
    if cell.excluded_hidden:
        return (f"Fewer than {audience.threshold} records were left out of this figure for a missing or unreadable "
                "value, which may be more than 5% of its cohort.")
    records = "record was" if cell.excluded == 1 else "records were"
    return (f"{number(cell.excluded)} {records} left out of this figure for a missing or unreadable value: "
            "more than 5% of its cohort.")


def shown(cell, audience, single=True):
    warning = warning_text(cell, audience)
    return {"value": value_text(cell, audience, single), "of": of_text(cell),
            "excluded": excluded_text(cell, audience, single), "warning": warning,
            "warning_tag": ("May be over 5%" if cell.excluded_hidden else "Over 5%") if warning else "",
            "hidden": cell.value_hidden,
            # the value itself for charts: None when hidden (a disclosed Cell holds no hidden value)
            "number": None if cell.value_hidden else cell.value}


def number_as_shown(value):
    """A shown figure as a number, for a download's "Number" column beside the page's text: rounded as
    value_text writes it (85.7 for "85.7%", 12.5 for a rate's "12.5", 1234 for "1,234"), so a download
    says no more than the page; whole numbers as int, so a spreadsheet and a CSV write them alike.
    `value`: a shown cell's "number" (None when hidden or missing, and then None)."""
    if value is None:
        return None
    rounded = float(f"{value:.1f}")
    return int(rounded) if rounded.is_integer() else rounded


def england_text(spec, england):
    if england is None:
        return ""
    return f"{england.value:g}%" if spec.unit in ("pct", "ratio") else f"{england.value:g}"


def benchmark_text(spec, value, computed=False):
    """A comparator's figure: a published one as given (85.7%), a computed average (the statistical
    neighbours') to one decimal."""
    text = f"{value:.1f}" if computed else f"{value:g}"
    return f"{text}%" if spec.unit in ("pct", "ratio") else text
