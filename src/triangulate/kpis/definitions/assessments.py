"""Assessments (Annex A list 4): see kpis.md, section "Assessments (list 4)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- Every KPI counts rows (assessments), not distinct children.
- Timeliness and median: the cohort is the completed assessments with a start date whose working
  days can be computed (both dates inside the shipped calendar, 1990-2040); any other row is left
  out of the cohort, never counted "in timescale". An assessment authorised *before* its start
  (a data error) has a negative wd; kpis.md only asks for a start date, so by its letter it stays
  in the cohort (and, wd <= 45, counts as within 45 working days).
- "Child Seen = Yes" and "requiring support = No" compare with the normalised codes "Yes"/"No";
  "Unknown" or empty counts in the denominator but not the numerator.
"""

from ..context import NO, YES
from ..registry import kpi, rate

SECTION = "Assessments"
LIST = 4


def _completed(ctx):
    """Assessments with a Date of Authorisation in the period (one row per assessment and period)."""
    return ctx.in_period(ctx.table(LIST), "assessment_authorised")


def _timed(ctx):
    """Completed assessments with a start date, with `_wd` = wd(start, authorisation); rows whose wd
    cannot be computed (missing start, or a date outside the working-day calendar) are dropped."""
    F = ctx.F
    rows = _completed(ctx).where(F.col("assessment_start").isNotNull())
    rows = ctx.with_wd(rows, "assessment_start", "assessment_authorised", "_wd")
    return rows.where(F.col("_wd").isNotNull())


@kpi("assessments_completed", "Assessments completed", "count", lists=(LIST,), section=SECTION)
def assessments_completed(ctx):
    """Assessments with Date of Authorisation in the period (rows, not distinct children)."""
    return ctx.cohort(_completed(ctx), num=True)


rate("assessments_rate", "Assessments completed per 10,000 children", of="assessments_completed", annualised=True)


@kpi("assessments_within_45wd_pct", "Assessments completed within 45 working days", "pct", polarity="higher",
     lists=(LIST,), section=SECTION)
def assessments_within_45wd_pct(ctx):
    """Of completed assessments with a start date, % with wd(start, authorisation) <= 45.

    Rows without a start date (or with a date outside the working-day calendar) are left out.
    A negative wd (authorised before the start) stays in, by the letter of kpis.md.
    """
    F = ctx.F
    rows = _timed(ctx)
    return ctx.cohort(rows, num=F.col("_wd") <= 45, den=True)


@kpi("assessment_median_wd", "Median working days to complete an assessment", "median", polarity="lower",
     lists=(LIST,), section=SECTION)
def assessment_median_wd(ctx):
    """Median of wd(start, authorisation) over the cohort of `assessments_within_45wd_pct`."""
    F = ctx.F
    rows = _timed(ctx)
    return ctx.cohort(rows, num=False, den=True, val=F.col("_wd"))


@kpi("assessments_child_seen_pct", "Assessments where the child was seen", "pct", polarity="higher",
     lists=(LIST,), section=SECTION)
def assessments_child_seen_pct(ctx):
    """Of completed assessments, % with Child Seen = Yes (No, Unknown or empty: not in the numerator)."""
    F = ctx.F
    return ctx.cohort(_completed(ctx), num=F.col("child_seen") == YES, den=True)


@kpi("assessments_no_support_pct", "Assessments finding no need for social care support", "pct",
     polarity="contextual", lists=(LIST,), section=SECTION)
def assessments_no_support_pct(ctx):
    """Of completed assessments, % where "requiring LA children's social care support" = No
    (Yes, Unknown or empty: in the denominator only)."""
    F = ctx.F
    return ctx.cohort(_completed(ctx), num=F.col("assessment_needs_support") == NO, den=True)


@kpi("assessments_open_over_45wd", "Open assessments over 45 working days", "count", polarity="lower",
     lists=(LIST,), section=SECTION)
def assessments_open_over_45wd(ctx):
    """Assessments with start <= end, no authorisation on or before end (empty or later), and
    wd(start, end) > 45. Rows without a start date are left out."""
    F = ctx.F
    rows = ctx.open_at_end(ctx.table(LIST), "assessment_start", "assessment_authorised")
    rows = ctx.with_wd(rows, "assessment_start", "end", "_wd").where(F.col("_wd") > 45)
    return ctx.cohort(rows, num=True)
