"""Assessments (Annex A list 4): see kpis.md, section "Assessments (list 4)".

Choices where kpis.md leaves room (each is repeated in the definition it affects):
- Every KPI counts rows (assessments), not distinct children.
- A blank Date of Authorisation means "not yet authorised"; an unreadable one cannot be placed, so the
  row is left out of every KPI here and counted in `excluded` (of `assessments_open_over_45wd` only when
  the assessment had started by the period's end).
- Timeliness and median: the cohort is the completed assessments with a start date whose working
  days can be computed (both dates inside the shipped calendar, 1990-2040); a row without a start date
  (or with a date outside the calendar) is left out and counted in `excluded`, never "in timescale".
  An assessment authorised *before* its start (a data error) has a negative wd; kpis.md only asks for
  a start date, so by its letter it stays in the cohort (and, wd <= 45, counts as within 45 working days).
- "Child Seen = Yes" and "requiring support = No" compare with the canonical codes "Yes"/"No"; a blank
  or "Unknown" answer counts in the denominator only; an unreadable one leaves the row out (`excluded`).
"""

from ..context import NO, YES
from ..registry import kpi, rate

SECTION = "Assessments"
LIST = 4
FLOW, SNAPSHOT = "flow", "snapshot"


def _completed(ctx):
    """Assessments with a Date of Authorisation in the period (one row per assessment and period), and
    the unplaceable ones (unreadable authorisation date) flagged `_excl`."""
    return ctx.in_period(ctx.table(LIST), "assessment_authorised", blank_is_not_done=True)


def _timed(ctx):
    """Completed assessments with `_wd` = wd(start, authorisation): None without a start date or with a
    date outside the working-day calendar."""
    return ctx.with_wd(_completed(ctx), "assessment_start", "assessment_authorised", "_wd")


@kpi("assessments_completed", "Assessments completed", "count", kind=FLOW, lists=(LIST,),
     needs=("assessment_authorised",), section=SECTION)
def assessments_completed(ctx):
    """Assessments with Date of Authorisation in the period (rows, not distinct children)."""
    return ctx.cohort(_completed(ctx), num=True)


rate("assessments_rate", "Assessments completed per 10,000 children", of="assessments_completed", annualised=True)


@kpi("assessments_within_45wd_pct", "Assessments completed within 45 working days", "pct", kind=FLOW,
     polarity="higher", lists=(LIST,), needs=("assessment_start", "assessment_authorised"), section=SECTION)
def assessments_within_45wd_pct(ctx):
    """Of completed assessments with a start date, % with wd(start, authorisation) <= 45.

    Rows without a start date (or with a date outside the working-day calendar) are left out and counted
    in `excluded`. A negative wd (authorised before the start) stays in, by the letter of kpis.md.
    """
    F = ctx.F
    return ctx.cohort(_timed(ctx), num=F.col("_wd") <= 45, den=True, excl=F.col("_wd").isNull())


@kpi("assessment_median_wd", "Median working days to complete an assessment", "median", kind=FLOW,
     polarity="lower", lists=(LIST,), needs=("assessment_start", "assessment_authorised"), section=SECTION)
def assessment_median_wd(ctx):
    """Median of wd(start, authorisation) over the cohort of `assessments_within_45wd_pct`."""
    F = ctx.F
    return ctx.cohort(_timed(ctx), num=False, den=True, val=F.col("_wd"), excl=F.col("_wd").isNull())


@kpi("assessments_child_seen_pct", "Assessments where the child was seen", "pct", kind=FLOW, polarity="higher",
     lists=(LIST,), needs=("assessment_authorised", "child_seen"), section=SECTION)
def assessments_child_seen_pct(ctx):
    """Of completed assessments, % with Child Seen = Yes (No, Unknown or blank: denominator only; an
    unreadable answer: left out, counted in `excluded`)."""
    F = ctx.F
    return ctx.cohort(_completed(ctx), num=F.col("child_seen") == YES, den=True, excl=ctx.unreadable("child_seen"))


@kpi("assessments_no_support_pct", "Assessments finding no need for social care support", "pct", kind=FLOW,
     polarity="contextual", lists=(LIST,), needs=("assessment_authorised", "assessment_needs_support"),
     section=SECTION)
def assessments_no_support_pct(ctx):
    """Of completed assessments, % where "requiring LA children's social care support" = No
    (Yes, Unknown or blank: denominator only; unreadable: left out, counted in `excluded`)."""
    F = ctx.F
    return ctx.cohort(_completed(ctx), num=F.col("assessment_needs_support") == NO, den=True,
                      excl=ctx.unreadable("assessment_needs_support"))


@kpi("assessments_open_over_45wd", "Open assessments over 45 working days", "count", kind=SNAPSHOT,
     polarity="lower", lists=(LIST,), needs=("assessment_start", "assessment_authorised"), section=SECTION)
def assessments_open_over_45wd(ctx):
    """Assessments with start <= end, no authorisation on or before end (blank or later), and
    wd(start, end) > 45. Left out and counted in `excluded`: a row without a start date (unless a
    readable authorisation on or before the end shows it finished), one started by the end whose
    authorisation date is unreadable, and one whose start is outside the working-day calendar."""
    F = ctx.F
    rows = ctx.open_at_end(ctx.table(LIST), "assessment_start", "assessment_authorised")
    rows = ctx.with_wd(rows, "assessment_start", "end", "_wd")
    return ctx.cohort(rows, num=F.col("_wd") > 45, den=F.col("_wd") > 45, excl=F.col("_wd").isNull())
